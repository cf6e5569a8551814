#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: restart_status_info
short_description: Read the status of an extension server restart work request
version_added: 0.1.0
description:
  - Reads one work request with C(GET /ccadminx/custom/v1/servers/restartWorkRequestStatus).
  - The status is normalised (upper case, without trailing punctuation), so C(SUCCEEDED.) and
    C(SUCCEEDED) both read V(SUCCEEDED).
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.action_group
  - commerce.admin.info
options:
  work_request_id:
    description: The work request, as returned by M(commerce.admin.server_restart) or M(commerce.admin.sse_upload).
    type: str
    required: true
seealso:
  - module: commerce.admin.server_restart
"""

EXAMPLES = r"""
- name: Start a restart without waiting
  commerce.admin.server_restart:
    wait: false
  register: restart

- name: Check on it later
  commerce.admin.restart_status_info:
    work_request_id: "{{ restart.work_request_id }}"
  register: restart_status
"""

RETURN = r"""
work_request_id:
  description: The work request.
  returned: always
  type: str
  sample: mblNhrQ2D2
restart_status:
  description: Normalised status, for example V(ACCEPTED), V(IN_PROGRESS), V(SUCCEEDED), V(FAILED).
  returned: always
  type: str
  sample: SUCCEEDED
completion_percentage:
  description: Progress in percent.
  returned: always
  type: int
  sample: 100
message:
  description: The status exactly as the server wrote it.
  returned: always
  type: str
  sample: SUCCEEDED.
"""

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule
from ansible_collections.commerce.admin.plugins.module_utils._waiting import normalize_status


def run(module):
    work_request_id = module.params["work_request_id"]
    if not work_request_id.strip():
        module.fail_json("work_request_id is empty")
    answer = api.restart_status(module.client, work_request_id)
    module.result.update(work_request_id=answer.get("workRequestId") or work_request_id, restart_status=normalize_status(answer.get("message")),
                         completion_percentage=answer.get("completionPercentage"), message=answer.get("message"))


def main():
    CommerceModule({"work_request_id": {"type": "str", "required": True}}).run(run)


if __name__ == "__main__":
    main()
