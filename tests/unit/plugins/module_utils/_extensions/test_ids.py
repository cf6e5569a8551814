# -*- coding: utf-8 -*-
"""plugins/module_utils/_extensions/ids.py: which ID an extension has on this instance."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import LookupFailed
from ansible_collections.commerce.admin.plugins.module_utils._extensions.ids import resolve

GENERATED = [{"repositoryId": "g1", "name": "Foo"}, {"id": "g2", "name": "Bar"}]
INSTALLED = [{"repositoryId": "i9", "name": "Installed Elsewhere"}]


def test_the_manifest_id_wins_when_this_instance_generated_it():
    assert resolve(INSTALLED, GENERATED, "Foo", "g2")[0] == "g2"


def test_else_the_id_of_that_name_else_the_installed_extension_of_that_name():
    assert resolve(INSTALLED, GENERATED, "Foo", "from-another-instance") == ("g1", "the extension ID called 'Foo'")
    assert resolve(INSTALLED, GENERATED, "Bar", None)[0] == "g2"
    assert resolve(INSTALLED, GENERATED, "Installed Elsewhere", None)[0] == "i9"
    assert resolve(INSTALLED, GENERATED, "Nothing", None) == (None, None)


def test_several_ids_of_one_name_prefer_the_installed_one_else_fail():
    generated = GENERATED + [{"repositoryId": "g3", "name": "Foo"}]
    assert resolve([{"repositoryId": "g3", "name": "Foo"}], generated, "Foo", None)[0] == "g3"
    with pytest.raises(LookupFailed, match="2 extension IDs are called 'Foo'"):
        resolve([], generated, "Foo", None)
