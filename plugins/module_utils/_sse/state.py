# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Remembered remote checksums, pending restarts, the running set and how to restore it, in a small JSON file on the controller.

One file per Admin API instance (so parallel forks for different instances never share one).
The file is a cache: a missing, stale or corrupt file can only cost downloads, because a
remembered entry is trusted only while the listing shows the same size and checksum it was
remembered with. A lost pending restart would be a wrong decision (a restart never made), so
pending restarts are merged, never dropped, when two processes save at once.

Beside the cache it keeps what a rollback needs across runs (absent in files of older versions):
`running`, the set the last restart that SUCCEEDED loaded; `restore`, for each SSE changed since
then, how to bring it back to what runs (absent, or a backup of the running version), recorded
before the change is sent; and `undo`, a rollback that has begun and that the next run finishes
before anything else.

Layout (version 1)::

    {"version": 1,
     "environments": {
       "live": {"sses": {"orders.zip": {"size": 1024, "checksum": -5.79e18, "sha256": "...",
                                        "content_digest": "...", "manifest": {"index.js": "..."}}},
                "pending_restart": {"since": "2026-11-24T14:15:00+00:00", "updated": "2026-11-24T14:16:02.120551+00:00",
                                    "reason": "...", "names": ["orders.zip"], "work_request_id": null,
                                    "stored": {"orders.zip": {"size": 1024, "checksum": -5.79e18}}},
                "running": {"since": "...", "work_request_id": "...", "sses": {"orders.zip": {"size": 990, "checksum": 1.2e18}}},
                "restore": {"orders.zip": {"present": true, "backup": "/path/orders.20261124T141500.000000Z.zip", "keep": false}},
                "undo": null},
       "preview": {"sses": {}, "pending_restart": null}}}
"""

from __future__ import annotations

import copy
import datetime
import json
import os

# The path per instance, the lock and the atomic write are the ground floor's. LOCK_TIMEOUT is read when a save
# begins (so it can be shortened here); _Lock is the name this file's lock had before it moved down.
from ansible_collections.commerce.admin.plugins.module_utils._state_files import (  # noqa: F401  # pylint: disable=unused-import
    LOCK_TIMEOUT, FileLock as _Lock, StateFileError, default_path, read_text, save_merged)

FORMAT_VERSION = 1
ENVIRONMENTS = ("live", "preview")
ENTRY_KEYS = ("size", "checksum", "sha256", "content_digest", "manifest")


class SyncStateError(Exception):
    """The state file could not be written (the run's decisions stand; only the cache is lost)."""


def default_state_path(base_url):
    """`~/.ansible/commerce.admin/state/<host>_<port>.json` for `https://host[:port]` (port from the scheme when absent)."""
    return default_path(base_url, ".json")


def same_checksum(first, second):
    """Checksums as the listing gives them are equal: same JSON type and value (None is never equal)."""
    if first is None or second is None or isinstance(first, bool) or isinstance(second, bool):
        return False
    return type(first) is type(second) and first == second


def _env(environment_type):
    env = environment_type or "live"  # the API's default
    if env not in ENVIRONMENTS:
        raise ValueError("environment %r is not one of %s" % (environment_type, ", ".join(ENVIRONMENTS)))
    return env


def _now(timespec="seconds"):
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec=timespec)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _valid_entry(entry):
    if not isinstance(entry, dict) or any(key not in entry for key in ENTRY_KEYS):
        return False
    manifest = entry["manifest"]
    checksum_ok = isinstance(entry["checksum"], (int, float, str)) and not isinstance(entry["checksum"], bool)
    digests_ok = isinstance(entry["sha256"], str) and isinstance(entry["content_digest"], str)
    manifest_ok = isinstance(manifest, dict) and all(isinstance(key, str) and isinstance(value, str) for key, value in manifest.items())
    return _is_int(entry["size"]) and checksum_ok and digests_ok and manifest_ok


def _valid_restart(record):
    if record is None:
        return True
    if not isinstance(record, dict) or not isinstance(record.get("since"), str) or not isinstance(record.get("reason"), str):
        return False
    return isinstance(record.get("names"), list) and all(isinstance(name, str) for name in record["names"])


def _valid_running(record):
    if record is None:
        return True
    return isinstance(record, dict) and isinstance(record.get("since"), str) and isinstance(record.get("sses"), dict)


def _valid_restore(entry):
    if not isinstance(entry, dict) or not isinstance(entry.get("present"), bool):
        return False
    return entry.get("backup") is None or isinstance(entry.get("backup"), str)


def _valid_undo(record):
    return record is None or (isinstance(record, dict) and isinstance(record.get("since"), str) and isinstance(record.get("reason"), str))


def _empty_section():
    return {"sses": {}, "pending_restart": None, "running": None, "restore": {}, "undo": None}


def _empty():
    return {env: _empty_section() for env in ENVIRONMENTS}


def _parse(text, shown):
    """(environments, warnings) from the file's text: whatever is unusable is dropped with a warning."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        return _empty(), ["state file %s is not valid JSON (%s): ignored, it is rewritten on the next save" % (shown, exc)]
    if not isinstance(document, dict) or not isinstance(document.get("environments"), dict):
        return _empty(), ["state file %s has no environments: ignored, it is rewritten on the next save" % shown]
    if document.get("version") != FORMAT_VERSION or not _is_int(document.get("version")):
        return _empty(), ["state file %s has format version %r, this collection reads version %d: ignored, it is rewritten on the next save"
                          % (shown, document.get("version"), FORMAT_VERSION)]
    data, warnings = _empty(), []
    for env in ENVIRONMENTS:
        section = document["environments"].get(env)
        if section is None:
            continue
        sses = section.get("sses") if isinstance(section, dict) else None
        if not isinstance(sses, dict):
            warnings.append("state file %s: environment %s is malformed: ignored" % (shown, env))
            continue
        bad = sorted(name for name, entry in sses.items() if not _valid_entry(entry))
        if bad:
            warnings.append("state file %s: malformed entries ignored in %s: %s" % (shown, env, ", ".join(bad)))
        data[env]["sses"] = {name: entry for name, entry in sses.items() if name not in bad}
        if _valid_restart(section.get("pending_restart")):
            data[env]["pending_restart"] = section.get("pending_restart")
        else:
            warnings.append("state file %s: the pending restart of %s is malformed: ignored" % (shown, env))
        _parse_recovery(section, data[env], "state file %s: %s of %s" % (shown, "%s", env), warnings)
    return data, warnings


def _parse_recovery(section, target, where, warnings):
    """The running set, the restore map and an undo that has begun; each malformed part is dropped with a warning."""
    if _valid_running(section.get("running")):
        target["running"] = section.get("running")
    else:
        warnings.append((where % "the running set") + " is malformed: ignored")
    restore = section.get("restore") or {}
    if isinstance(restore, dict):
        target["restore"] = {name: entry for name, entry in restore.items() if _valid_restore(entry)}
        if len(target["restore"]) != len(restore):
            warnings.append((where % "the restore map") + " has malformed entries: ignored, a rollback cannot restore them")
    else:
        warnings.append((where % "the restore map") + " is malformed: ignored, a rollback cannot restore it")
    if _valid_undo(section.get("undo")):
        target["undo"] = section.get("undo")
    else:
        warnings.append((where % "the rollback in progress") + " is malformed: ignored")


def _read(path):
    """(environments, warnings) of the file at `path`; a missing file is empty without a warning."""
    text, warnings = read_text(path)
    return (_empty(), warnings) if text is None else _parse(text, path)


def _merge_restart(ours, theirs):
    """Our pending restart over another process's: the earliest `since`, every name, our reason."""
    if theirs is None:
        return ours
    return {"since": min(ours["since"], theirs["since"]), "updated": ours.get("updated"), "reason": ours["reason"],
            "names": sorted(set(ours["names"]) | set(theirs["names"])), "work_request_id": ours.get("work_request_id"),
            "stored": ours.get("stored")}


class SyncState:
    """The state of one Admin API instance. Build it with `SyncState.load(path)`."""

    def __init__(self, path, data=None, warnings=None):
        self.path = path
        self.warnings = list(warnings or [])
        self._data = data if data is not None else _empty()
        # What this process changed since the last save: (kind, env, name) -> value, None meaning removed.
        self._touched = {}
        # The pending restarts as last read from the file: a clear only removes a record nobody changed since.
        self._read_restarts = {env: copy.deepcopy(self._data[env]["pending_restart"]) for env in ENVIRONMENTS}

    @classmethod
    def load(cls, path, carried=None):
        """The state saved at `path`, merged with `carried` (the same document kept elsewhere, e.g. in the
        fact cache of a throw-away controller); never raises: unusable content is empty, with a warning."""
        path = os.path.expanduser(path)
        data, warnings = _read(path)
        state = cls(path, data, warnings)
        if carried is not None:
            other, more = _parse(json.dumps(carried), "carried in the facts")
            state.warnings.extend(more)
            state._adopt(other)
        return state

    def _adopt(self, other):
        """What `other` knows and the file does not: entries, an owed restart (merged), the newer running set,
        restore notes and an undo in progress. Adopted items are saved with the next save."""
        for env in ENVIRONMENTS:
            mine, theirs = self._data[env], other[env]
            for name, entry in theirs["sses"].items():
                if name not in mine["sses"]:
                    self.remember(env, name, *(entry[key] for key in ENTRY_KEYS))
            if theirs["pending_restart"] is not None:
                record = _merge_restart(theirs["pending_restart"], mine["pending_restart"])
                self._set("restart", "pending_restart", env, record)
            if theirs["running"] is not None and (mine["running"] is None or theirs["running"]["since"] > mine["running"]["since"]):
                self._set("running", "running", env, theirs["running"])
            for name, entry in theirs["restore"].items():
                self.note_restore(env, name, entry["present"], entry["backup"], entry.get("keep", False))
            if mine["undo"] is None and theirs["undo"] is not None:
                self._set("undo", "undo", env, theirs["undo"])

    def document(self):
        """The whole state as saved (the same layout as the file), to be carried elsewhere."""
        return {"version": FORMAT_VERSION, "environments": copy.deepcopy(self._data)}

    def remembered(self, environment_type, name):
        """A copy of the entry remembered for `name` (size, checksum, sha256, content_digest, manifest), or None."""
        entry = self._data[_env(environment_type)]["sses"].get(name)
        return copy.deepcopy(entry) if entry is not None else None

    def names(self, environment_type):
        return sorted(self._data[_env(environment_type)]["sses"])

    def remember(self, environment_type, name, size, checksum, sha256, content_digest, manifest):
        """Remember that the listing's (`size`, `checksum`) for `name` stands for this content."""
        entry = {"size": size, "checksum": checksum, "sha256": sha256, "content_digest": content_digest, "manifest": dict(manifest)}
        if not _valid_entry(entry):
            raise ValueError("cannot remember %s: size must be an int, checksum a number or string, the digests strings" % name)
        env = _env(environment_type)
        self._data[env]["sses"][name] = entry
        self._touched[("sse", env, name)] = copy.deepcopy(entry)

    def forget(self, environment_type, name):
        self._drop("sse", "sses", environment_type, name)

    def _drop(self, kind, section, environment_type, name):
        env = _env(environment_type)
        self._data[env][section].pop(name, None)
        self._touched[(kind, env, name)] = None

    def pending_restart(self, environment_type):
        """{"since", "reason", "names"} of a restart that is still owed, or None."""
        return copy.deepcopy(self._data[_env(environment_type)]["pending_restart"])

    def set_pending_restart(self, environment_type, reason, names, work_request_id=None, stored=None, merge=True):
        """Record that a restart is owed; an existing record keeps its `since` and gains the names.

        `work_request_id` names a restart that was requested and whose end this run may not see
        (not waited for, or the run is killed while it waits): the next run asks how it ended
        before restarting again. `stored` is what that restart loads ({name: {size, checksum}}),
        the running set once it SUCCEEDED.
        """
        env = _env(environment_type)
        # `updated` tells a record set again apart from the one another process read and may clear.
        record = {"since": _now(), "updated": _now("microseconds"), "reason": str(reason), "names": sorted(set(names)),
                  "work_request_id": work_request_id, "stored": stored}
        if merge:
            record = _merge_restart(record, self._data[env]["pending_restart"])
        elif self._data[env]["pending_restart"]:
            record["since"] = self._data[env]["pending_restart"]["since"]
        self._set("restart", "pending_restart", env, record)

    def clear_pending_restart(self, environment_type):
        """The owed restart was made. On save, a record another process set meanwhile is kept (its uploads may be newer)."""
        self._set("restart", "pending_restart", _env(environment_type), None)

    def _set(self, kind, section, env, record):
        self._data[env][section] = record
        self._touched[(kind, env, None)] = copy.deepcopy(record)

    # What runs, and how to get back to it

    def running(self, environment_type):
        """{"since", "work_request_id", "sses": {name: {size, checksum}}} loaded by the last restart that SUCCEEDED, or None."""
        return copy.deepcopy(self._data[_env(environment_type)]["running"])

    def set_running(self, environment_type, sses, work_request_id):
        """A restart SUCCEEDED loading `sses`: that is what runs, and nothing needs restoring any more."""
        env = _env(environment_type)
        self._set("running", "running", env, {"since": _now(), "work_request_id": work_request_id, "sses": copy.deepcopy(sses)})
        for name in list(self._data[env]["restore"]):
            self.restored(env, name)

    def restore_map(self, environment_type):
        """name -> {"present", "backup", "keep"}: how to bring each SSE changed since the last SUCCEEDED restart back to what runs."""
        return copy.deepcopy(self._data[_env(environment_type)]["restore"])

    def note_restore(self, environment_type, name, present, backup, keep):
        """Before `name` is changed: how to restore its running version. The first note since the last SUCCEEDED restart wins."""
        env = _env(environment_type)
        if name in self._data[env]["restore"]:
            return False
        entry = {"present": bool(present), "backup": backup, "keep": bool(keep)}
        self._data[env]["restore"][name] = entry
        self._touched[("restore", env, name)] = copy.deepcopy(entry)
        return True

    def restored(self, environment_type, name):
        """`name` is back to its running version (or its change never landed)."""
        self._drop("restore", "restore", environment_type, name)

    def undo(self, environment_type):
        """{"since", "reason"} of a rollback that has begun and is not finished, or None."""
        return copy.deepcopy(self._data[_env(environment_type)]["undo"])

    def begin_undo(self, environment_type, reason):
        env = _env(environment_type)
        self._set("undo", "undo", env, self._data[env]["undo"] or {"since": _now(), "reason": str(reason)})

    def undone(self, environment_type, name):
        """`name` was brought back by the undo in progress (so an owed restart that names it needs no restore note)."""
        env = _env(environment_type)
        record = dict(self._data[env]["undo"], done=sorted(set(self._data[env]["undo"].get("done", [])) | {name}))
        self._set("undo", "undo", env, record)

    def end_undo(self, environment_type):
        self._set("undo", "undo", _env(environment_type), None)

    def save(self):
        """Merge this process's changes into the file under a lock and replace it atomically.

        The file is re-read under the lock, so entries another process saved meanwhile are kept;
        for the keys this process touched its own values win, except that a pending restart is
        merged with another process's and only cleared when nobody changed it since it was read.
        Raises SyncStateError when the directory or file cannot be written.
        """

        def merged(text):
            # already warned about at load, or written since by a newer save
            data = _empty() if text is None else _parse(text, self.path)[0]
            self._apply(data)
            return {"version": FORMAT_VERSION, "environments": data}

        try:
            data = save_merged(self.path, merged, LOCK_TIMEOUT)["environments"]
        except StateFileError as exc:
            raise SyncStateError(str(exc)) from None
        self._data = data
        self._touched = {}
        self._read_restarts = {env: copy.deepcopy(data[env]["pending_restart"]) for env in ENVIRONMENTS}

    def _apply(self, data):
        for (kind, env, name), value in self._touched.items():
            if kind == "restart":
                data[env]["pending_restart"] = self._restart_after(env, value, data[env]["pending_restart"])
            elif kind in ("running", "undo"):
                data[env][kind] = copy.deepcopy(value)
            elif kind == "restore":
                if value is None:
                    data[env]["restore"].pop(name, None)
                else:
                    data[env]["restore"][name] = copy.deepcopy(value)
            elif value is None:
                data[env]["sses"].pop(name, None)
            else:
                data[env]["sses"][name] = copy.deepcopy(value)

    def _restart_after(self, env, ours, theirs):
        if ours is not None:
            # Nobody else changed it since this process read or saved it: ours (names removed included) stands.
            return ours if theirs == self._read_restarts[env] else _merge_restart(ours, theirs)
        if theirs is None or theirs == self._read_restarts[env]:
            return None
        self.warnings.append("state file %s: another run recorded a pending restart of %s meanwhile (%s): kept"
                             % (self.path, env, ", ".join(theirs["names"])))
        return theirs
