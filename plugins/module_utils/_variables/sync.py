# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The sse_variables module's one entry point, `run(module)`: check the declared set, read what is owed, list, plan, write, push.

An unchanged run with nothing owed is one login and one (paged) listing. A push or restart an
earlier run owes (its writes landed, the push failed or the run was killed) is made even when
nothing differs, and `apply_reason` says why. Values are secrets: they are added to the client's
redaction list before the first request, and no result field, diff, message or state holds one.
"""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import WaitError
from ansible_collections.commerce.admin.plugins.module_utils._state_files import carried_document, instance_key, with_document
from ansible_collections.commerce.admin.plugins.module_utils._module import ModuleSpec
from ansible_collections.commerce.admin.plugins.module_utils._variables.apply import APPLY_MODES, DEFAULT_APPLY, apply
from ansible_collections.commerce.admin.plugins.module_utils._variables.facts import by_name, declared
from ansible_collections.commerce.admin.plugins.module_utils._variables.plan import build_plan
from ansible_collections.commerce.admin.plugins.module_utils._variables.state import (
    FACT, VariablesState, default_variables_state_path, reached_by)
from ansible_collections.commerce.admin.plugins.module_utils._waiting import wait_for_work_request


def owed_reason(owed):
    return "the running extension server may not see the values written since %s (%s)" % (owed["since"], owed["reason"])


def apply_reason(plan, mode, owed):
    """Why this run pushes or restarts (`owed` is the record this mode would pay, or None), or None."""
    if mode == "none":
        return None
    if plan.changes:
        return "the variables changed (%s)" % plan.summary()
    return owed_reason(owed) if owed else None


def _report(module, plan, desired, remote, reason, owed):
    unmanaged = [] if module.params["purge"] else sorted(set(remote) - set(desired))
    paying = "> %s (%s)" % (module.params["apply"], owed_reason(owed)) if owed and reason else None
    module.result.update(added=plan.added, updated=plan.updated, removed=plan.removed, deduplicated=plan.deduplicated,
                         unchanged=list(plan.unchanged), unmanaged=unmanaged, plan_lines=plan.lines(), applied_by=None,
                         work_request_id=None, restart_status=None, apply_reason=reason, diff=plan.diff(paying))


def _unpaid_warning(state, mode, environments):
    """What is owed and this run's `apply` leaves owed, or None."""
    owed = state.owed()
    if owed is None or set(environments) & set(owed["environments"]):
        return None
    reach = "apply=none sends nothing" if mode == "none" else "apply=restart reaches only %s" % environments[0]
    return "%s, still owed to %s: %s" % (owed_reason(owed), ", ".join(owed["environments"]), reach)


def run(module):
    """The state goes back into the `commerce_admin_variables_state` fact whatever happens, failures included."""
    params = module.params
    module.require_positive("wait_timeout", "poll_interval")
    desired = declared(params["variables"])
    client = module.client
    fact, key = params["state_fact"], instance_key(client.base_url)
    path = params["state_file"] or default_variables_state_path(client.base_url)
    state = VariablesState.load(path, carried_document(fact, key), warn=module.warn)
    for warning in state.warnings:
        module.warn(warning)
    try:
        _sync(module, client, desired, state, fact, key)
    finally:
        module.result.update(state_file=state.path, owed=state.owed(), ansible_facts={FACT: with_document(fact, key, state.document())})


def follow_earlier_restart(module, client, state):
    """A restart an earlier run requested without waiting: how it ended (waited for while it runs), or None.

    SUCCEEDED pays what it was owed for; anything else leaves it owed, and this run restarts again.
    In check mode the state file is not written: only this run's plan knows the outcome.
    """
    restart = state.restart_to_check()
    if restart is None:
        return None
    params = module.params
    try:
        status = wait_for_work_request(client, restart["work_request_id"], params["wait_timeout"], params["poll_interval"])["restart_status"]
    except WaitError as exc:
        status = exc.result.get("restart_status")
    state.restart_ended(status, save=not module.check_mode)
    return {"work_request_id": restart["work_request_id"], "restart_status": status}


def _sync(module, client, desired, state, fact, key):
    params = module.params
    mode = params["apply"]
    environments = reached_by(mode, params["environment_type"])
    module.result["earlier_restart"] = follow_earlier_restart(module, client, state)
    client.add_secrets(desired.values())
    remote = by_name(api.list_variables(client))
    client.add_secrets(facts["value"] for stored in remote.values() for facts in stored)  # the old values are secrets too
    plan = build_plan(desired, remote, params["purge"])
    owed = state.owed_to(environments)
    reason = apply_reason(plan, mode, owed)
    _report(module, plan, desired, remote, reason, owed)
    unpaid = _unpaid_warning(state, mode, environments)
    if unpaid:
        module.warn(unpaid)
    if not plan.changes and not reason:
        return
    description = ("set the SSE variables (%s)" % plan.summary() if plan.changes
                   else "make the running extension server see the stored SSE variables by a %s (%s)" % (mode, reason))
    outcome = module.change(description, apply, client, plan, desired, mode, params, state, deletes=plan.deletes)
    if outcome.check_mode:
        if plan.changes and environments:
            # What the fact must say before a real run writes, so that a job killed halfway leaves the push owed.
            owing = state.record(plan.summary(), [step.name for step in plan.steps], mode, environments)
            module.result["state_fact_before_apply"] = with_document(fact, key, state.document(owing))
        return
    module.result.update(outcome.value)
    if outcome.value.get("restart_status") == "ACCEPTED":
        module.warn("the restart (work request %s) was not waited for: the values stay owed until the next run sees it SUCCEEDED"
                    % outcome.value["work_request_id"])


SPEC = ModuleSpec({
    "variables": {"type": "dict", "required": True, "no_log": True},
    "purge": {"type": "bool", "default": False},
    "apply": {"type": "str", "default": DEFAULT_APPLY, "choices": list(APPLY_MODES)},
    "state_file": {"type": "path"},
    "state_fact": {"type": "dict"},
}, run, groups=("wait", "environment"))
