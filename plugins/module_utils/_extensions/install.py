# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Install, reinstall, enable, disable and remove one extension.

Each public function is one action for `CommerceModule.change()`, the one write path: it runs
only outside check mode and once protection allowed it. There is no update call, so a
reinstall deactivates, deletes and installs again with the same ID, keeping the previous zip
and the settings values in the backup directory first, and putting the values back after.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._backup_files import stamp, write_chunks, write_json
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError, WaitError
from ansible_collections.commerce.admin.plugins.module_utils._extensions import ids, settings
from ansible_collections.commerce.admin.plugins.module_utils._extensions.facts import NOT_FOUND, extension_facts, set_enabled as _set_enabled
from ansible_collections.commerce.admin.plugins.module_utils._extensions.identity import slug, upload_path
from ansible_collections.commerce.admin.plugins.module_utils._extensions.manifest import copy_with_id
from ansible_collections.commerce.admin.plugins.module_utils._extensions.plan import LOSSES
from ansible_collections.commerce.admin.plugins.module_utils._waiting import poll

# Well under the documented limit of 1 GB per segment: in practice one segment, as every public client sends.
SEGMENT_SIZE = 512 * 1024 * 1024
DONE, RUNNING = "SUCCEEDED", "IN_PROGRESS"


class Waiting:
    """How long to wait for the listing to show what a call did (the wait option group)."""

    def __init__(self, wait=True, timeout=600, interval=2.0):
        self.wait, self.timeout, self.interval = wait, timeout, interval


def listed(client, extension_id):
    """The listing facts of the extension with `extension_id`, or None when none is installed."""
    item = next((item for item in api.list_extensions(client) if item.get("repositoryId") == extension_id), None)
    return extension_facts(item) if item is not None else None


def _until_listed(client, extension_id, expected, what, waiting):
    """Re-list until `expected(facts)` holds; the facts. WaitError (changed) when it does not in time."""
    def read(_elapsed):
        facts = listed(client, extension_id)
        return (DONE if expected(facts) else RUNNING), {"extension": facts}

    if not waiting.wait:
        status, result = read(0)
        if status == DONE:
            return result["extension"]
        raise WaitError("the server accepted %s but the listing does not show it (wait is false)" % what, result, changed=True)
    try:
        return poll(client, read, what, waiting.timeout, waiting.interval)["extension"]
    except WaitError as exc:
        raise WaitError("the server accepted %s but the listing does not show it: %s" % (what, exc), exc.result, changed=True) from None


def _segments(size):
    return max(1, -(-size // SEGMENT_SIZE))


def start_upload(client, file_name, size):
    """Open an upload of `size` bytes into the file store as /extensions/<file_name>; (token, segments, indexes to send)."""
    filename = upload_path(file_name)
    segments = _segments(size)
    answer = api.start_file_upload(client, filename, segments)
    token = answer.get("token")
    if not token:
        raise CommerceError("the file store accepted the upload of %s but gave no token to send it with: %r" % (filename, answer))
    needed = answer.get("segmentsNeeded")
    return token, segments, needed if isinstance(needed, list) and needed else list(range(segments))


def send_zip(client, upload, path, size, file_name):
    """Send the zip at `path` (`size` bytes), in streamed base64 segments, through the upload `start_upload` opened."""
    token, dummy_segments, indexes = upload
    for index in indexes:
        offset = index * SEGMENT_SIZE
        api.upload_file_segment(client, token, upload_path(file_name), path, index, offset, min(SEGMENT_SIZE, size - offset))


def _prepared_upload(client, local, name, extension_id, workdir):
    """(extension ID, the copy with it written in, the open upload). The upload's token does not depend on the ID, so it
    is asked for while the ID is generated and the copy written: one round trip instead of two."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        opening = pool.submit(start_upload, client, local.upload_name, os.path.getsize(local.path))
        if extension_id is None:
            extension_id = ids.create(client, name)
        path = copy_with_id(local.path, os.path.join(workdir, local.upload_name), extension_id)
        upload = opening.result()
    size = os.path.getsize(path)
    if upload[1] != _segments(size):
        # The ID moved the size across a segment boundary: open the upload again with the count the copy needs.
        upload = start_upload(client, local.upload_name, size)
    return extension_id, path, size, upload


def _install(client, local, name, extension_id, workdir, waiting, warn):
    """Upload a copy of the declared zip with `extension_id` written in, createExtension, and read it back."""
    extension_id, path, size, upload = _prepared_upload(client, local, name, extension_id, workdir)
    send_zip(client, upload, path, size, local.upload_name)
    for warning in api.create_extension(client, local.upload_name):
        warn("the server installed %s with a warning: %s" % (name, warning))

    def installed(facts):
        return facts is not None and facts["enabled"] and (facts["zip_path"] or "").endswith(local.upload_name)

    return extension_id, _until_listed(client, extension_id, installed, "the install of %s" % name, waiting)


def install(client, local, name, extension_id, workdir, waiting, warn, enabled=True):
    """Install the declared extension (an ID is generated first when the instance has none); its result."""
    extension_id, facts = _install(client, local, name, extension_id, workdir, waiting, warn)
    if not enabled:
        facts = set_enabled(client, extension_id, False, waiting)
    return {"extension_id": extension_id, "extension": facts}


def set_enabled(client, extension_id, enabled, waiting):
    """Activate or deactivate an installed extension; its listing facts after."""
    _set_enabled(client, extension_id, enabled)
    return _until_listed(client, extension_id, lambda facts: facts is not None and facts["enabled"] == enabled,
                         "%s of %s" % ("the activation" if enabled else "the deactivation", extension_id), waiting)


def _delete(client, installed, waiting):
    """Deactivate when enabled (never an inactive one: 91020), then delete (an active one answers 91018)."""
    if installed["enabled"]:
        _set_enabled(client, installed["id"], False)
    try:
        api.delete_extension(client, installed["id"])
    except CommerceApiError as exc:
        if not (exc.status == 404 or exc.error_code == NOT_FOUND):
            raise
    _until_listed(client, installed["id"], lambda facts: facts is None, "the delete of %s" % installed["id"], waiting)


def keep_previous(client, name, installed, directory, ids_defined_now):
    """Keep the installed zip and the values of the settings it (or the new version) defines; the backup's facts."""
    stem = "%s.version-%s.%s" % (slug(name), installed.get("version") or "unknown", stamp())
    if not installed.get("zip_path"):
        raise CommerceError("the listing names no zipPath for %s: its zip cannot be kept, so it is not deleted" % installed["id"])
    try:
        zip_file = write_chunks(api.download_extension_zip(client, installed["zip_path"]), directory, stem + ".zip")
    except CommerceApiError as exc:
        raise CommerceError("cannot keep a copy of the installed %s (%s): without it there is no way back, so nothing was changed"
                            % (name, exc), facts={"error": exc.as_dict()}) from None
    defined = sorted(set(settings.settings_ids(zip_file)) | set(ids_defined_now))
    values = settings.read_values(client, defined, settings.site_ids(client)) if defined else {}
    values_file = write_json({"extension_id": installed["id"], "settings": values}, directory, stem + ".settings.json")
    return {"backup_file": zip_file, "settings_backup_file": values_file, "settings": values}


def _after_delete_failed(name, installed, kept, exc):
    version = installed.get("version") or "unknown"
    how = ("to put version %s back, run commerce.admin.extension with src: %s and name: %s (it holds the same extension ID); "
           "the settings values it had are in %s" % (version, kept["backup_file"], name, kept["settings_backup_file"]))
    facts = dict(exc.fail_facts(), backup_file=kept["backup_file"], settings_backup_file=kept["settings_backup_file"],
                 extension=None, state="absent")
    return CommerceError("reinstall of %s failed after the installed version was deleted: the extension is now absent "
                         "from the instance (%s); %s" % (name, exc, how), facts=facts, changed=True)


def reinstall(client, local, name, installed, workdir, backup_dir, waiting, warn, enabled=True):
    """Keep the previous version, delete it, install the declared one with the same ID, restore the settings values."""
    new_ids = settings.settings_ids(local.path)
    kept = keep_previous(client, name, installed, backup_dir, new_ids)
    _delete(client, installed, waiting)
    try:
        extension_id, facts = _install(client, local, name, installed["id"], workdir, waiting, warn)
        restored, dropped = settings.restore_values(client, kept["settings"], new_ids)
        if not enabled:
            facts = set_enabled(client, extension_id, False, waiting)
    except CommerceError as exc:
        raise _after_delete_failed(name, installed, kept, exc) from None
    lost = [LOSSES] + ["the values of %s (the new version no longer defines it)" % label for label in dropped]
    return {"extension_id": extension_id, "extension": facts, "backup_file": kept["backup_file"],
            "settings_backup_file": kept["settings_backup_file"], "restored_settings": restored, "lost": lost}


def remove(client, name, installed, backup_dir, waiting, warn):
    """Deactivate and delete; with `backup_dir`, keep the zip and the settings values first."""
    result = {"extension_id": installed["id"], "extension": None, "lost": [LOSSES]}
    if backup_dir:
        kept = keep_previous(client, name, installed, backup_dir, ())
        result.update(backup_file=kept["backup_file"], settings_backup_file=kept["settings_backup_file"])
    _delete(client, installed, waiting)
    return result
