#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: site_settings
short_description: Set the values of an extension's site settings on one site
version_added: 0.3.0
description:
  - Brings the values of one settings ID (the C(config/<settings id>) of an installed extension) on one
    site to the declared ones (C(GET) and C(PUT /ccadmin/v1/sitesettings/<settings id>), the site named by
    the C(x-ccsite) header).
  - Reads the values first and writes only when a declared value differs, with one C(PUT) of every declared
    value; then reads them back and fails when the server does not show them. An unchanged run is one C(GET).
  - Values are compared in the types the server holds them in, so V("2") declared for a stored C(2), or
    V("true") for a stored C(true), is the same value, and is written in the server's type.
  - Only the declared names are compared and sent. Names the task does not declare keep their values
    (there is no way to remove a value; declare the value it must have instead); RV(undeclared_keys)
    names them.
  - Values in O(secret_values) never appear in the result, the diff or the log; the diff names them and
    says whether they change.
  - The values reach shoppers after a publish (M(commerce.admin.publish)).
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
attributes:
  check_mode:
    support: full
    description: Reads the values and reports which would change, sending nothing.
  diff_mode:
    support: full
    description: Shows the declared values before and after, secret ones masked.
options:
  settings_id:
    description:
      - The settings ID, as the extension's zip names it (C(config/<settings id>/config.json)).
      - When the extension that defines it is not installed, or is deactivated, the module fails saying so
        (error code 33068).
    type: str
    required: true
  site_id:
    description:
      - The site whose values these are (sent as the C(x-ccsite) header).
      - When not set, no header is sent and the server uses its default site.
    type: str
  values:
    description:
      - Setting name to value, for values that may be shown (in the result and the diff).
      - Give O(values), O(secret_values) or both; a name may appear in one of them only.
    type: dict
  secret_values:
    description:
      - Setting name to value, for secrets (keys, passwords). Compared and written like O(values), never shown.
    type: dict
seealso:
  - module: commerce.admin.extension
  - module: commerce.admin.publish
"""

EXAMPLES = r"""
- name: Gateway settings of the US site; the key comes from a vault
  commerce.admin.site_settings:
    settings_id: gatewaySettings
    site_id: siteUS
    values:
      apiUrl: https://payments.example.com
      retries: 2
    secret_values:
      apiKey: "{{ vault_gateway_api_key }}"

- name: Publish what changed
  commerce.admin.publish:
"""

RETURN = r"""
settings_id:
  description: The settings ID.
  returned: always
  type: str
site_id:
  description: The site, or null for the server's default site.
  returned: always
  type: str
declared_values:
  description:
    - The declared names' values after the run (as they would be, in check mode), in the server's types;
      secret ones are C(********).
  returned: always
  type: dict
changed_keys:
  description: The declared names whose value differed (and were written, unless in check mode), sorted.
  returned: always
  type: list
  elements: str
undeclared_keys:
  description: The names the server holds a value for that the task does not declare (left as they are).
  returned: always
  type: list
  elements: str
"""

from ansible_collections.commerce.admin.plugins.module_utils._settings.sync import SPEC


def main():
    SPEC.main()


if __name__ == "__main__":
    main()
