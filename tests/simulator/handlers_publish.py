# -*- coding: utf-8 -*-
"""Publishing: POST /ccadmin/v1/publish, GET /ccadmin/v1/publish[?lastPublished=true], GET /ccadmin/v1/publish/changes.

doc: POST {} answers {"publishRunning", "statusMessage"}; GET answers getPublishStatus. assumed: the
shape of publish/changes (getPublishingChanges' {"items": [{"id", "assetId", "assetType",
"assetTypeDisplayName", "author", ...}], "totalResults", "offset", "limit"}, paged the same way), a POST
while a publish runs starts nothing and says so, a POST with nothing pending starts nothing.
"""

from __future__ import annotations

from .http import ApiError, json_response, read_json

STARTED = "Publish started."
ALREADY = "A publish is already running."
NOTHING = "There are no changes to publish."


def publish(store, request):
    read_json(request)  # doc: the body is {} (an empty JSON object)
    with store.lock:
        book = store.publishing
        if book.running():
            return json_response({"publishRunning": True, "statusMessage": ALREADY})
        if not book.pending:
            return json_response({"publishRunning": False, "statusMessage": NOTHING})
        book.start()
        return json_response({"publishRunning": True, "statusMessage": STARTED})


def publish_status(store, request):  # pylint: disable=unused-argument
    with store.lock:
        return json_response(store.publishing.status_body())


def _number(args, name, default):
    value = args.get(name)
    if value in (None, ""):
        return default
    if not value.isdigit():
        raise ApiError(400, "13014", "%s must be a non-negative integer" % name)
    return int(value)


def publish_changes(store, request):
    offset = _number(request.args, "offset", 0)
    limit = min(_number(request.args, "limit", store.config.page_cap), store.config.page_cap)
    with store.lock:
        pending = [dict(item) for item in store.publishing.pending]
    return json_response({"items": pending[offset:offset + limit], "totalResults": len(pending), "offset": offset, "limit": limit})
