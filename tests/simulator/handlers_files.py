# -*- coding: utf-8 -*-
"""The file store API: /ccadmin/v1/files (segmented JSON with base64, or multipart) and /file/<path> downloads.

doc: PUT /files {"filename", "segments"} -> {"token", "segmentsNeeded"}; POST /files/<token> {"filename",
"file": <base64>, "index"} -> {"success"} and, on the last segment only, "result" with hadSuccess and
fileResults[].destination; PUT /files/<token> lists the segments still needed; multipart POST /files
(fileUpload, filename, uploadType) answers like a finished upload. Errors 13014 (missing property),
20306 (invalid file name). seen: clients also put "token" in a segment's body and ?changeContext= on the URL.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
import os
import tempfile

from werkzeug.wrappers import Response
from werkzeug.wsgi import wrap_file

from .filestore import normal_path
from .http import NOT_FOUND, ApiError, add_links, json_response, read_json

FILES = "/ccadmin/v1/files"
# doc: the multipart call's uploadType values; "extensions" is not among them (it belongs to /serverExtensions)
UPLOAD_TYPES = ("collectionImage", "crashReport", "general", "manualCollectionImage", "manualProductImage", "productImage",
                "thirdPartyFile", "bulkImport")


def missing(name):
    return ApiError(400, "13014", "Missing required property: %s." % name)


def _path(value):
    if value in (None, ""):
        raise missing("filename")
    path = normal_path(value)
    if path is None:
        raise ApiError(400, "20306", "The filename is invalid")
    return path


def _upload(store, token):
    if token not in store.files.uploads:
        # assumed: an unknown or finished token; no code is documented for it
        raise ApiError(404, "13014", "no upload in progress with token %s" % token)
    return store.files.uploads[token]


def _result(path, replaced):
    """doc: hadSuccess and fileResults[].destination; assumed: the counters as the SSE upload spells them."""
    return {"hadSuccess": True, "allFilesFailed": False, "failedFiles": 0, "failedFilesReasons": {}, "newFiles": int(not replaced),
            "modifiedFiles": int(replaced), "unzipped": False,
            "fileResults": [{"destination": path, "name": path.rsplit("/", 1)[-1], "status": "modified" if replaced else "new"}]}


def start_upload(store, request):
    body = read_json(request)
    path = _path(body.get("filename"))
    segments = body.get("segments")
    if segments is None:
        raise missing("segments")
    if isinstance(segments, bool) or not isinstance(segments, int) or segments < 1:
        raise ApiError(400, "13014", "segments must be a whole number of at least 1")  # assumed
    with store.lock:
        token = store.files.start(path, segments)
        return json_response({"token": token, "segmentsNeeded": store.files.needed(token)})


def resume_upload(store, request, token):
    read_json(request)
    with store.lock:
        _upload(store, token)
        return json_response({"token": token, "segmentsNeeded": store.files.needed(token)})


def upload_segment(store, request, token):
    body = read_json(request)
    path = _path(body.get("filename"))
    if body.get("file") in (None, ""):
        raise missing("file")
    index = body.get("index")
    try:
        data = base64.b64decode(str(body["file"]), validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "13014", "file is not valid base64") from None
    with store.lock:
        upload = _upload(store, token)
        if path != upload["filename"]:
            raise ApiError(400, "13014", "filename %s is not the one this upload was started for" % path)  # assumed
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < upload["segments"]:
            raise ApiError(400, "13014", "index must be a segment number from 0 to %d" % (upload["segments"] - 1))  # assumed
        if not store.files.put_segment(token, index, data):
            return json_response(add_links({"success": True}, store.config, request.path))
        stored, replaced = store.files.finish(token)
    return json_response(add_links({"success": True, "result": _result(stored, replaced)}, store.config, request.path))


def upload_multipart(store, request):
    if request.mimetype != "multipart/form-data":
        raise ApiError(415, "415", "the upload must be multipart/form-data")
    part = request.files.get("fileUpload")
    path = _path(request.form.get("filename"))
    if part is None:
        raise missing("fileUpload")
    upload_type = request.form.get("uploadType")
    if upload_type not in (None, "") and upload_type not in UPLOAD_TYPES:
        raise ApiError(400, "13014", "uploadType must be one of %s" % ", ".join(UPLOAD_TYPES))
    handle, temp = tempfile.mkstemp(dir=os.path.join(store.files.root, ".segments"))
    with os.fdopen(handle, "wb") as out:
        part.save(out)
    with store.lock:
        replaced = store.files.put(path, temp)
    return json_response(add_links({"success": True, "result": _result(path, replaced)}, store.config, request.path))


def download(store, request, path):
    """seen (two clients): GET /file/<zipPath> returns an installed extension's zip; assumed: a bearer token suffices."""
    stored = normal_path(path)
    with store.lock:
        local = store.files.local(stored) if stored else None
        if local is None:
            raise ApiError(404, "404", "HTTP 404 not found", body=NOT_FOUND)
        handle = open(local, "rb")  # pylint: disable=consider-using-with
        size = store.files.files[stored]["size"]
    mimetype = mimetypes.guess_type(stored)[0] or "application/octet-stream"
    return Response(wrap_file(request.environ, handle, 1024 * 1024), mimetype=mimetype, direct_passthrough=True,
                    headers={"Content-Length": str(size)})
