# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The push (or restart) sse_variables owes the running extension server, kept across runs.

Stored values reach the running server only through a push or a restart. A run that writes
records what it owes before its first write and clears it only once the push or restart
succeeded, so a run that fails or is killed in between leaves the debt to the next run, which
pays it even when it finds nothing to write. The record names variables, never a value.

It lives in a small JSON file per instance (`<host>_<port>.variables.json` beside the SSE state
files) and travels in the `commerce_admin_variables_state` fact for controllers that are thrown
away after each job. Layout (version 1)::

    {"version": 1,
     "owed": {"since": "2026-11-24T14:15:00+00:00", "updated": "2026-11-24T14:15:00.120551+00:00",
              "reason": "the push failed: ...", "names": ["PAYMENT_KEY"], "environments": ["live", "preview"]}}

`environments` are the servers that may not see the values: a push reaches both (assumed, as the
push names none), a restart the one it restarts. A restart requested without waiting (`wait: false`)
leaves the debt owed with `"restart": {"work_request_id": ..., "environments": [...]}`: the next run
asks how that restart ended, and only a SUCCEEDED one pays the debt.
"""

from __future__ import annotations

import copy
import datetime
import json
import os

from ansible_collections.commerce.admin.plugins.module_utils._state_files import StateFileError, default_path, read_text, save_merged
from ansible_collections.commerce.admin.plugins.module_utils._waiting import DONE_STATES

FORMAT_VERSION = 1
SUFFIX = ".variables.json"
FACT = "commerce_admin_variables_state"
ENVIRONMENTS = ("live", "preview")
BEGUN = "%s written at %s; the run did not see the %s succeed (it may have been killed)"


def default_variables_state_path(base_url):
    return default_path(base_url, SUFFIX)


def reached_by(mode, environment_type):
    """The environments whose running server a successful `mode` (push, restart or none) makes see the stored values."""
    if mode == "push":
        return ENVIRONMENTS
    if mode == "restart":
        return (environment_type or "live",)
    return ()


def _now(timespec="seconds"):
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec=timespec)


def _valid(record):
    if record is None:
        return True
    if not isinstance(record, dict) or not isinstance(record.get("since"), str) or not isinstance(record.get("reason"), str):
        return False
    names, environments = record.get("names"), record.get("environments")
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        return False
    return _valid_environments(environments) and _valid_restart(record.get("restart"))


def _valid_environments(environments):
    return isinstance(environments, list) and bool(environments) and all(env in ENVIRONMENTS for env in environments)


def _valid_restart(restart):
    if restart is None:
        return True
    if not isinstance(restart, dict) or not isinstance(restart.get("work_request_id"), str) or not restart["work_request_id"]:
        return False
    return _valid_environments(restart.get("environments"))


def _parse(text, shown):
    """(owed record or None, warnings); whatever is unusable is dropped with a warning."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        return None, ["state file %s is not valid JSON (%s): ignored, it is rewritten on the next save" % (shown, exc)]
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION or isinstance(document.get("version"), bool):
        version = document.get("version") if isinstance(document, dict) else None
        return None, ["state file %s has format version %r, this collection reads version %d: ignored" % (shown, version, FORMAT_VERSION)]
    if not _valid(document.get("owed")):
        return None, ["state file %s: the owed push is malformed: ignored" % shown]
    return document.get("owed"), []


def _merge(ours, theirs):
    """Two records of what is owed as one: the earliest `since`, every name and environment, our reason.

    A restart awaiting its check is kept only when both records are the same one: writes merged in
    after it was requested are not loaded by it.
    """
    if ours is None or theirs is None:
        return ours or theirs
    if ours == theirs:
        return ours
    return {"since": min(ours["since"], theirs["since"]), "updated": ours.get("updated"), "reason": ours["reason"],
            "names": sorted(set(ours["names"]) | set(theirs["names"])),
            "environments": sorted(set(ours["environments"]) | set(theirs["environments"]))}


class VariablesState:
    """What is owed on one instance. `load()` it; `owe`, `failed` and `reached` save at once (a save that fails warns)."""

    def __init__(self, path, owed=None, warnings=None, warn=None):
        self.path = path
        self.warnings = list(warnings or [])
        self._warn = warn or self.warnings.append
        self._owed = owed
        # The record as the file had it: a save clears or replaces only a record nobody changed since.
        self._read = copy.deepcopy(owed)

    @classmethod
    def load(cls, path, carried=None, warn=None):
        """The state at `path` merged with `carried` (the same document kept in a fact); never raises."""
        path = os.path.expanduser(path)
        text, warnings = read_text(path)
        owed, more = _parse(text, path) if text is not None else (None, [])
        state = cls(path, owed, warnings + more, warn)
        if carried is not None:
            other, more = _parse(json.dumps(carried), "carried in the facts")
            state.warnings.extend(more)
            state._owed = _merge(other, owed)
        return state

    def owed(self):
        """{"since", "reason", "names", "environments"} of the push or restart still owed, or None."""
        return copy.deepcopy(self._owed)

    def owed_to(self, environments):
        """The owed record when one of `environments` is owed, else None."""
        return self.owed() if self._owed is not None and set(environments) & set(self._owed["environments"]) else None

    def document(self, owed=None):
        """The state as saved, to be carried in the fact; with `owed`, as it would be with that record merged in."""
        return {"version": FORMAT_VERSION, "owed": _merge(owed, self.owed())}

    @staticmethod
    def record(summary, names, mode, environments):
        """What a run about to write owes until its push or restart succeeds."""
        since = _now()
        return {"since": since, "updated": _now("microseconds"), "reason": BEGUN % (summary, since, mode),
                "names": sorted(set(names)), "environments": sorted(environments)}

    def owe(self, record):
        """Before the first write: `record` is owed (merged with what was already owed)."""
        self._owed = _merge(record, self._owed)
        self._save()

    def failed(self, mode, cause):
        """The push or restart that would pay the debt failed: still owed, now saying why."""
        if self._owed is not None:
            self._owed = dict(self._owed, updated=_now("microseconds"), reason="the %s failed: %s" % (mode, cause))
            self._save()

    def reached(self, environments, save=True):
        """The running servers of `environments` see the stored values now (`save` false: only this run knows it)."""
        if self._owed is None or not set(environments) & set(self._owed["environments"]):
            return
        left = sorted(set(self._owed["environments"]) - set(environments))
        self._owed = dict(self._owed, updated=_now("microseconds"), environments=left) if left else None
        if self._owed is not None:
            self._owed.pop("restart", None)
        if save:
            self._save()

    def accepted(self, work_request_id, environments):
        """A restart of `environments` was accepted but not waited for: still owed until a run sees it SUCCEEDED."""
        if self._owed is not None:
            self._owed = dict(self._owed, updated=_now("microseconds"),
                              reason="a restart (work request %s) was requested without waiting for it" % work_request_id,
                              restart={"work_request_id": work_request_id, "environments": sorted(environments)})
            self._save()

    def restart_to_check(self):
        """{"work_request_id", "environments"} of a restart an earlier run requested without waiting, or None."""
        restart = (self._owed or {}).get("restart")
        return copy.deepcopy(restart) if restart else None

    def restart_ended(self, status, save=True):
        """How the restart `restart_to_check` names ended: SUCCEEDED pays the debt of its environments, anything else
        leaves it owed, saying so."""
        restart = self.restart_to_check()
        if restart is None:
            return
        if status in DONE_STATES:
            self.reached(restart["environments"], save=save)
            return
        self._owed = dict(self._owed, updated=_now("microseconds"), reason="the restart (work request %s) an earlier run requested "
                          "without waiting %s" % (restart["work_request_id"], "ended %s" % status if status else "did not end in time"))
        self._owed.pop("restart")
        if save:
            self._save()

    def _save(self):
        def merged(text):
            theirs = _parse(text, self.path)[0] if text is not None else None
            if theirs is None or theirs == self._read:
                owed = self._owed
            elif self._owed is None:
                # Another run recorded a debt since this one read the file: its writes may be newer than this push.
                self._warn("state file %s: another run recorded an owed push meanwhile (%s): kept" % (self.path, ", ".join(theirs["names"])))
                owed = theirs
            else:
                owed = _merge(self._owed, theirs)
            return {"version": FORMAT_VERSION, "owed": owed}

        try:
            self._owed = save_merged(self.path, merged)["owed"]
        except StateFileError as exc:
            self._warn("%s: the owed push is not kept in it for the next run (the %s fact still carries it)" % (exc, FACT))
            return
        self._read = copy.deepcopy(self._owed)
