# -*- coding: utf-8 -*-
"""sse_sync in-process, the transaction: rollback after a failed restart (and a rollback that fails too),
timeouts, refused restarts, failures halfway, partial purges, owed restarts, wait: false, backups, an
unwritable state file and a server that goes away. Each test checks what the simulated server stores
and runs, and what the state file owes, as well as the result."""

from __future__ import annotations

import os

import pytest

from ansible_collections.commerce.admin.plugins.modules import sse_sync

from .module_runner import requests_to, run_module
from .test_sse_sync import RESTART, deployed, read, release, saved_state, sync

PENDING = "a restart is pending (recorded in %s): run the task again, which restarts first, or restart with commerce.admin.server_restart"


def on_request(sim, method, path, action):
    """Call `action(count)` before the simulator handles the count-th `method` `path` request (to add a fault just then)."""
    original = sim.app.dispatch
    seen = []

    def dispatch(request, effective, entry):
        if effective == method and request.path == path:
            seen.append(1)
            action(len(seen))
        return original(request, effective, entry)

    sim.app.dispatch = dispatch


def backups(tmp_path):
    """The backup files kept, as "a.zip" for "a.<stamp>.zip"."""
    directory = tmp_path / "backups"
    return sorted(name.split(".")[0] + ".zip" for name in os.listdir(str(directory))) if directory.exists() else []


def test_a_failed_restart_is_rolled_back_add_replace_and_purge(sim, tmp_path):
    stored = deployed(sim, tmp_path)
    before = sim.running()
    sim.config.crash_entry = "CRASH_ME"
    src = release(tmp_path, "v2", ["a.zip", "c.zip"], crashing=["c.zip"])
    result = run_module(sse_sync, sync(sim, tmp_path, src, purge=True, rollback=True))
    assert result["failed"] and result["changed"] and result["restart_status"] == "SUCCEEDED"
    failed = {work_id: work["crashing"] for work_id, work in sim.work_requests.items() if work["status"] == "FAILED"}
    assert list(failed.values()) == [["c.zip"]]
    assert result["msg"].startswith("the restart %s ended FAILED, so the run was rolled back: "
                                    "b.zip (put back), c.zip (deleted again), a.zip (put back); " % list(failed)[0])
    assert result["msg"].endswith("the restart after the rollback SUCCEEDED, so the server runs what it ran before")
    assert {name: sim.sse_bytes(name) for name in sim.sse_names()} == stored and sim.running() == before and sim.restart_count == 2
    assert backups(tmp_path) == []  # taken for the rollback only, removed once it succeeded
    state = saved_state(tmp_path)
    assert state["pending_restart"] is None and sorted(state["sses"]) == []  # put back: the next run downloads, never trusts


def test_the_result_of_a_rolled_back_run_says_what_was_restored(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    sim.config.crash_entry = "CRASH_ME"
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"], crashing=["a.zip"]), rollback=True))
    assert result["failed"] and "so the run was rolled back" in result["msg"]
    assert result["rolled_back"] is True and result["restored"] == ["a.zip (put back)"]


def test_a_rollback_whose_restart_fails_too_says_so_and_keeps_the_backups(sim, tmp_path):
    stored = deployed(sim, tmp_path)
    before = sim.running()
    sim.config.restart_outcome = "fail"  # the run's restart fails, and the one after the rollback too
    src = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    result = run_module(sse_sync, sync(sim, tmp_path, src, rollback=True))
    assert result["failed"] and result["changed"] and result["msg"].startswith("ROLLBACK FAILED TOO: the restart ")
    assert "ended FAILED, the run's changes were undone (c.zip (deleted again), b.zip (put back), a.zip (put back))" in result["msg"]
    assert result["msg"].endswith("The extension server may be down: check it now. The backups are kept in %s" % (tmp_path / "backups"))
    assert {name: sim.sse_bytes(name) for name in sim.sse_names()} == stored and sim.running() == before and sim.restart_count == 2
    assert backups(tmp_path) == ["a.zip", "b.zip"]
    assert saved_state(tmp_path)["pending_restart"]["names"] == ["a.zip", "b.zip", "c.zip"]  # still owed: the next run restarts
    sim.config.restart_outcome = "succeed"
    rerun = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1b", ["a.zip", "b.zip"], version="v1")))
    assert rerun["restart_reason"].startswith("a restart is owed since") and rerun["restart_status"] == "SUCCEEDED"
    assert sim.running_names() == ["a.zip", "b.zip"] and rerun["pending_restart"] is None


def test_a_rollback_whose_restart_fails_too_reports_how_that_restart_ended(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    sim.config.restart_outcome = "fail"
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"]), rollback=True))
    assert result["msg"].startswith("ROLLBACK FAILED TOO") and result["restart_status"] == "FAILED"


def test_a_rollback_whose_restart_is_refused_says_so_too(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    sim.config.crash_entry = "CRASH_ME"
    on_request(sim, "POST", RESTART, lambda count: count == 2 and sim.faults.add("POST", RESTART, "status", status=503))
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"], crashing=["a.zip"]), rollback=True))
    assert result["failed"] and result["changed"] and result["msg"].startswith("ROLLBACK FAILED TOO")
    assert "the restart after the rollback failed as well (POST %s failed: HTTP 503" % RESTART in result["msg"]
    assert sim.restart_count == 1 and len(requests_to(sim, "POST", RESTART)) == 2 and backups(tmp_path) == ["a.zip"]


@pytest.mark.parametrize("rollback", [False, True])
def test_a_restart_that_only_times_out_is_not_rolled_back_and_stays_owed(sim, tmp_path, rollback):
    deployed(sim, tmp_path, ["a.zip"])
    before = sim.running()
    sim.config.restart_outcome = "hang"
    src = release(tmp_path, "v2", ["a.zip", "b.zip"])
    result = run_module(sse_sync, sync(sim, tmp_path, src, rollback=rollback, wait_timeout=1))
    assert result["failed"] and result["changed"] and result["restart_status"] == "IN_PROGRESS"
    assert "did not finish within wait_timeout (1 s); last status IN_PROGRESS at 50%" in result["msg"]
    assert result["msg"].endswith("; not rolled back, because a restart that only timed out may still succeed; "
                                  + PENDING % (tmp_path / "state.json"))
    assert sim.sse_names() == ["a.zip", "b.zip"] and sim.running() == before and sim.restart_count == 1
    assert saved_state(tmp_path)["pending_restart"]["names"] == ["a.zip", "b.zip"] and backups(tmp_path) == (["a.zip"] if rollback else [])


@pytest.mark.parametrize("rollback", [False, True])
def test_a_failed_restart_without_anything_to_roll_back_says_the_declared_set_may_not_run(sim, tmp_path, rollback):
    """Without rollback, or with rollback but nothing changed by this run (restart: always), a FAILED restart is only reported."""
    sim.put_sse("a.zip", read(release(tmp_path, "v1", ["a.zip"], crashing=["a.zip"]) + "/a.zip"))
    sim.config.crash_entry = "CRASH_ME"
    result = run_module(sse_sync, sync(sim, tmp_path, str(tmp_path / "v1"), rollback=rollback, restart="always"))
    assert result["failed"] and result["changed"] and result["restart_status"] == "FAILED"
    assert result["msg"].endswith("ended FAILED; the extension server may not run the declared SSEs; " + PENDING % (tmp_path / "state.json"))
    assert sim.sse_names() == ["a.zip"] and sim.running_names() == [] and sim.restart_count == 1


@pytest.mark.parametrize("changes", [True, False])
def test_a_refused_restart_request_leaves_the_restart_owed(sim, tmp_path, changes):
    """A 503 to the restart POST is not sent again; the task is changed only when this run stored something."""
    deployed(sim, tmp_path, ["a.zip"])
    src = release(tmp_path, "v2" if changes else "v1b", ["a.zip"], version=None if changes else "v1")
    sim.faults.add("POST", RESTART, "status", status=503)
    result = run_module(sse_sync, sync(sim, tmp_path, src, restart="auto" if changes else "always"))
    assert result["failed"] and result["changed"] is changes and "HTTP 503" in result["msg"]
    assert result["msg"].endswith(PENDING % (tmp_path / "state.json"))
    assert sim.restart_count == 0 and len(requests_to(sim, "POST", RESTART)) == 1
    owed = saved_state(tmp_path)["pending_restart"]
    assert (owed["names"] == ["a.zip"]) if changes else owed is None
