# -*- coding: utf-8 -*-
"""contract_info in-process: the contract check from the module's own client, on both profiles, read-only,
failing on a MISMATCH unless told not to, in check mode the same; no key, token or variable value in the result."""

from __future__ import annotations

import json

import pytest

from ansible_collections.commerce.admin.plugins.modules import contract_info
from helpers.module_runner import connection, run_module

READ_ONLY_POSTS = {"/ccadmin/v1/login", "/ccadmin/v1/refresh", "/ccadmin/v1/verify", "/ccadmin/v1/logout"}
INFO_CALLS = {"token after refresh", "empty-form refresh", "doubled slashes", "extension fields", "extension IDs", "pending changes"}


def only_reads(sim):
    """Every request a GET, or a POST to login, refresh, verify or logout (after any method override too)."""
    assert sim.journal
    return all({entry["method"], entry.get("wire_method", entry["method"])} == {"GET"}
               or entry["path"].rstrip("/") in READ_ONLY_POSTS and entry["method"] == "POST" for entry in sim.journal)


def results(result):
    return {row["call"]: row["result"] for row in result["rows"]}


@pytest.mark.parametrize("profile", ["current", "legacy"])
@pytest.mark.parametrize("check_mode", [False, True])
def test_the_instance_answers_as_the_model_says(sim_factory, profile, check_mode):
    sim = sim_factory(profile=profile)
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    sim.put_variable("PAYMENT_API_KEY", "contract-info-variable-value")
    result = run_module(contract_info, connection(sim), check_mode=check_mode)
    assert not result.get("failed") and not result["changed"], result.get("msg")
    found = results(result)
    assert found.pop("restart status") == "SKIPPED"
    assert {call for call, verdict in found.items() if verdict == "INFO"} == INFO_CALLS
    assert set(found.values()) == {"OK", "INFO"} and result["mismatches"] == []
    assert result["summary"].startswith("%d calls: %d OK, 0 MISMATCH, 1 SKIPPED, 6 INFO." % (len(result["rows"]), len(found) - 6))
    report = result["report"]
    assert report[0] == "Contract check of %s against docs/api-model.md" % sim.url and report[-1] == result["summary"]
    assert "restart status  SKIPPED" in report and "no work_request_id given" in "\n".join(report)
    assert max(len(line) for line in report[4:-2]) <= 100
    assert only_reads(sim)
    text = json.dumps(result)
    assert sim.app_key not in text and "contract-info-variable-value" not in text
    assert all(token not in text for token in getattr(sim, "issued_tokens", []))


def test_a_work_request_and_a_site(sim):
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    restart = run_module(contract_info, connection(sim, work_request_id="no-such-request", site_id="siteUS", fail_on_mismatch=False))
    rows = {row["call"]: row for row in restart["rows"]}
    assert rows["restart status"]["result"] == "MISMATCH" and "is the work_request_id right?" in rows["restart status"]["got"]
    assert rows["storefront versions"]["request"].endswith("?siteId=siteUS") and rows["storefront versions"]["result"] == "OK"


def test_a_mismatch_fails_the_task_naming_the_call(sim):
    sim.faults.add("GET", "/ccadmin/v1/extensions", "status", times=None, status=500)
    result = run_module(contract_info, connection(sim))
    assert result["failed"] and not result["changed"]
    assert result["msg"].startswith("1 MISMATCH: list extensions (expected 200, got HTTP 500") and "do not trust the collection" in result["msg"]
    assert [row["call"] for row in result["mismatches"]] == ["list extensions"] and len(result["rows"]) > 10
    assert only_reads(sim)


def test_fail_on_mismatch_false_returns_the_rows(sim):
    sim.faults.add("GET", "/ccadmin/v1/extensions", "status", times=None, status=500)
    result = run_module(contract_info, connection(sim, fail_on_mismatch=False))
    assert not result.get("failed") and [row["call"] for row in result["mismatches"]] == ["list extensions"]
    assert "1 MISMATCH" in result["summary"]


def test_a_refused_key_names_app_key(sim):
    result = run_module(contract_info, connection(sim, app_key="contract-info-wrong-key"))
    assert result["failed"] and "refused the application key" in result["msg"] and result["msg"].endswith("check app_key")
    assert "contract-info-wrong-key" not in json.dumps(result)
    assert [entry["path"] for entry in sim.journal] == ["/ccadmin/v1/login"]


def test_an_unreachable_instance_is_one_line_naming_base_url(sim):
    sim.stop()
    result = run_module(contract_info, connection(sim, retries=0))
    assert result["failed"] and result["msg"].startswith("connection refused by %s (during login): check the host and port in base_url" % sim.url)


def test_page_size_must_be_positive(sim):
    result = run_module(contract_info, connection(sim, page_size=0))
    assert result["failed"] and result["msg"] == "page_size must be greater than 0, got 0" and sim.journal == []
