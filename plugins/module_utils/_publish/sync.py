# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The publish module's one entry point, `run(module)`: follow a running publish, list what is pending,
publish it only when something is, and follow the publish to its end.

Nothing pending is two GETs and no POST, so the task reports `changed` only when it published something.
"""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._module import ModuleSpec, Unchanged
from ansible_collections.commerce.admin.plugins.module_utils._publish import facts
from ansible_collections.commerce.admin.plugins.module_utils._publish.follow import wait_for_publish
from ansible_collections.commerce.admin.plugins.module_utils._publish.plan import Plan


def start(client, before_id, params):
    """POST the publish and, with `wait`, follow it; the status fields of the result."""
    answer = api.publish(client)
    answer = answer if isinstance(answer, dict) else {}
    if answer.get("publishRunning") is not True:
        # someone published between the listing and the POST: nothing is left to publish
        return Unchanged({"status_message": answer.get("statusMessage")}, reason=answer.get("statusMessage"))
    if not params["wait"]:
        return {"publish_running": True, "status_message": answer.get("statusMessage")}
    return wait_for_publish(client, before_id, params["wait_timeout"], params["poll_interval"])


def _settled_status(module, params):
    """The last publish's status, once a publish already running (someone else's) has ended."""
    status = facts.status(module.client)
    if status["publish_running"]:
        module.warn("publish %s was running: followed it to its end before reading what is pending" % (status["publish_id"] or "(no id)"))
        status = wait_for_publish(module.client, None, params["wait_timeout"], params["poll_interval"], judge=False)
        status.pop("elapsed", None)
    return status


def run(module):
    params = module.params
    module.require_positive("wait_timeout", "poll_interval")
    before = _settled_status(module, params)
    plan = Plan(facts.pending(module.client))
    module.result.update(changes=plan.changes, change_count=plan.count, plan_lines=plan.lines(), publish_id=None,
                         publish_running=False, previous_publish_id=before["publish_id"], diff=plan.diff())
    if not plan.count:
        return
    outcome = module.change(plan.description(), start, module.client, before["publish_id"], params)
    if outcome.check_mode:
        return
    module.result.update(outcome.value)
    if not outcome.changed:
        module.result.update(changes=[], change_count=0)


SPEC = ModuleSpec({}, run, groups=("wait",))
