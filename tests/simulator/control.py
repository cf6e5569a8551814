# -*- coding: utf-8 -*-
"""The control plane under /__sim__/: journal, faults, config and state for out-of-process users."""

from __future__ import annotations

import copy
import json

from werkzeug.wrappers import Response

from .filestore import normal_path
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
    answer = extension_control(store, request, path, body)
    return answer if answer is not None else Response("unknown control endpoint", status=404)


def extension_control(store, request, path, body):
    """PUT files/<path> (raw bytes into the file store), POST extension-ids {"name"}, POST extensions
    {"name": <file in /extensions/>, "enabled"} (install without a token), POST widget-instances
    {"extension", "widget", "name"}; None for any other path."""
    if path.startswith("files/") and request.method == "PUT":
        with store.lock:
            store.files.put_bytes(normal_path(path[len("files"):]), request.get_data())
        return json_response(None, 204)
    if path == "extension-ids" and request.method == "POST":
        with store.lock:
            return json_response(store.extension_book.generate_id(body.get("name") or "Sim Extension"))
    if path == "extensions" and request.method == "POST":
        item, errors, warnings = store.install_extension(body.get("name", ""))
        if item is None:
            return json_response({"errors": errors or ["no such file in /extensions/"], "warnings": warnings}, 400)
        if body.get("enabled") is False:
            with store.lock:
                store.extension_book.set_enabled(store.extension_book.find(item["repositoryId"]), False)
                item = dict(store.extension_book.find(item["repositoryId"]))
        return json_response(item)
    if path == "widget-instances" and request.method == "POST":
        try:
            with store.lock:
                return json_response(store.extension_book.add_widget_instance(body.get("extension"), body.get("widget"), body.get("name")))
        except ValueError as exc:
            return json_response({"message": str(exc)}, 400)
    return None
