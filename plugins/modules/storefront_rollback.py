#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: storefront_rollback
short_description: Roll a site's storefront framework back to its previous version
version_added: 0.1.0
description:
  - Rolls the storefront JavaScript framework back to the previous version with
    C(POST /ccadmin/v1/jsframeworkadmin/rollbackVersion) (Storefront Classic only; the Open
    Storefront Framework has no such endpoint).
  - Reads the current and previous versions first (C(GET /ccadmin/v1/jsframeworkadmin)). A site
    that already runs its previous version is left alone (unchanged). After a rollback the module
    reads the versions again and fails unless the site now runs the previous version, because the API
    answers C(success) even when it did nothing.
  - A site without a previous version fails the module, unless O(allow_no_previous) makes that a
    no-op.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
attributes:
  check_mode:
    support: full
    description: Reads the versions and reports whether a rollback would happen.
  diff_mode:
    support: full
    description: Shows the current version before and after.
options:
  site_id:
    description:
      - The site to roll back.
      - Without it the API rolls back every active site, but reports the versions of the default
        site only, so the module decides from the default site. Name the site to be exact.
    type: str
  allow_no_previous:
    description:
      - Treat a site without a previous version as nothing to do instead of a failure.
    type: bool
    default: false
seealso:
  - module: commerce.admin.storefront_info
"""

EXAMPLES = r"""
- name: Roll siteUS back to its previous storefront framework version
  commerce.admin.storefront_rollback:
    site_id: siteUS

- name: Roll back where possible, a no-op where there is no previous version
  commerce.admin.storefront_rollback:
    site_id: "{{ item }}"
    allow_no_previous: true
  loop: [siteUS, siteEU]
"""

RETURN = r"""
site_id:
  description: The site, V(null) for the default site.
  returned: always
  type: str
current_version:
  description: The version the site runs after the run (as it would, in check mode).
  returned: always
  type: str
  sample: "16.6"
previous_version:
  description: The site's previous version; V(null) when it has none.
  returned: always
  type: str
  sample: "16.6"
storefront_version:
  description: The latest version available.
  returned: always
  type: str
  sample: "17.1"
message:
  description: The server's C(UpgradeMessage), or why nothing was done.
  returned: always
  type: str
"""

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._module import CommerceModule, Unchanged
from ansible_collections.commerce.admin.plugins.module_utils._storefront import NO_PREVIOUS_CODES, read_site_versions, rollback_needed


def versions_result(versions):
    return {key: versions[key] for key in ("site_id", "current_version", "previous_version", "storefront_version")}


def no_previous(module, versions, site_label):
    """Nothing to roll back to: a no-op with allow_no_previous, else a failure that says how to make it one."""
    message = "%s has no previous storefront version to roll back to" % site_label
    if module.params["allow_no_previous"]:
        return Unchanged(versions, reason=message + " (allow_no_previous: nothing done)")
    raise CommerceError(message + "; set allow_no_previous: true to make this a no-op", facts=versions_result(versions))


def rollback(module, before, site_label):
    """Roll back, then read the versions again: the API answers success even when it did nothing."""
    try:
        answer = api.rollback_storefront(module.client, before["site_id"])
    except CommerceApiError as exc:
        if exc.error_code in NO_PREVIOUS_CODES:  # the server knows better than the versions it showed
            return no_previous(module, before, site_label)
        raise
    after = read_site_versions(module.client, before["site_id"])
    if after["current_version"] != before["previous_version"]:
        raise CommerceError("the rollback of %s answered success but the site runs %s, not %s"
                            % (site_label, after["current_version"], before["previous_version"]), facts=versions_result(after))
    return dict(after, message=answer.get("UpgradeMessage"))


def run(module):
    site_id = module.params["site_id"]
    site_label = "site %s" % site_id if site_id else "the default site"
    before = read_site_versions(module.client, site_id)
    module.result.update(versions_result(before), message=None)
    decision = rollback_needed(before)
    if decision == "no_previous":
        unchanged = no_previous(module, before, site_label)
        module.result["message"] = unchanged.reason
        return
    target = dict(before, current_version=before["previous_version"]) if decision == "rollback" else before
    module.set_diff({"current_version": before["current_version"]}, {"current_version": target["current_version"]})
    if decision == "already":
        module.result["message"] = "%s already runs its previous version %s" % (site_label, before["previous_version"])
        return
    outcome = module.change("roll %s back to %s" % (site_label, before["previous_version"]), rollback, module, before, site_label)
    if outcome.check_mode:
        module.result.update(versions_result(target))
        return
    module.result.update(versions_result(outcome.value), message=outcome.reason or outcome.value.get("message"))


def main():
    CommerceModule({
        "site_id": {"type": "str"},
        "allow_no_previous": {"type": "bool", "default": False},
    }).run(run)


if __name__ == "__main__":
    main()
