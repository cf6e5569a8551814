# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Admin API session: tokens, retries, timeouts, TLS, paging, streamed upload and download.

It knows HTTP and the API's conventions (login, errorModel, offset paging), not resources.
"""

from __future__ import annotations

import contextlib
import os
import ssl
import time
import traceback
import warnings
from urllib.parse import urlsplit

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError
from ansible_collections.commerce.admin.plugins.module_utils._retry import RETRY_STATUSES, RetryPolicy, is_idempotent

try:
    import requests
    import urllib3
    from requests_toolbelt import MultipartEncoder
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

COLLECTION_VERSION = "0.1.0"
USER_AGENT = "commerce.admin-ansible-collection/%s" % COLLECTION_VERSION
LOGIN_PATH = "/ccadmin/v1/login"
REFRESH_PATH = "/ccadmin/v1/refresh"
LOGOUT_PATH = "/ccadmin/v1/logout"
DEFAULT_TOKEN_TTL = 300.0
OVERRIDE_HEADER = "x-dw-http-method-override"
BODY_METHODS = ("POST", "PUT", "PATCH")

HINT_AUTH = "authentication failed: check app_key"
HINT_CERT = ("the server certificate could not be verified: set ca_path to the CA bundle that signed it, "
             "or validate_certs: false")
HINT_REACH = "check base_url and that the server is reachable"


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


def _no_body():
    return _fixed_body(None, None)


def _fixed_body(json_body, data):
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


class _StreamBody:
    """A multipart encoder as a request body: known length, read in bounded pieces."""

    def __init__(self, encoder, chunk_size):
        self._encoder = encoder
        self._chunk_size = chunk_size

    def __len__(self):
        return self._encoder.len

    def read(self, size=-1):
        if size is None or size < 0:
            return self._encoder.read()
        return self._encoder.read(min(size, self._chunk_size))


class _Attempts:
    """Retries spent on one logical call (shared by a download's re-opens)."""

    def __init__(self, limit):
        self.limit = limit
        self.retries = 0

    def left(self):
        return self.retries < self.limit


class CommerceClient:
    """A logged-in session on the Admin API of one instance."""

    def __init__(self, base_url, app_key, validate_certs=True, ca_path=None, timeout=30.0, retries=3,
                 method_override=False, backoff_factor=0.5, backoff_max=30.0, user_agent=None,
                 sleep=time.sleep, clock=time.monotonic):
        if not HAS_REQUESTS:
            raise ImportError("CommerceClient needs the Python libraries requests and requests-toolbelt")
        self.base_url = normalize_base_url(base_url)
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.method_override = bool(method_override)
        self.verify = ca_path if ca_path else bool(validate_certs)
        self.request_count = 0
        self._app_key = app_key
        self._policy = RetryPolicy(self.retries, backoff_factor, backoff_max)
        self._sleep = sleep
        self._clock = clock
        self._token = None
        self._token_expires_at = 0.0
        self._secrets = [app_key]
        self._session = requests.Session()
        self._session.headers.update({"Accept": "application/json", "User-Agent": user_agent or USER_AGENT})

    # Tokens

    def login(self):
        """Exchange the application key for an access token."""
        issued = self._clock()
        headers = {"Authorization": "Bearer %s" % self._app_key, "Content-Type": "application/x-www-form-urlencoded"}
        response, note = self._send("POST", LOGIN_PATH, None, headers, _fixed_body(None, {"grant_type": "client_credentials"}),
                                    idempotent=True)
        if response.status_code in (400, 401, 403):
            raise self._status_error("POST", LOGIN_PATH, response, HINT_AUTH)
        self._accept_token("POST", LOGIN_PATH, response, note, issued)

    def refresh(self):
        """Renew the current token; log in again when that fails."""
        if self._token is None:
            self.login()
            return
        issued = self._clock()
        try:
            response, note = self._send("POST", REFRESH_PATH, None, self._bearer(), _no_body(), idempotent=True)
            self._accept_token("POST", REFRESH_PATH, response, note, issued)
        except CommerceApiError:
            self.login()

    def logout(self):
        """End the session on the server, best effort: never raises."""
        if self._token is None:
            return
        headers = self._bearer()
        self._token = None
        try:
            response, dummy = self._send("POST", LOGOUT_PATH, None, headers, _no_body(), idempotent=False, attempts=_Attempts(0))
            response.close()
        except Exception:  # pylint: disable=broad-except
            pass

    def ensure_token(self, min_validity=60.0):
        """Log in when there is no token; refresh one that expires within `min_validity` seconds."""
        remaining = self._token_expires_at - self._clock()
        if self._token is None or remaining <= 0:
            # An expired token cannot be refreshed.
            self.login()
        elif remaining < min_validity:
            self.refresh()

    def _bearer(self):
        return {"Authorization": "Bearer %s" % self._token}

    def _accept_token(self, method, path, response, note, issued):
        if not 200 <= response.status_code < 300:
            raise self._status_error(method, path, response, note)
        try:
            answer = response.json()
            token = answer["access_token"]
        except (ValueError, TypeError, KeyError):
            raise CommerceApiError(method, path, response.status_code,
                                   message="the answer carries no access_token") from None
        try:
            ttl = float(answer.get("expires_in") or DEFAULT_TOKEN_TTL)
        except (TypeError, ValueError):
            ttl = DEFAULT_TOKEN_TTL
        self._token = str(token)
        self._secrets.append(self._token)
        self._token_expires_at = issued + ttl

    # Requests

    def request(self, method, path, params=None, json=None, data=None, headers=None, idempotent=None,
                stream=False, ok_statuses=()):
        """Send one logical request; raise CommerceApiError unless it answers 2xx or one of `ok_statuses`."""
        return self._call(method, path, params, headers, _fixed_body(json, data), idempotent, stream, ok_statuses)

    def get_json(self, path, params=None):
        return self._json("GET", path, self.request("GET", path, params=params))

    def post_json(self, path, body=None, params=None, idempotent=False):
        """POST `body` as JSON (None: no body, Content-Length: 0); the answer's JSON, {} when empty."""
        return self._json("POST", path, self.request("POST", path, params=params, json=body, idempotent=idempotent))

    def delete(self, path, params=None, ok_statuses=()):
        """DELETE, sent as POST with the override header when method_override is on."""
        return self.request("DELETE", path, params=params, ok_statuses=ok_statuses)

    def paginate(self, path, params=None, page_size=250):
        """Every item of an offset/limit list; a page may hold fewer items than asked."""
        offset = 0
        while True:
            query = dict(params or {})
            query.update({"offset": offset, "limit": page_size})
            page = self.get_json(path, params=query)
            items = page.get("items") or []
            yield from items
            if not items:
                return
            start = page.get("offset")
            next_offset = (start if isinstance(start, int) else offset) + len(items)
            total = page.get("totalResults", page.get("total"))
            if isinstance(total, int) and next_offset >= total:
                return
            offset = max(next_offset, offset + 1)

    def upload(self, path, file_path, file_field, fields, params=None, filename=None, content_type="application/zip",
               idempotent=True, chunk_size=64 * 1024):
        """POST multipart/form-data streamed from disk: text fields first, the file part last.

        Every attempt re-opens the file and builds a new encoder, so a retry never replays a
        consumed stream; memory use does not grow with the file size.
        """
        filename = filename or os.path.basename(file_path)
        text_fields = [(str(name), str(value)) for name, value in (fields.items() if hasattr(fields, "items") else fields)]

        @contextlib.contextmanager
        def open_body():
            try:
                handle = open(file_path, "rb")
            except OSError as exc:
                raise CommerceApiError("POST", path, message="cannot read %s: %s" % (file_path, exc.strerror or exc)) from None
            with handle:
                encoder = MultipartEncoder(fields=text_fields + [(file_field, (filename, handle, content_type))])
                yield ({"data": _StreamBody(encoder, chunk_size)},
                       {"Content-Type": encoder.content_type, "Content-Length": str(encoder.len)})

        return self._json("POST", path, self._call("POST", path, params, None, open_body, idempotent, False, ()))

    def download(self, path, params=None, chunk_size=1024 * 1024):
        """The body of a GET in chunks, streamed; re-sent like any GET until the first byte was handed out."""
        attempts = _Attempts(self.retries)
        while True:
            response = self._call("GET", path, params, None, _no_body(), None, True, (), attempts)
            handed_out = 0
            try:
                for chunk in response.iter_content(chunk_size):
                    if chunk:
                        handed_out += len(chunk)
                        yield chunk
                return
            except requests.RequestException as exc:
                if handed_out or not attempts.left():
                    note = "the download broke after %d bytes and cannot resume" % handed_out if handed_out else None
                    raise self._transport_error("GET", path, exc, attempts.retries, note) from None
                delay = self._policy.backoff(attempts.retries)
            finally:
                response.close()
            attempts.retries += 1
            self._sleep(delay)

    # Internals

    def _call(self, method, path, params, headers, open_body, idempotent, stream, ok_statuses, attempts=None):
        """Log in when needed, send with retries, log in again once on 401, and check the status."""
        if self._token is None or self._clock() >= self._token_expires_at:
            try:
                self.login()
            except CommerceApiError as exc:
                if exc.status is not None:
                    raise
                # The server cannot be reached at all: report the call that was asked for.
                raise CommerceApiError(method, path, message=exc.message, hint=exc.hint) from None
        wire_headers = dict(headers or {})
        wire_headers.update(self._bearer())
        response, note = self._send(method, path, params, wire_headers, open_body, idempotent, stream, attempts)
        if response.status_code == 401:
            # The token expired or was revoked; a 401 means nothing was done, so even a POST may be replayed once.
            response.close()
            self.login()
            wire_headers.update(self._bearer())
            response, note = self._send(method, path, params, wire_headers, open_body, idempotent, stream, attempts)
            if response.status_code == 401:
                note = "the API rejected a token obtained just before: check the application key's permissions"
        if 200 <= response.status_code < 300 or response.status_code in ok_statuses:
            return response
        raise self._status_error(method, path, response, note)

    def _send(self, method, path, params, headers, open_body, idempotent=None, stream=False, attempts=None):
        """(response, note): send, retrying what may be retried; raise CommerceApiError for transport failures."""
        wire_method = method.upper()
        wire_headers = dict(headers)
        if self.method_override and wire_method == "DELETE":
            wire_method = "POST"
            wire_headers[OVERRIDE_HEADER] = "DELETE"
        retryable = is_idempotent(method, idempotent)
        attempts = attempts or _Attempts(self.retries)
        while True:
            try:
                with open_body() as (body, body_headers):
                    request_headers = dict(wire_headers, **body_headers)
                    if not body and wire_method in BODY_METHODS:
                        request_headers["Content-Length"] = "0"
                    response = self._transmit(wire_method, path, params, request_headers, body, stream)
            except requests.RequestException as exc:
                kind = _classify(exc)
                # A connection that was never made carried nothing, so any method may try again.
                if kind == "tls" or not (retryable or kind == "connect") or not attempts.left():
                    note = None if retryable or kind in ("connect", "tls") else self._not_retried(method)
                    raise self._transport_error(method, path, exc, attempts.retries, note) from None
                delay = self._policy.backoff(attempts.retries)
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response, None
                if not retryable:
                    return response, self._not_retried(method)
                if not attempts.left():
                    return response, self._gave_up(attempts.retries)
                delay = self._policy.delay(attempts.retries, response.headers.get("Retry-After"))
                response.close()
            attempts.retries += 1
            self._sleep(delay)

    def _transmit(self, method, path, params, headers, body, stream):
        self.request_count += 1
        url = self.base_url + (path if path.startswith("/") else "/" + path)
        with warnings.catch_warnings():
            if self.verify is False:
                # The module layer warns the user once; urllib3's per-request warning is noise here.
                warnings.simplefilter("ignore", urllib3.exceptions.InsecureRequestWarning)
            return self._session.request(method, url, params=params, headers=headers, timeout=(self.timeout, self.timeout),
                                         verify=self.verify, stream=stream, **body)

    @staticmethod
    def _not_retried(method):
        return "not sent again: a %s is not idempotent and may have been processed; check the server state" % method.upper()

    @staticmethod
    def _gave_up(retries):
        return "gave up after %d attempts: try again later or raise retries" % (retries + 1) if retries else None

    def _status_error(self, method, path, response, hint=None):
        return CommerceApiError.from_response(method, path, response, hint=hint, secrets=self._secrets)

    def _transport_error(self, method, path, exc, retries, note=None):
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
        hints = [text for text in (hint, note, self._gave_up(retries)) if text]
        error = CommerceApiError(method, path, message=message, hint="; ".join(hints) or None)
        return error.redacted(self._secrets)

    def _json(self, method, path, response):
        if not response.content:
            return {}
        try:
            return response.json()
        except ValueError:
            error = CommerceApiError.from_response(method, path, response, secrets=self._secrets)
            raise CommerceApiError(method, path, response.status_code,
                                   message="expected a JSON answer, got %s: %s" % (
                                       response.headers.get("Content-Type") or "no content type", error.message),
                                   hint="check that base_url points at the Admin API") from None
