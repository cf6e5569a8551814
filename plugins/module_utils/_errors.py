# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's one error family, and the parsing of the API's error answers.

Every failure the collection expects is a CommerceError; the module base turns any of them
into a failed task in one place (`CommerceModule.run`). Anything else is a bug and fails with
its traceback.
"""

from __future__ import annotations

import json
import re

# A bearer credential in free text, and anything shaped like a JWT (the Admin API's tokens are JWTs).
_BEARER = re.compile(r"(?i)(bearer\s+)[^\s\"',;]+")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
# A keyed secret in a query string, a config dump or a log line: apiKey=..., "password": "...", client_secret: ...
_KEYED = re.compile(r"(?i)((?:api[_-]?key|password|passwd|pwd|secret|client[_-]?secret|access[_-]?token|app[_-]?key)"
                    r"[\"']?\s*[=:]\s*[\"']?)[^\s\"'&,;]+")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
REDACTED = "********"
TEXT_LIMIT = 200


def redact(value, secrets=()):
    """`value` with every secret, bearer credential, keyed secret (apiKey=..., password: ...) and JWT-like string masked.

    Strings, lists and dicts are scrubbed recursively; other values are returned unchanged.
    """
    if isinstance(value, str):
        for secret in secrets:
            if secret:
                value = value.replace(secret, REDACTED)
        value = _BEARER.sub(lambda match: match.group(1) + REDACTED, value)
        value = _KEYED.sub(lambda match: match.group(1) + REDACTED, value)
        return _JWT.sub(REDACTED, value)
    if isinstance(value, list):
        return [redact(item, secrets) for item in value]
    if isinstance(value, dict):
        return dict((key, redact(item, secrets)) for key, item in value.items())
    return value


class CommerceError(Exception):
    """Base of every failure the collection reports as a failed task.

    `facts` are added to the task result; `changed` says that something was changed before the
    failure (a partial change), so the failed task still reports `changed`.
    """

    def __init__(self, message, facts=None, changed=False):
        super().__init__(message)
        self.facts = dict(facts or {})
        self.changed = changed

    def fail_facts(self):
        """Keyword arguments for `fail_json` besides `msg`."""
        return dict(self.facts)


class LocalFileError(CommerceError):
    """Local input that must be fixed before anything is sent."""


class LookupFailed(CommerceError):
    """No remote object, or more than one, matches what the task named."""


class ProtectionRefused(CommerceError):
    """The `protection` level forbids the change the task would make."""


class WaitError(CommerceError):
    """Server work (a restart, a promotion) failed, or did not end in time; `result` is the last status seen."""

    def __init__(self, message, result, changed=False):
        super().__init__(message, facts=result, changed=changed)
        self.result = result


class ChangeFailed(CommerceError):
    """A change failed: keeps the cause's details, and names what was being done when the cause
    is a bare API error (an action's own errors already say it)."""

    def __init__(self, description, cause):
        text = "%s: %s" % (description, cause) if isinstance(cause, CommerceApiError) else str(cause)
        super().__init__(text, facts=cause.fail_facts(), changed=cause.changed)
        self.description = description
        self.cause = cause


# Error answers of the Admin API


def _strip_query(path):
    return (path or "").split("?", 1)[0]


def _text_or_none(value):
    if value is None or value == "":
        return None
    return str(value)


def _first_text(body, *keys):
    """The first of `keys` that holds text in `body`, or None."""
    for key in keys:
        text = _text_or_none(body.get(key))
        if text is not None:
            return text
    return None


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


def error_fields(body):
    """(error_code, message, errors) of a decoded JSON answer in the errorModel or login style."""
    errors = _nested_errors(body.get("errors"))
    code = _text_or_none(body.get("errorCode")) or _text_or_none(body.get("error"))
    message = _first_text(body, "message", "error_description", "devMessage")
    if message is None and errors:
        message = _first_text(errors[0], "message", "devMessage")
    if code is None and errors:
        code = _text_or_none(errors[0].get("errorCode"))
    return code, message, errors


def parse_error_body(text):
    """(error_code, message, errors) from an error answer's body, whatever its shape."""
    stripped = text.strip()
    if stripped[:1] in ("{", "["):
        try:
            body = json.loads(stripped)
        except ValueError:
            body = None
        if isinstance(body, dict):
            return error_fields(body)
    return None, _short_text(stripped), []


class CommerceApiError(CommerceError):
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
        super().__init__(self._render())

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

    def with_hint(self, hint):
        """A copy of this error that says `hint` (what to change) instead of its own."""
        return type(self)(self.method, self.path, self.status, self.error_code, self.message, self.errors, hint)

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

    def _render(self):
        text = "%s %s failed: %s" % (self.method, self.path, self._detail())
        if self.hint:
            text += " (%s)" % self.hint
        return text

    def as_dict(self):
        """The error's fields, returned as `error` in a failed task."""
        return {
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "error_code": self.error_code,
            "message": self.message,
            "errors": self.errors,
        }

    def fail_facts(self):
        facts = super().fail_facts()
        facts["error"] = self.as_dict()
        return facts


class UploadRejected(CommerceApiError):
    """The server answered an upload without an error status, but said it stored nothing.

    The record documents rejections as HTTP 200 with `success: false` and a reason per file.
    """

    def __init__(self, method, path, status=None, error_code=None, message=None, errors=None, hint=None, reasons=None):
        self.reasons = dict(reasons or {})
        super().__init__(method, path, status, error_code, message, errors, hint)

    def _render(self):
        # "failed: HTTP 200" would confuse: the status was fine, the answer's content was not.
        text = "%s %s: %s" % (self.method, self.path, self.message)
        return text + ("; %s" % self.hint if self.hint else "")

    def as_dict(self):
        fields = super().as_dict()
        fields["reasons"] = self.reasons
        return fields
