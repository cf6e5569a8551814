# -*- coding: utf-8 -*-
"""extension_state and extension_info through ansible-playbook (seed: ext-widget-0001 disabled,
ext-payments-0002 enabled, two extensions called "Shared Name")."""

from __future__ import annotations

from helpers.harness import mutating_requests, run_tasks

STATE = "commerce.admin.extension_state"
INFO = "commerce.admin.extension_info"


def enabled(sim, extension_id):
    return next(item["enabled"] for item in sim.extensions if item["repositoryId"] == extension_id)


def test_enable_by_name_then_nothing_to_do(sim, tmp_path):
    run = run_tasks(sim, [{STATE: {"name": "Widget with Element"}}, {STATE: {"name": "Widget with Element", "state": "enabled"}}],
                    tmp_path, diff=True)
    assert run[0]["changed"] and run[0]["enabled"] and not run[0]["previous_enabled"]
    assert run[0]["diff"] == {"before": {"enabled": False}, "after": {"enabled": True}}
    assert not run[1]["changed"]
    assert enabled(sim, "ext-widget-0001")
    posts = mutating_requests(sim)
    assert len(posts) == 1 and posts[0]["path"] == "/ccadmin/v1/extensions/ext-widget-0001"


def test_disable_by_id(sim, tmp_path):
    run = run_tasks(sim, [{STATE: {"id": "ext-payments-0002", "state": "disabled"}}, {STATE: {"id": "ext-payments-0002", "state": "disabled"}}],
                    tmp_path)
    assert run[0]["changed"] and not run[0]["enabled"] and run[0]["extension"]["id"] == "ext-payments-0002"
    assert not run[1]["changed"] and not enabled(sim, "ext-payments-0002")


def test_check_mode_changes_nothing(sim, tmp_path):
    run = run_tasks(sim, [{STATE: {"id": "ext-widget-0001"}}], tmp_path, check=True)
    assert run[0]["changed"] and run[0]["enabled"]
    assert mutating_requests(sim) == [] and not enabled(sim, "ext-widget-0001")


def test_ambiguous_name_lists_the_candidates(sim, tmp_path):
    run = run_tasks(sim, [{STATE: {"name": "Shared Name"}}], tmp_path)
    assert run[0]["failed"] and "ambiguous" in run[0]["msg"]
    assert "ext-shared-0003" in run[0]["msg"] and "ext-shared-0004" in run[0]["msg"]
    assert mutating_requests(sim) == []


def test_unknown_extension_is_not_found(sim, tmp_path):
    run = run_tasks(sim, [{STATE: {"id": "nope"}}, {STATE: {"name": "Nothing"}}], tmp_path)
    for result in run.results:
        assert result["failed"] and result["msg"].startswith("extension not found")
    assert mutating_requests(sim) == []


def test_extension_removed_meanwhile_carries_91017(sim, tmp_path):
    sim.faults.add("POST", "/ccadmin/v1/extensions/ext-widget-0001", "status", status=404, error_code="91017", message="Extension not found.")
    run = run_tasks(sim, [{STATE: {"id": "ext-widget-0001"}}], tmp_path)
    assert run[0]["failed"] and run[0]["msg"].startswith("extension not found") and run[0]["error"]["error_code"] == "91017"


def test_already_inactive_answer_counts_as_unchanged(sim, tmp_path):
    sim.faults.add("POST", "/ccadmin/v1/extensions/ext-payments-0002", "status", status=400, error_code="91020",
                   message="Extension is already inactive.")
    run = run_tasks(sim, [{STATE: {"id": "ext-payments-0002", "state": "disabled"}}], tmp_path)
    assert not run[0].get("failed") and not run[0]["changed"]


def test_id_and_name_are_exclusive(sim, tmp_path):
    run = run_tasks(sim, [{STATE: {"id": "a", "name": "b"}}, {STATE: {}}], tmp_path)
    assert "mutually exclusive" in run[0]["msg"] and "one of the following is required" in run[1]["msg"]
    assert sim.journal == []


def test_info_lists_and_filters(sim, tmp_path):
    run = run_tasks(sim, [{INFO: {}}, {INFO: {"name": "Shared Name"}}, {INFO: {"id": "ext-widget-0001"}}], tmp_path)
    assert len(run[0]["extensions"]) == 4
    assert sorted(item["id"] for item in run[1]["extensions"]) == ["ext-shared-0003", "ext-shared-0004"]
    assert run[2]["extensions"][0]["name"] == "Widget with Element" and run[2]["extensions"][0]["enabled"] is False
    assert not any(result["changed"] for result in run.results)
