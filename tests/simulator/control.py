# -*- coding: utf-8 -*-
"""The control plane under /__sim__/: journal, faults, config and state for out-of-process users."""

from __future__ import annotations

import copy
import json

from werkzeug.wrappers import Response

from .http import json_response


def _config_update(store, changes):
    """Every change or none: the values are checked on a copy first (Config raises on a bad one)."""
    trial = copy.copy(store.config)
    for key, value in changes.items():
        setattr(trial, key, value)
    for key, value in changes.items():
        setattr(store.config, key, value)


def handle(app, request):  # pylint: disable=too-many-return-statements
    store = app.store
    path = request.path[len("/__sim__/"):]
    body = json.loads(request.get_data() or b"{}") if request.mimetype == "application/json" else {}
    if path == "journal" and request.method == "GET":
        return json_response(app.journal.entries)
    if path == "journal" and request.method == "DELETE":
        app.journal.clear()
        return json_response(None, 204)
    if path == "faults" and request.method == "POST":
        app.faults.add(body.pop("method", "*"), body.pop("path"), body.pop("kind"), body.pop("times", 1), **body)
        return json_response(None, 204)
    if path == "faults" and request.method == "DELETE":
        app.faults.clear()
        return json_response(None, 204)
    if path == "config" and request.method == "PATCH":
        try:
            _config_update(store, body)
        except (AttributeError, ValueError, TypeError) as exc:
            return json_response({"message": str(exc)}, 400)
        return json_response(None, 204)
    if path == "expire-tokens" and request.method == "POST":
        store.expire_tokens()
        return json_response(None, 204)
    if path == "state" and request.method == "GET":
        return json_response(store.snapshot())
    if path.startswith("sse/") and request.method == "PUT":
        dummy, env, name = path.split("/", 2)
        store.put_sse(env, name, request.get_data(), running=request.args.get("running") == "true")
        return json_response(None, 204)
    return Response("unknown control endpoint", status=404)
