# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storefront framework versions in the collection's shape, and bringing a site to its previous or latest version."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._module import ModuleSpec, Unchanged

# The API shows a missing previous version as "", null, or the literal string "\"\"".
NO_VERSION = (None, "", '""')
NO_PREVIOUS_CODES = ("30103", "30106")
SITE_NOT_FOUND_CODE = "30105"
# Without siteId the API acts on every active site but reports the default site's versions only.
EVERY_SITE = "every active site"
EVERY_SITE_WARNING = ("site_id not given: the API changes every active site, but reports the versions of the default site "
                      "only, so the module decided from the default site; set site_id to change one site and know what it runs")


def version_or_none(value):
    return None if value in NO_VERSION else value


def site_versions(answer, site_id):
    previous = version_or_none(answer.get("previousVersion"))
    return {
        "site_id": site_id,
        "current_version": version_or_none(answer.get("currentVersion")),
        "previous_version": previous,
        "storefront_version": version_or_none(answer.get("storefrontVersion")),
        "has_previous": previous is not None,
    }


# What each target means: the version it names, and the API call that moves a site there.
TARGETS = {
    "previous": {"key": "previous_version", "call": api.rollback_storefront, "verb": "roll %s back to %s"},
    "latest": {"key": "storefront_version", "call": api.upgrade_storefront, "verb": "upgrade %s to %s"},
}


def versions_result(versions):
    return {key: versions[key] for key in ("site_id", "current_version", "previous_version", "storefront_version")}


def _no_previous(module, versions, site_label):
    """Nothing to roll back to: a no-op with allow_no_previous, else a failure that says how to make it one."""
    message = "%s has no previous storefront version to roll back to" % site_label
    if module.params["allow_no_previous"]:
        return Unchanged(versions, reason=message + " (allow_no_previous: nothing done)")
    raise CommerceError(message + "; set allow_no_previous: true to make this a no-op", facts=versions_result(versions))


def _move(module, before, target, site_label):
    """Call the API, then read the versions again: it answers success even when it did nothing."""
    wanted = before[TARGETS[target]["key"]]
    try:
        answer = TARGETS[target]["call"](module.client, before["site_id"])
    except CommerceApiError as exc:
        if target == "previous" and exc.error_code in NO_PREVIOUS_CODES:  # the server knows better than the versions it showed
            return _no_previous(module, before, site_label)
        raise
    after = read_site_versions(module.client, before["site_id"])
    if after["current_version"] != wanted:
        raise CommerceError("the %s of %s answered success but the site runs %s, not %s"
                            % ("rollback" if target == "previous" else "upgrade", site_label, after["current_version"], wanted),
                            facts=versions_result(after))
    return dict(after, message=answer.get("UpgradeMessage"))


def converge_site_version(module, target):
    """Bring the site of `site_id` to its `target` version (previous or latest) through the write path."""
    site_id = module.params["site_id"]
    site_label = "site %s" % site_id if site_id else EVERY_SITE
    before = read_site_versions(module.client, site_id)
    module.result.update(versions_result(before), message=None, scope=site_label)
    if not site_id:
        module.warn(EVERY_SITE_WARNING)
    wanted = before[TARGETS[target]["key"]]
    if wanted is None:
        if target == "previous":
            module.result["message"] = _no_previous(module, before, site_label).reason
            return
        raise CommerceError("%s reports no latest storefront version" % site_label, facts=versions_result(before))
    module.set_diff({"current_version": before["current_version"]}, {"current_version": wanted})
    if before["current_version"] == wanted:
        module.result["message"] = "%s already runs its %s version %s" % (site_label, target, wanted)
        return
    outcome = module.change(TARGETS[target]["verb"] % (site_label, wanted), _move, module, before, target, site_label)
    if outcome.check_mode:
        module.result.update(versions_result(dict(before, current_version=wanted)))
        return
    module.result.update(versions_result(outcome.value), message=outcome.reason or outcome.value.get("message"))


def read_site_versions(client, site_id):
    """The site's versions; an unknown site fails with a hint naming site_id."""
    try:
        return site_versions(api.storefront_versions(client, site_id), site_id)
    except CommerceApiError as exc:
        if exc.error_code == SITE_NOT_FOUND_CODE:
            raise exc.with_hint("site not found: %s; check site_id" % site_id) from None
        raise


def _converge_version(module):
    converge_site_version(module, module.params["version"])


VERSION_SPEC = ModuleSpec({"version": {"type": "str", "required": True, "choices": ["latest", "previous"]}}, _converge_version,
                          groups=("storefront_site",))
