# -*- coding: utf-8 -*-
"""plugins/module_utils/_api.py: the endpoint functions' own rules, here what counts as a rejected upload."""

from __future__ import annotations

import datetime

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import UploadRejected
from helpers.client_checks import api_error, make_client, upload_fields

SSE = "/ccadmin/v1/serverExtensions"


def test_upload_rejected_with_200_is_an_error_naming_each_files_reason(sim, tmp_path):
    """The record documents rejections as HTTP 200 with success false: the client hands the answer
    back, and the api layer turns it into UploadRejected before anyone counts it as stored."""
    source = tmp_path / "notzip.zip"
    source.write_bytes(b"this is not a zip file")
    client = make_client(sim)
    answer = client.upload(SSE, str(source), "fileUpload", upload_fields("notzip.zip"))
    assert answer["success"] is False and answer["result"]["failedFilesReasons"] == {"notzip.zip": "INVALID_CONTENT"}
    exc = api_error(client, api.upload_sse, client, str(source), "notzip.zip", True, False)
    assert isinstance(exc, UploadRejected) and exc.status == 200 and not exc.changed
    assert exc.reasons == {"notzip.zip": "INVALID_CONTENT"} and "notzip.zip: INVALID_CONTENT" in str(exc)
    assert "HTTP 200" not in str(exc) and "was not stored" in str(exc)
    assert sim.sse_names() == []


@pytest.mark.parametrize("answer, expected", [
    ({"success": True, "result": {"failedFiles": 0, "allFilesFailed": False}}, None),
    ({"success": True, "result": {"failedFiles": 1, "failedFilesReasons": {"a.zip": "VIRUS_DETECTED"}}}, "a.zip: VIRUS_DETECTED"),
    ({"success": True, "result": {"allFilesFailed": True}}, "no reason given"),
    ({"success": False}, "no reason given"),
    ({"errorCode": "33000", "message": "quota exceeded"}, "quota exceeded"),
    ({}, None),
    ({"success": True, "result": {"failedFiles": True}}, None),
])
def test_upload_rejection_rules(answer, expected):
    rejection = api.upload_rejection(answer, "a.zip")
    if expected is None:
        assert rejection is None
    else:
        assert expected in rejection["message"]


def test_log_endpoints_live_under_ccadminx_custom(sim, tmp_path):
    client = make_client(sim)
    sim.store.restarts.logs.append("preview", "error", "boom")
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")
    assert "boom" in api.server_log_tail(client, "error", today, "preview")
    assert api.server_log_tail(client, "error") == ""  # live logged nothing
    zipped = b"".join(api.download_server_log(client, "error", today, "preview"))
    assert zipped.startswith(b"PK")
    paths = [(entry["path"], entry["query"]) for entry in sim.journal if entry["method"] == "GET"]
    assert paths == [("/ccadminx/custom/v1/logs/tail", {"loggingLevel": "error", "date": today, "environmentType": "preview"}),
                     ("/ccadminx/custom/v1/logs/tail", {"loggingLevel": "error"}),
                     ("/ccadminx/custom/v1/logs", {"loggingLevel": "error", "date": today, "environmentType": "preview", "format": "zip"})]
