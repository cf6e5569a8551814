# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The writes of a variables plan, then how the change reaches the running extension server.

`apply` is the action `change()` runs. Each write is one request; a failure part-way says which
names were written and which were not (names only), and counts as a change when any write was made.
What the writes owe the running server is recorded before the first of them and cleared only when
the push or restart succeeded (state.py), so the next run pays a debt this one could not.
"""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._logs.failed_restart import restart_log_on_failure
from ansible_collections.commerce.admin.plugins.module_utils._variables.plan import ADD, UPDATE
from ansible_collections.commerce.admin.plugins.module_utils._variables.state import reached_by
from ansible_collections.commerce.admin.plugins.module_utils._waiting import DONE_STATES, follow_restart, start_restart

APPLY_MODES = ("push", "restart", "none")
# The record: a push makes the running server pull its configuration (seen); a restart loads it too.
DEFAULT_APPLY = "push"
NOT_SEEN = ("the variables are stored but the running extension server may still see the old values: "
            "the next run of this module pushes (or restarts) again, even with nothing to write; "
            "or run commerce.admin.server_restart (a restart loads them)")


def write(client, plan, desired):
    """Send every step in order; the names written."""
    done = []
    for step in plan.steps:
        try:
            if step.action == ADD:
                api.create_variable(client, step.name, desired[step.name])
            elif step.action == UPDATE:
                api.update_variable(client, step.variable_id, step.name, desired[step.name])
            else:
                api.delete_variable(client, step.variable_id)
        except CommerceError as exc:
            left = [other.line() for other in plan.steps[len(done):]]
            written = ", ".join(line for line in done) or "nothing"
            raise CommerceError("%s failed: %s; written before it: %s; not written: %s" % (step.line(), exc, written, "; ".join(left)),
                                facts={"written": done, "not_written": left}, changed=bool(done)) from None
        done.append(step.line())
    return done


def reach_server(client, mode, params):
    """Push or restart (and follow it) so the running server sees the new values; the result fields."""
    if mode == "push":
        api.push_configuration(client)
        return {"applied_by": "push", "work_request_id": None, "restart_status": None}
    if mode == "restart":
        work_request_id = start_restart(client, params["environment_type"])
        # A restart that ends FAILED says why, in the server's own words (the end of its error log).
        with restart_log_on_failure(client, params["environment_type"]):
            return dict(follow_restart(client, work_request_id, params), applied_by="restart")
    return {"applied_by": None, "work_request_id": None, "restart_status": None}


def apply(client, plan, desired, mode, params, state):
    """The writes, then the push or restart; a failure of the latter still reports the change it follows.

    `state` (a VariablesState) learns what is owed before the first write, and that it was paid.
    """
    environments = reached_by(mode, params["environment_type"])
    if plan.steps and environments:
        # Kept even when every write fails: an unanswered write may have landed, and the listing would not tell.
        state.owe(state.record(plan.summary(), [step.name for step in plan.steps], mode, environments))
    written = write(client, plan, desired)
    try:
        fields = reach_server(client, mode, params)
    except CommerceError as exc:
        state.failed(mode, exc)
        facts = dict(exc.facts, written=written, applied_by=None)
        raise CommerceError("%s: %s; %s" % ("the push" if mode == "push" else "the restart", exc, NOT_SEEN),
                            facts=facts, changed=bool(written)) from None
    if mode == "restart" and fields.get("restart_status") not in DONE_STATES:
        # wait is false: accepted is not loaded; the next run asks how it ended before calling the debt paid.
        state.accepted(fields["work_request_id"], environments)
    else:
        state.reached(environments)
    return dict(fields, written=written)
