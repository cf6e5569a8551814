# -*- coding: utf-8 -*-
"""storefront_rollback and storefront_info (seed: siteUS 17.1 -> 16.6, siteEU on 16.6 already,
siteNoPrev without a previous version)."""

from __future__ import annotations

from helpers.harness import mutating_requests, run_tasks

ROLLBACK = "commerce.admin.storefront_rollback"
INFO = "commerce.admin.storefront_info"


def test_rollback_then_nothing_to_do(sim, tmp_path):
    run = run_tasks(sim, [{ROLLBACK: {"site_id": "siteUS"}}, {ROLLBACK: {"site_id": "siteUS"}}], tmp_path, diff=True)
    assert run[0]["changed"] and run[0]["current_version"] == "16.6" and run[0]["storefront_version"] == "17.1"
    assert run[0]["diff"] == {"before": {"current_version": "17.1"}, "after": {"current_version": "16.6"}}
    assert not run[1]["changed"] and "already runs its previous version" in run[1]["message"]
    assert sim.sites["siteUS"]["currentVersion"] == "16.6" and len(mutating_requests(sim)) == 1


def test_check_mode_reports_without_rolling_back(sim, tmp_path):
    run = run_tasks(sim, [{ROLLBACK: {"site_id": "siteUS"}}], tmp_path, check=True)
    assert run[0]["changed"] and run[0]["current_version"] == "16.6"
    assert mutating_requests(sim) == [] and sim.sites["siteUS"]["currentVersion"] == "17.1"


def test_site_already_on_previous_version_is_unchanged(sim, tmp_path):
    run = run_tasks(sim, [{ROLLBACK: {"site_id": "siteEU"}}], tmp_path)
    assert not run[0]["changed"] and mutating_requests(sim) == []


def test_no_previous_version_fails_unless_allowed(sim, tmp_path):
    run = run_tasks(sim, [{ROLLBACK: {"site_id": "siteNoPrev"}}, {ROLLBACK: {"site_id": "siteNoPrev", "allow_no_previous": True}}], tmp_path)
    assert run[0]["failed"] and "has no previous storefront version" in run[0]["msg"] and "allow_no_previous" in run[0]["msg"]
    assert not run[1].get("failed") and not run[1]["changed"] and run[1]["previous_version"] is None
    assert mutating_requests(sim) == []


def test_server_side_no_previous_code_is_handled(sim, tmp_path):
    sim.faults.add("POST", "/ccadmin/v1/jsframeworkadmin/rollbackVersion", "status", status=400, error_code="30103", message="no previous")
    run = run_tasks(sim, [{ROLLBACK: {"site_id": "siteUS", "allow_no_previous": True}}], tmp_path)
    assert not run[0].get("failed") and "nothing done" in run[0]["message"]


def test_unknown_site_is_not_found_with_the_error_code(sim, tmp_path):
    run = run_tasks(sim, [{ROLLBACK: {"site_id": "siteXX"}}, {INFO: {"site_ids": ["siteXX"]}}], tmp_path)
    for result in run.results:
        assert result["failed"] and "site not found: siteXX" in result["msg"] and result["error"]["error_code"] == "30105"


def test_success_that_did_nothing_is_caught(sim, tmp_path):
    sim.faults.add("POST", "/ccadmin/v1/jsframeworkadmin/rollbackVersion", "status", status=200, error_code="0", message="ok")
    run = run_tasks(sim, [{ROLLBACK: {"site_id": "siteUS"}}], tmp_path)
    assert run[0]["failed"] and "answered success but the site runs 17.1" in run[0]["msg"]


def test_default_site_without_site_id(sim, tmp_path):
    run = run_tasks(sim, [{ROLLBACK: {}}], tmp_path)
    assert run[0]["changed"] and run[0]["site_id"] is None and sim.sites["siteUS"]["currentVersion"] == "16.6"


def test_info_reads_sites(sim, tmp_path):
    run = run_tasks(sim, [{INFO: {"site_ids": ["siteUS", "siteNoPrev"]}}, {INFO: {}}], tmp_path)
    us, noprev = run[0]["sites"]
    assert (us["site_id"], us["current_version"], us["previous_version"], us["has_previous"]) == ("siteUS", "17.1", "16.6", True)
    assert noprev["previous_version"] is None and not noprev["has_previous"]
    assert run[1]["sites"][0]["current_version"] == "17.1" and not run[1]["changed"]
