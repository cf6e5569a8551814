# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an SSE sync did, as result fields and as the one failure message, both from the same record.

Pipelines parse the result and people read the message: both are built here, from what the run
saw last (the stored set, the restart record, the running set), never from what it meant to do.
"""

from __future__ import annotations

HOW_TO_FINISH = "run the task again (it finishes what is owed first), or restart with commerce.admin.server_restart"


def _names(names):
    return ", ".join(sorted(names))


class Ledger:
    """The changes of one run that are in effect, what was undone, and the restarts made or followed."""

    def __init__(self):
        self.added = []
        self.replaced = []
        self.purged = []
        self.unconfirmed = []   # sent, but the answer was lost: changed or not, nobody knows
        self.never_sent = []
        self.rejected = []      # sent and refused by the server: nothing changed
        self.restored = []      # "name (deleted again)" / "name (put back)"
        self.rolled_back = False
        self.restarts = []      # {"reason", "work_request_id", "restart_status"}
        self.stored = None      # names the server stores, as last listed; None when it could not be listed
        self.running = None     # names the server runs, when known
        # "declared"; "previous" (the set that ran before the run); "assumed" (nothing owed, so what is stored, unconfirmed);
        # "listed" (`running`, no more); None: not known.
        self.runs = None

    @property
    def in_effect(self):
        return self.added + self.replaced + self.purged + self.unconfirmed

    def landed(self, action, name):
        {"add": self.added, "replace": self.replaced, "purge": self.purged}[action].append(name)

    def undone(self, name, how):
        for names in (self.added, self.replaced, self.purged, self.unconfirmed):
            if name in names:
                names.remove(name)
        self.restored.append("%s (%s)" % (name, how))

    def restart(self, reason, work_request_id, status):
        self.restarts.append({"reason": reason, "work_request_id": work_request_id, "restart_status": status})

    @property
    def last_restart(self):
        return self.restarts[-1] if self.restarts else {"work_request_id": None, "restart_status": None}

    def result(self, pending):
        """The result fields: the final state of the run, agreeing with `failure_message`."""
        last = self.last_restart
        return {"added": sorted(self.added), "replaced": sorted(self.replaced), "purged": sorted(self.purged),
                "unconfirmed": sorted(self.unconfirmed), "never_sent": sorted(self.never_sent), "rejected": sorted(self.rejected),
                "restored": list(self.restored), "rolled_back": self.rolled_back,
                "work_request_id": last["work_request_id"], "restart_status": last["restart_status"],
                "restarts": [dict(restart) for restart in self.restarts], "pending_restart": pending,
                "stored": sorted(self.stored) if self.stored is not None else None,
                "running": sorted(self.running) if self.running is not None else None}

    def _running_words(self):
        if self.runs == "declared":
            return "the server runs the declared set"
        if self.running is None:
            return "which set the server runs is not known (no restart that SUCCEEDED is remembered for this instance)"
        shown = _names(self.running) or "no SSE"
        if self.runs == "previous":
            return "the server runs the set it ran before: %s" % shown
        if self.runs == "assumed":
            return ("the server should run the set stored before this run: %s (assumed: no restart that loaded exactly "
                    "this set is remembered for this instance)" % shown)
        return "the server runs: %s" % shown

    def failure_message(self, cause, pending, state_path, note=None, log_note=None):
        """The one failure message of a sync: the cause, then what is stored, running, never sent, undone and owed;
        last `log_note`, the end of the server's error log when a restart failed."""
        parts = [str(cause)]
        if note:
            parts.append(note)
        if self.restored:
            parts.append("undone: %s" % ", ".join(self.restored))
        # What this run stored runs only once a restart of this run SUCCEEDED (a name alone says nothing of its version).
        running = self.runs == "declared"
        stored_now = self.added + self.replaced
        if stored_now:
            parts.append("%s: %s" % ("stored and running" if running else "stored, not running", _names(stored_now)))
        if self.purged:
            parts.append("%s: %s" % ("deleted and no longer running" if running else "deleted, still running", _names(self.purged)))
        if self.unconfirmed:
            parts.append("sent without an answer (may have landed): %s" % _names(self.unconfirmed))
        if self.rejected:
            parts.append("refused by the server, unchanged: %s" % _names(self.rejected))
        if self.never_sent:
            parts.append("never sent: %s" % _names(self.never_sent))
        parts.append(self._running_words())
        if pending:
            accepted = " (restart work request %s accepted)" % pending["work_request_id"] if pending.get("work_request_id") else ""
            parts.append("a restart is owed%s, recorded in %s: %s" % (accepted, state_path, HOW_TO_FINISH))
        if log_note:
            parts.append(log_note)
        return "; ".join(parts)


def summary_line(result, environment, check_mode=False):
    """One line for a person reading the play's output: what changed, the restart and how long it took."""
    would = "would " if check_mode else ""
    parts = ["%s%s %s" % (would, verb, _names(result[field])) for verb, field in (("add", "added"), ("replace", "replaced"),
                                                                                  ("purge", "purged")) if result.get(field)]
    if result.get("rolled_back"):
        parts.append("rolled back: %s" % ", ".join(result["restored"]))
    for restart in result.get("restarts") or []:
        took = " in %.1f s" % restart["elapsed"] if restart.get("elapsed") is not None else ""
        parts.append("restart %s%s (%s)" % (restart["restart_status"], took, restart["reason"]))
    if check_mode and result.get("restart_reason"):
        parts.append("would restart (%s)" % result["restart_reason"])
    return "SSEs of %s: %s" % (environment or "live", "; ".join(parts) or "unchanged, nothing to restart")
