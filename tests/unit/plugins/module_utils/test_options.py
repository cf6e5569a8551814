# -*- coding: utf-8 -*-
"""plugins/module_utils/_options.py: each shared option group and the doc fragment that documents it say the same thing."""

from __future__ import annotations

import importlib

import pytest
import yaml

from ansible_collections.commerce.admin.plugins.module_utils._options import argument_spec, group_names, option_group, restart_mode

FRAGMENTS = "ansible_collections.commerce.admin.plugins.doc_fragments."
# A key the doc must not contradict, and its default when absent.
COMPARED = (("type", "str"), ("default", None), ("choices", None), ("elements", None), ("no_log", False))


def fragment_options(name):
    documentation = importlib.import_module(FRAGMENTS + name).ModuleDocFragment.DOCUMENTATION
    return yaml.safe_load(documentation).get("options") or {}


def assert_documents(options, spec):
    assert set(options) == set(spec)
    for name, option in spec.items():
        doc = options[name]
        for key, absent in COMPARED:
            if key == "no_log":
                continue
            assert doc.get(key, absent) == option.get(key, absent), (name, key)
        assert not doc.get("required") and not option.get("required"), name
        text = " ".join(doc["description"]) if isinstance(doc["description"], list) else doc["description"]
        for variable in (option.get("fallback") or (None, []))[1]:
            assert "E(%s)" % variable in text, (name, variable)
        if option.get("no_log"):
            assert "secret" in text, name


@pytest.mark.parametrize("group", group_names())
def test_fragment_matches_its_group(group):
    assert_documents(fragment_options(group), option_group(group))


def test_info_modules_document_protection_as_accepted_for_the_action_group():
    options = fragment_options("info")
    assert_documents(options, option_group("protection"))
    text = " ".join(options["protection"]["description"])
    assert "group/commerce.admin.all" in text and "no effect" in text


def test_module_options_win_and_groups_are_copies():
    spec = argument_spec({"timeout": {"type": "int", "default": 5}}, groups=("wait",))
    assert spec["timeout"] == {"type": "int", "default": 5}
    assert {"base_url", "app_key", "protection", "wait", "wait_timeout", "poll_interval"} <= set(spec)
    spec["wait"]["default"] = False
    assert option_group("wait")["wait"]["default"] is True


def test_restart_means_auto_always_or_never_and_the_boolean_form_is_the_deprecated_one():
    assert [restart_mode(value) for value in ("auto", "Always", "never")] == [("auto", False), ("always", False), ("never", False)]
    assert [restart_mode(value) for value in (True, "yes", False, "false")] == [("auto", True), ("auto", True), ("never", True), ("never", True)]
    with pytest.raises(ValueError, match="restart must be one of auto, always, never, got 'sometimes'"):
        restart_mode("sometimes")
