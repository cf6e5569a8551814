# -*- coding: utf-8 -*-
"""plugins/module_utils/_contract/calls.py: every call in order, one row each, logout whatever happens, the key refused."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._contract import calls
from ansible_collections.commerce.admin.plugins.module_utils._contract.wire import Wire
from ansible_collections.commerce.admin.plugins.module_utils._contract.words import COMMAND_LINE, MODULE
from helpers.client_checks import make_client


def run(sim, words=MODULE, **options):
    client = make_client(sim)
    return calls.run_all(Wire(client, words), calls.Options(**options), sim.app_key)


def test_every_call_once_in_the_order_of_the_table(sim):
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    rows = run(sim)
    assert [row.call for row in rows] == ["login"] + [call for call, dummy, dummy in calls.AFTER_LOGIN] + ["logout"]
    assert {row.call: row.result for row in rows}["download SSE"] == "OK"


def test_three_sses_at_limit_two_are_two_pages(sim):
    for number in range(3):
        sim.put_sse("s%d.zip" % number, b"PK\x05\x06" + bytes(18 + number))
    rows = {row.call: row for row in run(sim, page_size=2)}
    assert rows["list SSEs"].result == "OK" and rows["list SSEs"].got.startswith("200; 2 page(s); 3 SSE(s), totalResults 3")
    assert [entry["query"]["offset"] for entry in sim.journal if entry["path"] == calls.SSE] == ["0", "2"]


def test_a_refused_key_is_not_a_row_but_an_error_in_the_callers_words(sim):
    client = make_client(sim, app_key="wrong-key-for-the-calls")
    with pytest.raises(calls.KeyRefused) as caught:
        calls.run_all(Wire(client, COMMAND_LINE), calls.Options(), "wrong-key-for-the-calls")
    assert str(caught.value).endswith("check COMMERCE_APP_KEY or --key-file") and "wrong-key-for-the-calls" not in str(caught.value)


def test_a_login_without_a_token_skips_everything_else(sim):
    sim.faults.add("POST", "/ccadmin/v1/login", "status", times=None, status=200, error_code="")
    rows = run(sim)
    assert rows[0].result == "MISMATCH" and {row.result for row in rows[1:]} == {"SKIPPED"}
    assert [entry["path"] for entry in sim.journal] == ["/ccadmin/v1/login"]


def test_logout_follows_even_a_step_that_breaks(sim, monkeypatch):
    def broken(run_state):
        raise RuntimeError("a defect in a row")

    steps = list(calls.AFTER_LOGIN)
    steps[3] = (steps[3][0], steps[3][1], broken)
    monkeypatch.setattr(calls, "AFTER_LOGIN", tuple(steps))
    with pytest.raises(RuntimeError):
        run(sim)
    assert sim.journal[-1]["path"] == "/ccadmin/v1/logout"


def test_the_restart_status_row_names_the_option(sim):
    rows = {row.call: row for row in run(sim, words=COMMAND_LINE)}
    assert rows["restart status"].result == "SKIPPED" and rows["restart status"].got == "no --work-request-id given"
