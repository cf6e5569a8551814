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
  - "What is owed survives the run: before its first write the module records, in O(state_file) and in the
    C(commerce_admin_variables_state) fact, that the running server owes a push (or a restart), and clears the
    record only when the push or restart succeeded. When the push fails or the run is killed after the writes,
    the next run finds nothing to write and still pushes (or restarts), saying why in RV(apply_reason)."
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
    description:
      - Lists the variables and reports what would change, an owed push or restart included (RV(apply_reason));
        sends nothing that changes anything and records nothing.
  diff_mode:
    support: full
    description:
      - One line per write, V(+ NAME (added\)), V(~ NAME (value changed\)) or V(- NAME (removed ...\)), and a line
        V(> push (...\)) (or V(> restart (...\))) with RV(apply_reason) when an earlier run's push or restart is owed;
        never a value.
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
      - V(none) only stores the values; they take effect at the next restart. Nothing is recorded as owed, and a
        push owed by an earlier run stays owed (with a warning).
      - Nothing is pushed or restarted when nothing changed and nothing is owed (O(state_file), O(state_fact)).
      - A push owed to both environments is paid by a push or by a restart of each; a restart owed to one
        environment, by a push or a restart of that one. A restart is paid once it SUCCEEDED. With O(wait=false) its
        end is not followed, so it stays owed, and the next run asks how it ended (waiting while it still runs) before
        anything else; SUCCEEDED pays the debt, any other end leaves it owed and that run restarts again.
    type: str
    choices: [push, restart, none]
    default: push
  state_file:
    description:
      - The file, on the host that runs the module, that keeps a push or restart owed by a run whose writes
        landed but whose push or restart failed or never happened (names, never values).
      - Defaults to C(~/.ansible/commerce.admin/state/<host>_<port>.variables.json) for the instance of O(base_url),
        one file per instance, beside the state files of M(commerce.admin.sse_sync). It is locked while it is
        written and replaced atomically, and records of runs that save at once are merged, never dropped.
      - When it cannot be written the module warns and goes on; O(state_fact) still carries the record.
    type: path
  state_fact:
    description:
      - The C(commerce_admin_variables_state) fact of an earlier run, for controllers that are thrown away after
        each job (AWX, Automation Controller, CI runners), where the state file is lost but the fact cache is kept.
      - The module merges it with the state file (a push owed in either counts) and always returns the merged
        state as the C(commerce_admin_variables_state) fact, failed runs included.
      - A job that is killed returns no fact. To survive that too, run the task in check mode first and store its
        RV(state_fact_before_apply) with M(ansible.builtin.set_fact) C(cacheable=true) before the real run.
      - One fact holds the state of every instance the host manages, each under its own key.
    type: dict
notes:
  - Values reach the running server only after a push or a restart. When the writes succeed and the
    push or restart fails, the task fails reporting C(changed); the next run with O(apply=push) (or a
    restart that reaches the owed environment) pushes again even when it finds nothing to write. A
    M(commerce.admin.server_restart) also loads the values but does not clear the record, so the next run
    of this module pushes once more, which is harmless.
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

# On AWX (a fresh container per job, the fact cache kept): carry the owed push in a cached fact,
# recorded before anything is written, so a killed job is finished by the next one.
- name: Plan only, to learn what the fact must say before writing
  commerce.admin.sse_variables:
    variables: "{{ sse_variables }}"
    state_fact: "{{ commerce_admin_variables_state | default({}) }}"
  check_mode: true
  register: variables_plan

- name: Keep the owed push in the fact cache before the real run
  ansible.builtin.set_fact:
    commerce_admin_variables_state: "{{ variables_plan.state_fact_before_apply }}"
    cacheable: true
  when: variables_plan.state_fact_before_apply is defined

- name: Write and push; the result sets the fact again, failures included
  commerce.admin.sse_variables:
    variables: "{{ sse_variables }}"
    state_fact: "{{ commerce_admin_variables_state | default({}) }}"
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
restart_log:
  description:
    - With O(apply=restart), when the restart ended V(FAILED) or V(CANCELED), the last lines of the extension server's
      error log (UTC; the day before too when the wait began before midnight), redacted and bounded (at most 30 lines,
      4 KiB); the message repeats the last of them. Empty when the log could not be read (the message says why).
  returned: when the restart ended V(FAILED) or V(CANCELED)
  type: list
  elements: str
earlier_restart:
  description:
    - The restart an earlier run requested with O(wait=false), and how it ended, read before anything else; V(null)
      when there was none to check.
  returned: always
  type: dict
  contains:
    work_request_id:
      description: Its work request.
      type: str
    restart_status:
      description: How it ended (V(SUCCEEDED) pays what it was owed for), or V(null) when it did not end within O(wait_timeout).
      type: str
apply_reason:
  description:
    - Why this run pushes or restarts (or, in check mode, would), V(null) when it does not. V(the variables changed (...\))
      after writes; V(the running extension server may not see the values written since ... (...\)) when an earlier run's
      push or restart is owed and nothing else differs.
  returned: always
  type: str
  sample: "the running extension server may not see the values written since 2026-11-24T14:15:00+00:00 (the push failed: ...)"
owed:
  description:
    - The push or restart still owed after this run, V(null) when none is. Names only, never a value.
  returned: always
  type: dict
  contains:
    since:
      description: When the first write it covers was about to be made.
      type: str
    reason:
      description: Why it is owed (the failure of the push or restart, or a run that did not see it end).
      type: str
    names:
      description: The variables written.
      type: list
      elements: str
    environments:
      description: The environments whose running server may not see the values, V(live) and V(preview).
      type: list
      elements: str
    restart:
      description: A restart requested with O(wait=false) whose end the next run checks; absent otherwise.
      type: dict
      contains:
        work_request_id:
          description: Its work request.
          type: str
        environments:
          description: The environments it restarts.
          type: list
          elements: str
state_file:
  description: The state file used.
  returned: always
  type: str
state_fact_before_apply:
  description:
    - In check mode when the run would write, the C(commerce_admin_variables_state) fact as it must be before the real
      run writes (a push or restart recorded as owed), to store with M(ansible.builtin.set_fact) C(cacheable=true).
  returned: in check mode, when something would be written
  type: dict
ansible_facts:
  description: The state, carried for the next run.
  returned: always
  type: dict
  contains:
    commerce_admin_variables_state:
      description: One document per instance, keyed C(<host>_<port>), as in the state file.
      type: dict
"""

from ansible_collections.commerce.admin.plugins.module_utils._variables.sync import SPEC


def main():
    SPEC.main()


if __name__ == "__main__":
    main()
