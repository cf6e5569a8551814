# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Admin API session: a logged-in client with paging and streamed upload and download.

It knows the API's conventions (login, tokens, errorModel, offset paging), not resources.
Sending and retrying is `_transport`'s job, token lifetimes are `_tokens`'.
"""

from __future__ import annotations

import base64
import contextlib
import os
import threading
import time
import traceback
from json import dumps as json_dumps

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError
from ansible_collections.commerce.admin.plugins.module_utils._tokens import TokenState, token_lifetime
from ansible_collections.commerce.admin.plugins.module_utils._transport import (
    HAS_REQUESTS, Transport, fixed_body, normalize_base_url)
from ansible_collections.commerce.admin.plugins.module_utils._version import COLLECTION_VERSION

try:
    import requests
    from requests_toolbelt import MultipartEncoder
except ImportError:
    HAS_TOOLBELT = False
    IMPORT_ERROR = traceback.format_exc()
else:
    HAS_TOOLBELT = True
    IMPORT_ERROR = None

__all__ = ["CommerceClient", "HAS_LIBRARIES", "IMPORT_ERROR", "USER_AGENT", "normalize_base_url"]

HAS_LIBRARIES = HAS_REQUESTS and HAS_TOOLBELT
USER_AGENT = "commerce.admin-ansible-collection/%s" % COLLECTION_VERSION
LOGIN_PATH = "/ccadmin/v1/login"
REFRESH_PATH = "/ccadmin/v1/refresh"
# The vendor's own client sends it with application-key logins (docs/api-model.md, Common).
PROFILE_HEADERS = {"X-CCProfileType": "applicationAccess"}

HINT_AUTH = "authentication failed: check app_key"
HINT_NOT_ADMIN_API = ("%s answered %d to the login: it does not look like a Commerce Admin API; "
                      "check base_url (the admin host, e.g. https://admin.example.com)")
# The login always takes POST: a host that says it does not know POST (405, 501) without the API's JSON
# error body is another kind of server (a plain web server, a proxy's own page).
NOT_AN_API_STATUSES = (405, 501)
HINT_OVERRIDE = ("the server or a gateway in front of it refuses DELETE: set method_override: true to send it "
                 "as POST with the x-dw-http-method-override header")
HINT_PERMISSIONS = "the API rejected a token obtained just before: check the application key's permissions"


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


def _open_source(method, path, file_path):
    """The file a request body streams from, opened for one attempt; a file that cannot be read names itself."""
    try:
        return open(file_path, "rb")
    except OSError as exc:
        raise CommerceApiError(method, path, message="cannot read %s: %s" % (file_path, exc.strerror or exc)) from None


class _Base64JsonBody:
    """A JSON object whose last field is the base64 of a byte range of a file, encoded while it is sent.

    The raw bytes are read in multiples of 3, so every piece encodes without padding but the
    last; the length is known in advance, and memory use does not grow with the range.
    """

    def __init__(self, handle, prefix, suffix, length, chunk_size):
        self._handle = handle
        self._pending = prefix
        self._start = 0
        self._suffix = suffix
        self._left = length
        self._raw_size = max(3, chunk_size // 4 * 3)
        self.len = len(prefix) + 4 * ((length + 2) // 3) + len(suffix)

    def __len__(self):
        return self.len

    def read(self, size=-1):
        size = self._raw_size if size is None or size < 0 else max(size, 1)
        if self._start >= len(self._pending):
            self._pending, self._start = self._next_piece(), 0
        piece = self._pending[self._start:self._start + size]
        self._start += len(piece)
        return piece

    def _next_piece(self):
        """The next encoded piece: base64 of the next raw chunk, then the suffix, then b"" for the end."""
        if self._left:
            raw = self._handle.read(min(self._raw_size, self._left))
            if not raw:
                raise OSError("the file ended %d bytes early" % self._left)
            self._left -= len(raw)
            return base64.b64encode(raw)
        suffix, self._suffix = self._suffix, b""
        return suffix


def _is_json(response):
    return "json" in (response.headers.get("Content-Type") or "").lower()


def _links_without_next(page):
    """True when the page carries links and none of them is rel=next."""
    links = page.get("links")
    return isinstance(links, list) and bool(links) and not any(isinstance(link, dict) and link.get("rel") == "next" for link in links)


class CommerceClient:
    """A logged-in session on the Admin API of one instance."""

    def __init__(self, base_url, app_key, validate_certs=True, ca_path=None, timeout=30.0, retries=3,
                 method_override=False, backoff_factor=0.5, backoff_max=30.0, user_agent=None,
                 sleep=time.sleep, clock=time.monotonic, wall_clock=time.time):
        if not HAS_LIBRARIES:
            raise ImportError("CommerceClient needs the Python libraries requests and requests-toolbelt")
        self._app_key = app_key
        self._secrets = [app_key]
        self._clock = clock
        self._wall_clock = wall_clock
        self._tokens = TokenState()
        # Parallel downloads share the session: one thread at a time renews the token.
        self._token_lock = threading.Lock()
        self._transport = Transport(
            base_url, validate_certs=validate_certs, ca_path=ca_path, timeout=timeout, retries=retries,
            method_override=method_override, backoff_factor=backoff_factor, backoff_max=backoff_max, sleep=sleep,
            headers={"Accept": "application/json", "User-Agent": user_agent or USER_AGENT}, secrets=self._secrets)

    @property
    def base_url(self):
        return self._transport.base_url

    @property
    def timeout(self):
        return self._transport.timeout

    @property
    def transport(self):
        """The session underneath (TLS, CA, proxies, retries), for a caller that must see raw answers: the contract check."""
        return self._transport

    @property
    def request_count(self):
        return self._transport.request_count

    @property
    def secrets(self):
        """The application key and every token issued so far: what any text shown to a user must not hold."""
        return list(self._secrets)

    @property
    def retry_notes(self):
        """What was sent again during this session, and why."""
        return list(self._transport.retry_notes)

    @property
    def retry_verdict(self):
        """What the retries say about the server: busy (5xx, 429), unreachable, or a broken connection."""
        return self._transport.retry_verdict()

    def add_secrets(self, values):
        """Mask these values too (e.g. SSE variable values) in every error text this session produces."""
        self._secrets.extend(str(value) for value in values if value)

    # Tokens

    def login(self):
        """Exchange the application key for an access token."""
        issued = self._clock()
        headers = dict(PROFILE_HEADERS, Authorization="Bearer %s" % self._app_key)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        response, note = self._transport.send("POST", LOGIN_PATH, headers=headers, idempotent=True,
                                              body=fixed_body(data={"grant_type": "client_credentials"}))
        if response.status_code in (400, 401, 403):
            raise self._transport.status_error("POST", LOGIN_PATH, response, HINT_AUTH)
        if response.status_code == 404 or (response.status_code in NOT_AN_API_STATUSES and not _is_json(response)):
            raise self._transport.status_error("POST", LOGIN_PATH, response, HINT_NOT_ADMIN_API % (self.base_url, response.status_code))
        self._accept_token(LOGIN_PATH, response, note, issued)

    def refresh(self):
        """Renew the current token (the endpoint wants a JSON body: `{}`); log in again when that fails."""
        if self._tokens.token is None:
            self.login()
            return
        issued = self._clock()
        try:
            response, note = self._transport.send("POST", REFRESH_PATH, headers=self._bearer(), idempotent=True,
                                                  body=fixed_body(json_body={}))
            self._accept_token(REFRESH_PATH, response, note, issued)
        except CommerceApiError:
            self.login()

    def ensure_token(self, min_validity=0.0):
        """A usable token: log in when there is none or it expired; renew one past its renewal point
        or ending within `min_validity` seconds (a wait calls this before each poll)."""
        with self._token_lock:
            now = self._clock()
            if self._tokens.needs_login(now):
                self.login()
            elif self._tokens.needs_renewal(now, min_validity):
                self.refresh()

    def _bearer(self):
        return {"Authorization": "Bearer %s" % self._tokens.token}

    def _accept_token(self, path, response, note, issued):
        if not 200 <= response.status_code < 300:
            raise self._transport.status_error("POST", path, response, note)
        try:
            answer = response.json()
            token = answer["access_token"]
        except (ValueError, TypeError, KeyError):
            raise CommerceApiError("POST", path, response.status_code, message="the answer carries no access_token") from None
        self._secrets.append(str(token))
        lifetime = token_lifetime(token, answer.get("expires_in"), self._wall_clock(), fallback=self._tokens.lifetime)
        self._tokens.accept(token, lifetime, issued)

    # Requests

    def request(self, method, path, params=None, json=None, data=None, headers=None, idempotent=None,
                stream=False, ok_statuses=()):
        """Send one logical request; raise CommerceApiError unless it answers 2xx or one of `ok_statuses`."""
        return self._call(method, path, params=params, headers=headers, body=fixed_body(json, data), idempotent=idempotent,
                          stream=stream, ok_statuses=ok_statuses)

    def get_json(self, path, params=None, headers=None):
        return self.json_of("GET", path, self.request("GET", path, params=params, headers=headers))

    def put_json(self, path, body, headers=None, idempotent=None):
        """PUT `body` as JSON (retried like any PUT unless `idempotent` says otherwise); the answer's JSON, {} when empty."""
        return self.json_of("PUT", path, self.request("PUT", path, json=body, headers=headers, idempotent=idempotent))

    def post_json(self, path, body=None, params=None, idempotent=False):
        """POST `body` as JSON (None: no body, Content-Length: 0); the answer's JSON, {} when empty."""
        return self.json_of("POST", path, self.request("POST", path, params=params, json=body, idempotent=idempotent))

    def delete(self, path, params=None):
        """DELETE (sent as POST with the override header when method_override is on); the answer's JSON, {} when empty."""
        return self.json_of("DELETE", path, self.request("DELETE", path, params=params))

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
            if total is None and _links_without_next(page):
                return  # a listing that pages by links only (SSE environment variables) ends where no next link is
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
            with _open_source("POST", path, file_path) as handle:
                encoder = MultipartEncoder(fields=text_fields + [(file_field, (filename, handle, content_type))])
                yield ({"data": _StreamBody(encoder, chunk_size)},
                       {"Content-Type": encoder.content_type, "Content-Length": str(encoder.len)})

        response = self._call("POST", path, params=params, body=open_body, idempotent=idempotent)
        return self.json_of("POST", path, response)

    def send_base64_json(self, method, path, fields, file_field, file_path, offset=0, length=None, params=None, headers=None,
                         idempotent=True, chunk_size=64 * 1024):
        """Send a JSON object: `fields`, then `file_field` holding the base64 of `length` bytes of the
        file from `offset` (default: to its end), streamed from disk; the answer's JSON.

        Like `upload`, every attempt re-opens the file, so a retry never replays a consumed stream.
        """
        if file_field in fields:
            raise ValueError("%s is both a field and the file's field" % file_field)
        head = json_dumps(dict(fields)).encode("utf-8")
        prefix = head[:-1] + (b", " if fields else b"") + json_dumps(file_field).encode("utf-8") + b": \""
        suffix = b"\"}"

        @contextlib.contextmanager
        def open_body():
            with _open_source(method, path, file_path) as handle:
                size = os.fstat(handle.fileno()).st_size
                handle.seek(offset)
                body = _Base64JsonBody(handle, prefix, suffix, size - offset if length is None else length, chunk_size)
                wire_headers = dict(headers or {}, **{"Content-Type": "application/json", "Content-Length": str(body.len)})
                yield {"data": body}, wire_headers

        response = self._call(method, path, params=params, body=open_body, idempotent=idempotent)
        return self.json_of(method, path, response)

    def download(self, path, params=None, chunk_size=1024 * 1024):
        """The body of a GET in chunks, streamed; re-sent like any GET until the first byte was handed out."""
        attempts = self._transport.attempts()
        while True:
            response = self._call("GET", path, params=params, stream=True, attempts=attempts)
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
                    raise self._transport.transport_error("GET", path, exc, attempts.retries, note) from None
                delay = self._transport.backoff(attempts.retries)
            finally:
                response.close()
            self._transport.note_retry("GET", path, "download broke before its first byte", delay)
            attempts.retries += 1
            self._transport.pause(delay)

    def json_of(self, method, path, response):
        """The answer's JSON; {} for an empty body (204, or 200 without one); an error for anything else."""
        if not response.content:
            return {}
        try:
            return response.json()
        except ValueError:
            error = self._transport.status_error(method, path, response)
            raise CommerceApiError(method, path, response.status_code,
                                   message="expected a JSON answer, got %s: %s" % (
                                       response.headers.get("Content-Type") or "no content type", error.message),
                                   hint="check that base_url points at the Admin API") from None

    # Internals

    def _call(self, method, path, *, params=None, headers=None, body=None, idempotent=None, stream=False, ok_statuses=(),
              attempts=None):
        """Renew the token when due, send with retries, log in again once on 401, and check the status."""
        try:
            self.ensure_token()
        except CommerceApiError as exc:
            if exc.status is not None:
                raise
            # The server cannot be reached at all: report the call that was asked for.
            raise CommerceApiError(method, path, message=exc.message, hint=exc.hint) from None
        send = dict(params=params, body=body, idempotent=idempotent, stream=stream, attempts=attempts)
        wire_headers = dict(headers or {}, **self._bearer())
        response, note = self._transport.send(method, path, headers=wire_headers, **send)
        if response.status_code == 401:
            # The token expired or was revoked; a 401 means nothing was done, so even a POST may be replayed once.
            response.close()
            self.login()
            wire_headers.update(self._bearer())
            response, note = self._transport.send(method, path, headers=wire_headers, **send)
            if response.status_code == 401:
                note = HINT_PERMISSIONS
        if 200 <= response.status_code < 300 or response.status_code in ok_statuses:
            return response
        if response.status_code == 405 and method.upper() == "DELETE" and not self._transport.method_override:
            note = HINT_OVERRIDE
        raise self._transport.status_error(method, path, response, note)
