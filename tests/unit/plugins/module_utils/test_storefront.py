# -*- coding: utf-8 -*-
"""plugins/module_utils/_storefront.py: a site's versions as the modules report them."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._storefront import site_versions


@pytest.mark.parametrize("previous", ["", None, '""'])
def test_every_spelling_of_no_previous_version(previous):
    versions = site_versions({"currentVersion": "17.1", "previousVersion": previous, "storefrontVersion": "17.1"}, "s")
    assert versions["previous_version"] is None and not versions["has_previous"]
