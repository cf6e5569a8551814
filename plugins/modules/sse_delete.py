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
  - One name is deleted with C(DELETE /ccadmin/v1/serverExtensions/<name>) (a 404 counts as
    already gone); several with one C(POST /ccadmin/v1/serverExtensions/deleteFiles) call.
  - When the server deletes only some of several files, the module fails naming those still
    there, and reports the ones that went as RV(deleted).
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
  restart:
    description:
      - Restart the extension server after deleting, as the API does by default.
      - Nothing is restarted when nothing is deleted.
    type: bool
    default: true
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
from ansible_collections.commerce.admin.plugins.module_utils._backup import backup_argument_spec, backup_directory, backup_sse
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError
from ansible_collections.commerce.admin.plugins.module_utils._local_files import check_remote_name
from ansible_collections.commerce.admin.plugins.module_utils._module import (
    CommerceModule, environment_argument_spec, follow_work_request, wait_argument_spec)
from ansible_collections.commerce.admin.plugins.module_utils._sse import sse_facts

PARTIAL_FAILURE = "100307"


def asked_names(module):
    names = [module.params["name"]] if module.params["name"] is not None else module.params["names"]
    if not names:
        module.fail("names is empty: list at least one SSE file name")
    return sorted(set(check_remote_name(name) for name in names))


def delete(module, names, env):
    """Back up `names` when asked, delete them (one request); on a partial failure, fail naming what is still there."""
    restart = module.params["restart"]
    if module.params["backup"]:
        directory = backup_directory(module.params["backup_dir"], module.client.base_url)
        module.result["backup_files"] = {name: backup_sse(module.client, name, directory, env) for name in names}
    try:
        if len(names) == 1:
            return api.delete_sse(module.client, names[0], restart, env) or {}
        return api.delete_sses(module.client, names, restart, env)
    except CommerceApiError as exc:
        if exc.error_code != PARTIAL_FAILURE:
            raise
        remaining = {item["name"] for item in api.list_sses(module.client, env)}
        module.result["deleted"] = [name for name in names if name not in remaining]
        module.result["changed"] = bool(module.result["deleted"])
        module.fail("could not delete %s (%s)" % (", ".join(name for name in names if name in remaining), exc), error=exc.as_dict())
    return None


def run(module):
    names = asked_names(module)
    module.require_positive("wait_timeout", "poll_interval")
    env = module.params["environment_type"]
    present = {fact["name"]: fact for fact in (sse_facts(item) for item in api.list_sses(module.client, env))}
    doomed = [name for name in names if name in present]
    module.result.update(deleted=doomed, absent=[name for name in names if name not in present], work_request_id=None, restart_status=None)
    module.set_diff({name: {"size": present[name]["size"]} for name in doomed}, {})
    if not doomed:
        module.exit()
    answer = module.act("delete %s" % ", ".join(doomed), delete, module, doomed, env, deletes=True)
    if answer is None:  # check mode
        module.exit()
    module.result.update(follow_work_request(module, answer.get("workRequestId") if module.params["restart"] else None))
    module.exit()


def main():
    spec = {"name": {"type": "str"}, "names": {"type": "list", "elements": "str"}, "restart": {"type": "bool", "default": True}}
    spec.update(wait_argument_spec())
    spec.update(environment_argument_spec())
    spec.update(backup_argument_spec())
    CommerceModule(spec, mutually_exclusive=[("name", "names")], required_one_of=[("name", "names")]).run(run)


if __name__ == "__main__":
    main()
