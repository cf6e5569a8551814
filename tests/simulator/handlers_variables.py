# -*- coding: utf-8 -*-
"""SSE environment variables under /ccadmin/v1/extensionEnvironmentVariables, and POST .../servers/push.

doc, rec: GET ?limit&offset answers {"items": [...], "links"}; POST {"name", "value"}; PUT /<id> {"name",
"value"}; DELETE /<id> answers 200 null, also for an id that does not exist; names may be duplicated.
seen (occ-tools v3): POST /ccadminx/custom/v1/servers/push, sent without a body, makes the extension
server pull its configuration, these variables among it.

Assumed: the listing carries `links` in every version (the record shows one shape for all the pages it
cites, so the `links` switch of older SSE answers does not apply); no totalResults (the record shows
none); POST and PUT answer 200 with the item; PUT of an unknown id answers 404; a missing name or a
value that is not a string answers 400 13014. The push itself is answered in handlers_restart.py.
"""

from __future__ import annotations

from .http import ApiError, json_response, read_json

PATH = "/ccadmin/v1/extensionEnvironmentVariables"


def _window(store, request):
    """(offset, limit) of a listing request; the page holds at most config.page_cap items."""
    try:
        offset = int(request.args.get("offset", 0))
        limit = int(request.args.get("limit", store.config.page_cap))
    except ValueError:
        raise ApiError(400, "13014", "offset and limit must be integers") from None
    if offset < 0 or limit < 1:
        raise ApiError(400, "13014", "offset must be >= 0 and limit >= 1")
    return offset, limit


def list_variables(store, request):
    offset, limit = _window(store, request)
    with store.lock:
        items = store.variables.listing()
    chosen = items[offset:offset + min(limit, store.config.page_cap)]
    links = [{"rel": "self", "href": request.full_path.rstrip("?")}]
    if offset + len(chosen) < len(items):
        links.append({"rel": "next", "href": "%s?offset=%d&limit=%d" % (PATH, offset + len(chosen), limit)})
    return json_response({"items": chosen, "links": links})


def _fields(request):
    """(name, value, previewValue or None) of a POST or PUT body; a value is never echoed in an error."""
    body = read_json(request)
    name, value, preview = body.get("name"), body.get("value"), body.get("previewValue")
    if not isinstance(name, str) or not name:
        raise ApiError(400, "13014", "Missing required property: name")
    if not isinstance(value, str):
        raise ApiError(400, "13014", "Missing required property: value (a string)")
    if preview is not None and not isinstance(preview, str):
        raise ApiError(400, "13014", "previewValue must be a string")
    return name, value, preview


def create_variable(store, request):
    name, value, preview = _fields(request)
    with store.lock:
        return json_response(store.variables.create(name, value, preview))


def update_variable(store, request, variable_id):
    name, value, preview = _fields(request)
    with store.lock:
        item = store.variables.update(variable_id, name, value, preview)
    if item is None:
        raise ApiError(404, "404", "environment variable %s not found" % variable_id)
    return json_response(item)


def delete_variable(store, request, variable_id):  # pylint: disable=unused-argument
    with store.lock:
        store.variables.delete(variable_id)
    return json_response(None)
