# -*- coding: utf-8 -*-
"""storefront_info in-process: versions of the named sites, or of the default site."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.modules import storefront_info

from helpers.module_runner import connection, mutating_requests, run_module


def test_the_default_site(sim):
    result = run_module(storefront_info, connection(sim))
    assert not result["changed"] and result["sites"] == [
        {"site_id": None, "current_version": "17.1", "previous_version": "16.6", "storefront_version": "17.1", "has_previous": True}]
    assert "siteId" not in sim.journal[-1]["query"]


def test_named_sites_in_the_order_asked(sim):
    result = run_module(storefront_info, connection(sim, site_ids=["siteNoPrev", "siteEU"]), check_mode=True)
    assert [site["site_id"] for site in result["sites"]] == ["siteNoPrev", "siteEU"]
    assert result["sites"][0]["previous_version"] is None and result["sites"][0]["has_previous"] is False
    assert result["sites"][1]["current_version"] == "16.6" and mutating_requests(sim) == []


def test_an_unknown_site_fails_naming_it(sim):
    result = run_module(storefront_info, connection(sim, site_ids=["siteUS", "siteXX"]))
    assert result["failed"] and "site not found: siteXX; check site_id" in result["msg"]
    assert result["error"]["status"] == 404
