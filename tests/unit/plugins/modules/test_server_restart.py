# -*- coding: utf-8 -*-
"""server_restart in-process: restart and follow the work request, wait for an existing one, outcomes and tokens."""

from __future__ import annotations

import datetime

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.modules import server_restart

from helpers.module_runner import FAST_WAIT, connection, mutating_requests, requests_to, run_module
from helpers.restart_log import assert_explained, assert_unreadable_log_keeps_the_failure, break_log, flood

RESTART = "/ccadminx/custom/v1/servers/restart"
STATUS = "/ccadminx/custom/v1/servers/restartWorkRequestStatus"


def restart(sim, **options):
    return connection(sim, **dict(FAST_WAIT, **options))


def test_restarts_and_waits_until_succeeded(sim):
    result = run_module(server_restart, restart(sim))
    assert result["changed"] and result["restart_status"] == "SUCCEEDED" and result["completion_percentage"] == 100
    assert result["work_request_id"] in sim.work_requests and result["elapsed"] > 0
    assert mutating_requests(sim) == [("POST", RESTART)] and sim.restart_count == 1
    assert sim.journal[1]["json"] == {} and sim.journal[1]["query"] == {"trackProgress": "true"}


def test_no_wait_returns_the_accepted_work_request(sim):
    result = run_module(server_restart, restart(sim, wait=False))
    assert result["changed"] and result["restart_status"] == "ACCEPTED" and result["work_request_id"] in sim.work_requests
    assert requests_to(sim, "GET", STATUS) == []


def test_preview_environment(sim):
    result = run_module(server_restart, restart(sim, environment_type="preview"))
    assert result["restart_status"] == "SUCCEEDED" and sim.work_requests[result["work_request_id"]]["environment"] == "preview"
    assert requests_to(sim, "POST", RESTART)[0]["json"] == {"environmentType": "preview"}


def test_check_mode_restarts_nothing(sim):
    result = run_module(server_restart, restart(sim), check_mode=True)
    assert result["changed"] and result["work_request_id"] is None and result["restart_status"] is None
    assert mutating_requests(sim) == [] and sim.restart_count == 0


def test_waiting_for_an_existing_work_request_changes_nothing(sim):
    started = run_module(server_restart, restart(sim, wait=False))["work_request_id"]
    sim.clear_journal()
    result = run_module(server_restart, restart(sim, work_request_id=started))
    assert not result["changed"] and result["work_request_id"] == started and result["restart_status"] == "SUCCEEDED"
    assert mutating_requests(sim) == [] and sim.restart_count == 1


def test_an_unknown_work_request_fails(sim):
    result = run_module(server_restart, restart(sim, work_request_id="nope"))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "GET %s failed: HTTP 404, errorCode 14000: Failed to fetch restart status." % STATUS


@pytest.mark.parametrize("outcome, status", [("fail", "FAILED"), ("cancel", "CANCELED")])
def test_a_restart_that_ends_badly_fails_as_changed(sim, outcome, status):
    sim.config.restart_outcome = outcome
    result = run_module(server_restart, restart(sim))
    work_id = result["work_request_id"]
    assert result["failed"] and result["changed"] and result["restart_status"] == status
    assert result["msg"].startswith("restart work request %s ended %s; " % (work_id, status))
    if status == "FAILED":  # the server says it failed, naming no SSE; a cancel logs nothing at error level
        assert result["msg"].endswith("error log ends: %s" % result["restart_log"][-1])
        assert "restart %s FAILED: an SSE did not start" % work_id in result["restart_log"][-1]
    else:
        assert result["msg"].endswith("the extension server's error log of %s is empty" % _today()) and result["restart_log"] == []


def _today():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")


def crashing(sim, make_entries_zip, name="orders.zip", environment="live"):
    """An SSE stored in `environment` that does not start: the next restart there FAILS, and the server logs why."""
    sim.config.crash_entry = "crash.js"
    with open(make_entries_zip({"index.js": "x", "crash.js": "throw 1"}), "rb") as handle:
        sim.put_sse(name, handle.read(), environment=environment)


@pytest.mark.parametrize("environment", [None, "preview"])
def test_a_failed_restart_shows_the_log_lines_that_explain_it(sim, make_entries_zip, environment):
    crashing(sim, make_entries_zip, environment=environment or "live")
    flood(sim, environment or "live")
    result = run_module(server_restart, restart(sim, **({"environment_type": environment} if environment else {})))
    assert result["failed"] and result["changed"] and result["restart_status"] == "FAILED"
    assert result["msg"].startswith("restart work request %s ended FAILED; " % result["work_request_id"])
    assert_explained(result, "orders.zip", [sim.app_key] + sim.issued_tokens)
    tail = requests_to(sim, "GET", "/ccadminx/custom/v1/logs/tail")
    assert [entry["query"] for entry in tail] == [dict({"loggingLevel": "error", "date": _today()},
                                                       **({"environmentType": environment} if environment else {}))]
    assert mutating_requests(sim) == [("POST", RESTART)]


def test_waiting_for_a_failed_work_request_also_shows_the_log(sim, make_entries_zip):
    crashing(sim, make_entries_zip)
    started = run_module(server_restart, restart(sim, wait=False))["work_request_id"]
    result = run_module(server_restart, restart(sim, work_request_id=started))
    assert result["failed"] and not result["changed"]
    assert_explained(result, "orders.zip")


@pytest.mark.parametrize("how", ["500", "timeout"])
def test_a_log_that_cannot_be_read_keeps_the_failure_message(sim, make_entries_zip, how):
    crashing(sim, make_entries_zip)
    break_log(sim, how)
    result = run_module(server_restart, restart(sim, timeout=0.5, retries=0))
    assert result["restart_status"] == "FAILED" and result["changed"]
    assert_unreadable_log_keeps_the_failure(result, "restart work request %s ended FAILED; " % result["work_request_id"])


def test_a_restart_that_hangs_fails_at_wait_timeout_naming_the_work_request(sim):
    sim.config.restart_outcome = "hang"
    result = run_module(server_restart, restart(sim, wait_timeout=1))
    work_id = result["work_request_id"]
    assert result["failed"] and result["changed"] and result["restart_status"] == "IN_PROGRESS"
    assert result["msg"] == ("restart work request %s did not finish within wait_timeout (1 s); last status IN_PROGRESS at 50%%: "
                             "the restart may still be running, follow it with commerce.admin.restart_status_info "
                             "or commerce.admin.server_restart work_request_id=%s" % (work_id, work_id))


def test_a_status_the_collection_does_not_know_is_waited_on_and_named(sim, monkeypatch):
    monkeypatch.setattr(_api, "restart_status",
                        lambda client, work_request_id: {"workRequestId": work_request_id, "message": "Paused.", "completionPercentage": 7})
    result = run_module(server_restart, restart(sim, wait_timeout=1))
    assert result["failed"] and result["changed"] and result["restart_status"] == "PAUSED"
    assert "last status PAUSED (not a status the collection knows: treated as still running) at 7%" in result["msg"]


def test_an_answer_without_work_request_id_fails_as_changed(sim, monkeypatch):
    monkeypatch.setattr(_api, "restart_server", lambda client, environment_type=None: {"message": "accepted"})
    result = run_module(server_restart, restart(sim))
    assert result["failed"] and result["changed"]
    assert result["msg"] == "the server accepted the restart but returned no workRequestId to follow"


@pytest.mark.parametrize("protection, refused", [("no_delete", False), ("read_only", True)])
def test_protection(sim, protection, refused):
    result = run_module(server_restart, restart(sim, protection=protection))
    if refused:
        assert result["failed"] and result["msg"] == "protection is read_only: refused to restart the extension server"
        assert mutating_requests(sim) == [] and sim.restart_count == 0
    else:
        assert result["changed"] and sim.restart_count == 1


def test_read_only_in_check_mode_warns(sim):
    result = run_module(server_restart, restart(sim, protection="read_only"), check_mode=True)
    assert result["changed"] and result["warnings"] == [
        "protection is read_only: refused to restart the extension server (check mode: nothing was sent)"]


def test_wait_timeout_must_be_positive(sim):
    result = run_module(server_restart, restart(sim, wait_timeout=-5))
    assert result["failed"] and result["msg"] == "wait_timeout must be greater than 0, got -5" and sim.journal == []


def test_a_post_answered_503_is_not_sent_again(sim):
    sim.faults.add("POST", RESTART, "status", status=503)
    result = run_module(server_restart, restart(sim))
    assert result["failed"] and not result["changed"] and sim.restart_count == 0
    assert "not sent again: a POST is not idempotent and may have been processed; check the server state" in result["msg"]
    assert len(requests_to(sim, "POST", RESTART)) == 1


def test_the_token_is_renewed_during_a_long_wait(sim_factory):
    """Tokens said to last 1 s, a poll every 0.05 s and a 1 s timeout: every poll renews the token first."""
    sim = sim_factory(restart_seconds=0.3, jwt_tokens=False, login_expires_in=1)
    result = run_module(server_restart, restart(sim, timeout=1))
    assert result["restart_status"] == "SUCCEEDED" and not result.get("failed")
    refreshes = requests_to(sim, "POST", "/ccadmin/v1/refresh")
    assert refreshes and all(entry["status"] == 200 for entry in refreshes)
    assert all(entry["status"] == 200 for entry in requests_to(sim, "GET", STATUS))


def test_a_failed_refresh_falls_back_to_a_login(sim_factory):
    sim = sim_factory(restart_seconds=0.2, jwt_tokens=False, login_expires_in=1)
    sim.faults.add("POST", "/ccadmin/v1/refresh", "status", times=None, status=500)
    result = run_module(server_restart, restart(sim, timeout=1))
    assert result["restart_status"] == "SUCCEEDED"
    assert len(requests_to(sim, "POST", "/ccadmin/v1/login")) >= 2
