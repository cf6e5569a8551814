# -*- coding: utf-8 -*-
"""sse_logs_info in-process: the tail or the whole log, a level and a day, redacted, bounded, checked before any request."""

from __future__ import annotations

import datetime

import pytest

from ansible_collections.commerce.admin.plugins.modules import sse_logs_info
from helpers.module_runner import connection, mutating_requests, requests_to, run_module
from simulator.logs import LEAKED_API_KEY, LEAKED_TOKEN

LOGS = "/ccadminx/custom/v1/logs"


def today():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")


def failed_restart_logged(sim, environment="live"):
    sim.store.restarts.logs.restart_settled(environment, "W1", "FAILED", {"orders.zip": "x"}, ["orders.zip"])


@pytest.mark.parametrize("check_mode", [False, True])
def test_the_error_tail_of_today_by_default(sim, check_mode):
    failed_restart_logged(sim)
    result = run_module(sse_logs_info, connection(sim), check_mode=check_mode)
    assert not result["changed"] and not result.get("failed")
    assert (result["level"], result["date"], result["environment_type"], result["source"]) == ("error", today(), "live", "tail")
    assert any("orders.zip: index.js threw at startup" in line for line in result["lines"]) and not result["truncated"]
    assert LEAKED_API_KEY not in repr(result) and LEAKED_TOKEN not in repr(result) and "apiKey=********" in repr(result)
    assert [entry["query"] for entry in requests_to(sim, "GET", LOGS + "/tail")] == [{"loggingLevel": "error", "date": today()}]
    assert mutating_requests(sim) == []


def test_a_level_a_day_and_an_environment(sim):
    yesterday = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
    sim.store.restarts.logs.append("preview", "warning", "a warning of yesterday", yesterday)
    sim.store.restarts.logs.append("preview", "info", "an info line of yesterday", yesterday)
    result = run_module(sse_logs_info, connection(sim, level="warning", date=yesterday.strftime("%Y%m%d"), environment_type="preview"))
    assert [line.split(" - ", 2)[2] for line in result["lines"]] == ["a warning of yesterday"]
    assert requests_to(sim, "GET", LOGS + "/tail")[0]["query"] == {"loggingLevel": "warning", "date": yesterday.strftime("%Y%m%d"),
                                                                   "environmentType": "preview"}


def test_the_tail_is_bounded_by_max_bytes(sim):
    for number in range(50):
        sim.store.restarts.logs.append("live", "error", "line %02d %s" % (number, "y" * 100))
    result = run_module(sse_logs_info, connection(sim, max_bytes=1000))
    assert result["truncated"] and len("".join(result["lines"]).encode("utf-8")) <= 1000 and result["lines"][-1].endswith("y" * 100)
    assert " line 49 " in result["lines"][-1]


@pytest.mark.parametrize("check_mode", [False, True])
def test_the_whole_log_streamed_to_dest_redacted(sim, tmp_path, check_mode):
    failed_restart_logged(sim)
    dest = tmp_path / "error.log"
    result = run_module(sse_logs_info, connection(sim, tail=False, dest=str(dest), max_bytes=200), check_mode=check_mode)
    assert not result["changed"] and result["source"] == "log" and result["dest"] == str(dest)
    assert [entry["query"]["format"] for entry in requests_to(sim, "GET", LOGS)] == ["zip"]
    assert result["truncated"] and len("".join(result["lines"]).encode("utf-8")) <= 200
    if check_mode:
        assert not dest.exists() and result["dest_written"] is False and result["size"] is None
        return
    text = dest.read_text(encoding="utf-8")
    assert result["dest_written"] and result["size"] == len(text.encode("utf-8")) and len(text.splitlines()) == 3
    assert "orders.zip: index.js threw at startup" in text and LEAKED_API_KEY not in text and LEAKED_TOKEN not in text


def test_the_whole_log_without_dest_returns_its_end(sim):
    failed_restart_logged(sim)
    result = run_module(sse_logs_info, connection(sim, tail=False))
    assert len(result["lines"]) == 3 and result["dest"] is None and not result["dest_written"] and not result["truncated"]


@pytest.mark.parametrize("options, says", [
    ({"date": "2026-11-24"}, "date must be a day written YYYYMMDD (for example 20261124), got '2026-11-24'"),
    ({"date": "20261131"}, "date must be a day written YYYYMMDD"),
    ({"dest": "/tmp/x.log"}, "dest receives the whole log: set tail: false to download it"),
    ({"tail": False, "dest": "/nonexistent-dir/x.log"}, "the directory of dest does not exist: /nonexistent-dir"),
    ({"max_bytes": 0}, "max_bytes must be greater than 0, got 0"),
])
def test_bad_options_fail_before_any_request(sim, options, says):
    result = run_module(sse_logs_info, connection(sim, **options))
    assert result["failed"] and not result["changed"] and says in result["msg"]
    assert sim.journal == []


def test_a_log_endpoint_error_is_a_clear_failure(sim):
    sim.faults.add("GET", LOGS + "/tail", "status", times=None, status=500)
    result = run_module(sse_logs_info, connection(sim))
    assert result["failed"] and result["msg"] == "GET %s/tail failed: HTTP 500, errorCode 500: Injected fault" % LOGS
