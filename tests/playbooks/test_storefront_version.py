# -*- coding: utf-8 -*-
"""storefront_version (seed: siteUS on 17.1 with 16.6 before it, siteEU on 16.6 with 17.1 available, siteNoPrev without a previous one)."""

from __future__ import annotations

from helpers.harness import mutating_requests, run_tasks

VERSION = "commerce.admin.storefront_version"


def test_latest_upgrades_once_then_is_unchanged(sim, tmp_path):
    run = run_tasks(sim, [{VERSION: {"site_id": "siteEU", "version": "latest"}}, {VERSION: {"site_id": "siteEU", "version": "latest"}}], tmp_path)
    assert run[0]["changed"] and run[0]["current_version"] == "17.1" and run[0]["previous_version"] == "16.6"
    assert not run[1]["changed"] and "already runs its latest version 17.1" in run[1]["message"]
    upgrades = [entry for entry in mutating_requests(sim) if entry["path"].endswith("/upgradeVersion")]
    assert len(upgrades) == 1 and upgrades[0]["query"] == {"siteId": "siteEU"}
    assert sim.sites["siteEU"]["currentVersion"] == "17.1"


def test_previous_rolls_back_and_check_mode_sends_nothing(sim, tmp_path):
    checked = run_tasks(sim, [{VERSION: {"site_id": "siteUS", "version": "previous"}}], tmp_path, check=True, diff=True)
    assert checked[0]["changed"] and checked[0]["current_version"] == "16.6" and mutating_requests(sim) == []
    assert checked[0]["diff"] == {"before": {"current_version": "17.1"}, "after": {"current_version": "16.6"}}
    run = run_tasks(sim, [{VERSION: {"site_id": "siteUS", "version": "previous"}}], tmp_path)
    assert run[0]["changed"] and sim.sites["siteUS"]["currentVersion"] == "16.6"


def test_no_previous_and_protection(sim, tmp_path):
    run = run_tasks(sim, [
        {VERSION: {"site_id": "siteNoPrev", "version": "previous"}},
        {VERSION: {"site_id": "siteNoPrev", "version": "previous", "allow_no_previous": True}},
        {VERSION: {"site_id": "siteEU", "version": "latest", "protection": "read_only"}},
    ], tmp_path)
    assert run[0]["failed"] and "no previous storefront version" in run[0]["msg"]
    assert not run[1]["changed"] and not run[1].get("failed") and "allow_no_previous" in run[1]["message"]
    assert run[2]["failed"] and "protection is read_only: refused to upgrade site siteEU to 17.1" in run[2]["msg"]
    assert mutating_requests(sim) == []


def test_upgrade_that_answers_success_but_changes_nothing_fails(sim, tmp_path):
    sim.faults.add("POST", "/ccadmin/v1/jsframeworkadmin/upgradeVersion", "status", status=200, error_code="0", message="ok")
    run = run_tasks(sim, [{VERSION: {"site_id": "siteEU", "version": "latest"}}], tmp_path)
    assert run[0]["failed"] and "the upgrade of site siteEU answered success but the site runs 16.6, not 17.1" in run[0]["msg"]
