# -*- coding: utf-8 -*-
"""The sse_sync transaction (plugins/module_utils/_sse/transaction.py), driven through sse_sync's main():
rollback after a failed restart (and a rollback that fails too), timeouts, refused restarts, uploads
rejected halfway, purges that partly fail, a server that goes away, restarts owed from an earlier run
(also one only requested with wait: false), backups and listings that disagree. Each test checks what
the simulated server stores and runs, and what the state file owes, as well as the result."""

from __future__ import annotations

import time

import pytest
from simulator.app import drop_connection

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError
from ansible_collections.commerce.admin.plugins.modules import sse_sync

from helpers.module_runner import mutating_requests, requests_to, run_module
from helpers.restart_log import TAIL, assert_explained, break_log, flood
from helpers.sse_sync import RESTART, SSE, STATUS, backups, build, deployed, on_request, read, release, saved_state, sync

STRAY = b"PK\x05\x06" + bytes(18)


def finished(sim, work_request_id, deadline=10.0):
    """Wait until the simulated work request ended (SUCCEEDED, FAILED or CANCELED)."""
    end = time.monotonic() + deadline
    while sim.work_requests[work_request_id]["status"] in ("ACCEPTED", "IN_PROGRESS"):
        assert time.monotonic() < end
        time.sleep(0.05)


def test_a_failed_restart_is_rolled_back_add_replace_and_purge(sim, tmp_path):
    stored = deployed(sim, tmp_path)
    before = sim.running()
    sim.config.crash_entry = "CRASH_ME"
    src = release(tmp_path, "v2", ["a.zip", "c.zip"], crashing=["c.zip"])
    result = run_module(sse_sync, sync(sim, tmp_path, src, purge=True, rollback=True))
    # Everything undone and the set that ran runs again: nothing of the run is in effect, so the task is not changed.
    assert result["failed"] and not result["changed"] and result["restart_status"] == "SUCCEEDED"
    failed = {work_id: work["crashing"] for work_id, work in sim.work_requests.items() if work["status"] == "FAILED"}
    assert list(failed.values()) == [["c.zip"]] and list(failed)[0] in result["msg"]
    assert "; rolled back; the restart after the rollback SUCCEEDED; undone: a.zip (put back), b.zip (put back), c.zip (deleted again); " in result["msg"]
    assert "the server runs the set it ran before: a.zip, b.zip" in result["msg"] and "a restart is owed" not in result["msg"]
    assert {name: sim.sse_bytes(name) for name in sim.sse_names()} == stored and sim.running() == before and sim.restart_count == 2
    assert backups(tmp_path) == []  # taken for the rollback only, removed once it succeeded
    state = saved_state(tmp_path)
    assert state["pending_restart"] is None and sorted(state["sses"]) == []  # put back: the next run downloads, never trusts


def test_a_rolled_back_run_shows_the_log_lines_that_explain_its_failed_restart(sim, tmp_path):
    deployed(sim, tmp_path)
    sim.config.crash_entry = "CRASH_ME"
    flood(sim)
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip", "c.zip"], crashing=["c.zip"]), rollback=True))
    assert result["failed"] and "; rolled back; the restart after the rollback SUCCEEDED; " in result["msg"]
    assert_explained(result, "c.zip", [sim.app_key] + sim.issued_tokens)
    # the excerpt comes last, after what is stored and running; the log was read once
    assert result["msg"].index("the server runs the set it ran before") < result["msg"].index("the extension server's error log ends: ")
    assert len(requests_to(sim, "GET", TAIL)) == 1


def test_a_rollback_that_fails_too_shows_the_log_of_both_restarts(sim, tmp_path):
    sim.put_sse("a.zip", read(release(tmp_path, "v1", ["a.zip"], crashing=["a.zip"]) + "/a.zip"), running=True)
    sim.config.crash_entry = "CRASH_ME"  # the running version does not start either: the rollback's restart fails too
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"], crashing=["a.zip"]), rollback=True))
    assert result["failed"] and "ROLLBACK FAILED TOO" in result["msg"]
    assert_explained(result, "a.zip", [sim.app_key] + sim.issued_tokens)
    failed = [restart["work_request_id"] for restart in result["restarts"] if restart["restart_status"] == "FAILED"]
    assert len(failed) == 2
    for work_id in failed:
        assert any("restart %s FAILED: a.zip did not start" % work_id in line for line in result["restart_log"])


@pytest.mark.parametrize("how", ["500", "timeout"])
def test_a_log_that_cannot_be_read_keeps_the_sync_failure_message(sim, tmp_path, how):
    deployed(sim, tmp_path, ["a.zip"])
    sim.config.crash_entry = "CRASH_ME"
    break_log(sim, how)
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"], crashing=["a.zip"]), rollback=True,
                                       timeout=0.5, retries=0))
    assert result["failed"] and result["msg"].startswith("restart work request %s ended FAILED; rolled back; " % result["restarts"][0]["work_request_id"])
    unreadable = "; the server's log could not be read: GET %s failed: " % TAIL
    assert unreadable in result["msg"] and result["msg"].index("the server runs") < result["msg"].index(unreadable)
    assert result["msg"].endswith("HTTP 500, errorCode 500: Injected fault") if how == "500" else "no answer within 0.5 s" in result["msg"]
    assert result["restart_log"] == [] and result["restored"] == ["a.zip (put back)"] and sim.running_names() == ["a.zip"]


def test_a_failure_without_a_failed_restart_reads_no_log(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    sim.config.restart_outcome = "hang"
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"]), wait_timeout=1))
    assert result["failed"] and "restart_log" not in result and "error log" not in result["msg"]
    assert requests_to(sim, "GET", TAIL) == []


def test_the_result_of_a_rolled_back_run_says_what_was_restored(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    sim.config.crash_entry = "CRASH_ME"
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"], crashing=["a.zip"]), rollback=True))
    assert result["failed"] and "; rolled back; " in result["msg"]
    assert result["rolled_back"] is True and result["restored"] == ["a.zip (put back)"]


def test_a_rollback_whose_restart_fails_too_says_so_and_keeps_the_backups(sim, tmp_path):
    stored = deployed(sim, tmp_path)
    before = sim.running()
    sim.config.restart_outcome = "fail"  # the run's restart fails, and the one after the rollback too
    src = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    result = run_module(sse_sync, sync(sim, tmp_path, src, rollback=True))
    assert result["failed"] and result["changed"] and "ended FAILED" in result["msg"]
    assert "; ROLLBACK FAILED TOO: the restart after the rollback did not succeed (" in result["msg"]
    assert "; undone: a.zip (put back), b.zip (put back), c.zip (deleted again); " in result["msg"]
    assert "The extension server may be down: check it now. The backups are kept in %s" % (tmp_path / "backups") in result["msg"]
    assert "which set the server runs is not known" in result["msg"] and result["running"] is None
    assert {name: sim.sse_bytes(name) for name in sim.sse_names()} == stored and sim.running() == before and sim.restart_count == 2
    assert backups(tmp_path) == ["a.zip", "b.zip"]
    assert saved_state(tmp_path)["pending_restart"]["names"] == ["a.zip", "b.zip", "c.zip"]  # still owed: the next run restarts
    sim.config.restart_outcome = "succeed"
    rerun = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1b", ["a.zip", "b.zip"], version="v1")))
    # The rollback was recorded as unfinished (its restart failed): the next run finishes it first, with one restart.
    assert rerun["restarts"][-1]["reason"].startswith("finishing the rollback begun at") and rerun["restart_status"] == "SUCCEEDED"
    assert sim.running_names() == ["a.zip", "b.zip"] and rerun["pending_restart"] is None and sim.restart_count == 3


def test_a_rollback_whose_restart_fails_too_reports_how_that_restart_ended(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    sim.config.restart_outcome = "fail"
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"]), rollback=True))
    assert "ROLLBACK FAILED TOO" in result["msg"] and result["restart_status"] == "FAILED"


def test_a_rollback_whose_restart_is_refused_says_so_too(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    sim.config.crash_entry = "CRASH_ME"
    on_request(sim, "POST", RESTART, lambda count: count == 2 and sim.faults.add("POST", RESTART, "status", status=503))
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"], crashing=["a.zip"]), rollback=True))
    assert result["failed"] and result["changed"] and "ROLLBACK FAILED TOO" in result["msg"]
    assert "the restart after the rollback did not succeed (POST %s failed: HTTP 503" % RESTART in result["msg"]
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
    assert "; not rolled back, because a restart that only timed out may still succeed; " in result["msg"]
    assert ("a restart is owed (restart work request %s accepted), recorded in %s" % (result["work_request_id"], tmp_path / "state.json")
            in result["msg"])
    assert result["pending_restart"]["work_request_id"] == result["work_request_id"]
    assert sim.sse_names() == ["a.zip", "b.zip"] and sim.running() == before and sim.restart_count == 1
    assert saved_state(tmp_path)["pending_restart"]["names"] == ["a.zip", "b.zip"] and backups(tmp_path) == (["a.zip"] if rollback else [])


@pytest.mark.parametrize("rollback", [False, True])
def test_a_failed_restart_without_anything_to_roll_back_says_the_declared_set_may_not_run(sim, tmp_path, rollback):
    """Without rollback, or with rollback but nothing changed by this run (restart: always), a FAILED restart is only reported."""
    sim.put_sse("a.zip", read(release(tmp_path, "v1", ["a.zip"], crashing=["a.zip"]) + "/a.zip"))
    sim.config.crash_entry = "CRASH_ME"
    result = run_module(sse_sync, sync(sim, tmp_path, str(tmp_path / "v1"), rollback=rollback, restart="always"))
    # The run changed nothing and its restart loaded nothing new: not changed, and nothing is owed that was not before.
    assert result["failed"] and not result["changed"] and result["restart_status"] == "FAILED"
    assert "ended FAILED" in result["msg"] and ("nothing was rolled back (rollback is off)" in result["msg"]) is (not rollback)
    assert "(assumed: no restart that loaded exactly this set is remembered" in result["msg"] and result["pending_restart"] is None
    assert sim.sse_names() == ["a.zip"] and sim.running_names() == [] and sim.restart_count == 1


@pytest.mark.parametrize("changes", [True, False])
def test_a_refused_restart_request_leaves_the_restart_owed(sim, tmp_path, changes):
    """A 503 to the restart POST is not sent again; the task is changed only when this run stored something."""
    deployed(sim, tmp_path, ["a.zip"])
    src = release(tmp_path, "v2" if changes else "v1b", ["a.zip"], version=None if changes else "v1")
    sim.faults.add("POST", RESTART, "status", status=503)
    result = run_module(sse_sync, sync(sim, tmp_path, src, restart="auto" if changes else "always"))
    assert result["failed"] and result["changed"] is changes and "HTTP 503" in result["msg"]
    # "a restart is owed" exactly when the state file owes one.
    assert ("a restart is owed, recorded in %s" % (tmp_path / "state.json") in result["msg"]) is changes
    assert sim.restart_count == 0 and len(requests_to(sim, "POST", RESTART)) == 1
    owed = saved_state(tmp_path)["pending_restart"]
    assert (owed["names"] == ["a.zip"]) if changes else owed is None


@pytest.mark.parametrize("rollback", [False, True])
def test_an_upload_rejected_halfway_is_undone_or_left_owed(sim, tmp_path, rollback):
    stored = deployed(sim, tmp_path)
    before = sim.running()
    sim.config.reject_entry = "EICAR.txt"
    src = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    build(tmp_path / "v2" / "b.zip", {"index.js": "// v2 b\n", "EICAR.txt": "x"})  # a.zip lands, b.zip is rejected
    result = run_module(sse_sync, sync(sim, tmp_path, src, rollback=rollback))
    assert result["failed"] and result["changed"] is not rollback and "the server rejected b.zip (b.zip: VIRUS_DETECTED)" in result["msg"]
    assert "c.zip" not in sim.sse_names() and sim.restart_count == 0 and sim.running() == before
    assert result["rejected"] == ["b.zip"] and result["never_sent"] == ["c.zip"]
    if rollback:
        assert "; undone: a.zip (put back); " in result["msg"] and saved_state(tmp_path)["pending_restart"] is None
        assert {name: sim.sse_bytes(name) for name in sim.sse_names()} == stored
        assert "a.zip" not in saved_state(tmp_path)["sses"]
    else:
        # Never a restart into half a set: v2 a.zip stays stored, not running, and the restart stays owed.
        assert "nothing was restarted, so the server does not run part of the set" in result["msg"]
        assert sim.sse_bytes("a.zip") == read(src + "/a.zip") and sim.sse_bytes("b.zip") == stored["b.zip"]
        assert saved_state(tmp_path)["pending_restart"]["names"] == ["a.zip"]


@pytest.mark.parametrize("owed_before", [False, True])
def test_a_first_upload_rejected_changes_nothing_and_owes_no_more_than_before(sim, tmp_path, owed_before):
    deployed(sim, tmp_path, ["b.zip"])
    if owed_before:
        run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1b", ["b.zip", "c.zip"], version="v1"), restart="never"))
    sim.config.reject_entry = "EICAR.txt"
    src = release(tmp_path, "v2", ["a.zip"])
    build(tmp_path / "v2" / "a.zip", {"EICAR.txt": "x"})
    result = run_module(sse_sync, sync(sim, tmp_path, src))
    assert result["failed"] and not result["changed"] and "the server rejected a.zip" in result["msg"]
    assert ("a restart is owed" in result["msg"]) is owed_before
    assert "a.zip" not in sim.sse_names() and sim.restart_count == 0
    owed = saved_state(tmp_path)["pending_restart"]
    assert ("c.zip" in owed["names"]) if owed_before else owed is None


@pytest.mark.parametrize("rollback", [False, True])
def test_a_purge_that_partly_fails_puts_back_what_went_or_leaves_it_owed(sim, tmp_path, rollback):
    deployed(sim, tmp_path, ["a.zip"])
    sim.put_sse("x.zip", STRAY + b"x", running=True)
    sim.put_sse("y.zip", STRAY + b"y", running=True)
    sim.config.undeletable = {"x.zip"}
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1b", ["a.zip"], version="v1"), purge=True, rollback=rollback))
    assert result["failed"] and result["changed"] is not rollback and result["rejected"] == ["x.zip"]
    assert result["msg"].startswith("could not purge x.zip (POST %s/deleteFiles failed: HTTP 400, errorCode 100307" % SSE)
    assert sim.restart_count == 0 and sim.running_names() == ["a.zip", "x.zip", "y.zip"]
    if rollback:
        assert "; undone: y.zip (put back); " in result["msg"] and saved_state(tmp_path)["pending_restart"] is None
        assert sim.sse_names() == ["a.zip", "x.zip", "y.zip"] and sim.sse_bytes("y.zip") == STRAY + b"y"
    else:
        assert "deleted, still running: y.zip" in result["msg"] and result["purged"] == ["y.zip"]
        assert sim.sse_names() == ["a.zip", "x.zip"] and saved_state(tmp_path)["pending_restart"]["names"] == ["y.zip"]


def test_a_single_purge_refused_changes_nothing(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    sim.put_sse("x.zip", STRAY, running=True)
    sim.config.undeletable = {"x.zip"}
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1b", ["a.zip"], version="v1"), purge=True))
    assert result["failed"] and not result["changed"] and result["msg"].startswith("could not purge x.zip (DELETE %s/x.zip failed: HTTP 400" % SSE)
    assert sim.sse_names() == ["a.zip", "x.zip"] and sim.restart_count == 0 and saved_state(tmp_path)["pending_restart"] is None


def test_a_purge_whose_answer_is_an_error_but_whose_files_went_is_a_success(sim, tmp_path, monkeypatch):
    deployed(sim, tmp_path, ["a.zip"])
    sim.put_sse("x.zip", STRAY, running=True)
    sim.put_sse("y.zip", STRAY, running=True)
    real_delete = _api.delete_sses

    def delete_then_fail(client, names, restart, environment_type=None):
        real_delete(client, names, restart, environment_type)
        raise CommerceApiError("POST", SSE + "/deleteFiles", 502, message="bad gateway after the work was done")

    monkeypatch.setattr(_api, "delete_sses", delete_then_fail)
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1b", ["a.zip"], version="v1"), purge=True))
    assert result["changed"] and not result.get("failed") and result["purged"] == ["x.zip", "y.zip"] and result["restart_status"] == "SUCCEEDED"
    assert sim.sse_names() == sim.running_names() == ["a.zip"]


def test_a_server_gone_after_the_first_upload_leaves_the_restart_owed(sim, tmp_path):
    before = sim.running()
    src = release(tmp_path, "v1", ["a.zip", "b.zip"])
    on_request(sim, "POST", SSE, lambda count: count == 2 and sim.faults.add("*", "*", "drop", times=None))
    result = run_module(sse_sync, sync(sim, tmp_path, src, retries=0, rollback=True))
    assert result["failed"] and result["changed"]
    assert "; the server cannot be reached, so nothing more was sent; stored, not running: a.zip; " in result["msg"]
    assert "sent without an answer (may have landed): b.zip" in result["msg"] and result["unconfirmed"] == ["b.zip"]
    assert "a restart is owed, recorded in %s" % (tmp_path / "state.json") in result["msg"]
    assert sim.sse_names() == ["a.zip"] and sim.running() == before and sim.restart_count == 0
    assert saved_state(tmp_path)["pending_restart"]["names"] == ["a.zip", "b.zip"]
    sim.faults.clear()
    rerun = run_module(sse_sync, sync(sim, tmp_path, src))
    assert rerun["added"] == ["b.zip"] and rerun["unchanged"] == ["a.zip"] and rerun["restart_status"] == "SUCCEEDED"
    assert sim.running_names() == ["a.zip", "b.zip"] and rerun["pending_restart"] is None


def test_a_server_gone_before_the_purge_says_what_was_changed(sim, tmp_path):
    sim.put_sse("x.zip", STRAY, running=True)
    sim.faults.add("DELETE", SSE + "/x.zip", "drop")
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1", ["a.zip"]), purge=True, retries=0))
    assert result["failed"] and result["changed"] and "the server cannot be reached, so nothing more was sent" in result["msg"]
    assert result["added"] == ["a.zip"] and result["unconfirmed"] == ["x.zip"]
    assert sim.sse_names() == ["a.zip", "x.zip"] and sim.running_names() == ["x.zip"] and sim.restart_count == 0
    assert saved_state(tmp_path)["pending_restart"]["names"] == ["a.zip", "x.zip"]


def test_an_upload_whose_answer_is_lost_still_owes_a_restart(sim, tmp_path):
    """The server stored a.zip but the connection dropped before the answer: the outcome is unknown, so a restart stays owed."""
    original = sim.app.dispatch

    def store_then_drop(request, method, entry):
        answer = original(request, method, entry)
        if method == "POST" and request.path == SSE:
            drop_connection(request, 0)
            return None
        return answer

    sim.app.dispatch = store_then_drop
    src = release(tmp_path, "v1", ["a.zip"])
    failed = run_module(sse_sync, sync(sim, tmp_path, src, retries=0))
    sim.app.dispatch = original
    assert failed["failed"] and sim.sse_names() == ["a.zip"] and sim.running_names() == []
    rerun = run_module(sse_sync, sync(sim, tmp_path, src))
    assert rerun["restart_status"] == "SUCCEEDED" and sim.running_names() == ["a.zip"]


@pytest.mark.parametrize("earlier", ["SUCCEEDED", "FAILED", "IN_PROGRESS"])
def test_a_restart_requested_without_waiting_is_checked_by_the_next_run(sim, tmp_path, earlier):
    deployed(sim, tmp_path, ["a.zip"])
    src = release(tmp_path, "v2", ["a.zip"])
    sim.config.restart_outcome = "fail" if earlier == "FAILED" else "succeed"
    sim.config.restart_seconds = 1.0 if earlier == "IN_PROGRESS" else 0.2  # still running when the next run asks
    first = run_module(sse_sync, sync(sim, tmp_path, src, wait=False))
    work_id = first["work_request_id"]
    assert first["changed"] and first["restart_status"] == "ACCEPTED" and requests_to(sim, "GET", STATUS) == []
    assert first["warnings"] == ["the restart (work request %s) was not waited for: the next run checks whether it SUCCEEDED" % work_id]
    assert first["pending_restart"]["work_request_id"] == work_id == saved_state(tmp_path)["pending_restart"]["work_request_id"]
    sim.config.restart_outcome = "succeed"
    if earlier != "IN_PROGRESS":
        finished(sim, work_id)
    sim.clear_journal()
    rerun = run_module(sse_sync, sync(sim, tmp_path, src))
    assert requests_to(sim, "GET", STATUS)[0]["query"] == {"workRequestId": work_id}
    assert rerun["restarts"][0] == {"reason": "an earlier run's restart", "work_request_id": work_id,
                                    "restart_status": "FAILED" if earlier == "FAILED" else "SUCCEEDED"}
    if earlier != "FAILED":
        # Still running when asked: followed to its end, not restarted again.
        assert not rerun["changed"] and rerun["restart_reason"] is None and rerun["pending_restart"] is None
        assert mutating_requests(sim) == [] and sim.restart_count == 1
    else:
        assert rerun["changed"] and rerun["restart_reason"].startswith("a restart is owed since") and rerun["restart_status"] == "SUCCEEDED"
        assert mutating_requests(sim) == [("POST", RESTART)] and sim.restart_count == 2
    assert saved_state(tmp_path)["pending_restart"] is None and sim.running_names() == ["a.zip"]
    assert sim.sse_bytes("a.zip") == read(src + "/a.zip")


def test_backup_keeps_what_was_replaced_and_purged(sim, tmp_path):
    stored = deployed(sim, tmp_path)
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"]), purge=True, backup=True))
    assert result["changed"] and result["replaced"] == ["a.zip"] and result["purged"] == ["b.zip"]
    assert sorted(result["backup_files"]) == ["a.zip", "b.zip"] and backups(tmp_path) == ["a.zip", "b.zip"]
    assert {name: read(path) for name, path in result["backup_files"].items()} == stored
    assert sim.sse_names() == sim.running_names() == ["a.zip"]


def test_an_upload_the_listing_does_not_show_afterwards_leaves_the_restart_owed(sim, tmp_path, monkeypatch):
    deployed(sim, tmp_path, ["a.zip"])
    real_list = _api.list_sses
    calls = []

    def list_without_b(client, environment_type=None, name_filter=None):
        calls.append(1)
        items = real_list(client, environment_type, name_filter)
        return items if len(calls) == 1 else [item for item in items if item["name"] != "b.zip"]

    monkeypatch.setattr(_api, "list_sses", list_without_b)
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1b", ["a.zip", "b.zip"], version="v1")))
    assert result["failed"] and result["changed"]
    assert result["msg"].startswith("upload of b.zip was accepted but the server lists no such file afterwards; "
                                    "nothing was restarted, so the server does not run part of the set; ")
    assert sim.restart_count == 0 and saved_state(tmp_path)["pending_restart"]["names"] == ["b.zip"]


def test_a_restart_answer_without_work_request_id_says_once_how_to_finish(sim, tmp_path, monkeypatch):
    monkeypatch.setattr(_api, "restart_server", lambda client, environment_type=None: {"message": "accepted"})
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1", ["a.zip"])))
    assert result["failed"] and result["changed"]
    assert result["msg"].startswith("the server accepted the restart but returned no workRequestId to follow")
    assert result["msg"].count("a restart is owed") == 1 and saved_state(tmp_path)["pending_restart"]["names"] == ["a.zip"]
