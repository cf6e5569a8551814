#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: storefront_info
short_description: Read the storefront framework versions of sites
version_added: 0.1.0
description:
  - Reads the current, previous and latest storefront JavaScript framework versions with
    C(GET /ccadmin/v1/jsframeworkadmin), for each site named, or for the default site.
  - Name the sites with O(site_ids), by the C(repositoryId) that C(GET /ccadmin/v1/sites) lists for each; without it,
    only the default site is read.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.action_group
  - commerce.admin.info
options:
  site_ids:
    description: Sites to read. Without it, the default site.
    type: list
    elements: str
seealso:
  - module: commerce.admin.storefront_rollback
"""

EXAMPLES = r"""
- name: Versions of two sites
  commerce.admin.storefront_info:
    site_ids: [siteUS, siteEU]
  register: versions
"""

RETURN = r"""
sites:
  description: One entry per site, in the order asked.
  returned: always
  type: list
  elements: dict
  contains:
    site_id:
      description: The site, V(null) for the default site.
      type: str
    current_version:
      description: The version the site runs.
      type: str
    previous_version:
      description: The previous version, V(null) when there is none.
      type: str
    storefront_version:
      description: The latest version available.
      type: str
    has_previous:
      description: Whether a rollback is possible.
      type: bool
"""

from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule
from ansible_collections.commerce.admin.plugins.module_utils._storefront import read_site_versions


def run(module):
    module.result["sites"] = [read_site_versions(module.client, site_id) for site_id in module.params["site_ids"] or [None]]


def main():
    CommerceModule({"site_ids": {"type": "list", "elements": "str"}}).run(run)


if __name__ == "__main__":
    main()
