#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: sse_delete
short_description: Delete server-side extensions (SSEs) that exist
version_added: 0.1.0
description:
  - Deletes SSE zips from the extension server. It lists the remote SSEs first and sends only
    the names that exist, so absent names are fine and a second run changes nothing.
  - One name is deleted with C(DELETE /ccadmin/v1/serverExtensions/<name>); several with one
    C(POST /ccadmin/v1/serverExtensions/deleteFiles) call.
  - What is absent is decided from the listing, never from a delete's answer. When a delete
    fails, the module lists again; a single file that is gone by then was deleted by someone
    else meanwhile (unchanged, with a warning); when the server deleted only some of several
    files, the module fails naming those still there and reports the ones that went as
    RV(deleted) (and C(changed)).
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
  - commerce.admin.wait
  - commerce.admin.restart
  - commerce.admin.environment
  - commerce.admin.backup
attributes:
  check_mode:
    support: full
    description: Lists the SSEs and reports which would be deleted; deletes nothing.
  diff_mode:
    support: full
    description: Shows the asked-for SSEs present before and after.
options:
  name:
    description: One SSE file name. Give O(name) or O(names).
    type: str
  names:
    description: Several SSE file names, deleted in one call. Must not be empty.
    type: list
    elements: str
seealso:
  - module: commerce.admin.sse_upload
  - module: commerce.admin.sse_info
"""

EXAMPLES = r"""
- name: Delete one SSE, keeping a copy
  commerce.admin.sse_delete:
    name: legacy-orders.zip
    backup: true

- name: Delete several without restarting
  commerce.admin.sse_delete:
    names: [a.zip, b.zip]
    restart: false
"""

RETURN = r"""
deleted:
  description: Names deleted (that would be, in check mode).
  returned: always
  type: list
  elements: str
  sample: [legacy-orders.zip]
absent:
  description: Names that were not there.
  returned: always
  type: list
  elements: str
backup_files:
  description: Paths of the backups made before deleting, by name, when O(backup) is on.
  returned: when a backup was made
  type: dict
work_request_id:
  description: Work request of the restart the deletion started; V(null) when nothing restarted.
  returned: always
  type: str
restart_status:
  description: Final status of that restart when waited for, V(ACCEPTED) when not, else V(null).
  returned: always
  type: str
"""

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._sse.backup import backup_directory, backup_sse
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._local_files import check_remote_name
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule, Unchanged
from ansible_collections.commerce.admin.plugins.module_utils._sse.facts import delete_and_relist, sse_facts
from ansible_collections.commerce.admin.plugins.module_utils._sse.restart import restart_unchanged
from ansible_collections.commerce.admin.plugins.module_utils._waiting import follow_restart


def asked_names(module):
    names = [module.params["name"]] if module.params["name"] is not None else module.params["names"]
    if not names:
        module.fail_json("names is empty: list at least one SSE file name")
    return sorted(set(check_remote_name(name) for name in names))


def delete(module, names, env):
    """Back up `names` when asked and delete them in one request.

    What this task did delete is restarted for (when `restart` is on) even when the call failed,
    so the server does not keep running it.
    """
    restart = module.restart_mode() != "never"
    if module.params["backup"]:
        directory = backup_directory(module.params["backup_dir"], module.client.base_url)
        module.result["backup_files"] = {name: backup_sse(module.client, name, directory, env) for name in names}
    answer, gone, left, exc = delete_and_relist(module.client, names, restart, env)
    if exc is None:
        return answer
    if len(names) == 1 and not left:
        # The listing showed it, the DELETE did not find it: someone else deleted it meanwhile.
        module.warn("%s was already gone when the task deleted it (%s)" % (names[0], exc))
        return Unchanged({}, reason="already gone")
    # The failed call started no restart: start it for what went.
    restarted = api.restart_server(module.client, env) if restart and gone else {}
    if left:
        started = "; a restart was started for what went (work request %s)" % restarted["workRequestId"] if restarted.get("workRequestId") else ""
        raise CommerceError("could not delete %s (%s)%s" % (", ".join(left), exc, started),
                            facts={"deleted": gone, "error": exc.as_dict(), "work_request_id": restarted.get("workRequestId")},
                            changed=bool(gone))
    module.warn("the server answered the deletion of %s with an error, but none of them is listed any more (%s)" % (", ".join(names), exc))
    return restarted


def run(module):
    names = asked_names(module)
    module.require_positive("wait_timeout", "poll_interval")
    env = module.params["environment_type"]
    present = {fact["name"]: fact for fact in (sse_facts(item) for item in api.list_sses(module.client, env))}
    doomed = [name for name in names if name in present]
    module.result.update(deleted=doomed, absent=[name for name in names if name not in present], work_request_id=None, restart_status=None)
    module.set_diff({name: {"size": present[name]["size"]} for name in doomed}, {})
    restart = module.restart_mode()
    if not doomed:
        restart_unchanged(module, restart, env)
        return
    outcome = module.change("delete %s" % ", ".join(doomed), delete, module, doomed, env, deletes=True)
    if outcome.check_mode:
        return
    if not outcome.changed:
        module.result.update(deleted=[], absent=names)
        return
    module.result.update(follow_restart(module.client, outcome.value.get("workRequestId") if restart != "never" else None,
                                        module.params))


def main():
    spec = {"name": {"type": "str"}, "names": {"type": "list", "elements": "str"}}
    CommerceModule(spec, groups=("wait", "restart", "environment", "backup"),
                   mutually_exclusive=[("name", "names")], required_one_of=[("name", "names")]).run(run)


if __name__ == "__main__":
    main()
