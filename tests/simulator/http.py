# -*- coding: utf-8 -*-
"""Answers in the API's shapes: JSON bodies and errorModel errors."""

from __future__ import annotations

import json

from werkzeug.wrappers import Response


class ApiError(Exception):
    """Raised by a handler to answer with an errorModel body."""

    def __init__(self, status, error_code, message, errors=None, headers=None):
        super().__init__(message)
        self.status = status
        self.error_code = error_code
        self.message = message
        self.errors = errors
        self.headers = headers or {}


def json_response(body, status=200, headers=None):
    return Response(json.dumps(body), status=status, headers=headers, mimetype="application/json")


def error_body(status, error_code, message, errors=None):
    body = {"errorCode": str(error_code), "message": message, "status": str(status), "type": "about:blank"}
    if errors:
        body["errors"] = errors
    return body


def error_response(error):
    return json_response(error_body(error.status, error.error_code, error.message, error.errors), error.status, error.headers)


def outage_response(status, retry_after=None):
    html = "<html><head><title>Application Unavailable</title></head><body>Application Unavailable</body></html>"
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return Response(html, status=status, headers=headers, mimetype="text/html")


def links(path):
    return [{"rel": "self", "href": path}]


def flag(args, name, default):
    value = args.get(name)
    if value is None or value == "":
        return default
    return str(value).lower() == "true"


def read_json(request, unsupported_status=400):
    """The JSON object of the body; `unsupported_status` (415 for restart) when the body is not JSON."""
    if request.mimetype != "application/json":
        raise ApiError(unsupported_status, "415" if unsupported_status == 415 else "13014",
                       "the request body must be JSON (Content-Type: application/json)")
    try:
        body = json.loads(request.get_data(cache=True) or b"null")
    except ValueError:
        raise ApiError(unsupported_status, "13014", "the request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(unsupported_status, "13014", "the request body must be a JSON object")
    return body
