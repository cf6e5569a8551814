# -*- coding: utf-8 -*-
"""restart_status_info in-process: one read of a work request, normalised."""

from __future__ import annotations

import time

from ansible_collections.commerce.admin.plugins.modules import restart_status_info

from helpers.module_runner import connection, mutating_requests, run_module


def finished(sim, work_id):
    deadline = time.monotonic() + 5
    while sim.work_requests[work_id]["status"] != "SUCCEEDED":
        assert time.monotonic() < deadline, "the simulated restart did not end"
        time.sleep(0.05)


def test_reads_a_running_work_request(sim):
    sim.config.restart_outcome = "hang"  # never ends, so the read cannot race its end
    work_id = sim.store.start_restart("preview")
    result = run_module(restart_status_info, connection(sim, work_request_id=work_id))
    assert not result["changed"] and result["work_request_id"] == work_id
    assert result["restart_status"] in ("ACCEPTED", "IN_PROGRESS") and result["completion_percentage"] in (0, 50)
    assert mutating_requests(sim) == []


def test_reads_a_finished_work_request_in_check_mode_too(sim):
    work_id = sim.store.start_restart()
    finished(sim, work_id)
    result = run_module(restart_status_info, connection(sim, work_request_id=work_id), check_mode=True)
    assert result["restart_status"] == "SUCCEEDED" and result["completion_percentage"] == 100
    assert result["message"] == ("SUCCEEDED." if sim.config.status_period else "SUCCEEDED")
    assert mutating_requests(sim) == []


def test_status_without_a_period_reads_the_same(sim_factory):
    sim = sim_factory(restart_seconds=0.05, status_period=False)
    work_id = sim.store.start_restart()
    finished(sim, work_id)
    result = run_module(restart_status_info, connection(sim, work_request_id=work_id))
    assert result["restart_status"] == "SUCCEEDED" and result["message"] == "SUCCEEDED"


def test_a_blank_id_fails_before_any_request(sim):
    result = run_module(restart_status_info, connection(sim, work_request_id="  "))
    assert result["failed"] and result["msg"] == "work_request_id is empty" and sim.journal == []


def test_a_missing_id_is_required(sim):
    result = run_module(restart_status_info, connection(sim))
    assert result["failed"] and result["msg"] == "missing required arguments: work_request_id"


def test_an_unknown_id_fails_with_the_api_error(sim):
    result = run_module(restart_status_info, connection(sim, work_request_id="nope"))
    assert result["failed"] and result["error"]["error_code"] == "14000" and result["error"]["status"] == 404
