#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: sse_upload
short_description: Upload a server-side extension (SSE) zip, only when its content differs
version_added: 0.1.0
description:
  - Uploads a local SSE zip to the Commerce extension server with
    C(POST /ccadmin/v1/serverExtensions), then (by default) restarts the extension server and
    waits for the restart to end.
  - Idempotent. The remote C(checksum) is opaque (its algorithm is not public), so the module
    compares the zips themselves. It lists the remote SSEs; an absent file is uploaded; otherwise
    it downloads the remote zip (streamed) and compares, uploading only when they differ.
  - With O(compare=content) (the default) two zips are the same when they hold the same file entry
    names with the same uncompressed bytes, whatever their timestamps, entry order, compression or
    zip comment, so a zip rebuilt from unchanged sources is not uploaded again (see
    M(commerce.admin.sse_sync) for exactly what counts). With O(compare=bytes) the files must be equal
    byte for byte; a different size then decides without a download.
  - The local file is checked (exists, readable, a zip with a readable central directory, not
    larger than O(max_size)) and O(name) is validated before any request is sent.
  - The upload is streamed from disk, so memory use does not grow with the file size.
  - A restart that ends V(FAILED) or V(CANCELED) fails with the end of the extension server's error
    log (redacted, bounded) in its message and in RV(restart_log), which say why the SSE did not start.
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
    description: Reads remote state (list, download) and reports what would change; uploads nothing.
  diff_mode:
    support: full
    description: Shows the remote file's size and checksum before and the local size and SHA-256 after, with the reason.
options:
  src:
    description:
      - Path of the local SSE zip on the host that runs the module.
      - "A relative path resolves against the playbook's directory (Ansible runs the module there with C(connection: local));
        for a playbook of an installed collection that is inside the collection, so use C({{ inventory_dir }}/...) or an absolute path."
    type: path
    required: true
  name:
    description:
      - Remote file name. Defaults to the basename of O(src).
      - Must end in C(.zip) and contain no path separators or C(..).
    type: str
  force:
    description:
      - Upload even when the remote file has the same content.
    type: bool
    default: false
  compare:
    description:
      - How the local and the remote zip are compared.
      - V(content) compares entry names and uncompressed bytes; V(bytes) compares the files byte for byte (SHA-256).
    type: str
    choices: [content, bytes]
    default: content
  max_size:
    description:
      - Largest local file, in bytes, the module accepts. The API documents a limit of 25 MB;
        the default is 25 MiB.
    type: int
    default: 26214400
notes:
  - Replacing an existing file sends C(force=true); the module has compared the contents first.
seealso:
  - module: commerce.admin.sse_info
  - module: commerce.admin.sse_delete
  - module: commerce.admin.server_restart
"""

EXAMPLES = r"""
- name: Upload an SSE and wait for the extension server to restart
  commerce.admin.sse_upload:
    base_url: https://admin.example.com
    app_key: "{{ vault_commerce_app_key }}"
    src: dist/orders.zip

- name: Upload without restarting (restart once later)
  commerce.admin.sse_upload:
    src: "{{ item }}"
    restart: false
  loop: "{{ query('ansible.builtin.fileglob', 'dist/*.zip') }}"
  register: uploads

- name: Restart once if anything was uploaded
  commerce.admin.server_restart:
  when: uploads is changed
"""

RETURN = r"""
name:
  description: Remote file name.
  returned: always
  type: str
  sample: orders.zip
size:
  description: Size of the local file in bytes.
  returned: always
  type: int
  sample: 1092820
sha256:
  description: SHA-256 of the local file.
  returned: always
  type: str
  sample: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
uploaded:
  description: Whether the file was uploaded (V(false) in check mode).
  returned: always
  type: bool
reason:
  description: Why the file was (or would be) uploaded; V(null) when unchanged.
  returned: always
  type: str
  sample: index.js changed
remote_checksum:
  description: The opaque checksum the server lists for the file after the run (before it in check mode); V(null) when absent.
  returned: always
  type: raw
  sample: -5.7900684961208023e+18
work_request_id:
  description: Work request of the restart the upload started; V(null) when nothing restarted.
  returned: always
  type: str
  sample: mblNhrQ2D2
backup_file:
  description: Path of the backup of the replaced remote file, when O(backup) is on and a file was replaced.
  returned: when a backup was made
  type: str
  sample: /home/deploy/.ansible/commerce.admin/backups/admin.example.com/orders.20261124T141500.123456Z.zip
restart_status:
  description: Final status of that restart when waited for (V(SUCCEEDED)), V(ACCEPTED) when not waited for, else V(null).
  returned: always
  type: str
  sample: SUCCEEDED
restart_log:
  description:
    - The last lines of the extension server's error log of the day (UTC; the day before too when the wait began
      before midnight), redacted and bounded (at most 30 lines, 4 KiB); empty when the log could not be read
      (the message says why).
  returned: when the restart ended V(FAILED) or V(CANCELED)
  type: list
  elements: str
  sample: ["2026-11-24T10:47:44.864Z - error: Worker 1 - orders.zip: index.js threw at startup"]
diff:
  description: Remote file before (size, last_modified, or state absent) and after (size, sha256, and why it differs).
  returned: always
  type: dict
"""

import os

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._sse.backup import backup_directory, backup_sse
from ansible_collections.commerce.admin.plugins.module_utils._local_files import check_remote_name, check_zip
from ansible_collections.commerce.admin.plugins.module_utils._logs.failed_restart import restart_log_on_failure
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule
from ansible_collections.commerce.admin.plugins.module_utils._sse.facts import ABSENT, check_stored, sse_facts
from ansible_collections.commerce.admin.plugins.module_utils._sse.compare import compare_remote
from ansible_collections.commerce.admin.plugins.module_utils._sse.plan import LocalSse, build_plan
from ansible_collections.commerce.admin.plugins.module_utils._sse.restart import restart_unchanged
from ansible_collections.commerce.admin.plugins.module_utils._waiting import follow_restart


def before_state(remote):
    if remote is None:
        return dict(ABSENT)
    # Not the listing's checksum: its algorithm is not public, so beside a sha256 it would only mislead.
    return {"state": "present", "size": remote["size"], "last_modified": remote["last_modified"]}


def replace(module, local, exists, env, restart):
    """Back up the remote file when asked, upload (force=true: the contents were compared already), check the listing."""
    name = local.name
    if module.params["backup"] and exists:
        module.result["backup_file"] = backup_sse(module.client, name, backup_directory(module.params["backup_dir"], module.client.base_url), env)
    answer = api.upload_sse(module.client, local.path, name, True, restart != "never", env)
    stored = sse_facts(api.find_sse(module.client, name, env))
    check_stored(name, stored, local.size)
    return answer, stored


def run(module):
    params = module.params
    src = params["src"]
    name = check_remote_name(params["name"] or os.path.basename(src))
    local = LocalSse.from_path(name, src, check_zip(src, params["max_size"]))
    module.require_positive("wait_timeout", "poll_interval")
    restart = module.restart_mode()
    env = params["environment_type"]

    remote = sse_facts(api.find_sse(module.client, name, env))
    plan = build_plan({name: local}, {name: remote} if remote else {}, lambda dummy: None, params["compare"], force=params["force"])
    compare_remote(module.client, plan, env, 1)
    step = plan.steps[0]
    reason = step.reason if step.action != "keep" else None
    after = {"state": "present", "size": local.size, "sha256": local.sha256}
    module.result.update(name=name, size=local.size, sha256=local.sha256, uploaded=False, reason=reason,
                         remote_checksum=remote["checksum"] if remote else None,
                         work_request_id=None, restart_status=None)
    if reason is None:
        module.set_diff(dict(after), after)
        with restart_log_on_failure(module.client, env):
            restart_unchanged(module, restart, env)
        return
    module.set_diff(before_state(remote), dict(after, reason=reason))
    outcome = module.change("upload %s" % name, replace, module, local, remote is not None, env, restart)
    if outcome.check_mode:
        return
    answer, stored = outcome.value
    module.result.update(uploaded=True, remote_checksum=stored["checksum"])
    with restart_log_on_failure(module.client, env):
        module.result.update(follow_restart(module.client, answer.get("workRequestId") if restart != "never" else None, params))


def main():
    CommerceModule({
        "src": {"type": "path", "required": True},
        "name": {"type": "str"},
        "force": {"type": "bool", "default": False},
        "compare": {"type": "str", "default": "content", "choices": ["content", "bytes"]},
        "max_size": {"type": "int", "default": 25 * 1024 * 1024},
    }, groups=("wait", "restart", "environment", "backup")).run(run)


if __name__ == "__main__":
    main()
