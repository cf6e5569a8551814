# -*- coding: utf-8 -*-
"""The sites of the instance: GET /ccadmin/v1/sites.

seen (occ-tools' site-settings backup): the list is asked for with production=true and each item's
repositoryId names the site (what x-ccsite takes). assumed: the list pages with offset/limit and
answers totalResults like the other lists; items also carry id and name; every seeded site is a
production site unless the seed says "production": false; any other production value is refused.
"""

from __future__ import annotations

from .handlers_sse import page
from .http import ApiError, json_response

FLAGS = {"true": True, "false": False}


def _item(site):
    return {"repositoryId": site["id"], "id": site["id"], "name": site.get("name", site["id"]),
            "production": site.get("production", True)}


def list_sites(store, request):
    wanted = request.args.get("production")
    if wanted is not None and wanted.lower() not in FLAGS:
        raise ApiError(400, "13014", "production must be true or false")  # assumed
    with store.lock:
        sites = [_item(site) for site in store.sites.values()]
        if wanted is not None:
            sites = [site for site in sites if site["production"] is FLAGS[wanted.lower()]]
        by_id = {site["id"]: site for site in sites}
        return json_response(page(store, request, list(by_id), by_id.get))
