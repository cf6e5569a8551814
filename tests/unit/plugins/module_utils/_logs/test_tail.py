# -*- coding: utf-8 -*-
"""plugins/module_utils/_logs/tail.py: bounded lines, the UTC day, and failure_log, which never raises."""

from __future__ import annotations

import datetime

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError
from ansible_collections.commerce.admin.plugins.module_utils._logs import tail
from helpers.client_checks import make_client
from simulator.logs import LEAKED_API_KEY, LEAKED_TOKEN


def test_the_day_is_the_utc_one():
    late = datetime.datetime(2026, 11, 24, 23, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
    assert tail.today_utc(late) == "20261125"


def test_bounded_lines_keep_the_end_within_lines_and_bytes():
    bounded = tail.BoundedLines(max_lines=3).extend("line %d\n" % number for number in range(10))
    assert list(bounded.lines) == ["line 7", "line 8", "line 9"] and bounded.truncated
    bounded = tail.BoundedLines(max_bytes=12).extend(["aaaa", "bbbb", "cccc", "dddd"])
    assert list(bounded.lines) == ["bbbb", "cccc", "dddd"] and bounded.size == 12
    whole = tail.BoundedLines(max_lines=5, max_bytes=100).extend(["a", "b"])
    assert list(whole.lines) == ["a", "b"] and not whole.truncated


def test_a_line_longer_than_the_budget_keeps_its_end():
    bounded = tail.BoundedLines(max_bytes=10).add("x" * 50 + "the end")
    assert list(bounded.lines) == ["...the end"] and bounded.truncated and bounded.size == 10


def test_failure_log_redacts_bounds_and_sums_up(sim):
    client = make_client(sim)
    for number in range(100):
        sim.store.restarts.logs.append("live", "error", "noise %d" % number)
    sim.store.restarts.logs.restart_settled("live", "W1", "FAILED", {"orders.zip": "x"}, ["orders.zip"])
    log = tail.failure_log(client)
    assert len(log["lines"]) == tail.FAILURE_LINES and log["truncated"] and log["text"] == "\n".join(log["lines"])
    assert "restart W1 FAILED: orders.zip did not start" in log["lines"][-1]
    assert LEAKED_API_KEY not in repr(log) and LEAKED_TOKEN not in repr(log) and "apiKey=********" in log["text"]
    assert log["note"].startswith("the extension server's error log ends: ")
    assert log["note"].count(" | ") == tail.MESSAGE_LINES - 1 and log["note"].endswith(log["lines"][-1])


def test_the_clients_own_secrets_are_masked(sim):
    client = make_client(sim)
    client.ensure_token()
    token = client.secrets[-1]
    sim.store.restarts.logs.append("live", "error", "echoed key %s and token %s" % (sim.app_key, token))
    text = tail.failure_log(client)["text"]
    assert sim.app_key not in text and token not in text and text.count("********") == 2


def test_an_empty_log_says_so(sim):
    log = tail.failure_log(make_client(sim), "preview", now=datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone.utc))
    assert log == {"lines": [], "text": "", "truncated": False, "note": "the extension server's error log of 20260102 is empty"}


@pytest.mark.parametrize("failure", [
    CommerceApiError("GET", "/ccadminx/custom/v1/logs/tail", 500, "500", "Injected fault"),
    RuntimeError("anything at all"),
    ValueError(),
])
def test_failure_log_never_raises(sim, monkeypatch, failure):
    def broken(*args, **kwargs):
        raise failure

    monkeypatch.setattr(tail.api, "server_log_tail", broken)
    log = tail.failure_log(make_client(sim))
    assert log["lines"] == [] and log["note"].startswith("the server's log could not be read: ")
    assert log["note"].endswith(str(failure) or type(failure).__name__)
