# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The answers' expected shapes, as docs/api-model.md states them, and how to compare an answer with one.

Only fields the model states are checked; unknown extra fields are fine (newer versions add some).
A field is `required` when the collection decides on it; the others are type-checked when present.
"""

from __future__ import annotations

import json


class Kind:
    """A named test of one JSON value: `str`, `int`, `bool`, an enumeration..."""

    def __init__(self, name, test):
        self.name = name
        self.test = test

    def __call__(self, value):
        return self.test(value)


def _int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def one_of(*values):
    return Kind("|".join(str(value) for value in values), lambda value: isinstance(value, type(values[0])) and value in values)


STR = Kind("str", lambda value: isinstance(value, str))
INT = Kind("int", _int)
# The checksum is an integer in the schema but printed as a float in an example: accept both.
NUMBER = Kind("int", lambda value: _int(value) or isinstance(value, float))
BOOL = Kind("bool", lambda value: isinstance(value, bool))
TRUE = Kind("true", lambda value: value is True)
LIST = Kind("list", lambda value: isinstance(value, list))
DICT = Kind("object", lambda value: isinstance(value, dict))
STR_LIST = Kind("[str]", lambda value: isinstance(value, list) and all(isinstance(item, str) for item in value))
STR_OR_NULL = Kind("str|null", lambda value: value is None or isinstance(value, str))
INT_OR_NULL = Kind("int|null", lambda value: value is None or _int(value))
LINKS = Kind("[{rel, href}]", lambda value: isinstance(value, list) and all(
    isinstance(link, dict) and isinstance(link.get("rel"), str) and isinstance(link.get("href"), str) for link in value))


def kind_of(value):
    """The JSON type name of a value, for messages."""
    if value is None:
        return "null"
    for name, python_type in (("bool", bool), ("int", int), ("float", float), ("str", str), ("list", list), ("object", dict)):
        if isinstance(value, python_type):
            return name
    return type(value).__name__


class Shape:
    """Required and optional fields of one JSON object."""

    def __init__(self, required, optional=()):
        self.required = list(required)
        self.optional = list(optional)

    def describe(self, optional=True):
        """`{required fields} + if present: optional fields`; links are left out (type-checked, never decided on)."""
        text = "{" + _grouped(self.required) + "}"
        rest = [(name, kind) for name, kind in self.optional if name != "links"]
        return text + (" + if present: " + _grouped(rest) if optional and rest else "")

    def problems(self, body, where=""):
        """What differs from the shape, one short phrase each; empty when the body fits."""
        if not isinstance(body, dict):
            return ["%sa %s, not an object" % (where, kind_of(body))]
        found = []
        for name, kind in self.required:
            if name not in body:
                found.append("%s%s missing" % (where, name))
            elif not kind(body[name]):
                found.append("%s%s is %s, not %s" % (where, name, _show(body[name]), kind.name))
        for name, kind in self.optional:
            if name in body and not kind(body[name]):
                found.append("%s%s is %s, not %s" % (where, name, _show(body[name]), kind.name))
        return found


def _grouped(fields):
    """`a, b str, c int`: neighbours of the same kind share one type name."""
    parts = []
    for index, (name, kind) in enumerate(fields):
        last = index + 1 == len(fields) or fields[index + 1][1].name != kind.name
        parts.append("%s %s" % (name, kind.name) if last else name)
    return ", ".join(parts)


def _show(value):
    text = json.dumps(value) if not isinstance(value, (list, dict)) else kind_of(value)
    return text if len(text) <= 24 else text[:21] + "..."


LOGIN = Shape([("access_token", STR), ("token_type", STR)], [("expires_in", INT)])
REFRESH = Shape([("access_token", STR)], [("token_type", STR), ("expires_in", INT)])
VERIFY = Shape([("success", TRUE)])
LOGOUT = Shape([("result", TRUE)])
SSE_PAGE = Shape([("items", LIST), ("totalResults", INT)], [("offset", INT), ("limit", INT), ("total", INT), ("links", LINKS)])
SSE_FILE = Shape([("name", STR), ("path", STR), ("repositoryId", STR), ("size", INT), ("lastModified", STR), ("checksum", NUMBER),
                  ("type", one_of("file"))], [("metadata", DICT)])
# Folders omit size, lastModified, checksum and type.
SSE_FOLDER = Shape([("name", STR), ("path", STR), ("repositoryId", STR)])
EXTENSIONS = Shape([("items", LIST)], [("links", LINKS)])
EXTENSION = Shape([("repositoryId", STR), ("name", STR), ("enabled", BOOL)])
STOREFRONT = Shape([("currentVersion", STR), ("storefrontVersion", STR)], [("previousVersion", STR_OR_NULL)])
PREVIEW = Shape([("previewEnabled", BOOL), ("progress", one_of("none", "provisioning", "provisioning_complete"))],
                [("message", STR), ("links", LINKS)])
ROLLED_BACK = ("promotePhaseRolledBack", "isPromotePhaseRolledBack")  # schema and example spell it differently
PROMOTE_STATUS = Shape([("state", one_of("in-progress", "completed")), ("success", BOOL)],
                       [("extensions", STR_LIST), ("failedExtensions", STR_LIST),
                        ("lastSuccessfulPhase", one_of("none", "pre-promote", "promote", "post-promote")),
                        (ROLLED_BACK[0], BOOL), (ROLLED_BACK[1], BOOL), ("workRequestId", STR), ("links", LINKS)])
RESTART_STATUS = Shape([("workRequestId", STR), ("message", STR), ("completionPercentage", INT)], [("links", LINKS)])
MISSING_WORK_REQUEST_ID = "14002"
# doc: getPublishStatus; the module decides on publishRunning, publishId, errorMessage and errorPhase
# (assumed: publishId and errorPhase may be null when no publish ran)
PUBLISH_STATUS = Shape([("publishRunning", BOOL)],
                       [("publishId", STR_OR_NULL), ("currentPhase", INT), ("lastCompletedPhase", INT), ("numberOfChanges", INT),
                        ("errorMessage", STR_OR_NULL), ("errorPhase", INT_OR_NULL), ("statusMessage", STR_OR_NULL)])
# doc: logData is the schema's one field; the example answer is {}
LOGS_TAIL = Shape([], [("logData", STR)])


def json_body(response):
    """The decoded JSON body, or None when there is none or it is not JSON."""
    try:
        return response.json()
    except ValueError:
        return None


def error_code(body):
    """The errorModel code as a string, or None (codes are strings in the model; accept numbers too)."""
    if isinstance(body, dict) and body.get("errorCode") not in (None, ""):
        return str(body["errorCode"])
    return None


def answer(response):
    """A short description of an unexpected answer: status, error code and message, or what kind of body."""
    body = json_body(response)
    text = "HTTP %d" % response.status_code
    if response.is_redirect:
        return text + " redirect to " + response.headers.get("Location", "?")
    if isinstance(body, dict):
        code = error_code(body)
        message = body.get("message") or body.get("error_description") or body.get("error")
        if code:
            text += " errorCode " + code
        if isinstance(message, str) and message:
            text += ": " + (message if len(message) <= 70 else message[:67] + "...")
        return text
    content_type = response.headers.get("Content-Type", "").split(";")[0] or "no content type"
    if "html" in content_type:
        return text + " (HTML page, not JSON)"
    return text + (" (%s body)" % content_type if response.content else " (empty body)")
