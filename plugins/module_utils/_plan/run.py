# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan_info module's one entry point, `run(module)`: plan several modules' tasks in one process.

Every task's options are checked against its module's spec before the first request. One login
serves every plan; the plans run side by side (each is a few reads), each in check mode, with the
body of the module it stands for, so a plan decides exactly as that module's task in check mode
would. A plan that fails is reported with its message and counts as differing: the module's own
task then runs and shows the failure in full (or succeeds, once an earlier task put what it
needed in place).
"""

from __future__ import annotations

import traceback
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._module import ModuleSpec
from ansible_collections.commerce.admin.plugins.module_utils._plan.planned import PlanInputError, PlannedModule, validated
from ansible_collections.commerce.admin.plugins.module_utils._plan.registry import COLLECTION, SPECS, module_name

# Plans are reads waiting on the network: side by side they cost about one round trip; a whole environment
# (SSEs, variables, a few extensions and sites) fits in one round, and a handful of GETs at once is what
# the admin UI itself sends.
PARALLEL = 8
# What a plan's result keeps out of its entry: facts belong to the module's own task, the diff has its own key.
LEFT_OUT = ("ansible_facts", "diff", "changed")


class Task:
    """One task to plan: its name, its module and, for each of its runs (a loop), the label and validated options."""

    def __init__(self, name, module, runs):
        self.name, self.module, self.runs = name, module, runs


def prepared(module):
    """The Tasks of the `tasks` option, every option validated; PlanInputError naming the first that is wrong."""
    tasks, seen = [], set()
    for index, entry in enumerate(module.params["tasks"]):
        name = entry["name"]
        if name in seen:
            raise PlanInputError("tasks[%d]: the name %s is given twice: each task needs its own" % (index, name))
        seen.add(name)
        short = module_name(entry["module"])
        loop = entry["args"] if isinstance(entry["args"], list) else None
        runs = []
        for position, args in enumerate(loop if loop is not None else [entry["args"]]):
            label = "%s[%d]" % (name, position) if loop is not None else name
            if not isinstance(args, dict):
                raise PlanInputError("%s: args must be a mapping of %s's options, got %s" % (label, short, type(args).__name__))
            args = dict(args)
            args.setdefault("protection", module.params["protection"])
            params, secrets = validated(SPECS[short], args, "%s (%s)" % (label, short))
            module.ansible.no_log_values.update(secrets)
            runs.append((label, params))
        tasks.append(Task(name, short, runs))
    return tasks


def _plan_one(module, short, label, params):
    """What the module `short` would do with `params`, as one entry of a task's results."""
    planned = PlannedModule(module, params, label)
    entry = {"label": label, "failed": False, "msg": None}
    try:
        SPECS[short].body(planned)
    except CommerceError as exc:
        entry.update(failed=True, msg=str(exc))
    except Exception as exc:  # pylint: disable=broad-except
        # A bug of that module: reported here, shown in full by the module's own task.
        entry.update(failed=True, msg="unexpected %s: %s" % (type(exc).__name__, exc), exception=traceback.format_exc())
    result = planned.result
    entry["changed"] = bool(result.get("changed"))
    entry["result"] = dict((key, value) for key, value in result.items() if key not in LEFT_OUT)
    if module.diff_mode and "diff" in result:
        entry["diff"] = result["diff"]
    return entry


def _summary(plans, differ):
    if not differ:
        return "in sync: %s" % ", ".join(sorted(plans)) if plans else "nothing to plan"
    parts = []
    for name in differ:
        failed = [entry for entry in plans[name]["results"] if entry["failed"]]
        parts.append("%s (%s)" % (name, "could not be planned: %s" % failed[0]["msg"] if failed else "would change"))
    return "differ: %s" % "; ".join(parts)


def run(module):
    try:
        tasks = prepared(module)
    except PlanInputError as exc:
        raise CommerceError(str(exc)) from None
    jobs = [(task, label, params) for task in tasks for label, params in task.runs]
    if jobs:
        # One login for every plan, and a login failure fails the task, not each plan.
        module.client.ensure_token()
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        entries = list(pool.map(lambda job: _plan_one(module, job[0].module, job[1], job[2]), jobs))
    results = dict((task.name, []) for task in tasks)
    for (task, dummy_label, dummy_params), entry in zip(jobs, entries):
        results[task.name].append(entry)
    plans = dict((task.name, {"module": COLLECTION + task.module, "results": results[task.name],
                              "changed": any(entry["changed"] for entry in results[task.name]),
                              "failed": any(entry["failed"] for entry in results[task.name])}) for task in tasks)
    differ = sorted(name for name, plan in plans.items() if plan["changed"] or plan["failed"])
    module.result.update(changed=False, plans=plans, differ=differ, in_sync=not differ, summary=_summary(plans, differ),
                         requests=module.client.request_count if jobs else 0)


SPEC = ModuleSpec({
    "tasks": {"type": "list", "elements": "dict", "required": True, "options": {
        "name": {"type": "str", "required": True},
        "module": {"type": "str", "required": True, "choices": sorted(SPECS) + sorted(COLLECTION + name for name in SPECS)},
        "args": {"type": "raw", "default": {}},
    }},
}, run)
