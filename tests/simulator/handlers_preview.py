# -*- coding: utf-8 -*-
"""The preview environment (doc, newer versions): its status, enabling it, promoting its files to live."""

from __future__ import annotations

from .http import ApiError, add_links, json_response, read_json


def _preview_body(store, request):
    enabled = store.config.preview_enabled
    # assumed: provisioning is instant, and the messages' wording
    body = {"previewEnabled": enabled, "progress": "provisioning_complete" if enabled else "none",
            "message": "The preview environment is enabled." if enabled else "The preview environment is disabled."}
    return add_links(body, store.config, request.path)


def preview_status(store, request):
    return json_response(_preview_body(store, request))


def preview_enable(store, request):
    """doc: the body is {"enable": true}, only true accepted."""
    if read_json(request).get("enable") is not True:
        raise ApiError(400, "13014", "Missing required property: enable (only true is accepted).")
    store.config.preview_enabled = True
    return json_response(_preview_body(store, request))


def promote(store, request):
    """doc: {"paths": [bare file names]} -> 202 {"promoteInitiated": true}."""
    paths = read_json(request).get("paths")
    if paths is None:
        raise ApiError(400, "100327", "The server extensions path array cannot be null")
    if not isinstance(paths, list):
        raise ApiError(400, "13014", "paths must be an array of file names")
    if not paths:
        raise ApiError(400, "100328", "The server extensions path array cannot be empty.")
    if not store.config.preview_enabled:
        raise ApiError(400, "100323", "Promote action can not be triggered as preview environment is disabled")
    with store.lock:
        # doc: "File name without path."; a path, or a name preview does not hold, is not a valid shared path
        bad = [path for path in paths if not isinstance(path, str) or "/" in path or path not in store.sses["preview"]]
        if bad:
            raise ApiError(400, "160004", "Invalid shared directory path.", errors=[
                {"errorCode": "160004", "message": "Invalid shared directory path.", "status": "400", "o:errorPath": str(path)} for path in bad])
        if store.promotions.busy():
            # assumed: a promotion while another runs is what "isolation lock not acquired" means
            raise ApiError(400, "100329", "Promote action can not be triggered as SSE isolation lock is not acquired")
        store.start_promotion(paths)
    return json_response(add_links({"promoteInitiated": True}, store.config, request.path), 202)


def promote_status(store, request):
    with store.lock:
        store.settle()
        body = store.promotions.status_body()
    return json_response(add_links(body, store.config, request.path))
