#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: sse_sync
short_description: Bring a whole set of server-side extensions (SSEs) to a declared state in one task
version_added: 0.2.0
description:
  - Compares a declared set of SSE zips (O(src), a directory of C(*.zip), and/or O(files)) with the
    SSEs on the extension server, uploads what is missing or differs with
    C(restartExtensionServer=false), deletes remote SSEs that are not declared when O(purge) is on,
    and then restarts the extension server once, only when something changed or a restart is
    still owed from an earlier run. One login and one paged listing serve the whole set.
  - "Content comparison (O(compare=content), the default): two zips are the same when they hold the
    same set of file entry names and each name has the same uncompressed bytes in both. Entry names
    are compared exactly as stored (case, separators and a leading C(./) count). Directory entries
    carry no bytes and are ignored. Timestamps, entry order, compression method and level, the zip
    comment and entry comments, extra fields, file permissions and the size of the zip do not count,
    so a zip rebuilt from unchanged sources uploads nothing. A zip that cannot be read completely
    or holds a name twice is an error."
  - O(compare=bytes) compares the zip files byte for byte (SHA-256) instead.
  - "Remembered checksums: the listing's C(checksum) is opaque, but stable for the same stored content.
    After an upload or a download-and-compare the module remembers, per instance, environment and
    name, the listed size and checksum together with the content's digests, in a small state file
    on the controller (O(state_file)). A later run whose listing shows the same size and checksum
    decides from what it remembers and downloads nothing. Without a trusted entry (a new, lost,
    stale or corrupt state file) the module downloads the remote zip and compares; a state file
    can only cost downloads, never a wrong decision."
  - Downloads needed for comparison run at most O(downloads) at a time, streamed to temporary files
    that are removed after hashing. What they showed is remembered in check mode too, so a drift
    report warms the state file for the next deploy.
  - "Transactions: SSEs take effect only when a restart succeeds. Before anything is stored or deleted,
    the module records in the state file that a restart is owed; only a restart that ends SUCCEEDED
    clears it, so a run that fails or is killed halfway is finished by the next run, which restarts
    even when nothing else changed and says why. Once anything was stored, a later failure still
    restarts (with O(rollback), undoes instead) before the task fails, unless the server cannot be
    reached; then the message says that a restart is pending and how to finish it."
  - "Rollback (O(rollback)): when the run's restart ends FAILED or CANCELED, the module puts back what
    the run replaced (from backups it takes before each change), deletes what it added, re-uploads
    what it purged, restarts again and waits. The task fails naming the failed restart, what was
    restored and how the second restart ended; if that also fails it says so loudly and keeps the
    backups. A restart that only times out is not rolled back, because it may still succeed; the
    restart stays pending."
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
  - commerce.admin.wait
  - commerce.admin.environment
  - commerce.admin.backup
attributes:
  check_mode:
    support: full
    description: Lists, downloads what it must compare, and reports the plan; uploads, deletes and restarts nothing.
  diff_mode:
    support: full
    description: One line per SSE, the remote set before and the declared set after, each line with its reason.
options:
  src:
    description:
      - A directory whose C(*.zip) files (not recursive) are the declared SSEs, named by their file names.
      - A directory that does not exist or holds no zip is an error, so a mistyped path never declares nothing.
      - A relative path resolves against the directory ansible-playbook runs in; use C({{ playbook_dir }}/...) to anchor it.
    type: path
  files:
    description:
      - Paths of SSE zips to declare as well (or instead of O(src)). Two declared files may not share a file name.
    type: list
    elements: path
  purge:
    description:
      - Delete remote SSEs that are not declared (in one C(deleteFiles) call). Off by default, because a
        wrong O(src) would otherwise delete every SSE.
      - O(protection=no_delete) refuses a sync that would purge.
    type: bool
    default: false
  compare:
    description:
      - How a declared zip and a remote zip are compared; see the description for what counts.
    type: str
    choices: [content, bytes]
    default: content
  force:
    description: Upload every declared zip, whatever the comparison says.
    type: bool
    default: false
  restart:
    description:
      - V(auto) restarts once when something changed or a restart is owed from an earlier run.
      - V(always) restarts even when nothing changed; V(never) changes files without restarting and leaves the restart owed.
    type: str
    choices: [auto, always, never]
    default: auto
  rollback:
    description:
      - Undo the run's changes and restart again when its restart ends FAILED or CANCELED, and instead of
        restarting after a failure halfway. Backups of what is replaced or purged are taken before each
        change (into O(backup_dir)); they are removed after a successful run unless O(backup) is on.
      - Off by default in the module, on by default in the C(commerce.admin.sse_deploy) role.
    type: bool
    default: false
  state_file:
    description:
      - The state file with remembered checksums and owed restarts, on the host that runs the module.
      - Defaults to C(~/.ansible/commerce.admin/state/<host>_<port>.json) for the instance of O(base_url),
        one file per instance, so parallel forks for different instances never share one.
      - Keep it between runs (in CI, a cache or a persistent volume) to avoid downloads; losing it only costs downloads,
        except that a restart owed by a failed run is forgotten with it.
    type: path
  downloads:
    description: How many remote zips to download at once for comparison. Must be greater than 0.
    type: int
    default: 4
  max_size:
    description: Largest local zip, in bytes. The API documents a limit of 25 MB; the default is 25 MiB.
    type: int
    default: 26214400
notes:
  - Uploads are sent with C(force=true) and C(restartExtensionServer=false); the one restart comes at the end.
seealso:
  - module: commerce.admin.sse_upload
  - module: commerce.admin.sse_delete
  - module: commerce.admin.server_restart
"""

EXAMPLES = r"""
- name: Deploy every zip of a directory, remove what is not there, restart once, roll back if it does not start
  commerce.admin.sse_sync:
    src: "{{ playbook_dir }}/files/sse"
    purge: true
    rollback: true

- name: What would change (a reviewer-readable plan)
  commerce.admin.sse_sync:
    src: "{{ playbook_dir }}/files/sse"
  check_mode: true
  diff: true
  register: drift

- name: Show it
  ansible.builtin.debug:
    var: drift.plan_lines
"""

RETURN = r"""
plan:
  description: One entry per SSE considered, sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    action:
      description: V(add), V(replace), V(keep) or V(purge).
      type: str
    name:
      description: The SSE's file name.
      type: str
    reason:
      description: Why, for example V(absent remotely), V(index.js changed), V(unchanged), V(not declared (purge)).
      type: str
  sample: [{action: add, name: new.zip, reason: absent remotely}]
plan_lines:
  description: The plan as lines for a merge request, C(+) add, C(~) replace, C(=) keep, C(-) purge.
  returned: always
  type: list
  elements: str
  sample: ["+ new.zip (absent remotely)", "~ orders.zip (index.js changed)", "- old.zip (not declared (purge))"]
added:
  description: Names uploaded that were absent (that would be, in check mode).
  returned: always
  type: list
  elements: str
replaced:
  description: Names uploaded over a different remote zip (that would be, in check mode).
  returned: always
  type: list
  elements: str
purged:
  description: Names deleted because they are not declared (that would be, in check mode).
  returned: always
  type: list
  elements: str
unchanged:
  description: Declared names whose remote zip already has the same content.
  returned: always
  type: list
  elements: str
downloaded:
  description: Names whose remote zip had to be downloaded for comparison.
  returned: always
  type: list
  elements: str
restart_reason:
  description: Why the extension server is (or would be) restarted; V(null) when it is not.
  returned: always
  type: str
  sample: a restart is owed since 2026-11-24T14:15:00+00:00 (SSEs were stored without a restart that SUCCEEDED since)
work_request_id:
  description: The work request of the last restart made; V(null) when none.
  returned: always
  type: str
restart_status:
  description: How that restart ended (V(SUCCEEDED)), V(ACCEPTED) when not waited for, V(null) when none.
  returned: always
  type: str
pending_restart:
  description: The restart still owed after the run (since, reason, names), or V(null).
  returned: always
  type: dict
rolled_back:
  description: Whether the run's changes were undone.
  returned: always
  type: bool
restored:
  description: What a rollback put back.
  returned: always
  type: list
  elements: str
backup_files:
  description: Backups kept, by name (with O(backup), or after a failed rollback).
  returned: when backups were kept
  type: dict
state_file:
  description: The state file used.
  returned: always
  type: str
"""

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._sse.backup import backup_directory
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule
from ansible_collections.commerce.admin.plugins.module_utils._sse.facts import sse_facts
from ansible_collections.commerce.admin.plugins.module_utils._sse.compare import compare_remote, declared_zips
from ansible_collections.commerce.admin.plugins.module_utils._sse.plan import as_dict, build_plan, render_lines
from ansible_collections.commerce.admin.plugins.module_utils._sse.state import SyncState, default_state_path
from ansible_collections.commerce.admin.plugins.module_utils._sse.transaction import HOW_TO_FINISH, SyncTransaction
from ansible_collections.commerce.admin.plugins.module_utils._waiting import normalize_status


def owed_restart(client, state, env):
    """The restart still owed from an earlier run, or None; one that was only requested is checked first."""
    pending = state.pending_restart(env)
    work_request_id = (pending or {}).get("work_request_id")
    if work_request_id:
        status = normalize_status(api.restart_status(client, work_request_id).get("message"))
        if status == "SUCCEEDED":
            state.clear_pending_restart(env)
            return None
    return pending


def restart_reason(params, changes, pending):
    if params["restart"] == "never":
        return None
    if changes:
        return "%d SSE(s) changed" % len(changes)
    if pending:
        return "a restart is owed since %s (%s)" % (pending["since"], pending["reason"])
    if params["restart"] == "always":
        return "restart is always"
    return None


def diff_text(plan):
    """Before: the remote side of each SSE; after: the declared side. One line each, with the reason on the changed side."""
    before, after = [], []
    for step in plan.steps:
        if step.action in ("keep", "replace", "purge"):
            before.append("%s (%s)" % (step.name, "remote" if step.action != "purge" else "remote, " + step.reason))
        if step.action == "keep":
            after.append("%s (remote)" % step.name)
        elif step.action in ("add", "replace"):
            after.append("%s (%s)" % (step.name, step.reason))
    return {"before": "".join(line + "\n" for line in before), "after": "".join(line + "\n" for line in after),
            "before_header": "remote SSEs", "after_header": "declared SSEs"}


def finish(transaction, step, argument):
    """Run a step after the run changed something (or owed a restart): a failure there names how to finish."""
    try:
        step(argument)
    except CommerceError as exc:
        if exc.changed:
            raise
        raise CommerceError("%s; %s" % (exc, HOW_TO_FINISH % transaction.state.path), facts=exc.fail_facts(),
                            changed=bool(transaction.applied)) from None


def apply_and_settle(transaction, changes, reason):
    """The write: apply the changes, then settle them with the one restart (or roll back)."""
    try:
        transaction.apply(changes)
    except CommerceError as exc:
        if not transaction.applied:
            transaction.forgive()
            raise
        finish(transaction, transaction.recover, exc)
    if reason:
        finish(transaction, transaction.settle, reason)
    elif changes:
        transaction.owe_restart("SSEs were changed with restart: never", [step.name for step in changes])
    transaction.discard_automatic_backups()
    return transaction.report


def run(module):
    params = module.params
    module.require_positive("wait_timeout", "poll_interval", "downloads")
    local = declared_zips(params["src"], params["files"], params["max_size"])
    env = params["environment_type"]
    client = module.client
    state = SyncState.load(params["state_file"] or default_state_path(client.base_url))
    for warning in state.warnings:
        module.warn(warning)

    remote = {fact["name"]: fact for fact in (sse_facts(item) for item in api.list_sses(client, env))}
    plan = build_plan(local, remote, lambda name: state.remembered(env, name), params["compare"], params["purge"], params["force"])
    downloaded = compare_remote(client, plan, env, params["downloads"], state)
    pending = owed_restart(client, state, env)
    changes = plan.changes
    reason = restart_reason(params, changes, pending)
    by_action = {action: [step.name for step in changes if step.action == action] for action in ("add", "replace", "purge")}
    module.result.update(plan=as_dict(plan), plan_lines=render_lines(plan), added=by_action["add"], replaced=by_action["replace"],
                         purged=by_action["purge"], unchanged=[step.name for step in plan.steps if step.action == "keep"],
                         downloaded=downloaded, restart_reason=reason, work_request_id=None, restart_status=None,
                         pending_restart=pending, rolled_back=False, restored=[], state_file=state.path)
    module.result["diff"] = diff_text(plan)
    transaction = SyncTransaction(client, state, env, params, backup_directory(params["backup_dir"], client.base_url), module.warn)
    # What the listing and the downloads showed is worth keeping in check mode too: it describes the server, it changes nothing there.
    transaction.save_state()
    if not changes and not reason:
        return
    description = "sync the SSEs of %s (%s)" % (env or "live", "; ".join(line for line in render_lines(plan) if not line.startswith("=")) or reason)
    outcome = module.change(description, apply_and_settle, transaction, changes, reason, deletes=bool(by_action["purge"]))
    if outcome.check_mode:
        return
    module.result.update({key: outcome.value[key] for key in ("work_request_id", "restart_status", "rolled_back", "restored")})
    module.result["pending_restart"] = state.pending_restart(env)
    if transaction.backups:
        module.result["backup_files"] = dict(transaction.backups)


def main():
    CommerceModule({
        "src": {"type": "path"},
        "files": {"type": "list", "elements": "path"},
        "purge": {"type": "bool", "default": False},
        "compare": {"type": "str", "default": "content", "choices": ["content", "bytes"]},
        "force": {"type": "bool", "default": False},
        "restart": {"type": "str", "default": "auto", "choices": ["auto", "always", "never"]},
        "rollback": {"type": "bool", "default": False},
        "state_file": {"type": "path"},
        "downloads": {"type": "int", "default": 4},
        "max_size": {"type": "int", "default": 25 * 1024 * 1024},
    }, groups=("wait", "environment", "backup"), required_one_of=[("src", "files")]).run(run)


if __name__ == "__main__":
    main()
