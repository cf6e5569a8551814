# -*- coding: utf-8 -*-
"""The plan entry point's own decisions: a login that fails fails the task before any plan, no task
sends nothing, and the summary names each differing task and why."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._plan.run import _summary
from ansible_collections.commerce.admin.plugins.modules import plan_info

from helpers.module_runner import connection, run_module


def test_a_refused_login_fails_the_task_once_and_no_plan_runs(sim):
    result = run_module(plan_info, dict(connection(sim, tasks=[{"name": "publish", "module": "publish"}]), app_key="wrong-key"))
    assert result["failed"] and "401" in result["msg"] and "app_key" in result["msg"]
    assert [entry["path"] for entry in sim.journal] == ["/ccadmin/v1/login"]


def test_no_task_sends_nothing(sim):
    result = run_module(plan_info, connection(sim, tasks=[]))
    assert result["in_sync"] and result["summary"] == "nothing to plan" and result["requests"] == 0 and sim.journal == []


def test_the_summary_names_each_differing_task_and_why():
    plans = {"a": {"results": [{"failed": False}]}, "b": {"results": [{"failed": True, "msg": "not installed"}]},
             "c": {"results": []}}
    assert _summary(plans, []) == "in sync: a, b, c"
    assert _summary(plans, ["a", "b"]) == "differ: a (would change); b (could not be planned: not installed)"
