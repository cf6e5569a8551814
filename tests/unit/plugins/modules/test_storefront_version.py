# -*- coding: utf-8 -*-
"""storefront_version in-process: a site to its latest or previous version, and answers that lie."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.modules import storefront_version

from helpers.module_runner import connection, freeze_site, mutating_requests, run_module

UPGRADE = "/ccadmin/v1/jsframeworkadmin/upgradeVersion"
ROLLBACK = "/ccadmin/v1/jsframeworkadmin/rollbackVersion"


def test_upgrade_to_latest_then_already_there(sim):
    first = run_module(storefront_version, connection(sim, site_id="siteEU", version="latest"), diff=True)
    assert first["changed"] and (first["current_version"], first["previous_version"]) == ("17.1", "16.6")
    assert first["message"] == "Upgraded." and first["diff"] == {"before": {"current_version": "16.6"}, "after": {"current_version": "17.1"}}
    assert mutating_requests(sim) == [("POST", UPGRADE)] and sim.sites["siteEU"]["currentVersion"] == "17.1"
    second = run_module(storefront_version, connection(sim, site_id="siteEU", version="latest"))
    assert not second["changed"] and second["message"] == "site siteEU already runs its latest version 17.1"
    assert len(mutating_requests(sim)) == 1


def test_previous_rolls_back(sim):
    result = run_module(storefront_version, connection(sim, site_id="siteUS", version="previous"))
    assert result["changed"] and result["current_version"] == "16.6" and mutating_requests(sim) == [("POST", ROLLBACK)]


def test_previous_without_one_is_a_no_op_when_allowed(sim):
    result = run_module(storefront_version, connection(sim, site_id="siteNoPrev", version="previous", allow_no_previous=True))
    assert not result["changed"] and result["message"].endswith("(allow_no_previous: nothing done)") and mutating_requests(sim) == []


def test_check_mode_reports_the_target_and_sends_nothing(sim):
    result = run_module(storefront_version, connection(sim, site_id="siteEU", version="latest"), check_mode=True)
    assert result["changed"] and result["current_version"] == "17.1"
    assert mutating_requests(sim) == [] and sim.sites["siteEU"]["currentVersion"] == "16.6"


def test_a_site_without_a_latest_version_fails(sim):
    sim.store.sites["siteEU"]["storefrontVersion"] = ""
    result = run_module(storefront_version, connection(sim, site_id="siteEU", version="latest"))
    assert result["failed"] and not result["changed"] and result["msg"] == "site siteEU reports no latest storefront version"
    assert mutating_requests(sim) == []


def test_an_upgrade_that_changed_nothing_fails(sim):
    freeze_site(sim, "siteEU")
    result = run_module(storefront_version, connection(sim, site_id="siteEU", version="latest"))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "the upgrade of site siteEU answered success but the site runs 16.6, not 17.1"


def test_a_no_previous_error_code_on_upgrade_is_an_api_failure(sim):
    sim.faults.add("POST", UPGRADE, "status", status=400, error_code="30106", message="no previous version")
    result = run_module(storefront_version, connection(sim, site_id="siteEU", version="latest", allow_no_previous=True))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "upgrade site siteEU to 17.1: POST %s failed: HTTP 400, errorCode 30106: no previous version" % UPGRADE


@pytest.mark.parametrize("check_mode", [False, True])
def test_read_only_refuses(sim, check_mode):
    result = run_module(storefront_version, connection(sim, site_id="siteEU", version="latest", protection="read_only"), check_mode=check_mode)
    refusal = "protection is read_only: refused to upgrade site siteEU to 17.1"
    if check_mode:
        assert result["changed"] and result["warnings"] == [refusal + " (check mode: nothing was sent)"]
    else:
        assert result["failed"] and result["msg"] == refusal
    assert mutating_requests(sim) == []


def test_version_is_required(sim):
    result = run_module(storefront_version, connection(sim, site_id="siteEU"))
    assert result["failed"] and result["msg"] == "missing required arguments: version" and sim.journal == []


def test_without_site_id_it_says_it_acts_on_every_active_site(sim):
    result = run_module(storefront_version, connection(sim, version="previous", protection="read_only"), check_mode=True)
    assert result["scope"] == "every active site" and result["site_id"] is None
    assert result["warnings"][0].startswith("site_id not given: the API changes every active site")
    assert result["warnings"][1].startswith("protection is read_only: refused to roll every active site back to 16.6")
    named = run_module(storefront_version, connection(sim, site_id="siteEU", version="latest"), check_mode=True)
    assert named["scope"] == "site siteEU" and not named.get("warnings")
