# -*- coding: utf-8 -*-
"""The wire: one HTTP session that can only read, and one-line explanations of transport failures."""

from __future__ import annotations

import socket
import ssl

import requests
from requests.auth import AuthBase

ADMIN = "/ccadmin/v1"
# The only POSTs the check may send; none of them changes anything on the instance.
READ_ONLY_POSTS = frozenset(ADMIN + path for path in ("/login", "/refresh", "/verify", "/logout"))
CHUNK = 256 * 1024


class Unreachable(Exception):
    """The instance could not be asked at all; the message is one line saying what to fix."""


class ReadOnlyViolation(AssertionError):
    """A call that could change the instance was about to be sent: a bug in this script, never sent."""


class Secrets:
    """Every secret this run has held (the key, each token), so that no output line can carry one."""

    def __init__(self):
        self._values = set()

    def add(self, value):
        if isinstance(value, str) and len(value) >= 4:
            self._values.add(value)

    def redact(self, text):
        for value in sorted(self._values, key=len, reverse=True):
            text = text.replace(value, "[redacted]")
        return text


class Bearer(AuthBase):
    """Authorization: Bearer <secret>; an explicit auth object also stops requests reading ~/.netrc."""

    def __init__(self, secret):
        self.secret = secret

    def __call__(self, request):
        request.headers["Authorization"] = "Bearer " + self.secret
        return request


class Wire:
    """GETs anywhere, POSTs only to login, refresh, verify and logout; no redirects, no retries."""

    def __init__(self, base_url, verify=True, timeout=30.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        # Passed on every request: a Session.verify would lose to REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE (requests issue 3829).
        self.verify = verify
        self.session = requests.Session()
        self.session.headers["Accept"] = "application/json"

    def get(self, call, path, secret, params=None, stream=False):
        return self._send(call, "GET", path, secret, params=params, stream=stream)

    def post(self, call, path, secret, **kwargs):
        if path not in READ_ONLY_POSTS:
            raise ReadOnlyViolation("refusing POST %s: the contract check only reads" % path)
        return self._send(call, "POST", path, secret, **kwargs)

    def drain(self, call, response):
        """(byte count, first bytes) of a streamed body, without keeping it."""
        count, head = 0, b""
        try:
            for chunk in response.iter_content(CHUNK):
                if len(head) < 4:
                    head += chunk[:4 - len(head)]
                count += len(chunk)
        except requests.exceptions.RequestException as exc:
            raise Unreachable(explain(exc, self.base_url, call, self.timeout)) from None
        finally:
            response.close()
        return count, head

    def _send(self, call, method, path, secret, **kwargs):
        try:
            # Redirects would hide an SSO page or another host behind a 200: show them as they are.
            return self.session.request(method, self.base_url + path, auth=Bearer(secret), timeout=self.timeout,
                                        verify=self.verify, allow_redirects=False, **kwargs)
        except requests.exceptions.RequestException as exc:
            raise Unreachable(explain(exc, self.base_url, call, self.timeout)) from None


def _causes(exc):
    """The exception and everything it wraps (requests -> urllib3 -> socket/ssl)."""
    seen = set()
    stack = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        # urllib3 keeps the cause in .reason or args; ssl errors have a string .reason: skip those.
        wrapped = [current.__cause__, current.__context__, getattr(current, "reason", None)] + list(getattr(current, "args", ()))
        stack.extend(item for item in wrapped if isinstance(item, BaseException))


def explain(exc, base_url, call, timeout):
    """One line: what failed, during which call, and what to change."""
    causes = list(_causes(exc))
    text = " ".join(str(cause) for cause in causes)
    where = "%s (during %s)" % (base_url, call)
    if any(isinstance(cause, ssl.SSLCertVerificationError) for cause in causes) or "CERTIFICATE_VERIFY_FAILED" in text:
        return ("TLS certificate of %s is not trusted: pass --ca-path with the CA bundle that signed it "
                "(or --insecure to skip verification, never in production)" % where)
    if isinstance(exc, requests.exceptions.SSLError) or any(isinstance(cause, ssl.SSLError) for cause in causes):
        return "TLS handshake with %s failed: check that --url has the right scheme (https/http) and port" % where
    if isinstance(exc, requests.exceptions.Timeout):
        return "no answer from %s within %g s: check --url, the network path, or raise --timeout" % (where, timeout)
    if any(isinstance(cause, socket.gaierror) for cause in causes) or "NameResolutionError" in text:
        return "cannot resolve the host of %s: check the host name in --url (and proxy settings)" % where
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes) or "Connection refused" in text:
        return ("connection refused by %s: check the host and port in --url and that the instance is reachable from here "
                "(proxies: https_proxy, no_proxy)" % where)
    return "cannot talk to %s (%s): check --url, the network and proxy settings" % (where, type(exc).__name__)
