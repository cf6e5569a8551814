# -*- coding: utf-8 -*-
"""The extension server's log files: levels, days, the tail, and what a settled restart writes."""

from __future__ import annotations

import datetime
import re

from simulator.logs import LEAKED_API_KEY, LEAKED_TOKEN, TAIL_LINES, ServerLogs

NOON = datetime.datetime(2026, 11, 24, 12, 0, 0, 250000, tzinfo=datetime.timezone.utc)
# doc: the example line of getExtensionServerLogs
LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z - (debug|info|warning|error): Worker 1 - .+$")


def test_a_level_file_holds_that_level_and_the_more_severe_ones():
    logs = ServerLogs()
    for level in ("debug", "info", "warning", "error"):
        logs.append("live", level, "a %s line" % level, NOON)
    assert logs.read("live", "20261124", "error") == "2026-11-24T12:00:00.250Z - error: Worker 1 - a error line\n"
    levels = [line.split(" - ")[1] for line in logs.read("live", "20261124", "info").splitlines()]
    assert levels == ["info: Worker 1", "warning: Worker 1", "error: Worker 1"]
    assert len(logs.read("live", "20261124", "debug").splitlines()) == 4


def test_days_and_environments_are_separate_and_an_empty_day_is_empty():
    logs = ServerLogs()
    logs.append("live", "error", "today", NOON)
    logs.append("live", "error", "yesterday", NOON - datetime.timedelta(days=1))
    assert "yesterday" in logs.read("live", "20261123", "error") and "today" not in logs.read("live", "20261123", "error")
    assert logs.read("preview", "20261124", "error") == "" and logs.read("live", "20260101", "error") == ""


def test_the_tail_is_the_last_lines():
    logs = ServerLogs()
    for number in range(TAIL_LINES + 5):
        logs.append("live", "error", "line %d" % number, NOON)
    tail = logs.tail("live", "20261124", "error").splitlines()
    assert len(tail) == TAIL_LINES and tail[-1].endswith("line %d" % (TAIL_LINES + 4)) and tail[0].endswith("line 5")


def test_a_failed_restart_names_each_sse_that_did_not_start_with_a_secret_to_redact():
    logs = ServerLogs()
    logs.restart_settled("live", "W1", "FAILED", {"orders.zip": "x", "ok.zip": "y"}, ["orders.zip"])
    text = logs.read("live", datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d"), "error")
    lines = text.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    assert "Error: Cannot find module" in lines[0] and "orders.zip" in lines[0]
    assert "orders.zip: index.js threw at startup" in lines[1] and LEAKED_API_KEY in lines[1] and LEAKED_TOKEN in lines[1]
    assert "restart W1 FAILED: orders.zip did not start" in lines[2] and "ok.zip" not in text


def test_a_succeeded_restart_is_an_info_line_and_a_canceled_one_a_warning():
    logs = ServerLogs()
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")
    logs.restart_settled("preview", "W2", "SUCCEEDED", {"b.zip": "x", "a.zip": "y"}, [])
    logs.restart_settled("preview", "W3", "CANCELED", {}, [])
    assert logs.read("preview", today, "error") == ""
    info = logs.read("preview", today, "info").splitlines()
    assert "info: Worker 1 - Extension server started (restart W2); loaded: a.zip, b.zip" in info[0]
    assert "warning: Worker 1 - restart W3 was canceled" in info[1]
