#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: sse_info
short_description: List the server-side extensions (SSEs) of an environment
version_added: 0.1.0
description:
  - Lists the SSE zips stored on the extension server with C(GET /ccadmin/v1/serverExtensions),
    following every page.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.action_group
  - commerce.admin.environment
  - commerce.admin.info
options:
  name:
    description:
      - Only the SSE with exactly this file name; RV(exists) tells whether it is there.
    type: str
seealso:
  - module: commerce.admin.sse_upload
"""

EXAMPLES = r"""
- name: List every SSE
  commerce.admin.sse_info:
  register: deployed

- name: Is orders.zip deployed in preview?
  commerce.admin.sse_info:
    name: orders.zip
    environment_type: preview
  register: orders
"""

RETURN = r"""
sses:
  description: The SSEs, sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: File name.
      type: str
      sample: orders.zip
    path:
      description: Path on the server.
      type: str
      sample: /serverExtensions/orders.zip
    size:
      description: Size in bytes.
      type: int
    checksum:
      description: The server's opaque checksum; equal for equal content on one server, not computable locally.
      type: raw
    last_modified:
      description: Last modification time (ISO 8601).
      type: str
exists:
  description: Whether the SSE named by O(name) exists.
  returned: when O(name) is given
  type: bool
"""

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule
from ansible_collections.commerce.admin.plugins.module_utils._sse.facts import sse_facts


def run(module):
    name = module.params["name"]
    items = api.list_sses(module.client, module.params["environment_type"], name_filter=name)
    sses = sorted((sse_facts(item) for item in items if name is None or item.get("name") == name), key=lambda fact: fact["name"])
    if name is not None:
        module.result["exists"] = bool(sses)
    module.result["sses"] = sses


def main():
    CommerceModule({"name": {"type": "str"}}, groups=("environment",)).run(run)


if __name__ == "__main__":
    main()
