# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Apply an SSE sync plan as a transaction: the server ends up running the declared set, or what it ran before.

SSEs take effect only when an extension server restart succeeds. So:
- before anything is stored or deleted, a pending restart is recorded in the state file, and it
  is cleared only by a restart that SUCCEEDED: a run that dies halfway leaves it for the next run;
- once anything was stored, a later failure still restarts (or rolls back) before the task fails,
  unless the server cannot be reached, and then the message says how to finish;
- with rollback on, a restart that ends FAILED or CANCELED puts back what the run replaced, deletes
  what it added, re-uploads what it purged (from backups taken before each change), and restarts
  again. A restart that only times out is not rolled back: it may still succeed.
"""

from __future__ import annotations

import os

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._sse.backup import backup_sse
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError, UploadRejected, WaitError
from ansible_collections.commerce.admin.plugins.module_utils._sse.facts import check_stored, delete_and_relist, sse_facts
from ansible_collections.commerce.admin.plugins.module_utils._sse.state import SyncStateError
from ansible_collections.commerce.admin.plugins.module_utils._waiting import FAILED_STATES, NO_WORK_REQUEST, wait_for_work_request

HOW_TO_FINISH = ("a restart is pending (recorded in %s): run the task again, which restarts first, "
                 "or restart with commerce.admin.server_restart")


def unreachable(exc):
    """The server could not be reached at all (no HTTP answer): nothing more can be sent."""
    return isinstance(exc, CommerceApiError) and exc.status is None


def nothing_done(exc):
    """The server said the request changed nothing: a documented rejection or a 4xx. A lost answer or
    a 5xx leaves it open whether the change landed, so it counts as done."""
    return isinstance(exc, UploadRejected) or (isinstance(exc, CommerceApiError) and exc.status is not None and 400 <= exc.status < 500)


class SyncTransaction:
    """Applies the changes of one plan, settles them with one restart, and undoes them if that restart fails."""

    def __init__(self, client, state, environment_type, params, backup_directory, warn):
        self.client = client
        self.state = state
        self.env = environment_type
        self.params = params
        self.backup_directory = backup_directory
        self.warn = warn
        self.applied = []     # (action, name, backup path or None), in the order they landed
        self.backups = {}     # name -> backup path
        self.uncertain = []   # names whose request got no usable answer: changed or not, nobody knows
        # What was owed before this run: undoing the run's changes brings that back, nothing more.
        self.owed_before = state.pending_restart(environment_type)
        self.report = {"restored": [], "rolled_back": False, "work_request_id": None, "restart_status": None, "restarts": []}

    # The state file

    def save_state(self):
        try:
            self.state.save()
        except SyncStateError as exc:
            self.warn("%s: remembered checksums and pending restarts are not kept for the next run" % exc)

    def owe_restart(self, reason, names):
        self.state.set_pending_restart(self.env, reason, names)
        self.save_state()

    def forgive(self):
        """Nothing was changed after all: owe no more restarts than before the run."""
        if self.owed_before is None and self.state.pending_restart(self.env) is not None:
            self.state.clear_pending_restart(self.env)
            self.save_state()

    # Applying the plan

    def _backup(self, name):
        if self.params["rollback"] or self.params["backup"]:
            self.backups[name] = backup_sse(self.client, name, self.backup_directory, self.env)
        return self.backups.get(name)

    def apply(self, changes):
        """Upload what is added or replaced, then purge in one call; each change recorded before it is sent."""
        uploads = [step for step in changes if step.action in ("add", "replace")]
        purges = [step.name for step in changes if step.action == "purge"]
        for step in uploads:
            backup = self._backup(step.name) if step.action == "replace" else None
            self.owe_restart("SSEs were stored without a restart that SUCCEEDED since", [step.name])
            # Recorded before it is sent: an upload whose answer is lost may have landed.
            self.applied.append((step.action, step.name, backup))
            try:
                api.upload_sse(self.client, step.local.path, step.name, True, False, self.env)
            except CommerceError as exc:
                if nothing_done(exc):
                    self.applied.pop()
                else:
                    self.uncertain.append(step.name)
                raise
        if purges:
            for name in purges:
                self._backup(name)
            self.owe_restart("SSEs were deleted without a restart that SUCCEEDED since", purges)
            self._purge(purges)
        self.remember(uploads, purges)

    def _purge(self, names):
        try:
            dummy, gone, left, exc = delete_and_relist(self.client, names, False, self.env)
        except CommerceApiError:
            # The answer is lost: any of them may be gone.
            self.applied.extend(("purge", name, self.backups.get(name)) for name in names)
            self.uncertain.extend(names)
            raise
        self.applied.extend(("purge", name, self.backups.get(name)) for name in gone)
        if left:
            raise CommerceError("could not purge %s (%s)" % (", ".join(left), exc), facts={"error": exc.as_dict()})

    def remember(self, uploads, purges):
        """One listing after the changes: check every upload landed, and remember its checksum with the local digests."""
        listed = {item.get("name"): sse_facts(item) for item in api.list_sses(self.client, self.env)}
        for step in uploads:
            stored = listed.get(step.name)
            check_stored(step.name, stored, step.local.size)
            if isinstance(stored["size"], int) and stored["checksum"] is not None:
                local = step.local
                self.state.remember(self.env, step.name, stored["size"], stored["checksum"], local.sha256, local.content_digest, local.manifest)
        for name in purges:
            self.state.forget(self.env, name)
        self.save_state()

    # Restarting

    def restart(self, why):
        """Restart once and, when `wait` is on, follow it; the pending record is cleared only when it SUCCEEDED."""
        answer = api.restart_server(self.client, self.env)
        work_request_id = answer.get("workRequestId")
        self.report.update(work_request_id=work_request_id, restart_status="ACCEPTED")
        self.report["restarts"].append({"reason": why, "work_request_id": work_request_id})
        if not work_request_id:
            raise CommerceError(NO_WORK_REQUEST)
        if not self.params["wait"]:
            pending = self.state.pending_restart(self.env) or {"reason": why, "names": []}
            self.state.set_pending_restart(self.env, pending["reason"], pending["names"], work_request_id)
            self.save_state()
            self.warn("the restart (work request %s) was not waited for: the next run checks whether it SUCCEEDED" % work_request_id)
            return
        outcome = wait_for_work_request(self.client, work_request_id, self.params["wait_timeout"], self.params["poll_interval"])
        self.report["restart_status"] = outcome["restart_status"]
        self.state.clear_pending_restart(self.env)
        self.save_state()

    def settle(self, why):
        """The run's one restart; on FAILED or CANCELED roll back when asked, on a timeout leave it pending."""
        try:
            self.restart(why)
        except WaitError as exc:
            self.report["restart_status"] = exc.result.get("restart_status")
            if self.report["restart_status"] not in FAILED_STATES:
                raise CommerceError("%s; not rolled back, because a restart that only timed out may still succeed; %s"
                                    % (exc, HOW_TO_FINISH % self.state.path), facts=dict(exc.result, **self.outcome()), changed=True) from None
            if not (self.params["rollback"] and self.applied):
                raise CommerceError("%s; the extension server may not run the declared SSEs; %s"
                                    % (exc, HOW_TO_FINISH % self.state.path), facts=dict(exc.result, **self.outcome()), changed=True) from None
            self.roll_back(exc)

    def recover(self, failure):
        """A failure after something was stored: restart (or roll back) before the task fails, when the server answers."""
        if unreachable(failure):
            changed = [name for _action, name, _backup in self.applied if name not in self.uncertain]
            maybe = " (%s may have been too: the answer was lost)" % ", ".join(self.uncertain) if self.uncertain else ""
            raise CommerceError("%s; the server cannot be reached after %s was changed%s, so nothing more was sent; %s"
                                % (failure, ", ".join(changed) or "nothing", maybe, HOW_TO_FINISH % self.state.path),
                                facts=dict(failure.fail_facts(), **self.outcome()), changed=True) from None
        if self.params["rollback"]:
            restored = self.undo()
            # Stored is what ran before (nothing was restarted), unless a restart was owed already.
            self.forgive()
            self.discard_automatic_backups()
            outcome = "the run's changes were undone (%s)" % ", ".join(restored)
        else:
            self.settle("a failure after %s was stored" % ", ".join(name for _action, name, _backup in self.applied))
            outcome = "the extension server was restarted with what was stored (restart %s)" % self.report["restart_status"]
        raise CommerceError("%s; %s" % (failure, outcome), facts=dict(failure.fail_facts(), **self.outcome()), changed=True) from None

    def outcome(self):
        """What the run did about its restart and its changes, for the task's result (failed ones too)."""
        return {key: self.report[key] for key in ("work_request_id", "restart_status", "rolled_back", "restored")}

    # Rolling back

    def undo(self):
        """Put back what the run replaced, delete what it added, re-upload what it purged; the names restored."""
        listed = {item.get("name") for item in api.list_sses(self.client, self.env)}
        for action, name, backup in reversed(self.applied):
            if action == "add":
                if name in listed:  # an upload whose answer was lost may not have landed
                    api.delete_sse(self.client, name, False, self.env)
            else:
                api.upload_sse(self.client, backup, name, True, False, self.env)
            # The remote content changed again: the next run downloads rather than trust an old checksum.
            self.state.forget(self.env, name)
            self.report["restored"].append("%s (%s)" % (name, "deleted again" if action == "add" else "put back"))
        self.applied = []
        self.report["rolled_back"] = True
        self.save_state()
        return self.report["restored"]

    def roll_back(self, failed):
        """The run's restart ended FAILED or CANCELED: undo, restart again and wait, and fail saying how that went."""
        work_request_id = self.report["work_request_id"]
        restored = self.undo()
        try:
            self.restart("rollback after the failed restart %s" % work_request_id)
        except (WaitError, CommerceApiError) as second:
            if isinstance(second, WaitError):
                self.report["restart_status"] = second.result.get("restart_status")
            raise CommerceError(
                "ROLLBACK FAILED TOO: the restart %s ended %s, the run's changes were undone (%s), and the restart after the "
                "rollback failed as well (%s). The extension server may be down: check it now. The backups are kept in %s"
                % (work_request_id, failed.result.get("restart_status"), ", ".join(restored), second,
                   self.backup_directory), facts=self.outcome(), changed=True) from None
        self.discard_automatic_backups()
        raise CommerceError(
            "the restart %s ended %s, so the run was rolled back: %s; the restart after the rollback %s, so the server runs "
            "what it ran before" % (work_request_id, failed.result.get("restart_status"), ", ".join(restored),
                                    self.report["restart_status"]), facts=self.outcome(), changed=True) from None

    def discard_automatic_backups(self):
        """Backups taken only for rollback are removed once the run succeeded (backup: true keeps them)."""
        if self.params["backup"]:
            return
        for path in self.backups.values():
            if path and os.path.exists(path):
                os.unlink(path)
        self.backups = {}
