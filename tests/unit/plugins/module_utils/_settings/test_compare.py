# -*- coding: utf-8 -*-
"""plugins/module_utils/_settings/compare.py: declared values in the server's types, and what differs."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._settings.compare import differing, normalise, normalised


@pytest.mark.parametrize("declared, current, expected", [
    ("2", 5, 2), (" 7 ", 5, 7), (3.0, 5, 3), ("2.5", 1.5, 2.5), (2, 1.5, 2.0),
    ("yes", False, True), ("False", True, False), (1, False, True), (8080, "80", "8080"), (True, "false", "true"),
    ("abc", 5, "abc"), ("maybe", True, "maybe"), (2.5, 5, 2.5), ("x", None, "x"), (None, 5, None), (True, 5, True),
    ({"a": "1", "b": "x"}, {"a": 2}, {"a": 1, "b": "x"}), (["1", "2"], [0, 0], [1, 2]), (["1"], [0, 0], ["1"]),
])
def test_a_declared_value_takes_the_server_type_where_it_converts(declared, current, expected):
    value = normalise(declared, current)
    assert value == expected and type(value) is type(expected)


def test_what_differs_after_normalising():
    current = {"retries": 3, "live": False, "url": "https://a", "nested": {"on": True}}
    assert differing({"retries": "3", "live": "no", "url": "https://a"}, current) == []
    assert differing({"retries": "4", "url": "https://b", "missing": None}, current) == ["missing", "retries", "url"]
    assert differing({"nested": {"on": 1}}, current) == []
    assert differing({"nested": {"on": True, "extra": 1}}, current) == ["nested"]
    assert normalised({"retries": "4", "new": "x"}, current) == {"retries": 4, "new": "x"}


def test_a_number_is_never_the_same_as_a_boolean():
    assert differing({"flag": 1}, {"flag": "1"}) == []
    assert differing({"flag": [True]}, {"flag": [1, 2]}) == ["flag"]
    assert differing({"count": True}, {"count": 1}) == ["count"]
