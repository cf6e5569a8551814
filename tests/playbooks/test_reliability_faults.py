# -*- coding: utf-8 -*-
"""Faults injected into the simulator: each module either succeeds after retrying or fails
naming the cause, and the remote state matches what it reported."""

from __future__ import annotations

import socket

from helpers.harness import connection_defaults, run_tasks

UPLOAD = "commerce.admin.sse_upload"
SSE = "/ccadmin/v1/serverExtensions"


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def upload_posts(sim):
    return [entry for entry in sim.journal if entry["method"] == "POST" and entry["path"] == SSE]


def test_500_once_is_not_retried_and_fails_naming_it(sim, make_zip, tmp_path):
    sim.faults.add("POST", SSE, "status", status=500, error_code="91004", message="Internal Error")
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip"}}], tmp_path)
    assert run[0]["failed"] and "HTTP 500" in run[0]["msg"] and run[0]["error"]["error_code"] == "91004"
    assert not run[0].get("uploaded") and sim.sse_names() == []
    # the next run, with the fault gone, does the upload
    again = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip"}}], tmp_path)
    assert again[0]["uploaded"] and sim.sse_names() == ["a.zip"]


def test_500_on_a_read_fails_before_any_change(sim, make_zip, tmp_path):
    sim.faults.add("GET", SSE, "status", status=500)
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip"}}], tmp_path)
    assert run[0]["failed"] and "GET /ccadmin/v1/serverExtensions failed: HTTP 500" in run[0]["msg"]
    assert upload_posts(sim) == []


def test_503_with_retry_after_twice_then_success(sim, make_zip, tmp_path):
    sim.faults.add("GET", SSE, "status", times=2, status=503, retry_after=1)
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip", "restart": False}}], tmp_path)
    assert run[0]["uploaded"] and sim.sse_names() == ["a.zip"]
    lists = [entry for entry in sim.journal if entry["path"] == SSE and entry["method"] == "GET"]
    assert [entry["status"] for entry in lists[:3]] == [503, 503, 200]
    assert lists[2]["time"] - lists[0]["time"] >= 1.9  # both Retry-After waits were honoured


def test_429_with_retry_after(sim, make_zip, tmp_path):
    sim.faults.add("POST", SSE, "status", status=429, retry_after=1)
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip", "restart": False}}], tmp_path)
    assert run[0]["uploaded"]
    assert [entry["status"] for entry in upload_posts(sim)] == [429, 200]


def test_connection_dropped_mid_upload_is_retried_from_the_file(sim, make_zip, tmp_path):
    path = make_zip(size=3 * 1024 * 1024, seed=4)
    sim.faults.add("POST", SSE, "drop", after_bytes=1024 * 1024)
    run = run_tasks(sim, [{UPLOAD: {"src": path, "name": "a.zip", "restart": False}}], tmp_path)
    assert run[0]["uploaded"] and sim.sse_bytes("a.zip") == read(path)
    assert [entry["status"] for entry in upload_posts(sim)] == [0, 200]


def test_drops_beyond_the_retry_budget_fail_and_store_nothing(sim, make_zip, tmp_path):
    sim.faults.add("POST", SSE, "drop", times=None, after_bytes=1000)
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=200000), "name": "a.zip", "retries": 1}}], tmp_path)
    assert run[0]["failed"] and "dropped" in run[0]["msg"] and "gave up after 2 attempts" in run[0]["msg"]
    assert sim.sse_names() == [] and len(upload_posts(sim)) == 2


def test_slow_answer_beyond_timeout(sim, make_zip, tmp_path):
    sim.faults.add("GET", SSE, "slow", times=None, seconds=3)
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip", "timeout": 1, "retries": 0}}], tmp_path)
    assert run[0]["failed"] and "no answer within 1 s: raise timeout" in run[0]["msg"]
    assert upload_posts(sim) == []


def test_simulator_not_running(sim, make_zip, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = "http://127.0.0.1:%d" % port
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip"}}, {"commerce.admin.sse_info": {}}], tmp_path,
                    defaults=connection_defaults(sim, base_url=url))
    for result in run.results:
        assert result["failed"] and "cannot connect to %s" % url in result["msg"] and "check base_url" in result["msg"]
        assert "Traceback" not in result["msg"]


def test_token_expires_between_list_and_upload(sim, make_zip, tmp_path):
    path = make_zip(size=20000)
    sim.faults.add("POST", SSE, "expire_token")
    run = run_tasks(sim, [{UPLOAD: {"src": path, "name": "a.zip", "restart": False}}], tmp_path)
    assert run[0]["uploaded"] and sim.sse_bytes("a.zip") == read(path)
    assert [entry["status"] for entry in upload_posts(sim)] == [401, 200]
    assert [entry["path"] for entry in sim.journal].count("/ccadmin/v1/login") == 2


def test_restart_failed_and_never_ending_after_an_upload(sim, make_zip, tmp_path):
    sim.config.restart_outcome = "fail"
    failed = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip"}}], tmp_path)
    assert failed[0]["failed"] and "ended FAILED" in failed[0]["msg"]
    # the upload itself happened and is reported as such
    assert failed[0]["uploaded"] and sim.sse_names() == ["a.zip"]
    sim.config.restart_outcome = "hang"
    hung = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20001), "name": "b.zip", "wait_timeout": 1}}], tmp_path)
    assert hung[0]["failed"] and hung[0]["work_request_id"] in hung[0]["msg"] and "may still be running" in hung[0]["msg"]


def test_outage_page_is_reported_readably(sim, make_zip, tmp_path):
    sim.faults.add("GET", SSE, "status", times=None, status=503, html=True)
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip", "retries": 1}}], tmp_path)
    assert run[0]["failed"] and "Application Unavailable" in run[0]["msg"] and "<html" not in run[0]["msg"]
