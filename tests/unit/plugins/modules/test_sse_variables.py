# -*- coding: utf-8 -*-
"""sse_variables in-process: the set converges, duplicates become one, check and diff mode send nothing and show no
value, an unchanged run is one login and one listing, push and restart reach the running server, protection."""

from __future__ import annotations

import json

from ansible_collections.commerce.admin.plugins.modules import sse_variables

from helpers.module_runner import FAST_WAIT, connection, mutating_requests, requests_to, run_module

URL = "/ccadmin/v1/extensionEnvironmentVariables"
PUSH = "/ccadminx/custom/v1/servers/push"
RESTART = "/ccadminx/custom/v1/servers/restart"
SECRET_A = "value-of-a-7c1f93"
SECRET_B = "value-of-b-2e8d40"
SECRET_OLD = "old-value-5a6b7c"


def stored(sim):
    return sorted((item["name"], item["value"]) for item in sim.variables)


def no_value_in(result, *values):
    text = json.dumps(result)
    return not any(value in text for value in values)


def test_first_run_adds_pushes_and_a_second_run_is_one_login_and_one_listing(sim):
    args = connection(sim, variables={"A": SECRET_A, "B": SECRET_B})
    first = run_module(sse_variables, args, diff=True)
    assert first["changed"] and first["added"] == ["A", "B"] and first["updated"] == [] and first["applied_by"] == "push"
    assert first["diff"] == {"prepared": "+ A (added)\n+ B (added)\n"}
    assert stored(sim) == [("A", SECRET_A), ("B", SECRET_B)]
    assert sim.running_variables() == {"A": SECRET_A, "B": SECRET_B}
    assert mutating_requests(sim) == [("POST", URL), ("POST", URL), ("POST", PUSH)]
    assert no_value_in(first, SECRET_A, SECRET_B)
    sim.clear_journal()
    second = run_module(sse_variables, args)
    assert not second["changed"] and second["unchanged"] == ["A", "B"] and second["applied_by"] is None
    assert [(entry["method"], entry["path"]) for entry in sim.journal] == [("POST", "/ccadmin/v1/login"), ("GET", URL)]


def test_value_changed_is_updated_in_place_and_undeclared_ones_are_left_without_purge(sim):
    kept = sim.put_variable("A", SECRET_OLD)
    sim.put_variable("OTHER", "other-value")
    result = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}), diff=True)
    assert result["changed"] and result["updated"] == ["A"] and result["unmanaged"] == ["OTHER"] and result["removed"] == []
    assert result["diff"]["prepared"] == "~ A (value changed)\n"
    assert mutating_requests(sim) == [("PUT", URL + "/" + kept["id"]), ("POST", PUSH)]
    assert stored(sim) == [("A", SECRET_A), ("OTHER", "other-value")]
    assert no_value_in(result, SECRET_A, SECRET_OLD)


def test_purge_removes_every_item_of_an_undeclared_name(sim):
    sim.put_variable("GONE", "gone-value-1")
    sim.put_variable("GONE", "gone-value-2")
    result = run_module(sse_variables, connection(sim, variables={}, purge=True), diff=True)
    assert result["changed"] and result["removed"] == ["GONE"] and result["unmanaged"] == []
    assert result["diff"]["prepared"] == "- GONE (removed: not declared (purge))\n" * 2
    assert sim.variables == []
    assert sim.running_variables() == {}


def test_duplicated_names_converge_to_the_item_that_holds_the_value(sim):
    first = sim.put_variable("A", SECRET_OLD)
    right = sim.put_variable("A", SECRET_A)
    third = sim.put_variable("A", SECRET_OLD)
    result = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}))
    assert result["changed"] and result["deduplicated"] == ["A"] and result["updated"] == [] and result["unchanged"] == []
    assert mutating_requests(sim) == [("DELETE", URL + "/" + first["id"]), ("DELETE", URL + "/" + third["id"]), ("POST", PUSH)]
    assert [item["id"] for item in sim.variables] == [right["id"]]
    assert sim.running_variables() == {"A": SECRET_A}
    assert not run_module(sse_variables, connection(sim, variables={"A": SECRET_A}))["changed"]


def test_duplicates_without_the_value_keep_the_first_and_update_it(sim):
    first = sim.put_variable("A", SECRET_OLD)
    second = sim.put_variable("A", "older-value-9")
    result = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}))
    assert result["updated"] == ["A"] and result["deduplicated"] == ["A"]
    assert mutating_requests(sim) == [("PUT", URL + "/" + first["id"]), ("DELETE", URL + "/" + second["id"]), ("POST", PUSH)]
    assert stored(sim) == [("A", SECRET_A)]


def test_check_mode_sends_nothing_and_shows_names_only(sim):
    sim.put_variable("A", SECRET_OLD)
    sim.put_variable("GONE", "gone-value-3")
    result = run_module(sse_variables, connection(sim, variables={"A": SECRET_A, "B": SECRET_B}, purge=True), check_mode=True, diff=True)
    assert result["changed"] and result["added"] == ["B"] and result["updated"] == ["A"] and result["removed"] == ["GONE"]
    assert result["diff"]["prepared"] == "~ A (value changed)\n+ B (added)\n- GONE (removed: not declared (purge))\n"
    assert mutating_requests(sim) == [] and stored(sim) == [("A", SECRET_OLD), ("GONE", "gone-value-3")]
    assert no_value_in(result, SECRET_A, SECRET_B, SECRET_OLD, "gone-value-3")


def test_apply_restart_loads_the_values_through_a_succeeded_restart(sim):
    result = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}, apply="restart", **FAST_WAIT))
    assert result["changed"] and result["applied_by"] == "restart" and result["restart_status"] == "SUCCEEDED"
    assert result["work_request_id"] and requests_to(sim, "POST", PUSH) == []
    assert sim.running_variables() == {"A": SECRET_A}


def test_apply_none_stores_only(sim):
    result = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}, apply="none"))
    assert result["changed"] and result["applied_by"] is None
    assert mutating_requests(sim) == [("POST", URL)] and sim.running_variables() == {}


def test_a_failed_restart_fails_changed_saying_the_server_may_not_see_the_values(sim_factory):
    sim = sim_factory(restart_seconds=0.2, restart_outcome="fail")
    result = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}, apply="restart", **FAST_WAIT))
    assert result["failed"] and result["changed"] and result["written"] == ["+ A (added)"]
    assert "the restart" in result["msg"] and "FAILED" in result["msg"] and "commerce.admin.server_restart" in result["msg"]
    assert stored(sim) == [("A", SECRET_A)] and sim.running_variables() == {}
    assert no_value_in(result, SECRET_A)


def test_a_write_that_fails_names_what_was_written_and_never_a_value(sim):
    sim.faults.add("PUT", URL + "/*", "status", times=5, status=500)
    sim.put_variable("A", SECRET_OLD)
    result = run_module(sse_variables, connection(sim, variables={"A": SECRET_A, "B": SECRET_B}, retries=0))
    assert result["failed"] and not result["changed"]
    assert result["msg"].startswith("~ A (value changed) failed: ") and "written before it: nothing" in result["msg"]
    assert result["not_written"] == ["~ A (value changed)", "+ B (added)"] and requests_to(sim, "POST", PUSH) == []
    assert no_value_in(result, SECRET_A, SECRET_B, SECRET_OLD)


def test_protection(sim):
    sim.put_variable("GONE", "gone-value-4")
    read_only = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}, protection="read_only"))
    assert read_only["failed"] and read_only["msg"] == "protection is read_only: refused to set the SSE variables (+ A)"
    no_delete = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}, purge=True, protection="no_delete"))
    assert no_delete["failed"] and no_delete["msg"] == "protection is no_delete: refused to set the SSE variables (+ A, - GONE)"
    assert mutating_requests(sim) == []
    adding = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}, protection="no_delete"))
    assert adding["changed"] and not adding.get("failed")


def test_a_value_that_is_not_text_is_refused_before_any_request(sim):
    result = run_module(sse_variables, connection(sim, variables={"FLAG": True, "PORT": 8080}))
    assert result["failed"] and result["msg"] == "the value of variable FLAG must be a string (quote it): it is bool"
    assert sim.journal == []
    numbers = run_module(sse_variables, connection(sim, variables={"PORT": 8080}))
    assert numbers["added"] == ["PORT"] and stored(sim) == [("PORT", "8080")]


def test_the_listing_is_followed_page_by_page(sim_factory):
    sim = sim_factory(restart_seconds=0.2, page_cap=2)
    for index in range(5):
        sim.put_variable("V%d" % index, "page-value-%d" % index)
    result = run_module(sse_variables, connection(sim, variables={"V%d" % index: "page-value-%d" % index for index in range(5)}))
    assert not result["changed"] and result["unchanged"] == ["V0", "V1", "V2", "V3", "V4"]
    assert [entry["query"]["offset"] for entry in requests_to(sim, "GET", URL)] == ["0", "2", "4"]
