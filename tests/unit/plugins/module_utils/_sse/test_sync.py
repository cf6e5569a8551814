# -*- coding: utf-8 -*-
"""sse_sync's entry point (plugins/module_utils/_sse/sync.py) in every failure path, through main():
each test checks the result fields against what the simulated server stores and runs, and that the
message says the same. The last ones are the two ways an earlier version ended with the server
running a set nobody declared: a rollback cut short, and a restart into half a set."""

from __future__ import annotations

import hashlib
import os

from ansible_collections.commerce.admin.plugins.modules import sse_sync

from helpers.module_runner import mutating_requests, requests_to, run_module
from helpers.sse_sync import RESTART, SSE, STATUS, build, deployed, on_request, release, saved_state, sync


def stored(sim, environment="live"):
    """{name: sha256} of what the simulated server stores."""
    with sim.store.lock:
        return {name: meta["sha256"] for name, meta in sim.store.sses[environment].items()}


def digests(directory, names):
    out = {}
    for name in names:
        with open(os.path.join(directory, name), "rb") as handle:
            out[name] = hashlib.sha256(handle.read()).hexdigest()
    return out


def agrees_with_the_server(result, sim):
    """The result's stored and running sets are the server's."""
    assert result["stored"] == sorted(stored(sim))
    assert result["running"] == sorted(sim.running())


def test_a_rejected_upload_without_rollback_restarts_nothing_and_says_what_is_stored_and_never_sent(sim, tmp_path):
    before = deployed(sim, tmp_path, ["a.zip", "b.zip", "c.zip"])
    running = sim.running()
    sim.config.reject_entry = "EICAR.txt"
    src = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    build(os.path.join(src, "b.zip"), {"index.js": "// v2 b\n", "EICAR.txt": "x"})
    result = run_module(sse_sync, sync(sim, tmp_path, src))
    assert result["failed"] and result["changed"]
    assert result["replaced"] == ["a.zip"] and result["rejected"] == ["b.zip"] and result["never_sent"] == ["c.zip"]
    assert result["unconfirmed"] == []
    assert sim.restart_count == 0 and sim.running() == running  # never a restart into part of the set
    assert stored(sim)["b.zip"] == hashlib.sha256(before["b.zip"]).hexdigest()
    agrees_with_the_server(result, sim)
    assert result["pending_restart"]["names"] == ["a.zip"] and saved_state(tmp_path)["pending_restart"]["names"] == ["a.zip"]
    for words in ("the server rejected b.zip", "stored, not running: a.zip", "refused by the server, unchanged: b.zip", "never sent: c.zip",
                  "the server should run the set stored before this run: a.zip, b.zip, c.zip", "a restart is owed"):
        assert words in result["msg"], words


def test_a_rejected_upload_with_rollback_puts_back_what_landed_and_owes_nothing(sim, tmp_path):
    before = deployed(sim, tmp_path, ["a.zip", "b.zip"])
    sim.config.reject_entry = "EICAR.txt"
    src = release(tmp_path, "v2", ["a.zip", "b.zip", "n.zip"])
    build(os.path.join(src, "b.zip"), {"index.js": "// v2 b\n", "EICAR.txt": "x"})
    result = run_module(sse_sync, sync(sim, tmp_path, src, rollback=True))
    assert result["failed"] and not result["changed"] and result["rolled_back"]
    assert result["replaced"] == [] and result["added"] == [] and result["restored"] == ["a.zip (put back)"]
    assert result["rejected"] == ["b.zip"] and result["never_sent"] == ["n.zip"] and result["pending_restart"] is None
    assert stored(sim) == {name: hashlib.sha256(data).hexdigest() for name, data in before.items()}
    assert sim.restart_count == 0
    agrees_with_the_server(result, sim)
    assert "undone: a.zip (put back)" in result["msg"] and "a restart is owed" not in result["msg"]
    # Seeded without a state file: what runs is what is stored, as far as anything remembered tells.
    assert "the server should run the set stored before this run: a.zip, b.zip (assumed" in result["msg"]


def test_a_crash_with_rollback_reports_the_set_that_runs_again_and_nothing_in_effect(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip", "b.zip", "c.zip"])
    before_stored, before_running = stored(sim), sim.running()
    sim.config.crash_entry = "CRASH_ME"
    src = release(tmp_path, "v2", ["a.zip", "b.zip", "n.zip"], crashing=["b.zip"])
    result = run_module(sse_sync, sync(sim, tmp_path, src, purge=True, rollback=True))
    assert result["failed"] and not result["changed"] and result["rolled_back"]
    assert result["added"] == result["replaced"] == result["purged"] == []
    assert sorted(result["restored"]) == ["a.zip (put back)", "b.zip (put back)", "c.zip (put back)", "n.zip (deleted again)"]
    assert [restart["restart_status"] for restart in result["restarts"]] == ["FAILED", "SUCCEEDED"]
    assert result["work_request_id"] == result["restarts"][-1]["work_request_id"] and result["pending_restart"] is None
    assert stored(sim) == before_stored and sim.running() == before_running
    agrees_with_the_server(result, sim)
    assert "the server runs the set it ran before: a.zip, b.zip, c.zip" in result["msg"]
    assert "a restart is owed" not in result["msg"] and "stored, not running" not in result["msg"]


def test_a_server_gone_halfway_says_what_landed_what_may_have_and_what_was_never_sent(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip", "b.zip", "c.zip"])
    running = sim.running()
    src = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    on_request(sim, "POST", SSE, lambda count: count == 2 and sim.faults.add("*", "*", "drop", times=None))
    result = run_module(sse_sync, sync(sim, tmp_path, src, rollback=True, retries=0))
    sim.faults.clear()
    assert result["failed"] and result["changed"]
    assert result["replaced"] == ["a.zip"] and result["unconfirmed"] == ["b.zip"] and result["never_sent"] == ["c.zip"]
    assert result["stored"] is not None and result["running"] == sorted(running) and sim.running() == running
    assert result["pending_restart"]["names"] == ["a.zip", "b.zip"]
    for words in ("the server cannot be reached", "stored, not running: a.zip", "may have landed): b.zip", "never sent: c.zip",
                  "a restart is owed"):
        assert words in result["msg"], words
    # Back again: the next run completes the set and restarts once.
    again = run_module(sse_sync, sync(sim, tmp_path, src, rollback=True))
    assert not again.get("failed") and again["running"] == ["a.zip", "b.zip", "c.zip"] and sim.restart_count == 1
    assert stored(sim) == digests(src, ["a.zip", "b.zip", "c.zip"]) and sim.running() == stored(sim)


def test_a_run_that_loses_the_server_while_it_waits_reports_the_accepted_restart_and_the_next_run_settles_it(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    src = release(tmp_path, "v2", ["a.zip"])
    sim.faults.add("GET", STATUS, "drop", times=None)
    result = run_module(sse_sync, sync(sim, tmp_path, src, retries=0))
    sim.faults.clear()
    accepted = requests_to(sim, "POST", RESTART)
    assert result["failed"] and result["changed"] and len(accepted) == 1
    assert result["work_request_id"] is not None and result["pending_restart"]["work_request_id"] == result["work_request_id"]
    assert saved_state(tmp_path)["pending_restart"]["work_request_id"] == result["work_request_id"]
    assert "restart work request %s accepted" % result["work_request_id"] in result["msg"]
    again = run_module(sse_sync, sync(sim, tmp_path, src))
    assert not again.get("failed") and not again["changed"] and sim.restart_count == 1  # it asked, it did not restart again
    assert again["restarts"][0]["work_request_id"] == result["work_request_id"] and again["restarts"][0]["restart_status"] == "SUCCEEDED"
    assert again["pending_restart"] is None and again["running"] == ["a.zip"] and saved_state(tmp_path)["running"]["sses"]


def test_a_rollback_cut_short_is_finished_by_the_next_run_and_the_server_never_runs_an_undeclared_set(sim, tmp_path):
    """Issue: one added, one replaced, one purged, one replaced by a zip that does not start; the undo answers 500 halfway."""
    deployed(sim, tmp_path, ["a.zip", "b.zip", "c.zip"])
    old_stored, old_running = stored(sim), sim.running()
    sim.config.crash_entry = "CRASH_ME"
    src = release(tmp_path, "v2", ["a.zip", "b.zip", "n.zip"], crashing=["b.zip"])
    # Uploads a, b, n (three POSTs), then the undo's uploads: the second of them fails, beyond any retry.
    on_request(sim, "POST", SSE, lambda count: count == 5 and sim.faults.add("POST", SSE, "status", times=10, status=500))
    first = run_module(sse_sync, sync(sim, tmp_path, src, purge=True, rollback=True))
    sim.faults.clear()
    assert first["failed"] and "ROLLBACK CUT SHORT" in first["msg"]
    assert sim.running() == old_running and saved_state(tmp_path)["undo"] is not None
    assert first["running"] == sorted(old_running) and first["pending_restart"] is not None
    # The clean run finishes the undo first, then tries the declared set again, which still does not start.
    second = run_module(sse_sync, sync(sim, tmp_path, src, purge=True, rollback=True))
    assert second["failed"] and "rolled back" in second["msg"]
    assert stored(sim) == old_stored and sim.running() == old_running
    assert "the server runs the set it ran before: a.zip, b.zip, c.zip" in second["msg"]
    assert second["pending_restart"] is None and saved_state(tmp_path)["undo"] is None
    # A release that starts repairs it; the run after that sends nothing.
    fixed = release(tmp_path, "v3", ["a.zip", "b.zip", "n.zip"])
    third = run_module(sse_sync, sync(sim, tmp_path, fixed, purge=True, rollback=True))
    assert not third.get("failed") and sim.running() == digests(fixed, ["a.zip", "b.zip", "n.zip"])
    count = len(mutating_requests(sim))
    fourth = run_module(sse_sync, sync(sim, tmp_path, fixed, purge=True, rollback=True))
    assert not fourth["changed"] and len(mutating_requests(sim)) == count


def test_an_upload_failing_in_the_middle_without_rollback_never_restarts_into_half_a_set(sim, tmp_path):
    """Issue: three SSEs to change, the second upload answered 500 more times than the retries."""
    deployed(sim, tmp_path, ["a.zip", "b.zip", "c.zip"])
    old_running = sim.running()
    src = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    on_request(sim, "POST", SSE, lambda count: count == 2 and sim.faults.add("POST", SSE, "status", times=10, status=500))
    first = run_module(sse_sync, sync(sim, tmp_path, src))
    sim.faults.clear()
    assert first["failed"] and sim.restart_count == 0 and sim.running() == old_running
    assert "nothing was restarted" in first["msg"] and "a restart is owed" in first["msg"]
    assert first["running"] == sorted(old_running) and first["pending_restart"] is not None
    second = run_module(sse_sync, sync(sim, tmp_path, src))
    assert not second.get("failed") and sim.restart_count == 1
    assert sim.running() == digests(src, ["a.zip", "b.zip", "c.zip"]) == stored(sim)
    count = len(mutating_requests(sim))
    third = run_module(sse_sync, sync(sim, tmp_path, src))
    assert not third["changed"] and len(mutating_requests(sim)) == count


def test_the_undo_target_is_what_ran_not_what_an_earlier_run_left_stored(sim, tmp_path):
    """An earlier run stored v2 of a.zip without restarting; this run's failed restart brings back v1, the version that runs."""
    deployed(sim, tmp_path, ["a.zip", "b.zip"])
    old_running = sim.running()
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip"])
    owed = run_module(sse_sync, sync(sim, tmp_path, v2, restart="never", rollback=True))
    assert owed["changed"] and owed["pending_restart"] and sim.restart_count == 0
    sim.config.crash_entry = "CRASH_ME"
    v3 = release(tmp_path, "v3", ["a.zip", "b.zip"], crashing=["b.zip"])
    result = run_module(sse_sync, sync(sim, tmp_path, v3, rollback=True))
    assert result["failed"] and result["rolled_back"] and sim.running() == old_running == stored(sim)
    assert "the server runs the set it ran before" in result["msg"]


def test_a_rollback_that_cannot_know_what_ran_restores_nothing_and_restarts_nothing(sim, tmp_path):
    """A job killed on a throw-away controller left only the owed restart in the fact: no note of what ran, no backup.
    The next run's restart fails; a rollback would restart into a set nobody declared, so it undoes nothing."""
    deployed(sim, tmp_path, ["a.zip", "b.zip"])
    old_running = sim.running()
    sim.config.crash_entry = "CRASH_ME"
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip"], crashing=["b.zip"])
    carried = run_module(sse_sync, sync(sim, tmp_path, v2), check_mode=True)["state_fact_before_apply"]  # the role's plan
    with open(os.path.join(v2, "a.zip"), "rb") as handle:  # what the killed job stored before it was killed
        sim.put_sse("a.zip", handle.read())
    os.unlink(str(tmp_path / "state.json"))  # the controller is thrown away; the fact cache is kept
    result = run_module(sse_sync, sync(sim, tmp_path, v2, rollback=True, state_fact=carried))
    # This run stored b.zip (with a backup); a.zip's running version is known nowhere: undoing only b.zip and restarting
    # would run v2 of a.zip with v1 of b.zip.
    assert result["failed"] and "cannot roll back: no backup of the running version of a.zip" in result["msg"]
    assert "nothing was undone" in result["msg"] and not result["rolled_back"] and result["pending_restart"] is not None
    assert sim.running() == old_running and sim.restart_count == 1  # only the restart that failed
