# -*- coding: utf-8 -*-
"""server_restart and restart_status_info through ansible-playbook."""

from __future__ import annotations

from helpers.harness import mutating_requests, run_tasks

RESTART = "commerce.admin.server_restart"
STATUS = "commerce.admin.restart_status_info"


def test_restart_waits_until_succeeded_and_always_reports_changed(sim, tmp_path):
    run = run_tasks(sim, [{RESTART: {}}, {RESTART: {}}], tmp_path)
    for result in run.results:
        assert result["changed"] and result["restart_status"] == "SUCCEEDED" and result["completion_percentage"] == 100
        assert result["elapsed"] > 0
    assert sim.restart_count == 2
    restart = mutating_requests(sim)[0]
    assert restart["path"] == "/ccadminx/custom/v1/servers/restart" and restart["query"] == {"trackProgress": "true"}
    assert restart["content_type"] == "application/json"


def test_check_mode_restarts_nothing(sim, tmp_path):
    run = run_tasks(sim, [{RESTART: {}}], tmp_path, check=True)
    assert run[0]["changed"] and run[0]["work_request_id"] is None
    assert mutating_requests(sim) == [] and sim.restart_count == 0


def test_no_wait_then_wait_on_the_work_request_then_read_it(sim, tmp_path):
    run = run_tasks(sim, [
        {RESTART: {"wait": False}},
        {RESTART: {"work_request_id": "{{ r0.work_request_id }}"}},
        {STATUS: {"work_request_id": "{{ r0.work_request_id }}"}},
    ], tmp_path)
    assert run[0]["restart_status"] == "ACCEPTED" and run[0]["changed"]
    assert not run[1]["changed"] and run[1]["restart_status"] == "SUCCEEDED" and sim.restart_count == 1
    assert run[2]["restart_status"] == "SUCCEEDED" and run[2]["message"].rstrip(".") == "SUCCEEDED" and not run[2]["changed"]


def test_status_without_trailing_period(sim_factory, tmp_path):
    sim = sim_factory(status_period=False)
    run = run_tasks(sim, [{RESTART: {}}], tmp_path)
    assert run[0]["restart_status"] == "SUCCEEDED"


def test_failed_restart_fails_the_module_with_the_status(sim, tmp_path):
    sim.config.restart_outcome = "fail"
    run = run_tasks(sim, [{RESTART: {}}], tmp_path)
    assert run[0]["failed"] and "ended FAILED" in run[0]["msg"] and run[0]["restart_status"] == "FAILED"


def test_canceled_restart_fails(sim, tmp_path):
    sim.config.restart_outcome = "cancel"
    run = run_tasks(sim, [{RESTART: {}}], tmp_path)
    assert run[0]["failed"] and "ended CANCELED" in run[0]["msg"]


def test_restart_that_never_ends_fails_at_wait_timeout_naming_the_work_request(sim, tmp_path):
    sim.config.restart_outcome = "hang"
    run = run_tasks(sim, [{RESTART: {"wait_timeout": 2}}], tmp_path)
    result = run[0]
    assert result["failed"] and "did not finish within wait_timeout (2 s)" in result["msg"]
    assert result["work_request_id"] in result["msg"] and "may still be running" in result["msg"]


def test_unknown_work_request_fails_with_the_error_code(sim, tmp_path):
    run = run_tasks(sim, [{STATUS: {"work_request_id": "nope"}}, {RESTART: {"work_request_id": "nope"}}], tmp_path)
    for result in run.results:
        assert result["failed"] and result["error"]["error_code"] == "14000"


def test_bad_wait_options_are_refused_before_any_request(sim, tmp_path):
    run = run_tasks(sim, [{RESTART: {"wait_timeout": 0}}, {RESTART: {"poll_interval": -1}}], tmp_path)
    assert "wait_timeout must be greater than 0" in run[0]["msg"]
    assert "poll_interval must be greater than 0" in run[1]["msg"]
    assert sim.journal == []
