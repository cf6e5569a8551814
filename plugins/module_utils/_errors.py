# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one exception type for every failed Admin API call, and the parsing of error answers."""

from __future__ import annotations

import json
import re

# A bearer credential in free text, and anything shaped like a JWT (the Admin API's tokens are JWTs).
_BEARER = re.compile(r"(?i)(bearer\s+)[^\s\"',;]+")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
REDACTED = "********"
TEXT_LIMIT = 200


def redact(value, secrets=()):
    """`value` with every secret, bearer credential and JWT-like string masked.

    Strings, lists and dicts are scrubbed recursively; other values are returned unchanged.
    """
    if isinstance(value, str):
        for secret in secrets:
            if secret:
                value = value.replace(secret, REDACTED)
        value = _BEARER.sub(lambda match: match.group(1) + REDACTED, value)
        return _JWT.sub(REDACTED, value)
    if isinstance(value, list):
        return [redact(item, secrets) for item in value]
    if isinstance(value, dict):
        return dict((key, redact(item, secrets)) for key, item in value.items())
    return value


def _strip_query(path):
    return (path or "").split("?", 1)[0]


def _first_text(body, *keys):
    """The first of `keys` that holds text in `body`, or None."""
    for key in keys:
        text = _text_or_none(body.get(key))
        if text is not None:
            return text
    return None


def _text_or_none(value):
    if value is None or value == "":
        return None
    return str(value)


def _short_text(text):
    """A body that is not JSON, as one readable line: an HTML page's title, else its first characters."""
    match = _TITLE.search(text)
    if match:
        text = match.group(1)
    elif "<" in text and ">" in text:
        text = _TAGS.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > TEXT_LIMIT:
        text = text[:TEXT_LIMIT] + "..."
    return text or None


def _body_text(response):
    try:
        content = response.content
    except Exception:  # pylint: disable=broad-except
        # The body may be unreadable (a dropped connection while streaming): the status still counts.
        return ""
    if not content:
        return ""
    if isinstance(content, bytes):
        return content.decode(getattr(response, "encoding", None) or "utf-8", errors="replace")
    return str(content)


def _nested_errors(raw):
    if not isinstance(raw, list):
        return []
    return [item for item in raw if isinstance(item, dict)]


def parse_error_body(text):
    """(error_code, message, errors) from an error answer's body, whatever its shape."""
    stripped = text.strip()
    if stripped[:1] in ("{", "["):
        try:
            body = json.loads(stripped)
        except ValueError:
            body = None
        if isinstance(body, dict):
            errors = _nested_errors(body.get("errors"))
            # errorModel, or the login style {error, error_description}
            code = _text_or_none(body.get("errorCode")) or _text_or_none(body.get("error"))
            message = _first_text(body, "message", "error_description", "devMessage")
            if message is None and errors:
                message = _first_text(errors[0], "message", "devMessage")
            if code is None and errors:
                code = _text_or_none(errors[0].get("errorCode"))
            return code, message, errors
    return None, _short_text(stripped), []


class CommerceApiError(Exception):
    """A failed call: an error status, a transport failure, or an answer that could not be used.

    `status` is None for transport failures (no HTTP answer). `errors` holds the nested entries
    of the API's errorModel. `hint` says what to change, when the cause is clear.
    """

    def __init__(self, method, path, status=None, error_code=None, message=None, errors=None, hint=None):
        self.method = method
        self.path = _strip_query(path)
        self.status = status
        self.error_code = error_code
        # Bearer credentials and JWT-shaped strings never reach the text, whoever built the error.
        self.message = redact(message)
        self.errors = redact(list(errors or []))
        self.hint = redact(hint)
        super().__init__(str(self))

    @classmethod
    def from_response(cls, method, path, response, hint=None, secrets=()):
        """The error for an HTTP answer; survives any body (JSON errorModel, login style, HTML, text, none)."""
        code, message, errors = parse_error_body(_body_text(response))
        if message is None:
            message = _text_or_none(getattr(response, "reason", None))
        return cls(method, path, status=getattr(response, "status_code", None), error_code=code,
                   message=redact(message, secrets), errors=redact(errors, secrets), hint=redact(hint, secrets))

    def redacted(self, secrets):
        """A copy of this error with `secrets` masked in every text it carries."""
        return type(self)(self.method, redact(self.path, secrets), self.status, redact(self.error_code, secrets),
                          redact(self.message, secrets), redact(self.errors, secrets), redact(self.hint, secrets))

    def _detail(self):
        if self.status is None:
            return self.message or "no answer"
        detail = "HTTP %s" % self.status
        if self.error_code:
            detail += ", errorCode %s" % self.error_code
        if self.message:
            detail += ": %s" % self.message
        extra = [str(item.get("message")) for item in self.errors if item.get("message") and item.get("message") != self.message]
        if extra:
            detail += " [%s]" % "; ".join(extra[:5])
        return detail

    def __str__(self):
        text = "%s %s failed: %s" % (self.method, self.path, self._detail())
        if self.hint:
            text += " (%s)" % self.hint
        return text

    def as_dict(self):
        """The error's fields, for `fail_json` keyword arguments."""
        return {
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "error_code": self.error_code,
            "message": self.message,
            "errors": self.errors,
        }
