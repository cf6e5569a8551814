# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The values of one settings ID on one site, as the server holds them."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, LookupFailed

# seen: the settings "does not exist" because the extension that defines them is not installed
NOT_INSTALLED = "33068"


def site_label(site_id):
    """How messages name a site; None is the default site (no x-ccsite header)."""
    return "site %s" % site_id if site_id else "the default site"


def not_installed(exc, settings_id, site_id):
    return LookupFailed("settings %s on %s cannot be used: the extension that defines these settings is not installed "
                        "(or is deactivated); install and enable it first (errorCode %s)" % (settings_id, site_label(site_id), NOT_INSTALLED),
                        facts={"error": exc.as_dict()})


def settings_call(call, settings_id, site_id, *args):
    """`call(...)` with 33068 turned into the message that names the missing extension."""
    try:
        return call(*args)
    except CommerceApiError as exc:
        if exc.error_code == NOT_INSTALLED:
            raise not_installed(exc, settings_id, site_id) from None
        raise


def read_values(client, settings_id, site_id):
    """The `data` object of the settings on the site: {name: value}."""
    answer = settings_call(api.get_site_settings, settings_id, site_id, client, settings_id, site_id)
    data = answer.get("data") if isinstance(answer, dict) else None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CommerceApiError("GET", "%s/%s" % (api.SITE_SETTINGS_PATH, settings_id), 200,
                               message="the answer's data is not an object of values")
    return data


def write_values(client, settings_id, site_id, values):
    return settings_call(api.put_site_settings, settings_id, site_id, client, settings_id, site_id, values)
