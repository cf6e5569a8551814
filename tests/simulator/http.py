# -*- coding: utf-8 -*-
"""Answers in the API's shapes: JSON bodies, errorModel errors, links, and the version-dependent success codes."""

from __future__ import annotations

import json

from werkzeug.wrappers import Response

from .common import ENVIRONMENTS

# seen: every answer carries this header; the value is the simulator's own
SERVER_VERSION = "25.10.1-sim"
# doc: the body of a 404 for an unknown resource (processExtension's status examples)
NOT_FOUND = {"message": "HTTP 404 not found", "type": "HTTP://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4", "status": "404"}


class ApiError(Exception):
    """Raised by a handler to answer with an errorModel body (or `body` as given)."""

    def __init__(self, status, error_code, message, errors=None, headers=None, body=None):
        super().__init__(message)
        self.status = status
        self.error_code = error_code
        self.message = message
        self.errors = errors
        self.headers = headers or {}
        self.body = body


def json_response(body, status=200, headers=None):
    if status == 204:
        return Response(status=204, headers=headers)
    return Response(json.dumps(body), status=status, headers=headers, mimetype="application/json")


def error_body(status, error_code, message, errors=None):
    """doc: errorModel, as in the 401 example: errorCode, message and status, all strings."""
    body = {"errorCode": str(error_code), "message": message, "status": str(status)}
    if errors:
        body["errors"] = errors
    return body


def error_response(error):
    body = error.body if error.body is not None else error_body(error.status, error.error_code, error.message, error.errors)
    return json_response(body, error.status, error.headers)


def outage_response(status, retry_after=None):
    html = "<html><head><title>Application Unavailable</title></head><body>Application Unavailable</body></html>"
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return Response(html, status=status, headers=headers, mimetype="text/html")


def add_links(body, config, href, extra=()):
    """`links` (self, then `extra`) when config.links; older versions answer without them."""
    if config.links:
        body["links"] = [{"rel": "self", "href": href}] + list(extra)
    return body


def done_response(config):
    """doc: a change with nothing to track answers 204 (current pages) or 200 {"success": true} (21C-22D)."""
    if config.success_status == 200:
        return json_response({"success": True})
    return json_response(None, 204)


def environment(value):
    """doc: environmentType is live (the default) or preview."""
    env = value or "live"
    if env not in ENVIRONMENTS:
        raise ApiError(400, "13014", "environmentType must be live or preview, not %r" % env)
    return env


def flag(args, name, default):
    value = args.get(name)
    if value is None or value == "":
        return default
    return str(value).lower() == "true"


def read_json(request, unsupported_status=400):
    """The JSON object of the body; `unsupported_status` (415 where the registry names a requestType) when it is not JSON."""
    if request.mimetype != "application/json":
        raise ApiError(unsupported_status, str(unsupported_status) if unsupported_status == 415 else "13014",
                       "the request body must be JSON (Content-Type: application/json)")
    try:
        body = json.loads(request.get_data(cache=True) or b"null")
    except ValueError:
        raise ApiError(400, "13014", "the request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "13014", "the request body must be a JSON object")
    return body
