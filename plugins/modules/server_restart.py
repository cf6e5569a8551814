#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: server_restart
short_description: Restart the extension server and follow its work request to the end
version_added: 0.1.0
description:
  - Restarts the extension server with C(POST /ccadminx/custom/v1/servers/restart?trackProgress=true)
    (a JSON body, as the server requires) and polls the work request until it reports
    V(SUCCEEDED) (case and trailing punctuation ignored).
  - Fails when the work request ends V(FAILED) or V(CANCELED), and when it has not ended within
    O(wait_timeout), naming the work request, which may still be running.
  - A restart that ends V(FAILED) or V(CANCELED) fails with the end of the extension server's error
    log of the day (redacted, bounded) in its message and in RV(restart_log), so the task says why
    the server did not start. A log that cannot be read is said so; the failure stays the same.
  - Like C(service state=restarted), a restart always reports C(changed). With
    O(work_request_id) the module restarts nothing and only waits for that work request.
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
    description: Restarts nothing and reports C(changed); with O(work_request_id) it reads the status as usual.
  diff_mode:
    support: none
    description: A restart has no state to compare.
options:
  work_request_id:
    description:
      - Wait for this existing work request instead of starting a restart.
    type: str
seealso:
  - module: commerce.admin.restart_status_info
  - module: commerce.admin.sse_logs_info
"""

EXAMPLES = r"""
- name: Restart the extension server and wait up to 10 minutes
  commerce.admin.server_restart:

- name: Restart, do other things, then wait
  commerce.admin.server_restart:
    wait: false
  register: restart

- name: Wait for that restart
  commerce.admin.server_restart:
    work_request_id: "{{ restart.work_request_id }}"
    wait_timeout: 900
"""

RETURN = r"""
work_request_id:
  description: The restart's work request; V(null) in check mode.
  returned: always
  type: str
  sample: mblNhrQ2D2
restart_status:
  description: Final normalised status (V(SUCCEEDED)), V(ACCEPTED) when not waited for, V(null) in check mode.
  returned: always
  type: str
  sample: SUCCEEDED
completion_percentage:
  description: Progress in percent at the last poll.
  returned: always
  type: int
  sample: 100
elapsed:
  description: Seconds spent waiting.
  returned: always
  type: float
  sample: 41.2
restart_log:
  description:
    - The last lines of the extension server's error log of the day (UTC; the day before too when the wait began
      before midnight), redacted (keys, tokens, C(apiKey=...), C(password=...) masked) and bounded (at most 30
      lines, 4 KiB); empty when the log could not be read (the message says why).
  returned: when the restart ended V(FAILED) or V(CANCELED)
  type: list
  elements: str
  sample: ["2026-11-24T10:47:44.864Z - error: Worker 1 - orders.zip: index.js threw at startup"]
"""

from ansible_collections.commerce.admin.plugins.module_utils._logs.failed_restart import restart_log_on_failure
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule
from ansible_collections.commerce.admin.plugins.module_utils._waiting import start_restart, wait_for_work_request


def run(module):
    params = module.params
    module.require_positive("wait_timeout", "poll_interval")
    work_request_id = params["work_request_id"]
    module.result.update(work_request_id=work_request_id, restart_status=None, completion_percentage=None, elapsed=0.0)
    if work_request_id is None:
        outcome = module.change("restart the extension server", start_restart, module.client, params["environment_type"], changed=True)
        if outcome.check_mode:
            return
        work_request_id = outcome.value
        module.result.update(work_request_id=work_request_id, restart_status="ACCEPTED")
    if params["wait"]:
        with restart_log_on_failure(module.client, params["environment_type"]):
            module.result.update(wait_for_work_request(module.client, work_request_id, params["wait_timeout"], params["poll_interval"]))


def main():
    CommerceModule({"work_request_id": {"type": "str"}}, groups=("wait", "environment")).run(run)


if __name__ == "__main__":
    main()
