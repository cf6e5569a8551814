# -*- coding: utf-8 -*-
"""_variables/facts.py: the listing grouped by name, and the declared set checked before any request."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._variables.facts import by_name, declared, variable_facts


def test_facts_are_snake_case_and_keep_what_the_plan_needs():
    item = {"id": "e1", "name": "A", "value": "v", "previewValue": "v", "creationTime": "t1", "modificationTime": "t2",
            "createdBy": "x", "lastModifiedBy": "y"}
    assert variable_facts(item) == {"id": "e1", "name": "A", "value": "v", "creation_time": "t1", "modification_time": "t2"}


def test_by_name_keeps_duplicates_in_listing_order_and_skips_items_without_name_or_id():
    items = [{"id": "1", "name": "A", "value": "a"}, {"id": "2", "name": "B", "value": "b"}, {"id": "3", "name": "A", "value": "c"},
             {"id": "4", "name": "", "value": "d"}, {"name": "C", "value": "e"}]
    grouped = by_name(items)
    assert list(grouped) == ["A", "B"]
    assert [facts["id"] for facts in grouped["A"]] == ["1", "3"]


def test_declared_turns_numbers_into_text():
    assert declared({"PORT": 8080, "RATIO": 0.5, "URL": "https://x"}) == {"PORT": "8080", "RATIO": "0.5", "URL": "https://x"}
    assert declared({}) == {} and declared(None) == {}


@pytest.mark.parametrize("value, kind", [(True, "bool"), (None, "null"), (["a"], "list"), ({"a": 1}, "dict")])
def test_declared_refuses_other_types_naming_the_variable_never_the_value(value, kind):
    with pytest.raises(CommerceError) as caught:
        declared({"NAME": value})
    assert str(caught.value) == "the value of variable NAME must be a string (quote it): it is %s" % kind


def test_declared_refuses_an_empty_name():
    with pytest.raises(CommerceError, match="every variable needs a name"):
        declared({" ": "v"})
