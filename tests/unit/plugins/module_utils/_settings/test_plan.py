# -*- coding: utf-8 -*-
"""plugins/module_utils/_settings/plan.py: the names that differ, the body, and a diff that hides secrets."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._settings.plan import Plan, masked

SECRET = "sk-never-shown-9f2"


def test_a_plan_names_changes_and_masks_secrets():
    current = {"retries": 3, "apiKey": "old-secret-value", "colour": "red"}
    plan = Plan("gw", "siteUS", {"retries": "4", "apiKey": SECRET, "url": "https://a"}, {"apiKey"}, current)
    assert plan.changes == ["apiKey", "retries", "url"] and plan.undeclared == ["colour"]
    assert plan.body == {"retries": 4, "apiKey": SECRET, "url": "https://a"}
    assert plan.before() == {"retries": 3, "apiKey": "********"}
    assert plan.after() == {"retries": 4, "apiKey": "******** (changed)", "url": "https://a"}
    assert plan.line() == "~ gw on site siteUS: apiKey (secret), retries, url"
    assert plan.description() == "set apiKey (secret), retries, url of settings gw on site siteUS"
    assert SECRET not in repr(plan.diff()) and "old-secret-value" not in repr(plan.diff())


def test_an_unchanged_plan_on_the_default_site():
    plan = Plan("gw", None, {"apiKey": SECRET}, {"apiKey"}, {"apiKey": SECRET})
    assert plan.changes == [] and plan.line() == "= gw on the default site: unchanged"
    assert plan.diff() == {"before": {"apiKey": "********"}, "after": {"apiKey": "********"},
                           "prepared": "= gw on the default site: unchanged\n"}


def test_masked_leaves_the_other_values():
    assert masked({"a": 1, "b": 2}, {"b"}) == {"a": 1, "b": "********"}
