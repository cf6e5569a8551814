#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: extension_info
short_description: List extensions and whether they are enabled
version_added: 0.1.0
description:
  - Lists the extensions with C(GET /ccadmin/v1/extensions), optionally only those with a given
    id or name.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.action_group
  - commerce.admin.info
options:
  id:
    description: Only the extension with this id (C(repositoryId)).
    type: str
  name:
    description: Only extensions with this name.
    type: str
seealso:
  - module: commerce.admin.extension_state
"""

EXAMPLES = r"""
- name: List every extension
  commerce.admin.extension_info:
  register: extensions

- name: Names of the enabled ones
  ansible.builtin.debug:
    msg: "{{ extensions.extensions | selectattr('enabled') | map(attribute='name') }}"
"""

RETURN = r"""
extensions:
  description: The extensions, in the server's order.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Id (C(repositoryId)).
      type: str
    name:
      description: Name.
      type: str
    enabled:
      description: Whether it is enabled (active).
      type: bool
    version:
      description: Version.
      type: str
    zip_path:
      description: Where the server keeps its zip.
      type: str
    origin:
      description: How it was installed.
      type: str
    creation_time:
      description: Creation time.
      type: str
    modification_time:
      description: Last modification time.
      type: str
    installed_time:
      description: Installation time.
      type: str
"""

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._extensions.facts import extension_facts, filter_extensions
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule


def run(module):
    items = filter_extensions(api.list_extensions(module.client), module.params["id"], module.params["name"])
    module.result["extensions"] = [extension_facts(item) for item in items]


def main():
    CommerceModule({"id": {"type": "str"}, "name": {"type": "str"}}).run(run)


if __name__ == "__main__":
    main()
