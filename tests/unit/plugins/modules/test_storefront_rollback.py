# -*- coding: utf-8 -*-
"""storefront_rollback in-process: roll back, already there, no previous version, and answers that lie."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.modules import storefront_rollback

from helpers.module_runner import connection, freeze_site, mutating_requests, run_module

ROLLBACK = "/ccadmin/v1/jsframeworkadmin/rollbackVersion"


def current(sim, site_id):
    return sim.sites[site_id]["currentVersion"]


def test_rolls_back_then_is_already_there(sim):
    first = run_module(storefront_rollback, connection(sim, site_id="siteUS"), diff=True)
    assert first["changed"] and first["site_id"] == "siteUS"
    assert (first["current_version"], first["previous_version"], first["storefront_version"]) == ("16.6", "16.6", "17.1")
    assert first["message"] == "siteUS rolled back to 16.6."
    assert first["diff"] == {"before": {"current_version": "17.1"}, "after": {"current_version": "16.6"}}
    assert mutating_requests(sim) == [("POST", ROLLBACK)] and current(sim, "siteUS") == "16.6"
    second = run_module(storefront_rollback, connection(sim, site_id="siteUS"), diff=True)
    assert not second["changed"] and second["message"] == "site siteUS already runs its previous version 16.6"
    assert second["diff"]["before"] == second["diff"]["after"] and len(mutating_requests(sim)) == 1


def test_check_mode_reports_the_target_and_sends_nothing(sim):
    result = run_module(storefront_rollback, connection(sim, site_id="siteUS"), check_mode=True, diff=True)
    assert result["changed"] and result["current_version"] == "16.6" and result["message"] is None
    assert mutating_requests(sim) == [] and current(sim, "siteUS") == "17.1"


def test_the_default_site(sim):
    result = run_module(storefront_rollback, connection(sim))
    assert result["changed"] and result["site_id"] is None and result["current_version"] == "16.6"
    assert "siteId" not in [entry for entry in sim.journal if entry["path"] == ROLLBACK][0]["query"]


def test_no_previous_version_fails_saying_how_to_make_it_a_no_op(sim):
    result = run_module(storefront_rollback, connection(sim, site_id="siteNoPrev"))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "site siteNoPrev has no previous storefront version to roll back to; set allow_no_previous: true to make this a no-op"
    assert result["previous_version"] is None and mutating_requests(sim) == []


def test_allow_no_previous_makes_it_a_no_op(sim):
    result = run_module(storefront_rollback, connection(sim, site_id="siteNoPrev", allow_no_previous=True))
    assert not result.get("failed") and not result["changed"]
    assert result["message"] == "site siteNoPrev has no previous storefront version to roll back to (allow_no_previous: nothing done)"
    assert mutating_requests(sim) == []


@pytest.mark.parametrize("allow", [False, True])
def test_the_server_saying_there_is_no_previous_version_wins(sim, allow):
    sim.faults.add("POST", ROLLBACK, "status", status=400, error_code="30106", message="there is no previous version.")
    result = run_module(storefront_rollback, connection(sim, site_id="siteUS", allow_no_previous=allow))
    assert not result["changed"] and current(sim, "siteUS") == "17.1"
    assert [entry["status"] for entry in sim.journal if entry["path"] == ROLLBACK] == [400]
    if allow:
        assert not result.get("failed")
        assert result["message"] == "site siteUS has no previous storefront version to roll back to (allow_no_previous: nothing done)"
    else:
        assert result["failed"] and result["msg"] == ("site siteUS has no previous storefront version to roll back to; "
                                                      "set allow_no_previous: true to make this a no-op")


def test_success_that_changed_nothing_fails(sim):
    freeze_site(sim, "siteUS")
    result = run_module(storefront_rollback, connection(sim, site_id="siteUS"))
    assert [entry["status"] for entry in sim.journal if entry["path"] == ROLLBACK] == [200]
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "the rollback of site siteUS answered success but the site runs 17.1, not 16.6"
    assert result["current_version"] == "17.1"


def test_another_api_error_names_the_rollback(sim):
    sim.faults.add("POST", ROLLBACK, "status", status=500, error_code="30199", message="framework busy")
    result = run_module(storefront_rollback, connection(sim, site_id="siteUS"))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "roll site siteUS back to 16.6: POST %s failed: HTTP 500, errorCode 30199: framework busy" % ROLLBACK


def test_an_unknown_site_fails_with_a_hint(sim):
    result = run_module(storefront_rollback, connection(sim, site_id="siteXX"))
    assert result["failed"] and result["msg"].endswith("(site not found: siteXX; check site_id)")
    assert result["error"]["error_code"] == "30105"


@pytest.mark.parametrize("protection", ["no_delete", "read_only"])
def test_protection(sim, protection):
    result = run_module(storefront_rollback, connection(sim, site_id="siteUS", protection=protection))
    if protection == "read_only":
        assert result["failed"] and result["msg"] == "protection is read_only: refused to roll site siteUS back to 16.6"
        assert mutating_requests(sim) == [] and current(sim, "siteUS") == "17.1"
    else:
        assert result["changed"] and current(sim, "siteUS") == "16.6"


def test_read_only_in_check_mode_warns(sim):
    result = run_module(storefront_rollback, connection(sim, site_id="siteUS", protection="read_only"), check_mode=True)
    assert result["changed"] and result["warnings"] == [
        "protection is read_only: refused to roll site siteUS back to 16.6 (check mode: nothing was sent)"]
