# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Apply an SSE sync plan as a transaction: the server ends up running the declared set, or the set it ran.

SSEs take effect only when an extension server restart succeeds. So:
- before an SSE is stored or deleted, the state file records that a restart is owed and how to
  bring that SSE back to the version that runs (absent, or a backup of the running version); only a
  restart that SUCCEEDED clears both, and its work request id is recorded as soon as it is
  accepted, so a run killed while it waits is settled by the next one;
- the server never restarts into a set that is neither the declared one nor the one it runs: a
  failure halfway leaves the restart owed (with rollback, undoes instead), and the next run
  completes the set and restarts once;
- with rollback on, a restart that ends FAILED or CANCELED brings every SSE back to its running
  version and restarts again. The undo is recorded before its first step, and the next run
  finishes an undo that was cut short before anything else. A restart that only times out is
  not rolled back: it may still succeed.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError, UploadRejected, WaitError
from ansible_collections.commerce.admin.plugins.module_utils._logs.failed_restart import ended_badly
from ansible_collections.commerce.admin.plugins.module_utils._logs.tail import failure_log
from ansible_collections.commerce.admin.plugins.module_utils._sse.backup import backup_sse
from ansible_collections.commerce.admin.plugins.module_utils._sse.facts import check_stored, delete_and_relist, sse_facts
from ansible_collections.commerce.admin.plugins.module_utils._sse.report import Ledger
from ansible_collections.commerce.admin.plugins.module_utils._sse.state import SyncStateError
from ansible_collections.commerce.admin.plugins.module_utils._waiting import (
    DONE_STATES, FAILED_STATES, start_restart, wait_for_work_request)


EARLIER_RESTART = "an earlier run's restart"


class SyncFailed(CommerceError):
    """A sync failed after it may have changed something; its message and facts describe the final state."""


@dataclass(frozen=True)
class TransactionOptions:
    """What the transaction needs of the module's options."""

    rollback: bool = False
    backup: bool = False
    wait: bool = True
    wait_timeout: float = 600
    poll_interval: float = 5

    @classmethod
    def from_params(cls, params):
        return cls(rollback=params["rollback"], backup=params["backup"], wait=params["wait"],
                   wait_timeout=params["wait_timeout"], poll_interval=params["poll_interval"])


def unreachable(exc):
    """The server could not be reached at all (no HTTP answer): nothing more can be sent."""
    return isinstance(exc, CommerceApiError) and exc.status is None


def nothing_done(exc):
    """The server said the request changed nothing: a documented rejection or a 4xx. A lost answer or
    a 5xx leaves it open whether the change landed, so it counts as done."""
    return isinstance(exc, UploadRejected) or (isinstance(exc, CommerceApiError) and exc.status is not None and 400 <= exc.status < 500)


def _snapshot(listing):
    return {name: {"size": fact["size"], "checksum": fact["checksum"]} for name, fact in listing.items()}


class SyncTransaction:
    """Applies the changes of one plan, settles them with one restart, and undoes them if that restart fails."""

    def __init__(self, client, state, environment_type, options, backup_directory, warn):
        self.client = client
        self.state = state
        self.env = environment_type
        self.options = options
        self.backup_directory = backup_directory
        self.warn = warn
        self.ledger = Ledger()
        self.backups = {}     # name -> backup taken by this run
        self.listing = {}     # name -> listing facts, as last listed
        self.noted = []       # names whose restore note this run made
        self.spent = []       # automatic backups an undo used: removed once a restart SUCCEEDED after it
        self.owed_before = state.pending_restart(environment_type)
        # Where a failed restart's log lines start: the day before too, when the run crossed midnight (UTC).
        self.started = datetime.datetime.now(datetime.timezone.utc)

    # Reading the server

    def list(self):
        """name -> listing facts; also what the failure messages call stored, and what the server runs when nothing is owed."""
        self.listing = {fact["name"]: fact for fact in (sse_facts(item) for item in api.list_sses(self.client, self.env))}
        self.ledger.stored = sorted(self.listing)
        if self.ledger.running is None and self.state.pending_restart(self.env) is None and self.state.undo(self.env) is None:
            # Nothing is owed: the server runs what it stores. Known when the last SUCCEEDED restart loaded exactly that.
            record = self.state.running(self.env)
            self.ledger.running = sorted(self.listing)
            self.ledger.runs = "previous" if record is not None and record["sses"] == _snapshot(self.listing) else "assumed"
        return self.listing

    def _known_running(self):
        """While something is owed, the server runs the set of the last SUCCEEDED restart, when one is remembered."""
        if self.state.pending_restart(self.env) is None and self.state.undo(self.env) is None:
            return
        record = self.state.running(self.env)
        if record is not None and self.ledger.running is None:
            self.ledger.running = sorted(record["sses"])
            self.ledger.runs = "previous"

    # The state file

    def save_state(self):
        try:
            self.state.save()
        except SyncStateError as exc:
            self.warn("%s: remembered checksums and pending restarts are not kept for the next run" % exc)

    def owe_restart(self, reason, names):
        self.state.set_pending_restart(self.env, reason, names)
        self.save_state()

    def result(self):
        return self.ledger.result(self.state.pending_restart(self.env))

    def fail(self, cause, note=None):
        """The one failure path of a sync after it began: the message and the facts say the same final state."""
        pending = self.state.pending_restart(self.env)
        # A restart that did not start the server: its reason is in the server's error log (never raises).
        log = failure_log(self.client, self.env, since=self.started) if any(ended_badly(restart) for restart in self.ledger.restarts) else None
        message = self.ledger.failure_message(cause, pending, self.state.path, note, log["note"] if log else None)
        facts = dict(cause.fail_facts(), **self.result())
        if log:
            facts["restart_log"] = log["lines"]
        if self.backups and any(os.path.exists(path) for path in self.backups.values() if path):
            facts["backup_files"] = dict(self.backups)
        # Changed: something of this run is in effect, or a restart of this run left the server running another set (or an unknown one).
        restarted = any(restart["reason"] != EARLIER_RESTART for restart in self.ledger.restarts)
        changed = bool(self.ledger.in_effect) or self.ledger.runs == "declared" or (self.ledger.runs is None and restarted)
        raise SyncFailed(message, facts=facts, changed=changed) from None

    # What an earlier run left

    def follow_earlier_restart(self):
        """A restart an earlier run had accepted: ask how it ended (and wait while it runs) before deciding anything."""
        pending = self.state.pending_restart(self.env)
        work_request_id = (pending or {}).get("work_request_id")
        if not work_request_id:
            self._known_running()
            return
        # Followed to its end when it still runs; a first read that shows the end returns at once.
        try:
            status = wait_for_work_request(self.client, work_request_id, self.options.wait_timeout, self.options.poll_interval)["restart_status"]
        except WaitError as exc:
            status = exc.result.get("restart_status")
        self.ledger.restart(EARLIER_RESTART, work_request_id, status)
        if status in DONE_STATES:
            stored = pending.get("stored")
            self._restart_succeeded(stored if stored is not None else _snapshot(self.list()), work_request_id, "previous")
        else:
            # FAILED, CANCELED or still not over: still owed; this run restarts (or rolls back) itself.
            self.state.set_pending_restart(self.env, pending["reason"], pending["names"], None, pending.get("stored"))
            self.save_state()
        self._known_running()

    def unfinished_undo(self):
        """What an undo that an earlier run began still has to do, as words, or None."""
        undo = self.state.undo(self.env)
        if undo is None:
            return None
        left = sorted(self.state.restore_map(self.env))
        return "finish the rollback an earlier run began at %s (%s): %s, then restart" % (
            undo["since"], undo["reason"], ("restore " + ", ".join(left)) if left else "nothing left to restore")

    def finish_undo(self):
        """Finish an earlier run's undo and restart into the set that ran; fails loudly when it cannot."""
        undo = self.state.undo(self.env)
        self.undo_to_running(undo["reason"])
        try:
            self.restart("finishing the rollback begun at %s" % undo["since"], runs="previous")
        except CommerceError as exc:
            self.fail(exc, "the rollback of an earlier run was finished, but the restart after it did not succeed")
        return self.ledger

    # Applying the plan

    def _note_restore(self, name):
        """Before `name` changes: how to bring back the version that runs (only the first change since a SUCCEEDED restart counts)."""
        if name in self.state.restore_map(self.env):
            return
        present = name in self.listing
        backup = None
        if present and (self.options.rollback or self.options.backup):
            backup = self.backups[name] = backup_sse(self.client, name, self.backup_directory, self.env)
        if self.state.note_restore(self.env, name, present, backup, self.options.backup):
            self.noted.append(name)

    def _unnote(self, name):
        """`name` was not changed after all: its restore note (if this run made it) and its owed restart go."""
        if name in self.noted:
            self.noted.remove(name)
            self.state.restored(self.env, name)
        pending = self.state.pending_restart(self.env)
        if pending and name in pending["names"] and name not in (self.owed_before or {}).get("names", []):
            self.state.set_pending_restart(self.env, pending["reason"], [n for n in pending["names"] if n != name],
                                           pending.get("work_request_id"), pending.get("stored"), merge=False)
        self.save_state()

    def run(self, changes, reason):
        """The write: apply the changes, then settle them with the one restart (or roll back)."""
        names = [step.name for step in changes]
        self.ledger.never_sent = list(names)
        try:
            self.apply(changes)
        except CommerceError as exc:
            self._after_failed_apply(exc)
        if reason:
            self.settle(reason)
        elif changes:
            self.owe_restart("SSEs were changed with restart: never", names)
        self.discard_automatic_backups()
        return self.ledger

    def apply(self, changes):
        """Upload what is added or replaced, then purge in one call; each change recorded before it is sent."""
        uploads = [step for step in changes if step.action in ("add", "replace")]
        purges = [step.name for step in changes if step.action == "purge"]
        for step in uploads:
            self._note_restore(step.name)
            self.owe_restart("SSEs were stored without a restart that SUCCEEDED since", [step.name])
            self.ledger.never_sent.remove(step.name)
            try:
                api.upload_sse(self.client, step.local.path, step.name, True, False, self.env)
            except CommerceError as exc:
                if nothing_done(exc):
                    self.ledger.rejected.append(step.name)
                    self._unnote(step.name)
                else:
                    self.ledger.unconfirmed.append(step.name)
                raise
            self.ledger.landed(step.action, step.name)
        if purges:
            for name in purges:
                self._note_restore(name)
            self.owe_restart("SSEs were deleted without a restart that SUCCEEDED since", purges)
            self._purge(purges)
        self.remember(uploads, purges)

    def _purge(self, names):
        for name in names:
            self.ledger.never_sent.remove(name)
        try:
            dummy, gone, left, exc = delete_and_relist(self.client, names, False, self.env)
        except CommerceApiError:
            self.ledger.unconfirmed.extend(names)  # the answer is lost: any of them may be gone
            raise
        for name in gone:
            self.ledger.landed("purge", name)
        if left:
            for name in left:
                self.ledger.rejected.append(name)
                self._unnote(name)
            raise CommerceError("could not purge %s (%s)" % (", ".join(left), exc), facts={"error": exc.as_dict()})

    def remember(self, uploads, purges):
        """One listing after the changes: check every upload landed, and remember its checksum with the local digests."""
        listed = self.list()
        for step in uploads:
            stored = listed.get(step.name)
            check_stored(step.name, stored, step.local.size)
            if isinstance(stored["size"], int) and stored["checksum"] is not None:
                local = step.local
                self.state.remember(self.env, step.name, stored["size"], stored["checksum"], local.sha256, local.content_digest, local.manifest)
        for name in purges:
            self.state.forget(self.env, name)
        self.save_state()

    def _after_failed_apply(self, failure):
        """A failure halfway: never restart into part of the set. Undo with rollback, else leave the restart owed."""
        if not self.ledger.in_effect:
            self._forgive()
            self.fail(failure)
        if unreachable(failure):
            self.fail(failure, "the server cannot be reached, so nothing more was sent")
        self._try_list()
        if self.options.rollback:
            self.undo_to_running("a failure after %s was changed" % ", ".join(self.ledger.in_effect))
            self._settle_after_undo()
            self.fail(failure, "nothing was restarted")
        self.fail(failure, "nothing was restarted, so the server does not run part of the set")

    def _try_list(self):
        try:
            self.list()
        except CommerceError:
            self.ledger.stored = None

    def _forgive(self):
        """Nothing was changed after all: owe no more restarts than before the run, and keep no restore notes of this run."""
        for name in self.noted:
            self.state.restored(self.env, name)
        if self.owed_before is None and self.state.pending_restart(self.env) is not None and not self.state.restore_map(self.env):
            self.state.clear_pending_restart(self.env)
        self.save_state()
        self.discard_automatic_backups()

    # Restarting

    def restart(self, why, runs="declared"):
        """Restart once; its work request is recorded before waiting, and only a SUCCEEDED one clears what is owed."""
        stored = _snapshot(self.listing)
        work_request_id = start_restart(self.client, self.env)
        self.ledger.restart(why, work_request_id, "ACCEPTED")
        owed = self.state.pending_restart(self.env)
        pending = owed or {"reason": why, "names": []}
        self.state.set_pending_restart(self.env, pending["reason"], pending["names"], work_request_id, stored)
        self.save_state()
        if not self.options.wait:
            self.warn("the restart (work request %s) was not waited for: the next run checks whether it SUCCEEDED" % work_request_id)
            return
        try:
            outcome = wait_for_work_request(self.client, work_request_id, self.options.wait_timeout, self.options.poll_interval)
        except WaitError as exc:
            self.ledger.restarts[-1]["restart_status"] = exc.result.get("restart_status")
            if owed is None and exc.result.get("restart_status") in FAILED_STATES:
                # A restart nothing owed (restart: always) that failed: it owes nothing either.
                self.state.clear_pending_restart(self.env)
                self.save_state()
            raise
        self.ledger.restarts[-1].update(restart_status=outcome["restart_status"], elapsed=outcome.get("elapsed"))
        self._restart_succeeded(stored, work_request_id, runs)

    def _restart_succeeded(self, stored, work_request_id, runs):
        """`runs`: "declared" when the restart loaded this run's set, "previous" when it brought back what ran."""
        restore = self.state.restore_map(self.env)
        self.state.set_running(self.env, stored, work_request_id)
        self.state.clear_pending_restart(self.env)
        self.state.end_undo(self.env)
        self.save_state()
        self._drop_backups([entry["backup"] for entry in restore.values() if not entry["keep"]] + self.spent)
        self.spent = []
        self.ledger.running = sorted(stored)
        self.ledger.runs = runs

    def settle(self, why):
        """The run's one restart; on FAILED or CANCELED roll back when asked, on a timeout leave it owed."""
        try:
            self.restart(why)
        except WaitError as exc:
            if exc.result.get("restart_status") not in FAILED_STATES:
                self.fail(exc, "not rolled back, because a restart that only timed out may still succeed")
            if self.options.rollback and self.state.restore_map(self.env):
                self.roll_back(exc)
            self.fail(exc, "nothing was rolled back (rollback is off)" if not self.options.rollback else None)
        except CommerceError as exc:
            self.fail(exc)

    # Rolling back

    def undo_to_running(self, why):
        """Bring every SSE changed since the last SUCCEEDED restart back to its running version; recorded before its first step."""
        try:
            self.list()
        except CommerceError as exc:
            self.fail(exc, "the rollback could not begin: nothing was undone")
        restore = self.state.restore_map(self.env)
        missing = sorted(name for name, entry in restore.items()
                         if entry["present"] and not (entry["backup"] and os.path.exists(entry["backup"])))
        # Owed for, but with no note of what ran (a lost state file, a job killed on a throw-away controller).
        done = set((self.state.undo(self.env) or {}).get("done", []))
        unknown = sorted(set((self.state.pending_restart(self.env) or {}).get("names", [])) - set(restore) - done)
        if missing or unknown:
            self.fail(CommerceError("cannot roll back: no backup of the running version of %s (changed by a run without rollback "
                                    "or backup, on a controller that was thrown away, or the backup is gone)"
                                    % ", ".join(sorted(set(missing) | set(unknown)))), "nothing was undone")
        self.state.begin_undo(self.env, why)
        self.save_state()
        listed = set(self.listing)
        for name in sorted(restore):
            entry = restore[name]
            try:
                if entry["present"]:
                    api.upload_sse(self.client, entry["backup"], name, True, False, self.env)
                elif name in listed:
                    api.delete_sse(self.client, name, False, self.env)
            except CommerceError as exc:
                self.save_state()
                self.fail(exc, "ROLLBACK CUT SHORT: %s is not back yet; the rollback is recorded and the next run finishes it "
                               "before anything else" % ", ".join(sorted(self.state.restore_map(self.env))))
            # Back to its running version: the next run downloads rather than trust an old checksum.
            self.state.restored(self.env, name)
            self.state.undone(self.env, name)
            self.state.forget(self.env, name)
            self.save_state()
            if entry["backup"] and not entry["keep"]:
                self.spent.append(entry["backup"])
            self.ledger.undone(name, "put back" if entry["present"] else "deleted again")
        self.ledger.rolled_back = True
        self._known_running()
        self._try_list()

    def _settle_after_undo(self):
        """Stored is what runs again: nothing is owed when every owed name was restored (a restart was never made)."""
        pending = self.state.pending_restart(self.env)
        if pending and not self.state.restore_map(self.env) and pending.get("work_request_id") is None:
            self.state.clear_pending_restart(self.env)
        self.state.end_undo(self.env)
        self.save_state()
        if self.state.pending_restart(self.env) is None:
            self._drop_backups(self.spent)
            self.spent = []

    def roll_back(self, failed):
        """The run's restart ended FAILED or CANCELED: undo, restart again and wait, and fail saying how that went."""
        work_request_id = self.ledger.last_restart["work_request_id"]
        status = failed.result.get("restart_status")
        ran_before = self.state.running(self.env)
        self.undo_to_running("the restart %s ended %s" % (work_request_id, status))
        try:
            self.restart("rollback after the failed restart %s" % work_request_id, runs="previous")
        except CommerceError as second:
            self.ledger.runs = None
            self.ledger.running = None
            self.fail(failed, "ROLLBACK FAILED TOO: the restart after the rollback did not succeed (%s). The extension server may "
                              "be down: check it now. The backups are kept in %s" % (second, self.backup_directory))
        if ran_before is not None and set(ran_before["sses"]) != set(self.ledger.running):
            self.ledger.runs = "listed"  # the remembered running set was not what was stored: say what runs, claim nothing more
        self.fail(failed, "rolled back; the restart after the rollback SUCCEEDED")

    def _drop_backups(self, paths):
        """Remove automatic backups, except those a restore note still needs."""
        kept = {entry["backup"] for entry in self.state.restore_map(self.env).values()}
        for path in paths:
            if path and path not in kept and os.path.exists(path):
                os.unlink(path)

    def discard_automatic_backups(self):
        """Backups taken only for rollback are removed once nothing can need them (backup: true keeps them)."""
        if self.options.backup:
            return
        self._drop_backups(self.backups.values())
        self.backups = {name: path for name, path in self.backups.items() if path and os.path.exists(path)}
