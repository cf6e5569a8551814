# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The sse_variables module's one entry point, `run(module)`: check the declared set, list, plan, write, push.

An unchanged run is one login and one (paged) listing. Values are secrets: they are added to the
client's redaction list before the first request, and no result field, diff or message holds one.
"""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._variables.apply import apply
from ansible_collections.commerce.admin.plugins.module_utils._variables.facts import by_name, declared
from ansible_collections.commerce.admin.plugins.module_utils._variables.plan import build_plan


def _report(module, plan, desired, remote):
    unmanaged = [] if module.params["purge"] else sorted(set(remote) - set(desired))
    module.result.update(added=plan.added, updated=plan.updated, removed=plan.removed, deduplicated=plan.deduplicated,
                         unchanged=list(plan.unchanged), unmanaged=unmanaged, plan_lines=plan.lines(), applied_by=None,
                         work_request_id=None, restart_status=None, diff=plan.diff())


def run(module):
    params = module.params
    module.require_positive("wait_timeout", "poll_interval")
    desired = declared(params["variables"])
    client = module.client
    client.add_secrets(desired.values())
    remote = by_name(api.list_variables(client))
    client.add_secrets(facts["value"] for stored in remote.values() for facts in stored)  # the old values are secrets too
    plan = build_plan(desired, remote, params["purge"])
    _report(module, plan, desired, remote)
    if not plan.changes:
        return
    mode = params["apply"]
    description = "set the SSE variables (%s)" % plan.summary()
    outcome = module.change(description, apply, client, plan, desired, mode, params, deletes=plan.deletes)
    if not outcome.check_mode:
        module.result.update(outcome.value)
