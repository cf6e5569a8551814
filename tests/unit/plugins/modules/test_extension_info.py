# -*- coding: utf-8 -*-
"""extension_info in-process: every extension, or those with an id or a name."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.modules import extension_info

from helpers.module_runner import connection, mutating_requests, run_module


def test_lists_every_extension_in_the_server_order(sim):
    result = run_module(extension_info, connection(sim))
    assert not result["changed"]
    assert [(item["id"], item["enabled"]) for item in result["extensions"]] == [
        ("ext-widget-0001", False), ("ext-payments-0002", True), ("ext-shared-0003", True), ("ext-shared-0004", False)]
    widget = result["extensions"][0]
    assert widget["name"] == "Widget with Element" and widget["version"] == "1" and widget["origin"] == "upload"
    assert widget["zip_path"] == "extensions/widget-with-element.zip" and widget["creation_time"]
    assert set(widget) == {"id", "name", "enabled", "version", "zip_path", "origin", "creation_time", "modification_time", "installed_time"}
    assert mutating_requests(sim) == []


def test_filters_by_name_and_id(sim):
    by_name = run_module(extension_info, connection(sim, name="Shared Name"))
    assert [item["id"] for item in by_name["extensions"]] == ["ext-shared-0003", "ext-shared-0004"]
    by_id = run_module(extension_info, connection(sim, id="ext-payments-0002"))
    assert [item["name"] for item in by_id["extensions"]] == ["Payment Gateway"]
    both = run_module(extension_info, connection(sim, id="ext-payments-0002", name="Shared Name"))
    assert both["extensions"] == []


def test_check_mode_reads_the_same(sim):
    result = run_module(extension_info, connection(sim, id="ext-widget-0001"), check_mode=True)
    assert [item["id"] for item in result["extensions"]] == ["ext-widget-0001"] and mutating_requests(sim) == []


def test_an_api_failure_fails(sim):
    sim.faults.add("GET", "/ccadmin/v1/extensions", "status", status=500, message="down")
    result = run_module(extension_info, connection(sim))
    assert result["failed"] and result["msg"] == "GET /ccadmin/v1/extensions failed: HTTP 500, errorCode 500: down"


def test_an_html_page_instead_of_json_says_to_check_base_url(sim):
    sim.faults.add("GET", "/ccadmin/v1/extensions", "status", status=200, html=True)
    result = run_module(extension_info, connection(sim))
    assert result["failed"] and result["msg"] == ("GET /ccadmin/v1/extensions failed: HTTP 200: expected a JSON answer, got "
                                                  "text/html; charset=utf-8: Application Unavailable (check that base_url points at the Admin API)")
