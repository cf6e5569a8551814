# -*- coding: utf-8 -*-
"""sse_variables in-process: the set converges, duplicates become one, check and diff mode send nothing and show no
value, an unchanged run is one login and one listing, push and restart reach the running server, protection; a push
or restart owed by a failed or killed run is made by the next one, through the state file or the fact alone."""

from __future__ import annotations

import json
import os

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.modules import sse_variables

from helpers.module_runner import FAST_WAIT, connection, mutating_requests, requests_to, run_module

URL = "/ccadmin/v1/extensionEnvironmentVariables"
PUSH = "/ccadminx/custom/v1/servers/push"
RESTART = "/ccadminx/custom/v1/servers/restart"
SECRET_A = "value-of-a-7c1f93"
SECRET_B = "value-of-b-2e8d40"
SECRET_OLD = "old-value-5a6b7c"


FACT = "commerce_admin_variables_state"
OWED = "the running extension server may not see the values written since "


@pytest.fixture(autouse=True)
def private_home(monkeypatch, tmp_path):
    """The default state file goes under a HOME of the test's own: a debt left by one test never reaches another."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


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
    # why, in the server's own words: the end of its error log, in the message and the result
    assert "the extension server's error log ends: " in result["msg"] and result["restart_log"]
    assert any("FAILED" in line for line in result["restart_log"])
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


class Killed(BaseException):
    """What a killed run looks like from inside: nothing after this point runs, no result is printed."""


def kill_at_push(monkeypatch):
    def push(_client):
        raise Killed()

    monkeypatch.setattr(_api, "push_configuration", push)


def test_a_failed_push_is_made_by_the_next_run_that_finds_nothing_to_write(sim, private_home):
    args = connection(sim, variables={"A": SECRET_A}, retries=0)
    sim.faults.add("POST", PUSH, "status", times=1, status=500, message="cannot load A=" + SECRET_A)  # echoes the value
    failed = run_module(sse_variables, args)
    assert failed["failed"] and failed["changed"] and failed["written"] == ["+ A (added)"]
    assert failed["owed"]["names"] == ["A"] and failed["owed"]["reason"].startswith("the push failed: ")
    assert failed["state_file"] == os.path.join(str(private_home), ".ansible", "commerce.admin", "state",
                                                "127.0.0.1_%d.variables.json" % sim.port)
    assert stored(sim) == [("A", SECRET_A)] and sim.running_variables() == {}
    sim.clear_journal()
    second = run_module(sse_variables, args, diff=True)
    assert second["changed"] and not second.get("failed") and second["plan_lines"] == [] and second["unchanged"] == ["A"]
    assert second["applied_by"] == "push" and second["apply_reason"].startswith(OWED) and "the push failed" in second["apply_reason"]
    assert second["diff"]["prepared"] == "> push (%s)\n" % second["apply_reason"] and second["owed"] is None
    assert mutating_requests(sim) == [("POST", PUSH)]
    assert sim.running_variables() == {"A": SECRET_A} and sim.running_variables("preview") == {"A": SECRET_A}
    sim.clear_journal()
    third = run_module(sse_variables, args)
    assert not third["changed"] and third["apply_reason"] is None and mutating_requests(sim) == []
    assert no_value_in([failed, second, third], SECRET_A) and SECRET_A not in open(failed["state_file"], encoding="utf-8").read()


def test_a_run_killed_between_the_writes_and_the_push_is_finished_by_the_next(sim, tmp_path, monkeypatch):
    args = connection(sim, variables={"A": SECRET_A, "B": SECRET_B}, state_file=str(tmp_path / "variables.json"))
    kill_at_push(monkeypatch)
    with pytest.raises(Killed):
        run_module(sse_variables, args)
    monkeypatch.undo()
    assert stored(sim) == [("A", SECRET_A), ("B", SECRET_B)] and sim.running_variables() == {}
    sim.clear_journal()
    second = run_module(sse_variables, args)
    assert second["changed"] and second["applied_by"] == "push" and "it may have been killed" in second["apply_reason"]
    assert mutating_requests(sim) == [("POST", PUSH)] and sim.running_variables() == {"A": SECRET_A, "B": SECRET_B}
    sim.clear_journal()
    assert not run_module(sse_variables, args)["changed"] and mutating_requests(sim) == []


def test_a_dropped_push_connection_is_owed_too(sim, tmp_path):
    args = connection(sim, variables={"A": SECRET_A}, state_file=str(tmp_path / "variables.json"), retries=0)
    sim.faults.add("POST", PUSH, "drop", times=1)
    assert run_module(sse_variables, args)["failed"]
    second = run_module(sse_variables, args)
    assert second["changed"] and second["applied_by"] == "push" and sim.running_variables() == {"A": SECRET_A}


def test_the_fact_alone_carries_the_debt_to_a_fresh_controller(sim, tmp_path):
    sim.faults.add("POST", PUSH, "status", times=1, status=500)
    first = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}, retries=0, state_file=str(tmp_path / "one.json")))
    fact = first["ansible_facts"][FACT]
    assert first["failed"] and fact["127.0.0.1_%d" % sim.port]["owed"]["names"] == ["A"]
    os.unlink(str(tmp_path / "one.json"))  # the container is gone, the fact cache is kept
    sim.clear_journal()
    second = run_module(sse_variables, connection(sim, variables={"A": SECRET_A}, state_fact=fact, state_file=str(tmp_path / "two.json")))
    assert second["changed"] and second["applied_by"] == "push" and mutating_requests(sim) == [("POST", PUSH)]
    assert sim.running_variables() == {"A": SECRET_A}
    assert second["ansible_facts"][FACT]["127.0.0.1_%d" % sim.port] == {"version": 1, "owed": None}
    assert no_value_in(first, SECRET_A) and no_value_in(second, SECRET_A)


def test_check_mode_gives_the_fact_a_killed_job_leaves_behind(sim, tmp_path, monkeypatch):
    args = connection(sim, variables={"A": SECRET_A}, state_fact={"other_443": {"version": 1, "owed": None}})
    planned = run_module(sse_variables, dict(args, state_file=str(tmp_path / "plan.json")), check_mode=True)
    before = planned["state_fact_before_apply"]
    assert planned["changed"] and planned["ansible_facts"][FACT]["127.0.0.1_%d" % sim.port]["owed"] is None
    assert before["other_443"] == {"version": 1, "owed": None} and before["127.0.0.1_%d" % sim.port]["owed"]["names"] == ["A"]
    assert not os.path.exists(str(tmp_path / "plan.json")) and mutating_requests(sim) == []
    kill_at_push(monkeypatch)
    with pytest.raises(Killed):
        run_module(sse_variables, dict(args, state_file=str(tmp_path / "killed.json")))
    monkeypatch.undo()
    sim.clear_journal()
    finished = run_module(sse_variables, dict(args, state_fact=before, state_file=str(tmp_path / "fresh.json")))
    assert finished["changed"] and finished["applied_by"] == "push" and mutating_requests(sim) == [("POST", PUSH)]
    assert sim.running_variables() == {"A": SECRET_A} and finished["ansible_facts"][FACT]["other_443"] == {"version": 1, "owed": None}


def test_check_mode_reports_an_owed_push_as_a_change_and_sends_nothing(sim):
    sim.faults.add("POST", PUSH, "status", times=1, status=500)
    args = connection(sim, variables={"A": SECRET_A}, retries=0)
    run_module(sse_variables, args)
    sim.clear_journal()
    checked = run_module(sse_variables, args, check_mode=True, diff=True)
    assert checked["changed"] and checked["apply_reason"].startswith(OWED) and checked["plan_lines"] == []
    assert checked["diff"]["prepared"].startswith("> push (") and "state_fact_before_apply" not in checked
    assert mutating_requests(sim) == [] and checked["owed"]["names"] == ["A"]
    assert run_module(sse_variables, args)["applied_by"] == "push"  # check mode left the debt in place


def test_a_failed_restart_is_owed_to_its_environment_and_paid_by_the_next_restart(sim_factory):
    sim = sim_factory(restart_seconds=0.2, restart_outcome="fail")
    args = connection(sim, variables={"A": SECRET_A}, apply="restart", **FAST_WAIT)
    failed = run_module(sse_variables, args)
    assert failed["failed"] and failed["owed"]["environments"] == ["live"] and failed["owed"]["reason"].startswith("the restart failed: ")
    sim.config.restart_outcome = "succeed"
    sim.clear_journal()
    preview = run_module(sse_variables, dict(args, environment_type="preview"))
    assert not preview["changed"] and mutating_requests(sim) == []
    assert any("still owed to live: apply=restart reaches only preview" in warning for warning in preview["warnings"])
    second = run_module(sse_variables, args)
    assert second["changed"] and second["applied_by"] == "restart" and second["restart_status"] == "SUCCEEDED" and second["owed"] is None
    assert requests_to(sim, "POST", RESTART) and sim.running_variables() == {"A": SECRET_A}


def test_apply_none_leaves_a_debt_owed_with_a_warning(sim):
    sim.faults.add("POST", PUSH, "status", times=1, status=500)
    args = connection(sim, variables={"A": SECRET_A}, retries=0)
    run_module(sse_variables, args)
    sim.clear_journal()
    stored_only = run_module(sse_variables, dict(args, apply="none"))
    assert not stored_only["changed"] and stored_only["apply_reason"] is None and mutating_requests(sim) == []
    assert any("still owed to live, preview: apply=none sends nothing" in warning for warning in stored_only["warnings"])
    assert stored_only["owed"]["names"] == ["A"]


def test_read_only_refuses_the_owed_push(sim):
    sim.faults.add("POST", PUSH, "status", times=1, status=500)
    args = connection(sim, variables={"A": SECRET_A}, retries=0)
    run_module(sse_variables, args)
    sim.clear_journal()
    refused = run_module(sse_variables, dict(args, protection="read_only"))
    refusal = "protection is read_only: refused to make the running extension server see the stored SSE variables by a push ("
    assert refused["failed"] and refused["msg"].startswith(refusal + OWED)
    assert mutating_requests(sim) == [] and refused["owed"]["names"] == ["A"]


def test_a_restart_not_waited_for_stays_owed_until_the_next_run_sees_it_succeed(sim_factory, private_home):
    sim = sim_factory(restart_seconds=0.3)
    args = connection(sim, variables={"A": SECRET_A}, apply="restart", **FAST_WAIT)
    first = run_module(sse_variables, dict(args, wait=False))
    work_request = first["work_request_id"]
    assert first["changed"] and first["restart_status"] == "ACCEPTED" and first["earlier_restart"] is None
    assert first["owed"]["restart"] == {"work_request_id": work_request, "environments": ["live"]}
    assert any("was not waited for: the values stay owed until the next run sees it SUCCEEDED" in warning for warning in first["warnings"])
    # check mode asks how it ended (waiting while it runs) and plans from that, but leaves the state file as it was
    sim.clear_journal()
    planned = run_module(sse_variables, args, check_mode=True)
    assert planned["earlier_restart"] == {"work_request_id": work_request, "restart_status": "SUCCEEDED"}
    assert not planned["changed"] and planned["owed"] is None and mutating_requests(sim) == []
    second = run_module(sse_variables, args)
    assert second["earlier_restart"] == {"work_request_id": work_request, "restart_status": "SUCCEEDED"}
    assert not second["changed"] and second["owed"] is None and requests_to(sim, "POST", RESTART) == []
    third = run_module(sse_variables, args)
    assert third["earlier_restart"] is None and not third["changed"]
    assert sim.running_variables() == {"A": SECRET_A}


def test_a_restart_not_waited_for_that_failed_is_made_again_by_the_next_run(sim_factory):
    sim = sim_factory(restart_seconds=0.2, restart_outcome="fail")
    args = connection(sim, variables={"A": SECRET_A}, apply="restart", **FAST_WAIT)
    first = run_module(sse_variables, dict(args, wait=False))
    assert first["changed"] and first["restart_status"] == "ACCEPTED" and first["owed"]["restart"]
    sim.config.restart_outcome = "succeed"
    sim.clear_journal()
    second = run_module(sse_variables, args)
    assert second["earlier_restart"] == {"work_request_id": first["work_request_id"], "restart_status": "FAILED"}
    assert second["changed"] and second["apply_reason"].startswith(OWED) and "ended FAILED" in second["apply_reason"]
    assert second["restart_status"] == "SUCCEEDED" and second["owed"] is None and len(requests_to(sim, "POST", RESTART)) == 1
    assert sim.running_variables() == {"A": SECRET_A}
