# -*- coding: utf-8 -*-
"""plugins/module_utils/_publish/plan.py: one line per pending change, the count and the description."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._publish.plan import Plan, change_line


def test_lines_count_and_description():
    plan = Plan([{"asset_type_name": "Extension", "asset_id": "e1", "author": "admin"}, {"asset_type": "price", "id": "c2"}, {}])
    assert plan.count == 3 and plan.description() == "publish 3 pending changes"
    assert plan.lines() == ["+ Extension e1 (by admin)", "+ price c2", "+ change (no id)"]
    assert plan.diff() == {"prepared": "+ Extension e1 (by admin)\n+ price c2\n+ change (no id)\n"}


def test_one_and_none():
    assert Plan([{"id": "c1"}]).description() == "publish 1 pending change"
    assert Plan([]).diff() == {"prepared": "nothing to publish\n"} and change_line({"asset_id": "x"}) == "+ change x"
