#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: sse_promote
short_description: Promote server-side extensions from the preview to the live environment
version_added: 0.1.0
description:
  - Promotes SSEs from the preview extension server environment to live with
    C(POST /ccadmin/v1/serverExtensions/promoteFiles) (bare file names, as the reference wants),
    then follows C(GET /ccadmin/v1/serverExtensions/promoteStatus) until its C(state) is
    C(completed).
  - A completed promotion that reports C(success) false fails the module, naming the failed
    extensions, the last successful phase, and whether the server rolled the promote phase back.
  - Idempotent. Only files whose preview content differs from live are promoted. A file absent
    in live or of another size differs; files of the same size are downloaded from both
    environments (streamed) and compared by SHA-256.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
  - commerce.admin.wait
attributes:
  check_mode:
    support: full
    description: Reads both environments and reports what would be promoted; promotes nothing.
  diff_mode:
    support: full
    description: Shows the live files before and the preview files they would become.
options:
  names:
    description:
      - SSE file names to promote. Defaults to every SSE in the preview environment.
      - A name that is not in preview fails the module before anything is promoted.
    type: list
    elements: str
seealso:
  - module: commerce.admin.sse_upload
"""

EXAMPLES = r"""
- name: Upload to preview, check it, then promote it to live
  commerce.admin.sse_upload:
    src: dist/orders.zip
    environment_type: preview

- name: Promote every preview SSE whose content differs from live
  commerce.admin.sse_promote:

- name: Promote one file
  commerce.admin.sse_promote:
    names: [orders.zip]
"""

RETURN = r"""
promoted:
  description: Names promoted (or that would be, in check mode).
  returned: always
  type: list
  elements: str
  sample: [orders.zip]
unchanged:
  description: Names whose live content already equals preview.
  returned: always
  type: list
  elements: str
reasons:
  description: Why each promoted name differed.
  returned: always
  type: dict
  sample: {orders.zip: absent in live}
promotion_state:
  description: V(COMPLETED) when the promotion was waited for and succeeded; V(null) when nothing was promoted or not waited for.
  returned: always
  type: str
failed_extensions:
  description: Extensions the server reports as failed (empty on success).
  returned: when the promotion was waited for
  type: list
  elements: str
last_successful_phase:
  description: The server's last successful promotion phase (V(none), V(pre-promote), V(promote) or V(post-promote)).
  returned: when the promotion was waited for
  type: str
rolled_back:
  description: Whether the server rolled the promote phase back; V(null) when it did not say.
  returned: when the promotion was waited for
  type: bool
work_request_id:
  description: The restart work request the promotion started, when the server reports one.
  returned: when the promotion was waited for
  type: str
diff:
  description: Live files before and after, by name (size only; content is compared by SHA-256).
  returned: always
  type: dict
"""

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._local_files import check_remote_name
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule
from ansible_collections.commerce.admin.plugins.module_utils._sse.facts import promotion_reason, sse_facts
from ansible_collections.commerce.admin.plugins.module_utils._waiting import wait_for_promotion


def by_name(items):
    return {fact["name"]: fact for fact in (sse_facts(item) for item in items)}


def run(module):
    params = module.params
    requested = [check_remote_name(name) for name in params["names"]] if params["names"] is not None else None
    if requested == []:
        module.fail_json("names is empty: list the SSEs to promote, or leave names out to promote every preview SSE")
    module.require_positive("wait_timeout", "poll_interval")

    preview = by_name(api.list_sses(module.client, "preview"))
    live = by_name(api.list_sses(module.client, "live"))
    missing = sorted(set(requested or []) - set(preview))
    if missing:
        module.fail_json("not in the preview environment, so they cannot be promoted: %s" % ", ".join(missing))

    reasons = {}
    for name in requested or sorted(preview):
        reason = promotion_reason(module.client, preview[name], live.get(name))
        if reason:
            reasons[name] = reason
    promoted = sorted(reasons)
    module.result.update(promoted=promoted, unchanged=sorted(set(requested or preview) - set(promoted)),
                         reasons=reasons, promotion_state=None)
    module.set_diff({name: {"size": live[name]["size"]} if name in live else "absent" for name in promoted},
                    {name: {"size": preview[name]["size"]} for name in promoted})
    if not promoted:
        return
    outcome = module.change("promote %s to live" % ", ".join(promoted), api.promote_sses, module.client, promoted)
    if outcome.check_mode or not params["wait"]:
        return
    module.result.update(wait_for_promotion(module.client, promoted, params["wait_timeout"], params["poll_interval"]))


def main():
    CommerceModule({"names": {"type": "list", "elements": "str"}}, groups=("wait",)).run(run)


if __name__ == "__main__":
    main()
