# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storefront framework versions in the collection's shape."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError

# The API shows a missing previous version as "", null, or the literal string "\"\"".
NO_VERSION = (None, "", '""')
NO_PREVIOUS_CODES = ("30103", "30106")
SITE_NOT_FOUND_CODE = "30105"


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


def rollback_needed(versions):
    """'rollback', 'already' (current is the previous version) or 'no_previous'."""
    if not versions["has_previous"]:
        return "no_previous"
    if versions["current_version"] == versions["previous_version"]:
        return "already"
    return "rollback"


def read_site_versions(client, site_id):
    """The site's versions; an unknown site fails with a hint naming site_id."""
    try:
        return site_versions(api.storefront_versions(client, site_id), site_id)
    except CommerceApiError as exc:
        if exc.error_code == SITE_NOT_FOUND_CODE:
            raise exc.with_hint("site not found: %s; check site_id" % site_id) from None
        raise
