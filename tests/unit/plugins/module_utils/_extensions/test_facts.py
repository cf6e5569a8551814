# -*- coding: utf-8 -*-
"""plugins/module_utils/_extensions/facts.py: which extension an id or a name means, and what the modules report of it."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import LookupFailed
from ansible_collections.commerce.admin.plugins.module_utils._extensions.facts import (
    extension_facts, filter_extensions, find_extension)


EXTENSIONS = [
    {"repositoryId": "1", "name": "Alpha", "enabled": True},
    {"repositoryId": "2", "name": "Twin", "enabled": False},
    {"repositoryId": "3", "name": "Twin", "enabled": True},
]


def test_find_by_id_and_by_unique_name():
    assert find_extension(EXTENSIONS, extension_id="2")["name"] == "Twin"
    assert find_extension(EXTENSIONS, name="Alpha")["repositoryId"] == "1"


def test_ambiguous_name_lists_the_ids():
    with pytest.raises(LookupFailed, match="ambiguous.*ids 2, 3"):
        find_extension(EXTENSIONS, name="Twin")


@pytest.mark.parametrize("kwargs", [{"extension_id": "9"}, {"name": "Nobody"}])
def test_unknown_extension(kwargs):
    with pytest.raises(LookupFailed, match="extension not found"):
        find_extension(EXTENSIONS, **kwargs)


def test_filters_and_facts():
    assert [item["repositoryId"] for item in filter_extensions(EXTENSIONS, name="Twin")] == ["2", "3"]
    assert filter_extensions(EXTENSIONS) == EXTENSIONS
    assert extension_facts(EXTENSIONS[1])["enabled"] is False and extension_facts(EXTENSIONS[1])["id"] == "2"
