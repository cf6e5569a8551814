# -*- coding: utf-8 -*-
"""CommerceApiError: parsing every shape of error answer, text, redaction."""

from __future__ import annotations

import json

import pytest
import requests

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, redact

APP_KEY = "sim-app-key-4c1e8b2f"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXN0dWZm"


def response(status, body, content_type="application/json", reason="Whatever"):
    answer = requests.Response()
    answer.status_code = status
    answer.reason = reason
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    answer._content = body.encode("utf-8") if isinstance(body, str) else body  # pylint: disable=protected-access
    answer.headers["Content-Type"] = content_type
    return answer


def test_error_model_with_nested_errors():
    body = {
        "errorCode": "100307", "message": "One or more files could not be deleted", "status": "400",
        "devMessage": "dev detail",
        "errors": [
            {"errorCode": "33115", "message": "a.zip could not be deleted", "o:errorPath": "/a.zip"},
            {"errorCode": "33115", "message": "b.zip could not be deleted"},
        ],
    }
    exc = CommerceApiError.from_response("POST", "/ccadmin/v1/serverExtensions/deleteFiles?restart=true", response(400, body))
    assert exc.status == 400
    assert exc.error_code == "100307"
    assert exc.message == "One or more files could not be deleted"
    assert [item["errorCode"] for item in exc.errors] == ["33115", "33115"]
    assert exc.path == "/ccadmin/v1/serverExtensions/deleteFiles"
    text = str(exc)
    assert text.startswith("POST /ccadmin/v1/serverExtensions/deleteFiles failed: HTTP 400, errorCode 100307: "
                           "One or more files could not be deleted")
    assert "a.zip could not be deleted" in text and "b.zip could not be deleted" in text
    assert "restart=true" not in text


def test_str_matches_the_documented_shape():
    exc = CommerceApiError.from_response("POST", "/ccadmin/v1/serverExtensions",
                                         response(400, {"errorCode": "33113", "message": "File exists", "status": "400"}))
    assert str(exc) == "POST /ccadmin/v1/serverExtensions failed: HTTP 400, errorCode 33113: File exists"


def test_message_only_in_nested_errors():
    exc = CommerceApiError.from_response("GET", "/x", response(400, {"errors": [{"errorCode": "13014", "message": "missing"}]}))
    assert exc.error_code == "13014"
    assert exc.message == "missing"


def test_login_style_error():
    exc = CommerceApiError.from_response("POST", "/ccadmin/v1/login",
                                         response(401, {"error": "invalid_client", "error_description": "bad client"}),
                                         hint="authentication failed: check app_key")
    assert exc.error_code == "invalid_client"
    assert exc.message == "bad client"
    assert str(exc) == ("POST /ccadmin/v1/login failed: HTTP 401, errorCode invalid_client: bad client "
                        "(authentication failed: check app_key)")


def test_html_outage_page_uses_title():
    page = "<html><head><title>Application Unavailable</title></head><body><h1>Sorry</h1>" + "x" * 5000 + "</body></html>"
    exc = CommerceApiError.from_response("GET", "/ccadmin/v1/extensions", response(503, page, "text/html"))
    assert exc.message == "Application Unavailable"
    assert str(exc) == "GET /ccadmin/v1/extensions failed: HTTP 503: Application Unavailable"


def test_plain_text_is_cut_to_200_characters():
    exc = CommerceApiError.from_response("GET", "/x", response(502, "bad gateway " * 100, "text/plain"))
    assert exc.message.startswith("bad gateway bad gateway")
    assert len(exc.message) <= 203


def test_html_without_title_is_stripped_of_tags():
    exc = CommerceApiError.from_response("GET", "/x", response(500, "<p>Internal <b>error</b></p>", "text/html"))
    assert exc.message == "Internal error"


@pytest.mark.parametrize("body", [b"", b"\xff\xfe\x00garbage", b"{not json", b"[1, 2]", b'"just a string"', b"null",
                                  b'{"errorCode": 12, "message": null, "errors": "oops"}'])
def test_survives_any_body(body):
    exc = CommerceApiError.from_response("DELETE", "/x", response(418, body, "application/json", reason="I'm a teapot"))
    assert str(exc).startswith("DELETE /x failed: HTTP 418")
    assert exc.status == 418
    assert isinstance(exc.errors, list)


def test_empty_body_falls_back_to_reason():
    exc = CommerceApiError.from_response("GET", "/x", response(404, b"", reason="Not Found"))
    assert str(exc) == "GET /x failed: HTTP 404: Not Found"


def test_unreadable_body_still_gives_the_status():
    class Broken:
        status_code = 502
        reason = "Bad Gateway"
        encoding = None

        @property
        def content(self):
            raise requests.exceptions.ChunkedEncodingError("connection broken")

    exc = CommerceApiError.from_response("GET", "/x", Broken())
    assert str(exc) == "GET /x failed: HTTP 502: Bad Gateway"


def test_transport_error_text():
    exc = CommerceApiError("GET", "/ccadmin/v1/serverExtensions?offset=0", message="cannot connect to http://127.0.0.1:9: Connection refused",
                           hint="check base_url and that the server is reachable")
    assert exc.status is None
    assert str(exc) == ("GET /ccadmin/v1/serverExtensions failed: cannot connect to http://127.0.0.1:9: Connection refused "
                        "(check base_url and that the server is reachable)")


def test_as_dict():
    exc = CommerceApiError.from_response("POST", "/y?a=1", response(409, {"errorCode": "1", "message": "m", "errors": [{"message": "n"}]}))
    assert exc.as_dict() == {"method": "POST", "path": "/y", "status": 409, "error_code": "1", "message": "m", "errors": [{"message": "n"}]}


def test_echoed_secrets_are_redacted():
    body = {
        "errorCode": "00001000",
        "message": "key %s rejected, Authorization: Bearer %s" % (APP_KEY, "opaque-token-value"),
        "devMessage": "token " + JWT,
        "errors": [{"message": "token was " + JWT, "detail": APP_KEY}],
    }
    exc = CommerceApiError.from_response("POST", "/ccadmin/v1/login", response(401, body), secrets=[APP_KEY])
    everything = str(exc) + repr(exc.as_dict()) + repr(exc.args)
    for secret in (APP_KEY, JWT, "opaque-token-value"):
        assert secret not in everything
    assert "********" in exc.message


def test_redacted_copy_masks_given_secrets():
    exc = CommerceApiError("GET", "/x", message="echo %s" % APP_KEY, hint="hint %s" % APP_KEY)
    clean = exc.redacted([APP_KEY])
    assert APP_KEY not in str(clean)
    assert clean.message == "echo ********"


def test_redact_leaves_other_values():
    assert redact(None) is None
    assert redact(5) == 5
    assert redact({"a": ["Bearer abc.def"]}) == {"a": ["Bearer ********"]}


@pytest.mark.parametrize("text, expected", [
    ("GET https://gw.example.com/ping?apiKey=k3y&x=1", "GET https://gw.example.com/ping?apiKey=********&x=1"),
    ('{"password": "hunter2", "user": "u"}', '{"password": "********", "user": "u"}'),
    ("db password=p4ss, retrying", "db password=********, retrying"),
    ("client_secret: s3cr3t", "client_secret: ********"),
    ("api_key = 'q1'", "api_key = '********'"),
    ("apikeys are configured; no value here", "apikeys are configured; no value here"),
])
def test_keyed_secrets_in_free_text_are_redacted(text, expected):
    assert redact(text) == expected
