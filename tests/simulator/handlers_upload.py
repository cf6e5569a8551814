# -*- coding: utf-8 -*-
"""POST /ccadmin/v1/serverExtensions (multipart): store an SSE, or reject it the documented way.

doc: a rejected file answers HTTP 200 with success false, result.allFilesFailed true and the reason
in result.failedFilesReasons; nothing is stored and nothing restarts.
"""

from __future__ import annotations

import os
import secrets
import tempfile

from werkzeug.formparser import parse_form_data

from .http import ApiError, add_links, environment, flag, json_response
from .state import content_checksum
from .zips import entry_names, holds_entry

UPLOAD_FIELDS = {"filename", "uploadType", "force", "restartExtensionServer", "trackProgress", "environmentType"}
MULTIPART_OVERHEAD = 64 * 1024
UPLOADED = "The extension has been uploaded."
TRACKED = "The extension has been uploaded. Please use the workRequestId to track the restart status."
REJECTED = "The extension could not be uploaded."  # assumed wording
NO_IMAGES = {"failedImages": 0, "allImagesFailed": False, "failedImagesReasons": {}, "modifiedImages": 0, "newImages": 0, "assignedImages": 0}


def name_problem(name):
    """doc reasons for a bad file name: INVALID_NAME (not a plain name), INVALID_EXTENSION (not .zip)."""
    if name == ".zip" or "/" in name or "\\" in name or ".." in name or any(ord(char) < 32 for char in name):
        return "INVALID_NAME"
    if not name.endswith(".zip"):
        return "INVALID_EXTENSION"
    return None


def _drain(stream):
    for dummy in iter(lambda: stream.read(1024 * 1024), b""):
        pass


def too_large(config):
    # assumed: the guide only says the zip "should not be larger than 25 MB"; no code is documented
    return ApiError(413, "413", "the extension file is larger than the %d bytes allowed" % config.max_upload_bytes)


def upload(store, request):
    if request.mimetype != "multipart/form-data":
        raise ApiError(415, "415", "the upload must be multipart/form-data")
    length = request.content_length
    if length is not None and length > store.config.max_upload_bytes + MULTIPART_OVERHEAD:
        _drain(request.stream)
        raise too_large(store.config)
    incoming = os.path.join(store.state_dir, ".incoming")
    os.makedirs(incoming, exist_ok=True)
    parts = []

    def stream_factory(total_content_length=None, content_type=None, filename=None, content_length=None):  # pylint: disable=unused-argument
        handle = tempfile.NamedTemporaryFile("wb+", dir=incoming, delete=False)  # pylint: disable=consider-using-with
        parts.append(handle)
        return handle

    try:
        dummy, form, files = parse_form_data(request.environ, stream_factory=stream_factory, max_form_memory_size=2 * 1024 * 1024)
        return _store_upload(store, form, files)
    finally:
        for handle in parts:
            handle.close()
            if os.path.exists(handle.name):
                os.unlink(handle.name)


def _checked_form(form, files):
    unknown = sorted((set(form) - UPLOAD_FIELDS) | (set(files) - {"fileUpload"}))
    if unknown:
        raise ApiError(400, "13014", "unknown form field(s): %s" % ", ".join(unknown))
    if not form.get("filename"):
        raise ApiError(400, "13014", "Missing required property: filename.")  # assumed: the doc marks nothing required
    if "fileUpload" not in files:
        raise ApiError(400, "13014", "Missing required property: fileUpload.")
    if form.get("uploadType", "extensions") != "extensions":
        raise ApiError(400, "13014", "uploadType must be extensions")  # doc: optional, allowed ['extensions']
    return form["filename"], environment(form.get("environmentType"))


def _store_upload(store, form, files):
    config = store.config
    name, env = _checked_form(form, files)
    part = files["fileUpload"]
    part.stream.flush()
    temp_path = part.stream.name
    if os.path.getsize(temp_path) > config.max_upload_bytes:
        raise too_large(config)
    reason = name_problem(name)
    entries = None if reason else entry_names(temp_path)
    if reason is None and entries is None:
        reason = "INVALID_CONTENT"
    if reason is None and holds_entry(entries, config.reject_entry):
        reason = config.reject_reason  # a test switch standing for the virus scan
    digests = content_checksum(temp_path) if reason is None else None  # hashed outside the lock
    with store.lock:
        existed = name in store.sses[env]
        if reason is None and existed and not flag(form, "force", False):
            # assumed: without force=true an existing file is not replaced; no documented reason fits better
            reason = "UNKNOWN_REASON"
        if reason is not None:
            return json_response(_answer(config, False, {name: reason}, []))
        store.store_sse(env, name, temp_path, entries, digests)
    result_item = {"name": name, "path": "/serverExtensions/" + name, "status": "modified" if existed else "new"}  # assumed shape
    body = _answer(config, True, {}, [result_item], modified=int(existed))
    body["message"] = UPLOADED
    if flag(form, "restartExtensionServer", True):
        work_id = store.start_restart(env)
        if flag(form, "trackProgress", False):
            body.update(message=TRACKED, workRequestId=work_id)
    return json_response(body)


def _answer(config, success, reasons, file_results, modified=0):
    result = dict(NO_IMAGES, newFiles=int(success and not modified), modifiedFiles=modified, failedFiles=len(reasons),
                  allFilesFailed=not success, hadSuccess=success, failedFilesReasons=reasons, fileResults=file_results, unzipped=False)
    body = {"success": success, "result": result, "token": "%s_%s" % (secrets.token_hex(6), secrets.token_hex(2))}
    if not success:
        body["message"] = REJECTED
    return add_links(body, config, "/serverExtensions")  # guide: the example's self link
