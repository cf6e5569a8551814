# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one entry point of `sse_sync`: declare, read state, list, plan, compare, then the one write.

An earlier run's unfinished work comes first: a restart it had accepted is asked how it ended, and
a rollback it began is finished (through the write path) before this run plans anything.
"""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._module import ModuleSpec
from ansible_collections.commerce.admin.plugins.module_utils._sse.backup import backup_directory
from ansible_collections.commerce.admin.plugins.module_utils._sse.carried import FACT, before_apply
from ansible_collections.commerce.admin.plugins.module_utils._sse.compare import compare_remote, declared_zips
from ansible_collections.commerce.admin.plugins.module_utils._sse.plan import as_dict, build_plan, diff_of, render_lines
from ansible_collections.commerce.admin.plugins.module_utils._sse.report import summary_line
from ansible_collections.commerce.admin.plugins.module_utils._sse.state import SyncState, default_state_path
from ansible_collections.commerce.admin.plugins.module_utils._state_files import carried_document, instance_key, with_document
from ansible_collections.commerce.admin.plugins.module_utils._sse.transaction import SyncTransaction, TransactionOptions


def restart_reason(restart, changes, pending):
    """Why this run restarts (`restart` is auto, always or never), or None."""
    if restart == "never":
        return None
    if changes:
        return "%d SSE(s) changed" % len(changes)
    if pending:
        return "a restart is owed since %s (%s)" % (pending["since"], pending["reason"])
    if restart == "always":
        return "restart is always"
    return None


def _predicted(plan):
    """The result fields check mode reports: what the run would change."""
    by_action = {action: [step.name for step in plan.changes if step.action == action] for action in ("add", "replace", "purge")}
    return {"added": by_action["add"], "replaced": by_action["replace"], "purged": by_action["purge"]}


def run(module, restart):
    """Sync the declared SSEs of `module`'s options; `restart` is the normalised restart option.

    The state goes back into the `commerce_admin_sync_state` fact whatever happens, failures included.
    """
    params = module.params
    module.require_positive("wait_timeout", "poll_interval", "downloads")
    local = declared_zips(params["src"], params["files"], params["max_size"])
    client = module.client
    fact, key = params["state_fact"], instance_key(client.base_url)
    state = SyncState.load(params["state_file"] or default_state_path(client.base_url), carried_document(fact, key))
    for warning in state.warnings:
        module.warn(warning)
    try:
        _sync(module, restart, local, state, fact, key)
    finally:
        module.result["ansible_facts"] = {FACT: with_document(fact, key, state.document())}


def _sync(module, restart, local, state, fact, key):
    params = module.params
    env = params["environment_type"]
    client = module.client
    transaction = SyncTransaction(client, state, env, TransactionOptions.from_params(params),
                                  backup_directory(params["backup_dir"], client.base_url), module.warn)

    transaction.follow_earlier_restart()
    unfinished = transaction.unfinished_undo()
    if unfinished:
        outcome = module.change(unfinished, transaction.finish_undo)
        if outcome.check_mode:
            module.warn("check mode: an earlier run's rollback is unfinished; the plan below is against the SSEs as stored now, "
                        "and a real run first has to %s" % unfinished)

    remote = transaction.list()
    plan = build_plan(local, remote, lambda name: state.remembered(env, name), params["compare"], params["purge"], params["force"])
    # In diff mode, the text inside each replaced zip (downloaded when remembered checksums decided without it).
    texts = {} if module.diff_mode else None
    downloaded = compare_remote(client, plan, env, params["downloads"], state, texts)
    changes = plan.changes
    reason = restart_reason(restart, changes, state.pending_restart(env))
    module.result.update(plan=as_dict(plan), plan_lines=render_lines(plan), unchanged=[step.name for step in plan.steps if step.action == "keep"],
                         downloaded=downloaded, restart_reason=reason, state_file=state.path,
                         diff=diff_of(plan, "%s (%s)" % (client.base_url, env or "live"), reason, texts))
    module.result.update(transaction.result())
    # What the listing and the downloads showed is worth keeping in check mode too: it describes the server, it changes nothing there.
    transaction.save_state()
    if not changes and not reason:
        module.result["summary"] = summary_line(module.result, env)
        return
    description = "sync the SSEs of %s (%s)" % (env or "live", "; ".join(line for line in render_lines(plan) if not line.startswith("=")) or reason)
    outcome = module.change(description, transaction.run, changes, reason, deletes=any(step.action == "purge" for step in changes))
    if outcome.check_mode:
        module.result.update(_predicted(plan))
        # What the fact must say before a real run begins, so that a job killed halfway leaves the restart owed.
        owed = before_apply(state.document(), env or "live", [step.name for step in changes])
        module.result["state_fact_before_apply"] = with_document(fact, key, owed)
        module.result["summary"] = summary_line(module.result, env, check_mode=True)
        return
    module.result.update(transaction.result())
    if transaction.backups:
        module.result["backup_files"] = dict(transaction.backups)
    module.result["summary"] = summary_line(module.result, env)


SPEC = ModuleSpec({
    "src": {"type": "path"},
    "files": {"type": "list", "elements": "path"},
    "purge": {"type": "bool", "default": False},
    "compare": {"type": "str", "default": "content", "choices": ["content", "bytes"]},
    "force": {"type": "bool", "default": False},
    "rollback": {"type": "bool", "default": False},
    "state_file": {"type": "path"},
    "state_fact": {"type": "dict"},
    "downloads": {"type": "int", "default": 4},
    "max_size": {"type": "int", "default": 25 * 1024 * 1024},
}, lambda module: run(module, module.restart_mode()), groups=("wait", "restart", "environment", "backup"),
    required_one_of=[("src", "files")])
