#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: sse_variables
short_description: Bring the SSE environment variables of an instance to a declared set
version_added: 0.3.0
description:
  - Compares the declared O(variables) with the instance's SSE environment variables
    (C(GET /ccadmin/v1/extensionEnvironmentVariables), paged) and writes only the difference
    (C(POST), C(PUT /<id>), C(DELETE /<id>)), then makes the running extension server see the new
    values (O(apply)).
  - Values are secrets. The module never shows one; the diff, the result and every message name
    variables only, with V(added), V(value changed) or V(removed); O(variables) is C(no_log).
  - A name the server stores more than once converges to one item (the one that already holds the
    declared value, else the first listed); the others are deleted and the name is returned in
    RV(deduplicated).
  - Deleting an absent variable succeeds on the server, so every decision comes from the listing,
    never from the answer of a delete.
  - An unchanged run sends one login and one listing (one request per page of the listing) and
    nothing else.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
  - commerce.admin.wait
  - commerce.admin.environment
attributes:
  check_mode:
    support: full
    description: Lists the variables and reports what would change; sends nothing that changes anything.
  diff_mode:
    support: full
    description: One line per write, V(+ NAME (added)), V(~ NAME (value changed)) or V(- NAME (removed ...)); never a value.
options:
  variables:
    description:
      - The declared variables, name to value. Values are text; numbers are written as text, other
        types (booleans, null, lists) are refused (quote them).
      - The whole option is C(no_log).
    type: dict
    required: true
  purge:
    description:
      - Delete the variables the instance stores that O(variables) does not declare.
      - Refused by O(protection=no_delete), like the deletion of duplicated names.
    type: bool
    default: false
  apply:
    description:
      - How a change reaches the running extension server, after the writes.
      - V(push) sends C(POST /ccadminx/custom/v1/servers/push), which makes the running server pull
        its configuration, the SSE variables among it. Public clients use it for this; the vendor's
        pages do not say it, so this is the collection's assumption. The push names no environment,
        so it is assumed to reach every environment's server; O(environment_type) does not apply.
      - V(restart) restarts the extension server of O(environment_type) and, with O(wait), follows
        the restart to its end; a restart loads the stored values.
      - V(none) only stores the values; they take effect at the next restart.
      - Nothing is pushed or restarted when nothing changed.
    type: str
    choices: [push, restart, none]
    default: push
notes:
  - Values reach the running server only after a push or a restart. When the writes succeed and the
    push or restart fails, the task fails reporting C(changed), and the next run finds nothing to
    write, so it pushes nothing; run M(commerce.admin.server_restart) then.
  - The listing must show values for the comparison to work; it does on the versions the collection
    knows.
seealso:
  - module: commerce.admin.server_restart
"""

EXAMPLES = r"""
- name: The SSE variables of this environment, from the vault; remove the undeclared ones
  commerce.admin.sse_variables:
    variables:
      PAYMENT_API_URL: https://payments.example.com
      PAYMENT_API_KEY: "{{ vault_payment_api_key }}"
    purge: true

- name: Store the values now, restart the extension server later in the play
  commerce.admin.sse_variables:
    variables: "{{ sse_variables }}"
    apply: none
"""

RETURN = r"""
added:
  description: Names that were (or, in check mode, would be) created.
  returned: always
  type: list
  elements: str
  sample: [PAYMENT_API_URL]
updated:
  description: Names whose value changed.
  returned: always
  type: list
  elements: str
removed:
  description: Undeclared names deleted because of O(purge).
  returned: always
  type: list
  elements: str
deduplicated:
  description: Declared names stored more than once, whose extra items were deleted.
  returned: always
  type: list
  elements: str
unchanged:
  description: Declared names that already held their value.
  returned: always
  type: list
  elements: str
unmanaged:
  description: Names the instance stores that O(variables) does not declare, left alone (empty with O(purge)).
  returned: always
  type: list
  elements: str
plan_lines:
  description: One line per write, names and reasons only.
  returned: always
  type: list
  elements: str
  sample: ["+ PAYMENT_API_URL (added)", "~ PAYMENT_API_KEY (value changed)"]
applied_by:
  description: How the change reached the running server, V(push) or V(restart); V(null) when nothing was sent for it.
  returned: always
  type: str
work_request_id:
  description: The restart's work request with O(apply=restart).
  returned: always
  type: str
restart_status:
  description: The restart's final status (V(SUCCEEDED)), or V(ACCEPTED) without O(wait).
  returned: always
  type: str
"""

from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule
from ansible_collections.commerce.admin.plugins.module_utils._variables.apply import APPLY_MODES, DEFAULT_APPLY
from ansible_collections.commerce.admin.plugins.module_utils._variables.sync import run


def main():
    CommerceModule({
        "variables": {"type": "dict", "required": True, "no_log": True},
        "purge": {"type": "bool", "default": False},
        "apply": {"type": "str", "default": DEFAULT_APPLY, "choices": list(APPLY_MODES)},
    }, groups=("wait", "environment")).run(run)


if __name__ == "__main__":
    main()
