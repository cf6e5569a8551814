# -*- coding: utf-8 -*-
"""site_settings in-process: compare in the server's types, one PUT when something differs, read back,
secrets never shown, 33068 named, the default site, check and diff mode, protection."""

from __future__ import annotations

import json

from ansible_collections.commerce.admin.plugins.modules import site_settings

from helpers.module_runner import connection, mutating_requests, requests_to, run_module
from helpers.site_settings import SETTINGS_ID, install_settings_extension

PATH = "/ccadmin/v1/sitesettings/" + SETTINGS_ID
SECRET = "sk-gateway-VERY-secret-71b3"


def stored(sim, site="siteUS"):
    return sim.extension_state["site_settings"].get(SETTINGS_ID, {}).get(site, {})


def args(sim, **options):
    return connection(sim, settings_id=SETTINGS_ID, **options)


def test_writes_once_in_the_server_types_then_nothing_to_do(sim):
    install_settings_extension(sim)
    declared = {"apiUrl": "https://b.example.com", "retries": "5", "live": "yes"}
    first = run_module(site_settings, args(sim, site_id="siteUS", values=declared), diff=True)
    assert first["changed"] and first["changed_keys"] == ["apiUrl", "live", "retries"]
    assert first["declared_values"] == {"apiUrl": "https://b.example.com", "retries": 5, "live": True}
    assert first["undeclared_keys"] == []
    assert first["diff"]["before"] == {"apiUrl": "https://pay.example.com", "retries": 3, "live": False}
    assert first["diff"]["after"] == {"apiUrl": "https://b.example.com", "retries": 5, "live": True}
    puts = requests_to(sim, "PUT", PATH)
    assert len(puts) == 1 and puts[0]["json"] == {"apiUrl": "https://b.example.com", "retries": 5, "live": True}
    assert stored(sim) == {"apiUrl": "https://b.example.com", "retries": 5, "live": True}
    assert len(requests_to(sim, "GET", PATH)) == 2  # read, then read back
    sim.clear_journal()
    second = run_module(site_settings, args(sim, site_id="siteUS", values={"retries": 5, "live": True}))
    assert not second["changed"] and second["changed_keys"] == [] and second["undeclared_keys"] == ["apiUrl"]
    assert mutating_requests(sim) == [] and len(requests_to(sim, "GET", PATH)) == 1


def test_only_the_declared_names_are_sent_and_others_are_kept(sim):
    install_settings_extension(sim)
    run_module(site_settings, args(sim, site_id="siteUS", values={"colour": "red"}))
    result = run_module(site_settings, args(sim, site_id="siteUS", values={"retries": 1}))
    assert result["changed"] and requests_to(sim, "PUT", PATH)[-1]["json"] == {"retries": 1}
    assert stored(sim) == {"colour": "red", "retries": 1}
    assert "colour" in result["undeclared_keys"]


def test_secret_values_never_show_and_the_diff_names_them(sim):
    install_settings_extension(sim)
    first = run_module(site_settings, args(sim, site_id="siteEU", values={"retries": 2}, secret_values={"apiKey": SECRET}), diff=True)
    assert first["changed"] and first["changed_keys"] == ["apiKey", "retries"]
    assert first["declared_values"] == {"retries": 2, "apiKey": "********"}
    assert first["diff"]["after"]["apiKey"] == "******** (changed)" and "apiKey" not in first["diff"]["before"]
    assert "apiKey (secret)" in first["diff"]["prepared"]
    assert SECRET not in json.dumps(first)
    assert stored(sim, "siteEU")["apiKey"] == SECRET
    again = run_module(site_settings, args(sim, site_id="siteEU", secret_values={"apiKey": SECRET}), diff=True)
    assert not again["changed"] and again["diff"]["before"] == {"apiKey": "********"} == again["diff"]["after"]
    assert SECRET not in json.dumps(again)


def test_a_name_in_both_options_is_refused_before_any_request(sim):
    result = run_module(site_settings, args(sim, values={"apiKey": "shown-key"}, secret_values={"apiKey": SECRET}))
    assert result["failed"] and result["msg"] == "apiKey declared in both values and secret_values: declare each name once"
    assert sim.journal == []


def test_settings_of_an_extension_not_installed(sim):
    result = run_module(site_settings, args(sim, site_id="siteUS", values={"apiUrl": "x"}))
    assert result["failed"] and not result["changed"]
    assert "the extension that defines these settings is not installed" in result["msg"]
    assert result["msg"].startswith("settings gatewaySettings on site siteUS cannot be used")
    assert result["error"]["error_code"] == "33068"
    assert mutating_requests(sim) == []


def test_a_deactivated_extension_is_named_the_same_way(sim):
    install_settings_extension(sim, enabled=False)
    result = run_module(site_settings, args(sim, values={"apiUrl": "x"}))
    assert result["failed"] and "not installed (or is deactivated)" in result["msg"] and "the default site" in result["msg"]


def test_without_site_id_no_header_is_sent_and_the_default_site_is_used(sim):
    install_settings_extension(sim)
    result = run_module(site_settings, args(sim, values={"colour": "blue"}))
    assert result["changed"] and result["site_id"] is None
    assert stored(sim, sim.store.default_site) == {"colour": "blue"}


def test_check_mode_sends_nothing_and_predicts(sim):
    install_settings_extension(sim)
    result = run_module(site_settings, args(sim, site_id="siteUS", values={"retries": 9}), check_mode=True, diff=True)
    assert result["changed"] and result["declared_values"] == {"retries": 9} and result["diff"]["after"] == {"retries": 9}
    assert mutating_requests(sim) == [] and stored(sim) == {}


def test_read_only_refuses_the_write_but_not_the_comparison(sim):
    install_settings_extension(sim)
    same = run_module(site_settings, args(sim, site_id="siteUS", values={"retries": 3}, protection="read_only"))
    assert not same.get("failed") and not same["changed"]
    refused = run_module(site_settings, args(sim, site_id="siteUS", values={"retries": 4}, protection="read_only"))
    assert refused["failed"] and refused["msg"] == "protection is read_only: refused to set retries of settings gatewaySettings on site siteUS"
    assert mutating_requests(sim) == []


def test_a_write_the_server_does_not_keep_fails_changed(sim, monkeypatch):
    install_settings_extension(sim)
    book = sim.store.extension_book
    original = book.settings_data
    monkeypatch.setattr(book, "settings_data", lambda settings_id, site: dict(original(settings_id, site), retries=3))
    result = run_module(site_settings, args(sim, site_id="siteUS", values={"retries": 4}))
    assert result["failed"] and result["changed"]
    assert result["msg"] == ("the server accepted the values of settings gatewaySettings on site siteUS "
                             "but reads back different ones for retries")


def test_an_unknown_site_fails_with_the_server_answer(sim):
    install_settings_extension(sim)
    result = run_module(site_settings, args(sim, site_id="siteMars", values={"retries": 4}))
    assert result["failed"] and result["error"]["status"] == 400 and mutating_requests(sim) == []
