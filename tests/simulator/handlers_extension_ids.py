# -*- coding: utf-8 -*-
"""Extension IDs: POST /ccadmin/v1/extensions/id (rec, seen) and /ccadmin/v1/applicationIds (doc).

seen (the vendor's DCU): clients use /extensions/id when the instance has it, else /applicationIds;
config.extension_id_endpoint=False is such an instance. An ID belongs to the instance that made it.
"""

from __future__ import annotations

from werkzeug.wrappers import Response

from .http import NOT_FOUND, ApiError, json_response, read_json

TYPES = ("application", "extension")


def _name(body):
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ApiError(400, "13014", "Missing required property: name.")
    return name


def create_extension_id(store, request):
    """seen: {"name", "type": "extension"} -> {"id", "repositoryId"}; rec: a JSON request."""
    if not store.config.extension_id_endpoint:
        # assumed: what an instance without createExtensionID answers; clients fall back on any 404
        raise ApiError(404, "404", "HTTP 404 not found", body=NOT_FOUND)
    body = read_json(request, unsupported_status=415)
    name = _name(body)
    if body.get("type", "extension") != "extension":
        raise ApiError(400, "13014", "type must be extension")  # assumed: every client sends "extension"
    with store.lock:
        record = store.extension_book.generate_id(name, "extension")
    return json_response({"id": record["id"], "repositoryId": record["repositoryId"]})


def create_application_id(store, request):
    """doc: name and type required; lifetimeDays only for applications; the whole record answers."""
    body = read_json(request)
    name = _name(body)
    kind = body.get("type")
    if kind is None:
        raise ApiError(400, "13014", "Missing required property: type.")
    if kind not in TYPES:
        raise ApiError(400, "13014", "type must be application or extension")
    with store.lock:
        return json_response(store.extension_book.generate_id(name, kind))


def _records(store, kind):
    return [store.extension_book.id_item(record) for record in store.extension_book.ids.values() if kind in (None, record["type"])]


def list_application_ids(store, request):
    """doc: {"items": [...]} in the schema, a bare array in the 12-17 and 22D examples; all types without `type`."""
    kind = request.args.get("type") or None
    with store.lock:
        items = _records(store, kind)
    for item in items:
        item.pop("token", None)  # doc: the list's item fields carry no token
    return json_response(items if store.config.application_ids_shape == "array" else {"items": items})


def _one(store, request, ident):
    kind = request.args.get("type")
    if not kind:
        raise ApiError(400, "13014", "Missing required property: type.")  # doc: required on the current page
    record = store.extension_book.ids.get(ident)
    if record is None or record["type"] != kind:
        raise ApiError(404, "404", "HTTP 404 not found", body=NOT_FOUND)  # assumed: no code documented
    return record


def get_application_id(store, request, ident):
    with store.lock:
        item = store.extension_book.id_item(_one(store, request, ident))
    item.pop("token", None)
    return json_response(item)


def delete_application_id(store, request, ident):
    """doc: 200 without a body schema; assumed: an empty body, and an ID in use may be deleted too."""
    with store.lock:
        _one(store, request, ident)
        del store.extension_book.ids[ident]
    return Response(status=200)
