# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The site settings an extension defines, and keeping their values across a reinstall.

Deleting an extension drops the values of its settings; occ-tools backs them up on every site
and puts them back after the new version is installed, and so does the module.
"""

from __future__ import annotations

import re
import zipfile

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError

# The folder an extension's site settings live in (config/<settings id>/config.json).
SETTINGS_ENTRY = re.compile(r"\Aconfig/([^/]+)/config\.json\Z")
# Settings whose extension is not installed (seen), or not found.
NOT_THERE = ("33068",)


def settings_ids(path):
    """The settings IDs the extension zip at `path` defines, sorted."""
    with zipfile.ZipFile(path) as archive:
        return sorted({match.group(1) for match in (SETTINGS_ENTRY.match(name) for name in archive.namelist()) if match})


def site_ids(client):
    """Every site's ID, from the production site list (as occ-tools reads it: items[].repositoryId).

    A reinstall drops the values on every site, so a list that cannot be read, or names no site,
    fails here: this runs before anything is deactivated.
    """
    try:
        sites = api.list_sites(client)
    except CommerceApiError as exc:
        raise CommerceError("cannot list the sites (%s): the settings values could not be backed up on every site, "
                            "so nothing was changed" % exc, facts={"error": exc.as_dict()}) from None
    found = [site.get("repositoryId") or site.get("id") for site in sites if isinstance(site, dict)]
    found = [site_id for site_id in found if site_id]
    if not found:
        raise CommerceError("the site list names no site: the settings values could not be backed up, so nothing was changed")
    return list(dict.fromkeys(found))


def read_values(client, ids, sites):
    """{settings id: {site id: values}} of every settings ID on every site that has values for it."""
    saved = {}
    for settings_id in ids:
        for site_id in sites:
            try:
                answer = api.get_site_settings(client, settings_id, site_id)
            except CommerceApiError as exc:
                if exc.status == 404 or exc.error_code in NOT_THERE:
                    continue
                raise
            values = answer.get("data") if isinstance(answer, dict) else None
            if isinstance(values, dict) and values:
                saved.setdefault(settings_id, {})[site_id] = values
    return saved


def restore_values(client, saved, defined):
    """PUT back the saved values of the settings the new version still `defined`; (restored, dropped) as
    "settings id@site id" names."""
    restored, dropped = [], []
    for settings_id in sorted(saved):
        for site_id in sorted(saved[settings_id]):
            label = "%s@%s" % (settings_id, site_id or "default")
            if settings_id not in defined:
                dropped.append(label)
                continue
            api.put_site_settings(client, settings_id, site_id, saved[settings_id][site_id])
            restored.append(label)
    return restored, dropped
