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
  - "Transactions: SSEs take effect only when a restart succeeds, so the server never runs a set that is neither
    the declared one nor the one it ran. Before an SSE is stored or deleted, the module records in the state file
    that a restart is owed and how to bring that SSE back to the version the server runs (absent, or a backup);
    only a restart that ends SUCCEEDED clears both. A restart's work request id is recorded as soon as it is
    accepted, so a run that is killed while it waits is settled by the next run, which asks how it ended."
  - "A failure halfway (an upload rejected or unanswered) never restarts into part of the set: without O(rollback)
    the restart stays owed and the server keeps running what it ran; the next run completes the set and restarts
    once. With O(rollback) the run's changes are undone instead."
  - "Rollback (O(rollback)): when the run's restart ends FAILED or CANCELED, every SSE changed since the last
    restart that SUCCEEDED is brought back to the version that ran (put back from a backup taken before the change,
    or deleted again), and the server is restarted again. The undo is recorded before its first step; a run killed
    or failing during it leaves it recorded, and the next run finishes it before anything else. A restart that only
    times out is not rolled back, because it may still succeed; the restart stays owed."
  - "Results describe the final state in every case, failed runs included, and agree with the message: what is
    stored (RV(stored)), what runs (RV(running)), what this run changed and is still in effect (RV(added),
    RV(replaced), RV(purged)), what was refused (RV(rejected)) or never sent (RV(never_sent)), what was undone (RV(restored)), and the restart
    still owed (RV(pending_restart), with its work request id when one was accepted)."
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
    description: Lists, downloads what it must compare, and reports the plan; uploads, deletes and restarts nothing.
  diff_mode:
    support: full
    description: One line per SSE, the remote set before and the declared set after, each line with its reason.
options:
  src:
    description:
      - A directory whose C(*.zip) files (not recursive) are the declared SSEs, named by their file names.
      - A directory that does not exist or holds no zip is an error, so a mistyped path never declares nothing.
      - "A relative path resolves against the playbook's directory (Ansible runs the module there with C(connection: local));
        for a playbook of an installed collection that is inside the collection, so use C({{ inventory_dir }}/...) or an absolute path."
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
  state_fact:
    description:
      - The C(commerce_admin_sync_state) fact of an earlier run, for controllers that are thrown away after each job
        (AWX, Automation Controller, CI runners), where the state file is lost but the fact cache is kept.
      - The module merges it with the state file (an owed restart from either counts) and always returns the merged
        state as the C(commerce_admin_sync_state) fact, failed runs included; with a fact cache configured, the next
        job gets it back. The C(commerce.admin.sse_deploy) role passes it for you.
      - One fact holds the state of every instance the host deploys to, each under its own key.
    type: dict
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
  description: Names this run uploaded that were absent, and that are still stored at the end (that would be, in check mode).
  returned: always
  type: list
  elements: str
replaced:
  description: Names this run uploaded over a different remote zip, still in effect at the end (that would be, in check mode).
  returned: always
  type: list
  elements: str
purged:
  description: Names this run deleted because they are not declared, still deleted at the end (that would be, in check mode).
  returned: always
  type: list
  elements: str
unconfirmed:
  description: Names whose upload or deletion got no answer (the connection dropped), so they may or may not have changed.
  returned: always
  type: list
  elements: str
rejected:
  description: Names whose upload or deletion the server refused (a documented rejection or a 4xx), so they are unchanged.
  returned: always
  type: list
  elements: str
never_sent:
  description: Names the plan changes that were not sent, because the run failed before them.
  returned: always
  type: list
  elements: str
stored:
  description: The SSEs the server stores, as the run last listed them; V(null) when the server could not be listed.
  returned: always
  type: list
  elements: str
running:
  description:
    - The SSEs the extension server runs, from the last restart that SUCCEEDED (this run's, or one remembered in the state file);
      the stored set when nothing is owed. V(null) when it is not known.
  returned: always
  type: list
  elements: str
restarts:
  description: Every restart this run made or followed (an earlier run's accepted one included), in order.
  returned: always
  type: list
  elements: dict
  contains:
    reason:
      description: Why it was made.
      type: str
    work_request_id:
      description: Its work request.
      type: str
    restart_status:
      description: How it ended (V(SUCCEEDED), V(FAILED), ...), V(ACCEPTED) when not waited for.
      type: str
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
  description: The work request of the last restart this run made or followed; V(null) when none.
  returned: always
  type: str
restart_status:
  description: How that restart ended (V(SUCCEEDED)), V(ACCEPTED) when not waited for, V(null) when none.
  returned: always
  type: str
restart_log:
  description:
    - The last lines of the extension server's error log of the day (UTC; the day before too when the wait began
      before midnight), redacted and bounded (at most 30 lines, 4 KiB), read once when the run fails after a
      restart (a rollback's included) ended V(FAILED) or V(CANCELED); the message ends with them. Empty when the
      log could not be read (the message says why).
  returned: when a restart of the run ended V(FAILED) or V(CANCELED) and the run failed
  type: list
  elements: str
  sample: ["2026-11-24T10:47:44.864Z - error: Worker 1 - orders.zip: index.js threw at startup"]
pending_restart:
  description:
    - The restart still owed after the run (since, reason, names, and work_request_id when a restart was accepted
      but its end not seen), or V(null).
  returned: always
  type: dict
rolled_back:
  description: Whether changes were undone (this run's, or those of an earlier run whose rollback was cut short).
  returned: always
  type: bool
restored:
  description: What a rollback undid, each as C(name (put back)) or C(name (deleted again)).
  returned: always
  type: list
  elements: str
backup_files:
  description: Backups kept, by name (with O(backup), or after a failed rollback).
  returned: when backups were kept
  type: dict
summary:
  description: One line saying what changed (added, replaced, purged, rolled back) and each restart with how long it took; in check mode, what would.
  returned: unless the run failed
  type: str
  sample: "SSEs of live: add new.zip; replace orders.zip; restart SUCCEEDED in 41.2 s (2 SSE(s) changed)"
state_fact_before_apply:
  description:
    - In check mode when the run would change something, the C(commerce_admin_sync_state) fact as it must be before the real
      run begins (a restart recorded as owed). The role stores it with M(ansible.builtin.set_fact) C(cacheable=true), so a job
      killed halfway leaves the owed restart in the fact cache.
  returned: in check mode, when something would change
  type: dict
ansible_facts:
  description: The state, carried for the next run.
  returned: always
  type: dict
  contains:
    commerce_admin_sync_state:
      description: One state document per instance (the state file's layout), keyed by C(host_port).
      type: dict
state_file:
  description: The state file used.
  returned: always
  type: str
"""

from ansible_collections.commerce.admin.plugins.module_utils._sse.sync import SPEC


def main():
    SPEC.main()


if __name__ == "__main__":
    main()
