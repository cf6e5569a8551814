# -*- coding: utf-8 -*-
"""_variables/sync.py, the entry point run(module): local checks first, one listing, the change through change(),
values added to the client's redaction list."""

from __future__ import annotations

import os

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _client
from ansible_collections.commerce.admin.plugins.modules import sse_variables
from helpers.module_runner import connection, mutating_requests, run_module

URL = "/ccadmin/v1/extensionEnvironmentVariables"


@pytest.fixture(autouse=True)
def private_home(monkeypatch, tmp_path):
    """The default state file goes under a HOME of the test's own."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def test_values_old_and_new_are_redacted_from_server_errors(sim, monkeypatch):
    sim.put_variable("A", "old-secret-4d1")
    # a server error that echoes both values must not carry either into the message
    sim.faults.add("PUT", URL + "/*", "status", times=1, status=400, message="bad value old-secret-4d1 -> new-secret-9e2")
    result = run_module(sse_variables, connection(sim, variables={"A": "new-secret-9e2"}))
    assert result["failed"] and "bad value" in result["msg"]
    assert "old-secret-4d1" not in result["msg"] and "new-secret-9e2" not in result["msg"]
    seen = []
    original = _client.CommerceClient.add_secrets
    monkeypatch.setattr(_client.CommerceClient, "add_secrets", lambda self, values: seen.extend(values) or original(self, []))
    run_module(sse_variables, connection(sim, variables={"A": "new-secret-9e2"}))
    assert "new-secret-9e2" in seen and "old-secret-4d1" in seen


def test_unchanged_reports_every_field_and_writes_nothing(sim):
    sim.put_variable("A", "same-5f2")
    sim.put_variable("OTHER", "other-5f2")
    result = run_module(sse_variables, connection(sim, variables={"A": "same-5f2"}))
    assert not result["changed"]
    assert {key: result[key] for key in ("added", "updated", "removed", "deduplicated", "unchanged", "unmanaged", "plan_lines",
                                         "applied_by", "work_request_id", "restart_status")} == {
        "added": [], "updated": [], "removed": [], "deduplicated": [], "unchanged": ["A"], "unmanaged": ["OTHER"], "plan_lines": [],
        "applied_by": None, "work_request_id": None, "restart_status": None}
    assert result["apply_reason"] is None and result["owed"] is None and "state_fact_before_apply" not in result
    assert mutating_requests(sim) == [] and not os.path.exists(result["state_file"])  # nothing owed, nothing saved


def test_bad_wait_options_fail_before_any_request(sim):
    result = run_module(sse_variables, connection(sim, variables={"A": "v-77"}, wait_timeout=0))
    assert result["failed"] and result["msg"] == "wait_timeout must be greater than 0, got 0" and sim.journal == []
