# -*- coding: utf-8 -*-
"""_variables/plan.py: the set as a value: add, update, converge duplicates, purge; names and reasons, never a value."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._variables.facts import by_name
from ansible_collections.commerce.admin.plugins.module_utils._variables.plan import (
    ADD, DELETE, DUPLICATE, UNDECLARED, UPDATE, build_plan)


def remote(*items):
    return by_name([{"id": ident, "name": name, "value": value} for ident, name, value in items])


def test_nothing_to_do():
    plan = build_plan({"A": "1"}, remote(("e1", "A", "1")), purge=True)
    assert not plan.changes and plan.unchanged == ("A",) and plan.lines() == [] and plan.diff() == {"prepared": "(no change)\n"}


def test_add_update_and_leave_undeclared_without_purge():
    plan = build_plan({"A": "new", "B": "b"}, remote(("e1", "A", "old"), ("e2", "C", "c")), purge=False)
    assert [(step.action, step.name, step.variable_id) for step in plan.steps] == [(UPDATE, "A", "e1"), (ADD, "B", None)]
    assert plan.added == ["B"] and plan.updated == ["A"] and plan.removed == [] and not plan.deletes
    assert plan.lines() == ["~ A (value changed)", "+ B (added)"]
    assert plan.summary() == "~ A, + B"


def test_purge_deletes_every_item_of_an_undeclared_name():
    plan = build_plan({}, remote(("e1", "C", "c"), ("e2", "C", "d")), purge=True)
    assert [(step.action, step.variable_id, step.reason) for step in plan.steps] == [(DELETE, "e1", UNDECLARED), (DELETE, "e2", UNDECLARED)]
    assert plan.removed == ["C"] and plan.deletes and plan.summary() == "- C"


def test_duplicates_keep_the_item_holding_the_value():
    plan = build_plan({"A": "right"}, remote(("e1", "A", "wrong"), ("e2", "A", "right"), ("e3", "A", "right")), purge=False)
    assert [(step.action, step.variable_id, step.reason) for step in plan.steps] == [(DELETE, "e1", DUPLICATE), (DELETE, "e3", DUPLICATE)]
    assert plan.deduplicated == ["A"] and plan.updated == [] and plan.unchanged == ()


def test_duplicates_without_the_value_update_the_first():
    plan = build_plan({"A": "right"}, remote(("e1", "A", "x"), ("e2", "A", "y")), purge=False)
    assert [(step.action, step.variable_id) for step in plan.steps] == [(UPDATE, "e1"), (DELETE, "e2")]
    assert plan.summary() == "~ A, - A"


def test_undeclared_duplicates_are_not_touched_without_purge():
    assert not build_plan({}, remote(("e1", "C", "c"), ("e2", "C", "c")), purge=False).changes


def test_lines_and_diff_never_hold_a_value():
    plan = build_plan({"A": "secret-one", "B": "secret-two"}, remote(("e1", "A", "secret-old"), ("e2", "Z", "secret-z")), purge=True)
    text = repr(plan) + "".join(plan.lines()) + plan.diff()["prepared"] + plan.summary()
    assert "secret" not in text
