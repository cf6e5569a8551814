# -*- coding: utf-8 -*-
"""sse_sync in-process, failures while applying and what the next run finds: uploads rejected halfway,
purges that partly fail, a server that goes away, restarts owed from an earlier run (also one only
requested with wait: false), backups, and a state file that cannot be written."""

from __future__ import annotations

import time

import pytest
from simulator.app import drop_connection

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError
from ansible_collections.commerce.admin.plugins.modules import sse_sync

from .module_runner import mutating_requests, requests_to, run_module
from .test_sse_sync import RESTART, SSE, STATUS, build, deployed, downloads, read, release, saved_state, sync
from .test_sse_sync_transactions import PENDING, backups, on_request

STRAY = b"PK\x05\x06" + bytes(18)


def finished(sim, work_request_id, deadline=10.0):
    """Wait until the simulated work request ended (SUCCEEDED, FAILED or CANCELED)."""
    end = time.monotonic() + deadline
    while sim.work_requests[work_request_id]["status"] in ("ACCEPTED", "IN_PROGRESS"):
        assert time.monotonic() < end
        time.sleep(0.05)


@pytest.mark.parametrize("rollback", [False, True])
def test_an_upload_rejected_halfway_is_undone_or_restarted(sim, tmp_path, rollback):
    stored = deployed(sim, tmp_path)
    before = sim.running()
    sim.config.reject_entry = "EICAR.txt"
    src = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    build(tmp_path / "v2" / "b.zip", {"index.js": "// v2 b\n", "EICAR.txt": "x"})  # a.zip lands, b.zip is rejected
    result = run_module(sse_sync, sync(sim, tmp_path, src, rollback=rollback))
    assert result["failed"] and result["changed"] and "the server rejected b.zip (b.zip: VIRUS_DETECTED)" in result["msg"]
    assert saved_state(tmp_path)["pending_restart"] is None and "c.zip" not in sim.sse_names()
    if rollback:
        assert result["msg"].endswith("; the run's changes were undone (a.zip (put back))")
        assert {name: sim.sse_bytes(name) for name in sim.sse_names()} == stored and sim.running() == before
        assert sim.restart_count == 0 and "a.zip" not in saved_state(tmp_path)["sses"]
    else:
        assert result["msg"].endswith("; the extension server was restarted with what was stored (restart SUCCEEDED)")
        assert sim.sse_bytes("a.zip") == read(src + "/a.zip") and sim.sse_bytes("b.zip") == stored["b.zip"]
        # What is stored is what runs (v2 a.zip, v1 b.zip): the next run's comparison is the truth.
        assert sim.running_names() == ["a.zip", "b.zip"] and sim.running()["a.zip"] != before["a.zip"] and sim.restart_count == 1


@pytest.mark.parametrize("owed_before", [False, True])
def test_a_first_upload_rejected_changes_nothing_and_owes_no_more_than_before(sim, tmp_path, owed_before):
    deployed(sim, tmp_path, ["b.zip"])
    if owed_before:
        run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1b", ["b.zip", "c.zip"], version="v1"), restart="never"))
    sim.config.reject_entry = "EICAR.txt"
    src = release(tmp_path, "v2", ["a.zip"])
    build(tmp_path / "v2" / "a.zip", {"EICAR.txt": "x"})
    result = run_module(sse_sync, sync(sim, tmp_path, src))
    assert result["failed"] and not result["changed"] and "the server rejected a.zip" in result["msg"] and "a restart is pending" not in result["msg"]
    assert "a.zip" not in sim.sse_names() and sim.restart_count == 0
    owed = saved_state(tmp_path)["pending_restart"]
    assert ("c.zip" in owed["names"]) if owed_before else owed is None


@pytest.mark.parametrize("rollback", [False, True])
def test_a_purge_that_partly_fails_restarts_or_puts_back_what_went(sim, tmp_path, rollback):
    deployed(sim, tmp_path, ["a.zip"])
    sim.put_sse("x.zip", STRAY + b"x", running=True)
    sim.put_sse("y.zip", STRAY + b"y", running=True)
    sim.config.undeletable = {"x.zip"}
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1b", ["a.zip"], version="v1"), purge=True, rollback=rollback))
    assert result["failed"] and result["changed"]
    assert result["msg"].startswith("could not purge x.zip (POST %s/deleteFiles failed: HTTP 400, errorCode 100307" % SSE)
    assert saved_state(tmp_path)["pending_restart"] is None
    if rollback:
        assert result["msg"].endswith("; the run's changes were undone (y.zip (put back))")
        assert sim.sse_names() == sim.running_names() == ["a.zip", "x.zip", "y.zip"] and sim.sse_bytes("y.zip") == STRAY + b"y"
        assert sim.restart_count == 0
    else:
        assert result["msg"].endswith("; the extension server was restarted with what was stored (restart SUCCEEDED)")
        assert sim.sse_names() == sim.running_names() == ["a.zip", "x.zip"] and sim.restart_count == 1


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
    assert ("; the server cannot be reached after a.zip was changed (b.zip may have been too: the answer was lost), "
            "so nothing more was sent; ") in result["msg"]
    assert result["msg"].endswith(PENDING % (tmp_path / "state.json"))
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
    assert result["failed"] and result["changed"] and "the server cannot be reached after a.zip was changed" in result["msg"]
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
    if earlier == "SUCCEEDED":
        assert not rerun["changed"] and rerun["restart_reason"] is None and rerun["pending_restart"] is None
        assert mutating_requests(sim) == [] and sim.restart_count == 1
    else:
        assert rerun["changed"] and rerun["restart_reason"].startswith("a restart is owed since") and rerun["restart_status"] == "SUCCEEDED"
        assert mutating_requests(sim) == [("POST", RESTART)]
        # A restart requested while one runs joins it: no second work request.
        assert sim.restart_count == (1 if earlier == "IN_PROGRESS" else 2) and (rerun["work_request_id"] == work_id) is (earlier == "IN_PROGRESS")
    assert saved_state(tmp_path)["pending_restart"] is None and sim.running_names() == ["a.zip"]
    assert sim.sse_bytes("a.zip") == read(src + "/a.zip")


def test_backup_keeps_what_was_replaced_and_purged(sim, tmp_path):
    stored = deployed(sim, tmp_path)
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v2", ["a.zip"]), purge=True, backup=True))
    assert result["changed"] and result["replaced"] == ["a.zip"] and result["purged"] == ["b.zip"]
    assert sorted(result["backup_files"]) == ["a.zip", "b.zip"] and backups(tmp_path) == ["a.zip", "b.zip"]
    assert {name: read(path) for name, path in result["backup_files"].items()} == stored
    assert sim.sse_names() == sim.running_names() == ["a.zip"]


def test_an_unwritable_state_file_warns_and_still_decides_right(sim, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory")
    state_file = str(blocker / "state.json")
    src = release(tmp_path, "v1", ["a.zip"])
    first = run_module(sse_sync, sync(sim, tmp_path, src, state_file=state_file))
    assert first["changed"] and first["restart_status"] == "SUCCEEDED" and sim.running_names() == ["a.zip"]
    assert first["warnings"][0] == "state file %s cannot be read (Not a directory): ignored" % state_file
    unsaved = "cannot save the state file %s (File exists): remembered checksums and pending restarts are not kept for the next run" % state_file
    assert set(first["warnings"][1:]) == {unsaved}
    sim.clear_journal()
    second = run_module(sse_sync, sync(sim, tmp_path, src, state_file=state_file))
    assert not second["changed"] and second["downloaded"] == ["a.zip"] and downloads(sim) == ["a.zip"]
    assert mutating_requests(sim) == [] and sim.restart_count == 1 and unsaved in second["warnings"]


def test_an_upload_the_listing_does_not_show_afterwards_still_restarts(sim, tmp_path, monkeypatch):
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
    assert result["msg"] == ("upload of b.zip was accepted but the server lists no such file afterwards; "
                             "the extension server was restarted with what was stored (restart SUCCEEDED)")
    assert sim.running_names() == ["a.zip", "b.zip"] and saved_state(tmp_path)["pending_restart"] is None


def test_a_restart_answer_without_work_request_id_says_once_how_to_finish(sim, tmp_path, monkeypatch):
    monkeypatch.setattr(_api, "restart_server", lambda client, environment_type=None: {"message": "accepted"})
    result = run_module(sse_sync, sync(sim, tmp_path, release(tmp_path, "v1", ["a.zip"])))
    assert result["failed"] and result["changed"]
    assert result["msg"].startswith("the server accepted the restart but returned no workRequestId to follow")
    assert result["msg"].count("a restart is pending") == 1 and saved_state(tmp_path)["pending_restart"]["names"] == ["a.zip"]
