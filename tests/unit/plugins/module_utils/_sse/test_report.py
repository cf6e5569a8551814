# -*- coding: utf-8 -*-
"""plugins/module_utils/_sse/report.py: the result fields, the one failure message and the summary line, from one record."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._sse.report import Ledger, summary_line

PENDING = {"since": "2026-12-01T10:00:00+00:00", "reason": "SSEs were stored", "names": ["a.zip"], "work_request_id": "WR1"}


def test_what_was_undone_leaves_the_lists_of_what_is_in_effect():
    ledger = Ledger()
    ledger.landed("add", "n.zip")
    ledger.landed("replace", "a.zip")
    ledger.undone("n.zip", "deleted again")
    result = ledger.result(None)
    assert result["added"] == [] and result["replaced"] == ["a.zip"] and result["restored"] == ["n.zip (deleted again)"]
    assert ledger.in_effect == ["a.zip"]


def test_the_message_says_owed_only_when_a_restart_is_owed_and_names_the_accepted_work_request():
    ledger = Ledger()
    ledger.landed("replace", "a.zip")
    ledger.never_sent = ["c.zip"]
    ledger.running, ledger.runs = ["a.zip", "b.zip"], "previous"
    owed = ledger.failure_message("boom", PENDING, "/state.json")
    assert owed == ("boom; stored, not running: a.zip; never sent: c.zip; the server runs the set it ran before: a.zip, b.zip; "
                    "a restart is owed (restart work request WR1 accepted), recorded in /state.json: run the task again "
                    "(it finishes what is owed first), or restart with commerce.admin.server_restart")
    assert "a restart is owed" not in ledger.failure_message("boom", None, "/state.json")


def test_what_runs_is_said_as_known_assumed_or_unknown():
    ledger = Ledger()
    assert "which set the server runs is not known" in ledger.failure_message("x", None, "/s")
    ledger.running, ledger.runs = ["a.zip"], "assumed"
    assert "the server should run the set stored before this run: a.zip (assumed" in ledger.failure_message("x", None, "/s")
    ledger.runs = "declared"
    assert "the server runs the declared set" in ledger.failure_message("x", None, "/s")


def test_the_summary_line_says_what_changed_and_how_long_the_restart_took():
    result = {"added": ["n.zip"], "replaced": ["a.zip"], "purged": [], "rolled_back": False,
              "restarts": [{"reason": "2 SSE(s) changed", "restart_status": "SUCCEEDED", "elapsed": 41.24, "work_request_id": "W"}]}
    assert summary_line(result, None) == "SSEs of live: add n.zip; replace a.zip; restart SUCCEEDED in 41.2 s (2 SSE(s) changed)"
    assert summary_line({"added": ["n.zip"], "restart_reason": "1 SSE(s) changed"}, "preview", check_mode=True) == (
        "SSEs of preview: would add n.zip; would restart (1 SSE(s) changed)")
    assert summary_line({}, None) == "SSEs of live: unchanged, nothing to restart"
