# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sending one request: the session, TLS, timeouts, the method override and retries.

It knows nothing of tokens or resources. Failures to get an answer become CommerceApiError
with a hint that names what to change; every retry is noted so the module can warn about a
flaky instance.
"""

from __future__ import annotations

import contextlib
import ssl
import traceback
import warnings
from urllib.parse import urlsplit

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError
from ansible_collections.commerce.admin.plugins.module_utils._retry import RETRY_STATUSES, RetryPolicy, is_idempotent

try:
    import requests
    import urllib3
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

OVERRIDE_HEADER = "x-dw-http-method-override"
BODY_METHODS = ("POST", "PUT", "PATCH")
HINT_CERT = ("the server certificate could not be verified: set ca_path to the CA bundle that signed it, "
             "or validate_certs: false")
HINT_REACH = "check base_url and that the server is reachable"
# Why attempts were sent again, in the words the module's warning ends with: a busy server is not a down one.
RETRY_VERDICTS = (
    ("status", "the instance may be overloaded or flaky"),
    ("connect", "the server was not reachable (those attempts sent nothing): check that it is up and that base_url is right"),
    ("broken", "connections broke or timed out: the network or the instance may be flaky"),
)


def normalize_base_url(url):
    """`scheme://host[:port]` from a base URL; ValueError naming base_url and the fault otherwise."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError("base_url is empty: give the Admin API address, e.g. https://admin.example.com")
    url = url.strip()
    shape = "write it as scheme://host[:port], e.g. https://admin.example.com"
    if "://" not in url:
        raise ValueError("base_url %r has no scheme: %s" % (url, shape))
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("base_url %r has scheme %r: only http and https are supported" % (url, parts.scheme))
    if parts.username is not None or parts.password is not None:
        # Not echoed: the value holds a credential.
        raise ValueError("base_url must not contain user information (user:password@); authenticate with app_key")
    if not parts.hostname:
        raise ValueError("base_url %r has no host: %s" % (url, shape))
    try:
        parts.port  # pylint: disable=pointless-statement
    except ValueError as exc:
        raise ValueError("base_url %r has an invalid port: %s" % (url, exc)) from None
    if parts.path not in ("", "/"):
        raise ValueError("base_url %r has a path (%s): %s; the client adds the /ccadmin/v1/... paths itself"
                         % (url, parts.path, shape))
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise ValueError("base_url %r has a query or fragment: %s" % (url, shape))
    return "%s://%s" % (parts.scheme.lower(), parts.netloc.lower())


def _causes(exc, depth=0):
    """`exc` and what it wraps (args, urllib3 `reason`, __cause__, __context__), depth first."""
    if exc is None or depth > 8:
        return
    yield exc
    nested = [arg for arg in getattr(exc, "args", ()) if isinstance(arg, BaseException)]
    nested += [getattr(exc, "reason", None), exc.__cause__, exc.__context__]
    for inner in nested:
        if isinstance(inner, BaseException) and inner is not exc:
            yield from _causes(inner, depth + 1)


def _reason(exc):
    """The most telling short text of a transport failure, e.g. 'Connection refused'."""
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return "certificate verify failed: %s" % (cause.verify_message or cause.reason)
    for cause in _causes(exc):
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
    for cause in _causes(exc):
        if isinstance(cause, (ConnectionError, TimeoutError)) and str(cause):
            return str(cause)
    return str(exc) or type(exc).__name__


def _classify(exc):
    """connect (nothing was sent), tls, timeout (no answer in time), or dropped (the exchange broke)."""
    causes = list(_causes(exc))
    if isinstance(exc, requests.exceptions.SSLError):
        return "tls"
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.ProxyError)):
        return "connect"
    if any(isinstance(cause, urllib3.exceptions.NewConnectionError) for cause in causes):
        return "connect"
    if isinstance(exc, requests.exceptions.Timeout) or any(isinstance(cause, urllib3.exceptions.ReadTimeoutError) for cause in causes):
        return "timeout"
    return "dropped"


def _headers_as_given(request):
    return request


def fixed_body(json_body=None, data=None):
    """A body factory for in-memory bodies: every attempt sends the same value."""
    if data is not None and (hasattr(data, "read") or hasattr(data, "__next__")):
        raise ValueError("request data must be bytes, str or a dict: a stream cannot be sent again on retry (use upload)")

    @contextlib.contextmanager
    def open_body():
        if json_body is not None:
            yield {"json": json_body}, {}
        elif data is not None:
            yield {"data": data}, {}
        else:
            yield {}, {}
    return open_body


class Attempts:
    """Retries spent on one logical call (shared by a download's re-opens)."""

    def __init__(self, limit):
        self.limit = limit
        self.retries = 0

    def left(self):
        return self.retries < self.limit


class Transport:
    """One HTTP session to one instance."""

    def __init__(self, base_url, *, validate_certs=True, ca_path=None, timeout=30.0, retries=3, method_override=False,
                 backoff_factor=0.5, backoff_max=30.0, headers=None, sleep=None, secrets=None):
        self.base_url = normalize_base_url(base_url)
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.method_override = bool(method_override)
        self.verify = ca_path if ca_path else bool(validate_certs)
        self.request_count = 0
        # What was sent again and why, for the module's warning about a flaky instance.
        self.retry_notes = []
        self.retry_kinds = set()
        self.secrets = secrets if secrets is not None else []
        self._policy = RetryPolicy(backoff_factor, backoff_max)
        self._sleep = sleep
        self.session = requests.Session()
        self.session.headers.update(headers or {})
        # A session-wide auth that changes nothing keeps requests from replacing our Authorization header
        # with credentials it finds in ~/.netrc for the host.
        self.session.auth = _headers_as_given

    def attempts(self):
        return Attempts(self.retries)

    def send(self, method, path, *, params=None, headers=None, body=None, idempotent=None, stream=False, attempts=None,
             follow_redirects=True):
        """(response, note): send, retrying what may be retried; raise CommerceApiError for transport failures.

        `note` explains an answer that was not retried although it could have been (or was, in vain).
        `follow_redirects=False` hands back a redirect as it came (the contract check shows it).
        """
        wire_method = method.upper()
        wire_headers = dict(headers or {})
        if self.method_override and wire_method == "DELETE":
            wire_method = "POST"
            wire_headers[OVERRIDE_HEADER] = "DELETE"
        open_body = body or fixed_body()
        retryable = is_idempotent(method, idempotent)
        attempts = attempts or self.attempts()
        while True:
            try:
                with open_body() as (body_kwargs, body_headers):
                    request_headers = dict(wire_headers, **body_headers)
                    if not body_kwargs and wire_method in BODY_METHODS:
                        request_headers["Content-Length"] = "0"
                    response = self._transmit(wire_method, path, params, request_headers, body_kwargs, stream, follow_redirects)
            except requests.RequestException as exc:
                kind = _classify(exc)
                # A connection that was never made carried nothing, so any method may try again.
                if kind == "tls" or not (retryable or kind == "connect") or not attempts.left():
                    note = None if retryable or kind in ("connect", "tls") else not_retried(method)
                    raise self.transport_error(method, path, exc, attempts.retries, note) from None
                delay = self._policy.backoff(attempts.retries)
                cause = _reason(exc)
                why = "connect" if kind == "connect" else "broken"
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response, None
                if not retryable:
                    return response, not_retried(method)
                if not attempts.left():
                    return response, gave_up(attempts.retries)
                delay = self._policy.delay(attempts.retries, response.headers.get("Retry-After"))
                cause = "HTTP %d" % response.status_code
                why = "status"
                response.close()
            self.note_retry(method, path, cause, delay, why)
            attempts.retries += 1
            self._sleep(delay)

    def note_retry(self, method, path, cause, delay, why="broken"):
        """Record a retry; `why` is a key of RETRY_VERDICTS (an answer that said "not now", no connection, a broken one)."""
        self.retry_notes.append("%s %s: %s, sent again after %.1f s" % (method.upper(), path.split("?", 1)[0], cause, delay))
        self.retry_kinds.add(why)

    def retry_verdict(self):
        """What the retries so far say about the server, for the end of the warning."""
        return "; ".join(text for why, text in RETRY_VERDICTS if why in self.retry_kinds)

    def backoff(self, retries):
        return self._policy.backoff(retries)

    def pause(self, seconds):
        self._sleep(seconds)

    def _transmit(self, method, path, params, headers, body_kwargs, stream, follow_redirects=True):
        self.request_count += 1
        url = self.base_url + (path if path.startswith("/") else "/" + path)
        with warnings.catch_warnings():
            if self.verify is False:
                # The module layer warns the user once; urllib3's per-request warning is noise here.
                warnings.simplefilter("ignore", urllib3.exceptions.InsecureRequestWarning)
            return self.session.request(method, url, params=params, headers=headers, timeout=(self.timeout, self.timeout),
                                        verify=self.verify, stream=stream, allow_redirects=follow_redirects, **body_kwargs)

    def status_error(self, method, path, response, hint=None):
        return CommerceApiError.from_response(method, path, response, hint=hint, secrets=self.secrets)

    def transport_error(self, method, path, exc, retries, note=None):
        kind = _classify(exc)
        reason = _reason(exc)
        if kind == "tls":
            message = "TLS with %s failed: %s" % (self.base_url, reason)
            verify_failed = "certificate verify failed" in reason or "CERTIFICATE_VERIFY_FAILED" in str(exc)
            hint = HINT_CERT if verify_failed else "check that the server speaks the scheme in base_url"
        elif kind == "connect":
            message = "cannot connect to %s: %s" % (self.base_url, reason)
            hint = HINT_REACH
        elif kind == "timeout":
            message = "no answer from %s: %s" % (self.base_url, reason)
            hint = "no answer within %g s: raise timeout" % self.timeout
        else:
            message = "connection to %s dropped: %s" % (self.base_url, reason)
            hint = None
        hints = [text for text in (hint, note, gave_up(retries)) if text]
        error = CommerceApiError(method, path, message=message, hint="; ".join(hints) or None)
        return error.redacted(self.secrets)


def not_retried(method):
    return "not sent again: a %s is not idempotent and may have been processed; check the server state" % method.upper()


def gave_up(retries):
    return "gave up after %d attempts: try again later or raise retries" % (retries + 1) if retries else None
