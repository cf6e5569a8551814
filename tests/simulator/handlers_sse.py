# -*- coding: utf-8 -*-
"""Server-side extension endpoints: list, download, upload, delete, deleteFiles, preview, promotion."""

from __future__ import annotations

import os
import tempfile
import zipfile

from werkzeug.formparser import parse_form_data
from werkzeug.wrappers import Response
from werkzeug.wsgi import wrap_file

from .http import ApiError, flag, json_response, links, read_json
from .state import ENVIRONMENTS, random_id

SSE = "/ccadmin/v1/serverExtensions"
UPLOAD_FIELDS = {"filename", "uploadType", "force", "restartExtensionServer", "trackProgress", "environmentType"}
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
MULTIPART_OVERHEAD = 64 * 1024


def environment(request, body=None):
    env = (body or {}).get("environmentType") or request.args.get("environmentType") or "live"
    if env not in ENVIRONMENTS:
        raise ApiError(400, "13014", "environmentType must be live or preview, not %r" % env)
    return env


def check_name(name):
    if not name.endswith(".zip") or "/" in name or "\\" in name or ".." in name or name == ".zip":
        raise ApiError(400, "13014", "invalid extension file name %r: a plain <name>.zip is required" % name)


def page(store, request, names, item):
    """One page of a list: offset/limit, capped at config.page_cap."""
    try:
        offset = int(request.args.get("offset", 0))
        limit = int(request.args.get("limit", 250))
    except ValueError:
        raise ApiError(400, "13014", "offset and limit must be integers") from None
    if offset < 0 or limit < 1:
        raise ApiError(400, "13014", "offset must be >= 0 and limit >= 1")
    count = min(limit, store.config.page_cap)
    chosen = names[offset:offset + count]
    result_links = links(request.full_path.rstrip("?"))
    if offset + len(chosen) < len(names):
        result_links.append({"rel": "next", "href": "%s?offset=%d&limit=%d" % (request.path, offset + len(chosen), limit)})
    if offset > 0:
        result_links.append({"rel": "prev", "href": "%s?offset=%d&limit=%d" % (request.path, max(0, offset - limit), limit)})
    return {"items": [item(name) for name in chosen], "offset": offset, "limit": limit, "totalResults": len(names), "links": result_links}


def list_sses(store, request):
    env = environment(request)
    text = request.args.get("filter") or ""
    with store.lock:
        names = sorted(name for name in store.sses[env] if text in name)
        return json_response(page(store, request, names, lambda name: store.listing_item(env, name)))


def download(store, request, name):
    env = environment(request)
    with store.lock:
        if name not in store.sses[env]:
            raise ApiError(404, "33116", "server extension %s not found" % name)
        handle = open(store.sse_path(env, name), "rb")
        size = store.sses[env][name]["size"]
    return Response(wrap_file(request.environ, handle, 1024 * 1024), mimetype="application/zip", direct_passthrough=True,
                    headers={"Content-Length": str(size), "Content-Disposition": "attachment; filename=%s" % name})


def restart_answer(store, request_args, restart, message):
    """(body, status) for a change that may restart the extension server."""
    if not restart:
        return None
    work_id = store.start_restart()
    if flag(request_args, "trackProgress", False):
        return {"message": message, "workRequestId": work_id}
    return None


def _drain(stream):
    for dummy in iter(lambda: stream.read(1024 * 1024), b""):
        pass


def upload(store, request):
    config = store.config
    if request.mimetype != "multipart/form-data":
        raise ApiError(415, "415", "the upload must be multipart/form-data")
    length = request.content_length
    if length is not None and length > config.max_upload_bytes + MULTIPART_OVERHEAD:
        _drain(request.stream)
        raise ApiError(413, "33112", "the extension file is larger than the %d bytes allowed" % config.max_upload_bytes)
    env_dir = os.path.join(store.state_dir, ".incoming")
    os.makedirs(env_dir, exist_ok=True)
    parts = []

    def stream_factory(total_content_length=None, content_type=None, filename=None, content_length=None):  # pylint: disable=unused-argument
        handle = tempfile.NamedTemporaryFile("wb+", dir=env_dir, delete=False)
        parts.append(handle)
        return handle

    try:
        dummy, form, files = parse_form_data(request.environ, stream_factory=stream_factory, max_form_memory_size=2 * 1024 * 1024)
        return _store_upload(store, request, form, files)
    finally:
        for handle in parts:
            handle.close()
            if os.path.exists(handle.name):
                os.unlink(handle.name)


def _store_upload(store, request, form, files):
    unknown = sorted((set(form) - UPLOAD_FIELDS) | (set(files) - {"fileUpload"}))
    if unknown:
        raise ApiError(400, "13014", "unknown form field(s): %s" % ", ".join(unknown))
    for required in ("filename", "uploadType"):
        if not form.get(required):
            raise ApiError(400, "13014", "missing required form field %s" % required)
    if "fileUpload" not in files:
        raise ApiError(400, "13014", "missing required file part fileUpload")
    if form["uploadType"] != "extensions":
        raise ApiError(400, "13014", "uploadType must be extensions")
    name = form["filename"]
    check_name(name)
    env = environment(request, {"environmentType": form.get("environmentType")})
    part = files["fileUpload"]
    temp_path = part.stream.name
    part.stream.flush()
    size = os.path.getsize(temp_path)
    if size > store.config.max_upload_bytes:
        raise ApiError(413, "33112", "the extension file is larger than the %d bytes allowed" % store.config.max_upload_bytes)
    with open(temp_path, "rb") as handle:
        magic = handle.read(4)
    try:
        if magic not in ZIP_MAGIC:
            raise zipfile.BadZipFile("no zip signature")
        with zipfile.ZipFile(temp_path) as archive:
            archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ApiError(400, "33114", "%s is not a valid zip file" % name) from None
    if name in store.sses[env] and not flag(form, "force", False):
        raise ApiError(400, "33113", "%s already exists: upload with force=true to replace it" % name)
    stored = os.path.join(store.state_dir, ".incoming", ".upload-" + random_id())
    os.replace(temp_path, stored)
    store.store_sse(env, name, stored)
    restart = flag(form, "restartExtensionServer", True)
    body = {"success": True, "result": {"unzipped": False, "failedFiles": 0, "modifiedFiles": 1, "newFiles": 0},
            "links": links(SSE), "token": random_id(12).lower()}
    tracked = restart_answer(store, form, restart, "The extension has been uploaded. Please use the workRequestId to track the restart status.")
    if tracked:
        body.update(tracked)
    else:
        body["message"] = "The extension has been uploaded."
    return json_response(body)


def _deleted_answer(store, request):
    tracked = restart_answer(store, request.args, flag(request.args, "restartExtensionServer", True),
                             "The extension server restart request has been accepted. Please use the workRequestId to track the restart status.")
    if tracked:
        return json_response(tracked, 202)
    return json_response(None, 204)


def delete(store, request, name):
    env = environment(request)
    with store.lock:
        if name not in store.sses[env]:
            raise ApiError(404, "33116", "server extension %s not found" % name)
        if name in store.config.undeletable:
            raise ApiError(500, "33115", "the file %s could not be deleted" % name)
        store.delete_sse(env, name)
    return _deleted_answer(store, request)


def delete_files(store, request):
    body = read_json(request)
    env = environment(request)
    paths = body.get("paths")
    if paths is None:
        raise ApiError(400, "100301", "paths must not be null")
    if not isinstance(paths, list) or not paths:
        raise ApiError(400, "100302", "paths must not be empty")
    failed = []
    with store.lock:
        for path in paths:
            name = str(path).lstrip("/")
            if name not in store.sses[env] or name in store.config.undeletable:
                failed.append({"errorCode": "33115", "message": "the file %s could not be deleted" % name, "status": "400"})
            else:
                store.delete_sse(env, name)
    if failed:
        raise ApiError(400, "100307", "one or more files could not be deleted", errors=failed)
    return _deleted_answer(store, request)


def preview_status(store, request):  # pylint: disable=unused-argument
    return json_response({"enabled": store.preview_enabled})


def preview_enable(store, request):  # pylint: disable=unused-argument
    store.preview_enabled = True
    return json_response({"enabled": True})


def promote(store, request):
    paths = read_json(request).get("paths")
    if not isinstance(paths, list) or not paths:
        raise ApiError(400, "100302", "paths must be a non-empty list")
    names = [str(path).lstrip("/") for path in paths]
    unknown = [name for name in names if name not in store.sses["preview"]]
    if unknown:
        raise ApiError(400, "13014", "not in the preview environment: %s" % ", ".join(unknown))
    store.start_promotion(names)
    return json_response({"promoteInitiated": True}, 202)


def promote_status(store, request):  # pylint: disable=unused-argument
    return json_response({"status": store.promotion_status()})
