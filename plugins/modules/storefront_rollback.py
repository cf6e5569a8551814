#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: storefront_rollback
short_description: Roll a site's storefront framework back to its previous version
version_added: 0.1.0
deprecated:
  removed_in: 1.0.0
  why: M(commerce.admin.storefront_version) with O(commerce.admin.storefront_version#module:version=previous) does the same, and can also upgrade.
  alternative: Use M(commerce.admin.storefront_version) with O(commerce.admin.storefront_version#module:version=previous).
description:
  - Rolls the storefront JavaScript framework back to the previous version with
    C(POST /ccadmin/v1/jsframeworkadmin/rollbackVersion) (Storefront Classic only; the Open
    Storefront Framework has no such endpoint).
  - Reads the current and previous versions first (C(GET /ccadmin/v1/jsframeworkadmin)). A site
    that already runs its previous version is left alone (unchanged). After a rollback the module
    reads the versions again and fails unless the site now runs the previous version, because the API
    answers C(success) even when it did nothing.
  - A site without a previous version fails the module, unless O(allow_no_previous) makes that a
    no-op.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
  - commerce.admin.storefront_site
attributes:
  check_mode:
    support: full
    description: Reads the versions and reports whether a rollback would happen.
  diff_mode:
    support: full
    description: Shows the current version before and after.
seealso:
  - module: commerce.admin.storefront_info
  - module: commerce.admin.storefront_version
    description: Brings a site to its previous or its latest version.
"""

EXAMPLES = r"""
- name: Roll siteUS back to its previous storefront framework version
  commerce.admin.storefront_rollback:
    site_id: siteUS

- name: Roll back where possible, a no-op where there is no previous version
  commerce.admin.storefront_rollback:
    site_id: "{{ item }}"
    allow_no_previous: true
  loop: [siteUS, siteEU]
"""

RETURN = r"""
site_id:
  description: The site, V(null) for the default site.
  returned: always
  type: str
scope:
  description: What the task acted on, V(site <id>), or V(every active site) without O(site_id) (see O(site_id)).
  returned: always
  type: str
  sample: site siteUS
current_version:
  description: The version the site runs after the run (as it would, in check mode).
  returned: always
  type: str
  sample: "16.6"
previous_version:
  description: The site's previous version; V(null) when it has none.
  returned: always
  type: str
  sample: "16.6"
storefront_version:
  description: The latest version available.
  returned: always
  type: str
  sample: "17.1"
message:
  description: The server's C(UpgradeMessage), or why nothing was done.
  returned: always
  type: str
"""

from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule
from ansible_collections.commerce.admin.plugins.module_utils._storefront import converge_site_version


def run(module):
    converge_site_version(module, "previous")


def main():
    CommerceModule({}, groups=("storefront_site",)).run(run)


if __name__ == "__main__":
    main()
