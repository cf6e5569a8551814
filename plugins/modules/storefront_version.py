#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: storefront_version
short_description: Bring a site's storefront framework to its latest or its previous version
version_added: 0.2.0
description:
  - Brings the storefront JavaScript framework of a site to its V(latest) version with
    C(POST /ccadmin/v1/jsframeworkadmin/upgradeVersion), or to its V(previous) version with
    C(POST /ccadmin/v1/jsframeworkadmin/rollbackVersion) (Storefront Classic only).
  - Reads the versions first (C(GET /ccadmin/v1/jsframeworkadmin)) and calls the API only when the
    site does not run the version asked for; afterwards it reads them again and fails unless the
    site now runs it, because the API answers C(success) even when it did nothing.
  - The drift report and C(deploy.yml) use it to reconcile C(storefront_expected).
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
    description: Reads the versions and reports whether the site would change.
  diff_mode:
    support: full
    description: Shows the current version before and after.
options:
  version:
    description:
      - V(latest) is the site's C(storefrontVersion); V(previous) its C(previousVersion).
    type: str
    choices: [latest, previous]
    required: true
seealso:
  - module: commerce.admin.storefront_info
  - module: commerce.admin.storefront_rollback
"""

EXAMPLES = r"""
- name: Bring siteUS to the latest storefront framework version
  commerce.admin.storefront_version:
    site_id: siteUS
    version: latest

- name: Back to the previous version, a no-op where there is none
  commerce.admin.storefront_version:
    site_id: siteEU
    version: previous
    allow_no_previous: true
"""

RETURN = r"""
site_id:
  description: The site named in O(site_id); V(null) when the module decided from the default site.
  returned: always
  type: str
scope:
  description:
    - What the task acted on, or would act on. V(site <id>) with O(site_id); without it V(every active site),
      because the API then changes every active site (the module also warns that it decided from the default
      site's versions only).
  returned: always
  type: str
  sample: site siteUS
current_version:
  description:
    - The version the site runs once the task is done; in check mode, the one it would run.
    - Equal to RV(storefront_version) after V(latest), to the previous version before the change after V(previous).
  returned: always
  type: str
  sample: "17.1"
previous_version:
  description: The version the site can go back to, as the API reports it after the task; V(null) when there is none.
  returned: always
  type: str
  sample: "16.6"
storefront_version:
  description: The latest framework version the instance offers, the target of V(latest).
  returned: always
  type: str
  sample: "17.1"
message:
  description: The API's C(UpgradeMessage) after a change, or the reason nothing was done (already there, no previous version).
  returned: always
  type: str
  sample: SiteUs already in latest Version.
"""

from ansible_collections.commerce.admin.plugins.module_utils._storefront import VERSION_SPEC


def main():
    VERSION_SPEC.main()


if __name__ == "__main__":
    main()
