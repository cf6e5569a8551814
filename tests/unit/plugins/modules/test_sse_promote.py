# -*- coding: utf-8 -*-
"""sse_promote in-process: promote only what differs from live, wait, guardrails and failures."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.modules import sse_promote

from helpers.module_runner import FAST_WAIT, connection, mutating_requests, run_module

PROMOTE = "/ccadmin/v1/serverExtensions/promoteFiles"
ZIP = b"PK\x05\x06" + bytes(18)


def promote(sim, **options):
    return connection(sim, **dict(FAST_WAIT, **options))


def test_promotes_what_differs_and_waits_then_nothing_to_do(sim):
    sim.put_sse("new.zip", ZIP + b"new", environment="preview")
    sim.put_sse("same.zip", ZIP + b"same", environment="preview")
    sim.put_sse("same.zip", ZIP + b"same")
    sim.put_sse("other.zip", ZIP + b"AAAA", environment="preview")
    sim.put_sse("other.zip", ZIP + b"BBBB")
    sim.put_sse("size.zip", ZIP + b"longer", environment="preview")
    sim.put_sse("size.zip", ZIP)
    first = run_module(sse_promote, promote(sim))
    assert first["changed"] and first["promoted"] == ["new.zip", "other.zip", "size.zip"] and first["unchanged"] == ["same.zip"]
    assert first["reasons"] == {"new.zip": "absent in live", "other.zip": "content differs (same size)",
                                "size.zip": "size differs (live 22, preview 28 bytes)"}
    assert first["promotion_state"] == "COMPLETED" and first["failed_extensions"] == []
    assert mutating_requests(sim) == [("POST", PROMOTE)]
    assert [entry["json"] for entry in sim.journal if entry["path"] == PROMOTE] == [{"paths": ["new.zip", "other.zip", "size.zip"]}]
    assert sim.sse_bytes("other.zip") == ZIP + b"AAAA" and sim.sse_bytes("new.zip") == ZIP + b"new"
    second = run_module(sse_promote, promote(sim))
    assert not second["changed"] and second["promoted"] == [] and second["promotion_state"] is None
    assert len(mutating_requests(sim)) == 1


def test_named_subset_check_mode_and_diff(sim):
    sim.put_sse("a.zip", ZIP + b"a", environment="preview")
    sim.put_sse("b.zip", ZIP + b"bb", environment="preview")
    sim.put_sse("b.zip", ZIP)
    result = run_module(sse_promote, promote(sim, names=["b.zip"]), check_mode=True, diff=True)
    assert result["changed"] and result["promoted"] == ["b.zip"] and result["unchanged"] == []
    assert result["diff"] == {"before": {"b.zip": {"size": 22}}, "after": {"b.zip": {"size": 24}}}
    assert mutating_requests(sim) == [] and sim.sse_bytes("b.zip") == ZIP


def test_diff_shows_absent_in_live(sim):
    sim.put_sse("a.zip", ZIP, environment="preview")
    result = run_module(sse_promote, promote(sim), check_mode=True, diff=True)
    assert result["diff"] == {"before": {"a.zip": "absent"}, "after": {"a.zip": {"size": 22}}}


def test_no_wait_starts_the_promotion_only(sim):
    sim.put_sse("a.zip", ZIP, environment="preview")
    result = run_module(sse_promote, promote(sim, wait=False))
    assert result["changed"] and result["promotion_state"] is None and "elapsed" not in result
    assert mutating_requests(sim) == [("POST", PROMOTE)]


@pytest.mark.parametrize("options, message", [
    ({"names": []}, "names is empty: list the SSEs to promote, or leave names out to promote every preview SSE"),
    ({"names": ["a.zip", "ghost.zip", "zz.zip"]}, "not in the preview environment, so they cannot be promoted: ghost.zip, zz.zip"),
    ({"names": ["bad name"]}, "must be a file name ending in .zip"),
])
def test_names_that_cannot_be_promoted_fail(sim, options, message):
    sim.put_sse("a.zip", ZIP, environment="preview")
    result = run_module(sse_promote, promote(sim, **options))
    assert result["failed"] and message in result["msg"] and mutating_requests(sim) == []


def test_read_only_refuses(sim):
    sim.put_sse("a.zip", ZIP, environment="preview")
    result = run_module(sse_promote, promote(sim, protection="read_only"))
    assert result["failed"] and result["msg"] == "protection is read_only: refused to promote a.zip to live"
    assert mutating_requests(sim) == [] and sim.sse_names() == []


def test_a_failed_promotion_says_it_was_rolled_back(sim):
    sim.config.promote_outcome = "fail"
    sim.put_sse("a.zip", ZIP, environment="preview")
    result = run_module(sse_promote, promote(sim))
    assert result["failed"] and result["changed"] and result["promotion_state"] == "FAILED"
    assert result["msg"] == ("the promotion from preview to live failed (failed extensions: a.zip; last successful phase: pre-promote); "
                             "the promote phase was rolled back, so live is as it was")
    assert sim.sse_names() == []


def test_a_promotion_that_outlasts_wait_timeout_fails(sim_factory):
    sim = sim_factory(promote_seconds=30)
    sim.put_sse("a.zip", ZIP, environment="preview")
    result = run_module(sse_promote, promote(sim, wait_timeout=1))
    assert result["failed"] and result["changed"]
    assert result["msg"] == "promotion from preview to live did not finish within wait_timeout (1 s); last status IN-PROGRESS"


def test_a_busy_promotion_lock_fails_with_the_api_error(sim):
    sim.put_sse("a.zip", ZIP, environment="preview")
    sim.faults.add("POST", PROMOTE, "status", status=400, error_code="100329", message="isolation lock is not acquired")
    result = run_module(sse_promote, promote(sim))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "promote a.zip to live: POST %s failed: HTTP 400, errorCode 100329: isolation lock is not acquired" % PROMOTE


@pytest.mark.parametrize("rolled_back, fate", [
    ({"promotePhaseRolledBack": False}, "it was NOT rolled back: live may hold part of the promotion, check it with commerce.admin.sse_info"),
    ({}, "the server did not say whether it rolled back: check live with commerce.admin.sse_info"),
])
def test_a_failed_promotion_says_whether_live_may_be_half_promoted(sim, monkeypatch, rolled_back, fate):
    sim.put_sse("a.zip", ZIP, environment="preview")
    answer = dict({"state": "completed", "success": False, "extensions": ["a.zip"], "failedExtensions": [],
                   "lastSuccessfulPhase": "promote"}, **rolled_back)
    monkeypatch.setattr(_api, "promote_status", lambda client: dict(answer))
    result = run_module(sse_promote, promote(sim))
    assert result["failed"] and result["changed"] and result["rolled_back"] == rolled_back.get("promotePhaseRolledBack")
    assert result["msg"] == ("the promotion from preview to live failed (failed extensions: none named; last successful phase: promote); "
                             + fate)
