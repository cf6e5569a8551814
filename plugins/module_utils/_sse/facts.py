# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Remote SSE state: normalising listing items and deciding whether content differs."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._local_files import sha256_chunks

ABSENT = {"state": "absent"}


def sse_facts(item):
    """The listing item in the collection's snake_case shape (None stays None)."""
    if item is None:
        return None
    return {
        "name": item.get("name"),
        "path": item.get("path"),
        "size": item.get("size"),
        "checksum": item.get("checksum"),
        "last_modified": item.get("lastModified"),
    }


def check_stored(name, stored, size):
    """The listing after an upload must show the file at the uploaded size (`stored` are its facts, or None)."""
    if stored is None or stored["size"] != size:
        raise CommerceError("upload of %s was accepted but the server lists %s afterwards" % (name, stored or "no such file"), changed=True)


def delete_and_relist(client, names, restart, environment_type=None):
    """Delete `names` in one request: (answer, gone, left, error).

    A failed call is judged by the listing afterwards, never by its answer: an absent file may
    answer 404 or 33115, and deleteFiles may delete some files and fail on others. After a failure
    `gone` and `left` say what the listing shows; a server that cannot be reached raises.
    """
    try:
        if len(names) == 1:
            return api.delete_sse(client, names[0], restart, environment_type), list(names), [], None
        return api.delete_sses(client, names, restart, environment_type), list(names), [], None
    except CommerceApiError as exc:
        if exc.status is None:
            raise
        remaining = {item.get("name") for item in api.list_sses(client, environment_type)}
        return {}, [name for name in names if name not in remaining], [name for name in names if name in remaining], exc


def remote_sha256(client, name, environment_type=None):
    """SHA-256 of the stored zip, streamed: the listing's checksum is opaque and cannot be compared."""
    return sha256_chunks(api.download_sse(client, name, environment_type))


def promotion_reason(client, preview, live):
    """Why the preview SSE must be promoted to live, or None when live has the same bytes."""
    if live is None:
        return "absent in live"
    if live["size"] != preview["size"]:
        return "size differs (live %s, preview %s bytes)" % (live["size"], preview["size"])
    if remote_sha256(client, preview["name"], "preview") != remote_sha256(client, preview["name"], "live"):
        return "content differs (same size)"
    return None
