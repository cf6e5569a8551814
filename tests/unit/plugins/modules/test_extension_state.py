# -*- coding: utf-8 -*-
"""extension_state in-process: enable and disable by id or name, check and diff mode, races and lookups."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.modules import extension_state

from helpers.module_runner import connection, mutating_requests, run_module

WIDGET = "ext-widget-0001"        # seeded disabled
PAYMENTS = "ext-payments-0002"    # seeded enabled
EXTENSIONS = "/ccadmin/v1/extensions"


def enabled(sim, extension_id):
    return [item["enabled"] for item in sim.extensions if item["repositoryId"] == extension_id][0]


def stored(sim, extension_id):
    """The simulator's own record of the extension, to change it behind the module's back."""
    return [item for item in sim.store.extensions if item["repositoryId"] == extension_id][0]


def test_enable_by_name_then_nothing_to_do(sim):
    first = run_module(extension_state, connection(sim, name="Widget with Element"), diff=True)
    assert first["changed"] and first["id"] == WIDGET and first["name"] == "Widget with Element"
    assert first["enabled"] is True and first["previous_enabled"] is False and first["extension"]["enabled"] is True
    assert first["diff"] == {"before": {"enabled": False}, "after": {"enabled": True}}
    assert mutating_requests(sim) == [("POST", EXTENSIONS + "/" + WIDGET)]
    assert [entry["json"] for entry in sim.journal if entry["method"] == "POST" and entry["path"] == EXTENSIONS + "/" + WIDGET] == [{"op": "activate"}]
    assert enabled(sim, WIDGET)
    second = run_module(extension_state, connection(sim, name="Widget with Element"))
    assert not second["changed"] and second["enabled"] is True and len(mutating_requests(sim)) == 1


def test_disable_by_id(sim):
    result = run_module(extension_state, connection(sim, id=PAYMENTS, state="disabled"))
    assert result["changed"] and result["enabled"] is False and result["previous_enabled"] is True
    assert not enabled(sim, PAYMENTS)


def test_check_mode_reports_the_change_and_sends_nothing(sim):
    result = run_module(extension_state, connection(sim, id=WIDGET), check_mode=True, diff=True)
    assert result["changed"] and result["enabled"] is True and result["extension"]["enabled"] is False
    assert result["diff"] == {"before": {"enabled": False}, "after": {"enabled": True}}
    assert mutating_requests(sim) == [] and not enabled(sim, WIDGET)


@pytest.mark.parametrize("protection, refused", [("none", False), ("no_delete", False), ("read_only", True)])
def test_protection(sim, protection, refused):
    result = run_module(extension_state, connection(sim, id=PAYMENTS, state="disabled", protection=protection))
    if refused:
        assert result["failed"] and result["msg"] == "protection is read_only: refused to deactivate extension Payment Gateway (id %s)" % PAYMENTS
        assert mutating_requests(sim) == [] and enabled(sim, PAYMENTS)
    else:
        assert result["changed"] and not enabled(sim, PAYMENTS)


def test_read_only_in_check_mode_warns(sim):
    result = run_module(extension_state, connection(sim, id=WIDGET, protection="read_only"), check_mode=True)
    assert result["changed"] and result["warnings"] == [
        "protection is read_only: refused to activate extension Widget with Element (id %s) (check mode: nothing was sent)" % WIDGET]


@pytest.mark.parametrize("options, message", [
    ({"name": "Shared Name"}, "extension name 'Shared Name' is ambiguous: 2 extensions have it (ids ext-shared-0003, ext-shared-0004); give id instead"),
    ({"name": "Nobody"}, "extension not found: no extension is called 'Nobody'"),
    ({"name": "Widget with Elemnt"}, "extension not found: no extension is called 'Widget with Elemnt'; did you mean 'Widget with Element'?"),
    ({"id": "ext-missing"}, "extension not found: no extension has id ext-missing"),
    ({"id": "ext-widget-001"}, "extension not found: no extension has id ext-widget-001; did you mean 'ext-widget-0001'?"),
    ({"id": WIDGET, "name": "Widget with Element"}, "parameters are mutually exclusive: id|name"),
    ({}, "one of the following is required: id, name"),
])
def test_lookups_that_fail(sim, options, message):
    result = run_module(extension_state, connection(sim, **options))
    assert result["failed"] and result["msg"] == message and mutating_requests(sim) == []


def test_deactivated_meanwhile_by_someone_else_is_unchanged(sim, monkeypatch):
    real_process = _api.process_extension

    def someone_else_first(client, extension_id, op):
        stored(sim, extension_id)["enabled"] = False
        return real_process(client, extension_id, op)

    monkeypatch.setattr(_api, "process_extension", someone_else_first)
    result = run_module(extension_state, connection(sim, id=PAYMENTS, state="disabled"))
    assert not result.get("failed") and not result["changed"]
    assert result["enabled"] is False and result["previous_enabled"] is True and result["extension"]["enabled"] is False
    assert [entry["status"] for entry in sim.journal if entry["method"] == "POST" and entry["path"].startswith(EXTENSIONS)] == [400]


def test_removed_meanwhile_fails_naming_the_extension(sim, monkeypatch):
    real_process = _api.process_extension

    def removed_first(client, extension_id, op):
        sim.store.extensions.remove(stored(sim, extension_id))
        return real_process(client, extension_id, op)

    monkeypatch.setattr(_api, "process_extension", removed_first)
    result = run_module(extension_state, connection(sim, id=WIDGET))
    assert result["failed"] and not result["changed"]
    assert result["msg"].startswith("extension not found: %s was removed while the task ran (POST %s/%s failed: HTTP 404, errorCode 91017"
                                    % (WIDGET, EXTENSIONS, WIDGET))
    assert result["error"]["error_code"] == "91017"


def test_accepted_but_not_applied_fails(sim, monkeypatch):
    monkeypatch.setattr(_api, "process_extension", lambda client, extension_id, op: {"success": True})
    result = run_module(extension_state, connection(sim, id=WIDGET))
    assert result["failed"] and not result["changed"] and result["enabled"] is False
    assert result["msg"] == "the server accepted activate for %s but lists it as disabled" % WIDGET


def test_another_api_error_names_the_operation(sim):
    sim.faults.add("POST", EXTENSIONS + "/*", "status", status=500, error_code="91099", message="install failed")
    result = run_module(extension_state, connection(sim, id=WIDGET))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == ("activate extension Widget with Element (id %s): POST %s/%s failed: HTTP 500, errorCode 91099: install failed"
                             % (WIDGET, EXTENSIONS, WIDGET))
    assert not enabled(sim, WIDGET)


def test_every_key_of_the_returned_extension_is_documented(sim):
    result = run_module(extension_state, connection(sim, id=WIDGET), check_mode=True)
    documented = yaml.safe_load(extension_state.RETURN)["extension"]["contains"]
    assert sorted(result["extension"]) == sorted(documented)
