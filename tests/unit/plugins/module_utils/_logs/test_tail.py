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


UTC = datetime.timezone.utc


def test_the_days_a_window_spans():
    before, after = datetime.datetime(2026, 11, 24, 23, 58, tzinfo=UTC), datetime.datetime(2026, 11, 25, 0, 3, tzinfo=UTC)
    assert tail.log_days(before, after) == ["20261124", "20261125"]
    assert tail.log_days(after, after) == tail.log_days(None, after) == ["20261125"]


def test_a_restart_that_crossed_midnight_shows_the_lines_of_both_days_in_order(sim):
    before, after = datetime.datetime(2026, 11, 24, 23, 58, tzinfo=UTC), datetime.datetime(2026, 11, 25, 0, 3, tzinfo=UTC)
    sim.store.restarts.logs.append("live", "error", "orders.zip: loading", when=before)
    sim.store.restarts.logs.append("live", "error", "orders.zip: did not start", when=after)
    log = tail.failure_log(make_client(sim), now=after, since=before)
    assert [line.split("orders.zip: ")[-1] for line in log["lines"]] == ["loading", "did not start"]
    assert tail.failure_log(make_client(sim), now=after, since=after)["lines"][-1].endswith("did not start")
    assert len(tail.failure_log(make_client(sim), now=after, since=after)["lines"]) == 1
    empty = tail.failure_log(make_client(sim), "preview", now=after, since=before)
    assert empty["note"] == "the extension server's error log of 20261124 and 20261125 is empty"


def test_a_day_that_cannot_be_read_does_not_hide_the_other(sim, monkeypatch):
    before, after = datetime.datetime(2026, 11, 24, 23, 58, tzinfo=UTC), datetime.datetime(2026, 11, 25, 0, 3, tzinfo=UTC)
    sim.store.restarts.logs.append("live", "error", "orders.zip: did not start", when=after)
    real = tail.api.server_log_tail

    def yesterday_gone(client, level, date, environment_type):
        if date == "20261124":
            raise CommerceApiError("GET", "/ccadminx/custom/v1/logs/tail", 404, "404", "no such file")
        return real(client, level, date, environment_type)

    monkeypatch.setattr(tail.api, "server_log_tail", yesterday_gone)
    log = tail.failure_log(make_client(sim), now=after, since=before)
    assert log["lines"][-1].endswith("orders.zip: did not start") and log["note"].startswith("the extension server's error log ends: ")
