# -*- coding: utf-8 -*-
"""plugins/module_utils/_extensions/plan.py: every decision, and the lines it prints."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._extensions.identity import LocalExtension
from ansible_collections.commerce.admin.plugins.module_utils._extensions.plan import LOSSES, ExtensionPlan, decide, refusal

LOCAL = LocalExtension("/x.zip", "Foo", {"name": "Foo", "version": "2"}, "a" * 16)


def remote(enabled=True, digest="a" * 16, version="2"):
    return {"id": "id1", "name": "Foo", "enabled": enabled, "version": version, "zip_path": "extensions/foo-%s.zip" % digest}


@pytest.mark.parametrize("state, enabled, installed, digest, action, reason", [
    ("present", True, None, None, "install", "absent"),
    ("present", False, None, None, "install", "absent (installed, then disabled)"),
    ("present", True, remote(), "a" * 16, "keep", "unchanged"),
    ("present", True, remote(enabled=False), "a" * 16, "enable", "installed disabled"),
    ("present", False, remote(), "a" * 16, "disable", "installed enabled"),
    ("present", True, remote(digest="b" * 16, version="1"), "b" * 16, "reinstall",
     "content differs (installed %s, declared %s)" % ("b" * 16, "a" * 16)),
    ("absent", True, None, None, "keep", "absent"),
    ("absent", True, remote(), None, "remove", "state is absent"),
])
def test_decisions(state, enabled, installed, digest, action, reason):
    plan = decide("Foo", state, enabled, LOCAL if state == "present" else None, installed, digest, "id1")
    assert (plan.action, plan.reason) == (action, reason)
    assert plan.changes == (action != "keep") and plan.destructive == (action in ("reinstall", "remove"))


def test_a_zip_named_by_another_tool_is_not_taken_for_the_same_content():
    plan = decide("Foo", "present", True, LOCAL, dict(remote(), zip_path="extensions/123_foo.zip"), None, "id1")
    assert plan.action == "reinstall" and "carries no content digest" in plan.reason


def test_lines_name_the_action_the_versions_and_the_reason():
    reinstall = decide("Foo", "present", True, LOCAL, remote(digest="b" * 16, version="1"), "b" * 16, "id1")
    assert reinstall.line().startswith("reinstall Foo (version 1 -> 2): content differs")
    assert decide("Foo", "present", True, LOCAL, None, None, None).line() == "install Foo (version 2): absent"
    assert decide("Foo", "absent", True, None, remote(version="7"), None, "id1").line() == "remove Foo (version 7): state is absent"
    assert decide("Foo", "present", True, LOCAL, remote(enabled=False), "a" * 16, "id1").line() == "enable Foo (version 2): installed disabled"
    assert reinstall.as_dict() == {"action": "reinstall", "name": "Foo", "reason": reinstall.reason, "extension_id": "id1",
                                   "enabled": True, "version_from": "1", "version_to": "2"}


def test_the_refusal_names_what_a_reinstall_loses():
    text = refusal(decide("Foo", "present", True, LOCAL, remote(digest="b" * 16, version="1"), "b" * 16, "id1"))
    assert LOSSES in text and "widget instances" in text and "allow_reinstall: true" in text and "nothing was sent" in text


def test_an_unknown_action_is_a_bug():
    with pytest.raises(ValueError):
        ExtensionPlan("update", "Foo", "x")
