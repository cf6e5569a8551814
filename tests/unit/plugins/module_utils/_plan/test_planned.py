# -*- coding: utf-8 -*-
"""Options of a plan validated as the module would (defaults, rules, null as not given, no connection
options), and a planned module that never exits, raises instead of failing and prefixes its warnings."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._plan.planned import PlanInputError, PlannedModule, validated
from ansible_collections.commerce.admin.plugins.module_utils._plan.registry import SPECS


class Host:
    ansible = None
    diff_mode = True
    client = object()

    def __init__(self):
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)


def test_defaults_apply_and_a_null_value_means_not_given():
    params, secrets = validated(SPECS["site_settings"], {"settings_id": "s", "values": {"a": 1}, "secret_values": None}, "settings")
    assert params["settings_id"] == "s" and params["secret_values"] is None and params["protection"] == "none"
    assert secrets == set()
    params, dummy = validated(SPECS["sse_sync"], {"src": "/tmp/sse", "downloads": None}, "sses")
    assert params["downloads"] == 4 and params["restart"] == "auto"


def test_secret_options_are_returned_as_no_log_values():
    dummy, secrets = validated(SPECS["sse_variables"], {"variables": {"KEY": "value-1f3c"}}, "variables")
    assert "value-1f3c" in secrets


def test_the_modules_rules_hold_and_the_message_names_the_plan():
    with pytest.raises(PlanInputError, match=r"^extension\[0\]: .*state is present but all of the following are missing: src"):
        validated(SPECS["extension"], {"name": "Widget"}, "extension[0]")
    with pytest.raises(PlanInputError, match=r"^states: parameters are mutually exclusive: id\|name"):
        validated(SPECS["extension_state"], {"id": "a", "name": "b"}, "states")


def test_connection_options_are_not_a_plans_own():
    with pytest.raises(PlanInputError, match="base_url"):
        validated(SPECS["publish"], {"base_url": "https://elsewhere.example.com"}, "publish")


def test_a_planned_module_is_in_check_mode_shares_the_hosts_client_and_raises_instead_of_failing():
    host = Host()
    planned = PlannedModule(host, {"protection": "none"}, "publish")
    assert planned.check_mode and planned.diff_mode and planned.client is host.client and planned.result == {"changed": False}
    planned.warn("listing slow")
    assert host.warnings == ["publish: listing slow"]
    with pytest.raises(CommerceError, match="wait_timeout must be greater than 0"):
        planned.params["wait_timeout"] = 0
        planned.require_positive("wait_timeout")
    with pytest.raises(TypeError):
        planned.exit_json()
