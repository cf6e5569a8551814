#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: plan_info
short_description: Plan several of the collection's tasks at once, read-only, and say which would change
version_added: 0.4.0
description:
  - Runs the tasks given in O(tasks) the way their modules run in check mode, all in this one module
    run, and returns for each whether it would change something. Nothing is changed, in check mode or not.
  - Each plan is the module's own code in check mode with the options given, so it decides exactly as
    that module's task with C(check_mode=true) would, remembered state included (O(tasks[].args) passes
    C(state_file) and C(state_fact) as the task would).
  - Every task's options are checked against its module before the first request; a wrong option fails
    this task naming the task and the option. One login serves every plan and the plans are sent side by
    side, so planning a whole environment costs about one task's time where running each module's task
    in check mode costs one task each.
  - A plan that fails (for example site settings whose extension is not installed yet) is reported with
    its message and counts as differing, so that the module's own task runs and shows the failure in
    full, or succeeds once an earlier task has put what it needs in place.
  - The C(commerce.admin.environment) role plans every kind with it first and runs only the tasks whose
    plan differs, so an unchanged environment is one task.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
attributes:
  check_mode:
    support: full
    description: The module only reads; it runs the same in check mode.
  diff_mode:
    support: full
    description: Each plan's entry carries the diff its module would show.
options:
  tasks:
    description:
      - The tasks to plan, each with a name of its own.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description:
          - The task's name in the result (RV(plans), RV(differ)); unique among O(tasks).
        type: str
        required: true
      module:
        description:
          - The module the task runs, by its short name or its FQCN.
        type: str
        required: true
        choices:
          - extension
          - extension_state
          - publish
          - site_settings
          - sse_sync
          - sse_variables
          - storefront_version
          - commerce.admin.extension
          - commerce.admin.extension_state
          - commerce.admin.publish
          - commerce.admin.site_settings
          - commerce.admin.sse_sync
          - commerce.admin.sse_variables
          - commerce.admin.storefront_version
      args:
        description:
          - The module's options, as the task would give them, less the connection options (this module's
            own serve every plan).
          - A list of such mappings plans a loop of that task, one run per element; the task differs when
            one of them does.
          - A null value means the option is not given, as C(omit) does in a task.
          - Options the module marks secret (such as the values of M(commerce.admin.sse_variables)) stay
            secret here too; they never appear in the result.
          - O(protection) applies to each plan unless its args set their own; a plan its protection refuses
            is reported as a warning, as check mode does.
        type: raw
        default: {}
seealso:
  - module: commerce.admin.sse_sync
  - module: commerce.admin.extension
  - module: commerce.admin.sse_variables
  - module: commerce.admin.site_settings
  - module: commerce.admin.publish
"""

EXAMPLES = r"""
- name: Plan the SSEs, the SSE variables and the publish at once
  commerce.admin.plan_info:
    tasks:
      - name: sses
        module: commerce.admin.sse_sync
        args:
          src: sse/
          purge: true
      - name: variables
        module: commerce.admin.sse_variables
        args:
          variables: "{{ vault_sse_variables }}"
          apply: none
      - name: publish
        module: commerce.admin.publish
  register: plan

- name: Deploy the SSEs only when their plan differs
  commerce.admin.sse_sync:
    src: sse/
    purge: true
  when: "'sses' in plan.differ"

- name: Fail a drift check when anything differs
  ansible.builtin.assert:
    that: plan.in_sync
    fail_msg: "{{ plan.summary }}"
"""

RETURN = r"""
in_sync:
  description: Whether no task would change anything (and every plan could be made).
  returned: always
  type: bool
differ:
  description: The names of the tasks that would change something, or whose plan failed, sorted.
  returned: always
  type: list
  elements: str
summary:
  description: One line, V(in sync) and the tasks' names, or V(differ) and for each differing task why.
  returned: always
  type: str
  sample: "differ: sses (would change); settings (could not be planned: the extension that defines these settings is not installed)"
plans:
  description: Each task's plan, by its name.
  returned: always
  type: dict
  contains:
    module:
      description: The module's FQCN.
      type: str
    changed:
      description: Whether one of its runs would change something.
      type: bool
    failed:
      description: Whether one of its runs could not be planned.
      type: bool
    results:
      description: One entry per run (one, or one per element of a list of args).
      type: list
      elements: dict
      contains:
        label:
          description: The task's name, with the element's index for a loop (V(extensions[1])).
          type: str
        changed:
          description: Whether this run would change something.
          type: bool
        failed:
          description: Whether this run could not be planned.
          type: bool
        msg:
          description: Why the plan failed; null otherwise.
          type: str
        result:
          description: What the module returns in check mode for these options (its facts and diff left out).
          type: dict
        diff:
          description: The diff the module would show, with --diff only.
          type: dict
requests:
  description: How many requests the plans sent (login included); every one only reads.
  returned: always
  type: int
"""

from ansible_collections.commerce.admin.plugins.module_utils._plan.run import SPEC


def main():
    SPEC.main()


if __name__ == "__main__":
    main()
