#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: contract_info
short_description: Check, read-only, that an instance answers as the collection expects
version_added: 0.3.0
description:
  - Sends each call the collection relies on once and compares the answer with the API model the
    collection is written against (C(docs/api-model.md), shipped in the collection) - login, token
    refresh and verify, the paged SSE listing and one download, extensions and extension IDs,
    storefront versions, SSE preview and promote status, the SSE variables listing (never a value),
    publishing status and pending changes, a restart work request, the restart API's path, the
    extension server's error log tail (its shape, never its text), logout.
  - Read-only - GETs, and POSTs only to login, refresh, verify and logout. Nothing is uploaded,
    restarted, enabled or published.
  - Each call is one row with the result V(OK), V(MISMATCH) (the answer deviates from the model),
    V(INFO) (what no public source settles, reported as found and never judged) or V(SKIPPED).
  - The same check runs from a clone as C(make contract URL=...); this module runs it from an
    installed collection, so from AWX or an execution environment too (see the playbook
    C(commerce.admin.contract)).
  - Requests go through the module's own connection (TLS, O(ca_path), proxies from
    C(https_proxy)/C(no_proxy), O(retries)); redirects are shown as they come, not followed.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.action_group
  - commerce.admin.environment
  - commerce.admin.info
options:
  work_request_id:
    description:
      - Also read this restart work request's status (for example the C(work_request_id) that
        M(commerce.admin.server_restart) returned). Without it that row is V(SKIPPED).
    type: str
  site_id:
    description:
      - The site whose storefront versions are read. Default is the instance's default site.
    type: str
  page_size:
    description:
      - C(limit) of each page of the SSE and SSE variables listings. Small, so that paging is
        exercised; raise it on an instance with many SSEs.
    type: int
    default: 2
  fail_on_mismatch:
    description:
      - Fail the task when a row is V(MISMATCH), naming each such call. The result still carries
        every row.
      - V(false) returns the rows and lets the play decide (as the playbook C(commerce.admin.contract)
        does, to print the table first).
    type: bool
    default: true
notes:
  - A refused application key, or an instance that cannot be reached, fails the task with one line
    that says what to change; it is not a V(MISMATCH).
seealso:
  - module: commerce.admin.sse_info
"""

EXAMPLES = r"""
- name: Check the instance before trusting the collection with it
  commerce.admin.contract_info:
  register: contract

- name: The table, one block per call
  ansible.builtin.debug:
    msg: "{{ contract.report }}"

- name: Also read a restart's work request; report mismatches without failing
  commerce.admin.contract_info:
    work_request_id: "{{ restart.work_request_id }}"
    site_id: siteUS
    fail_on_mismatch: false
  register: contract
"""

RETURN = r"""
rows:
  description: One entry per call, in the order sent.
  returned: always
  type: list
  elements: dict
  contains:
    call:
      description: The call's name.
      type: str
      sample: list SSEs
    request:
      description: What was sent (method, path, query).
      type: str
      sample: GET /ccadmin/v1/serverExtensions?offset=0,2&limit=2
    expected:
      description: What the model expects.
      type: str
    got:
      description: What the instance answered (never a key, token or variable value).
      type: str
    result:
      description: V(OK), V(MISMATCH), V(INFO) or V(SKIPPED).
      type: str
      sample: OK
mismatches:
  description: The rows whose result is V(MISMATCH), empty when the instance answers as the model says.
  returned: always
  type: list
  elements: dict
summary:
  description: The counts and the verdict.
  returned: always
  type: str
  sample: "21 calls: 13 OK, 0 MISMATCH, 2 SKIPPED, 6 INFO. The instance answers as docs/api-model.md says."
report:
  description: The heading, the table (one block per call) and the summary as printable lines.
  returned: always
  type: list
  elements: str
"""

from ansible_collections.commerce.admin.plugins.module_utils._contract.info import run
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule


def main():
    CommerceModule({
        "work_request_id": {"type": "str"},
        "site_id": {"type": "str"},
        "page_size": {"type": "int", "default": 2},
        "fail_on_mismatch": {"type": "bool", "default": True},
    }, groups=("environment",)).run(run)


if __name__ == "__main__":
    main()
