# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Extensions: the collection's shape of a listing item, and finding one by id or name."""

from __future__ import annotations

import difflib

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, LookupFailed

STATE_ENABLED = "enabled"
# The API's op for each desired state.
OPS = {"enabled": "activate", "disabled": "deactivate"}
# Error codes of the extension lifecycle (docs/api-model.md): deactivating an inactive one, an unknown id.
ALREADY_INACTIVE = "91020"
NOT_FOUND = "91017"


def set_enabled(client, extension_id, enabled):
    """Activate or deactivate; False when a deactivation found the extension inactive already (91020), else True."""
    try:
        api.process_extension(client, extension_id, "activate" if enabled else "deactivate")
    except CommerceApiError as exc:
        if exc.error_code == ALREADY_INACTIVE and not enabled:
            return False
        raise
    return True


def extension_facts(item):
    return {
        "id": item.get("repositoryId"),
        "name": item.get("name"),
        "enabled": bool(item.get("enabled")),
        "version": item.get("version"),
        "zip_path": item.get("zipPath"),
        "origin": item.get("origin"),
        "creation_time": item.get("creationTime"),
        "modification_time": item.get("modificationTime"),
        "installed_time": item.get("installedTime"),
    }


def did_you_mean(wanted, known):
    """'; did you mean ...?' naming the known values closest to a mistyped one, or nothing."""
    close = difflib.get_close_matches(wanted, sorted({value for value in known if isinstance(value, str)}), n=3)
    return "; did you mean %s?" % " or ".join(repr(value) for value in close) if close else ""


def find_extension(items, extension_id=None, name=None):
    """The one extension with that id, or the one called `name`; LookupFailed otherwise."""
    if extension_id is not None:
        matches = [item for item in items if item.get("repositoryId") == extension_id]
        if not matches:
            raise LookupFailed("extension not found: no extension has id %s%s"
                               % (extension_id, did_you_mean(extension_id, [item.get("repositoryId") for item in items])))
        return matches[0]
    matches = [item for item in items if item.get("name") == name]
    if not matches:
        raise LookupFailed("extension not found: no extension is called %r%s" % (name, did_you_mean(name, [item.get("name") for item in items])))
    if len(matches) > 1:
        ids = ", ".join(sorted(str(item.get("repositoryId")) for item in matches))
        raise LookupFailed("extension name %r is ambiguous: %d extensions have it (ids %s); give id instead" % (name, len(matches), ids))
    return matches[0]


def filter_extensions(items, extension_id=None, name=None):
    return [item for item in items
            if (extension_id is None or item.get("repositoryId") == extension_id) and (name is None or item.get("name") == name)]
