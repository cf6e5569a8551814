# -*- coding: utf-8 -*-
"""plugins/module_utils/_version.py: the version the modules report is the one galaxy.yml releases."""

from __future__ import annotations

import os
import re

from ansible_collections.commerce.admin.plugins.module_utils import _version as version


def test_version_matches_galaxy_yml():
    galaxy = os.path.join(os.path.dirname(version.__file__), os.pardir, os.pardir, "galaxy.yml")
    with open(galaxy, encoding="utf-8") as handle:
        assert re.search(r"^version: (\S+)$", handle.read(), re.M).group(1) == version.COLLECTION_VERSION
