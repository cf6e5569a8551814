# -*- coding: utf-8 -*-
"""Per-site settings that an installed extension defines: GET / PUT /ccadmin/v1/sitesettings/<settings id>.

seen (occ-tools backup and restore): the site is named by the x-ccsite header, and a GET without it is
made too (assumed: the default site); GET answers {"data": {name: value}, "config": {"values": [...]}};
PUT takes the data object; errorCode 33068 means the settings "does not exist" (their extension is not
installed). assumed: 33068 with status 404, also while the extension is deactivated (its content is
removed, doc) and for PUT; a value name the config does not define is refused.
"""

from __future__ import annotations

from .http import ApiError, json_response, read_json

SITE_HEADER = "x-ccsite"


def _site(store, request):
    site = request.headers.get(SITE_HEADER) or store.default_site
    if site not in store.sites:
        raise ApiError(400, "13014", "unknown site %s" % site)  # assumed: no code documented
    return site


def _config(store, settings_id):
    config = store.extension_book.settings_config(settings_id)
    if config is None:
        raise ApiError(404, "33068", "Site settings %s does not exist." % settings_id)
    return config


def _answer(store, settings_id, site):
    return json_response({"data": store.extension_book.settings_data(settings_id, site), "config": _config(store, settings_id)})


def get_settings(store, request, settings_id):
    with store.lock:
        site = _site(store, request)
        _config(store, settings_id)
        return _answer(store, settings_id, site)


def put_settings(store, request, settings_id):
    values = read_json(request)
    with store.lock:
        site = _site(store, request)
        names = {entry["name"] for entry in _config(store, settings_id)["values"]}
        unknown = sorted(set(values) - names)
        if unknown:
            raise ApiError(400, "13014", "unknown setting(s) for %s: %s" % (settings_id, ", ".join(unknown)))
        store.extension_book.settings_values.setdefault(settings_id, {}).setdefault(site, {}).update(values)
        store.note_publishable_change("siteSettings", "%s@%s" % (settings_id, site))
        return _answer(store, settings_id, site)
