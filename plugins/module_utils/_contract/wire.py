# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The wire: the collection's own transport (TLS, CA, proxies, retries), allowed only to read, and one-line
explanations of transport failures.

Answers come back raw, redirects included: the check judges every status and body itself, so nothing here
logs in again on a 401 or follows a redirect (an SSO page or another host would hide behind a 200).
"""

from __future__ import annotations

import socket
import ssl

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError, redact
from ansible_collections.commerce.admin.plugins.module_utils._transport import fixed_body

try:
    import requests
except ImportError:
    pass  # the client that a Wire is built on says so first

ADMIN = "/ccadmin/v1"
# The only POSTs the check may send; none of them changes anything on the instance.
READ_ONLY_POSTS = frozenset(ADMIN + path for path in ("/login", "/refresh", "/verify", "/logout"))
# login and refresh change nothing either, so a "not now" answer may be asked again (as the client does).
REPEATABLE_POSTS = frozenset((ADMIN + "/login", ADMIN + "/refresh"))
CHUNK = 256 * 1024
# Shorter values (an SSE variable set to "1") would mask ordinary words of the report.
SHORTEST_SECRET = 4


class Unreachable(CommerceError):
    """The instance could not be asked at all; the message is one line saying what to fix."""


class ReadOnlyViolation(AssertionError):
    """A call that could change the instance was about to be sent: a bug in the check, never sent."""


class Wire:
    """GETs anywhere, POSTs only to login, refresh, verify and logout, each with the bearer secret given."""

    def __init__(self, client, words):
        self.client = client
        self.words = words
        self.transport = client.transport

    @property
    def base_url(self):
        return self.client.base_url

    def hide(self, value):
        """Mask `value` (a token, a variable's value) in every text from now on, the client's errors included."""
        if isinstance(value, str) and len(value) >= SHORTEST_SECRET:
            self.client.add_secrets([value])

    def redact(self, text):
        return redact(text, self.client.secrets)

    def get(self, call, path, secret, params=None, stream=False):
        return self._send(call, "GET", path, secret, params=params, stream=stream)

    def post(self, call, path, secret, data=None, json=None, headers=None):
        if path not in READ_ONLY_POSTS:
            raise ReadOnlyViolation("refusing POST %s: the contract check only reads" % path)
        return self._send(call, "POST", path, secret, headers=headers, body=fixed_body(json_body=json, data=data),
                          idempotent=path in REPEATABLE_POSTS or None)

    def drain(self, call, response):
        """(byte count, first bytes) of a streamed body, without keeping it."""
        count, head = 0, b""
        try:
            for chunk in response.iter_content(CHUNK):
                if len(head) < 4:
                    head += chunk[:4 - len(head)]
                count += len(chunk)
        except requests.exceptions.RequestException as exc:
            raise Unreachable(explain(exc, self.base_url, call, self.client.timeout, self.words)) from None
        finally:
            response.close()
        return count, head

    def _send(self, call, method, path, secret, headers=None, **kwargs):
        wire_headers = dict(headers or {}, Authorization="Bearer " + secret)
        try:
            response, dummy = self.transport.send(method, path, headers=wire_headers, follow_redirects=False, **kwargs)
        except CommerceApiError as exc:
            # The transport raises its error `from None`: the requests exception it replaces is still its __context__.
            cause = exc.__context__ if isinstance(exc.__context__, Exception) else exc
            raise Unreachable(explain(cause, self.base_url, call, self.client.timeout, self.words)) from None
        return response


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


def explain(exc, base_url, call, timeout, words):
    """One line: what failed, during which call, and what to change (named as the caller names it)."""
    causes = list(_causes(exc))
    text = " ".join(str(cause) for cause in causes)
    where = "%s (during %s)" % (base_url, call)
    if any(isinstance(cause, ssl.SSLCertVerificationError) for cause in causes) or "CERTIFICATE_VERIFY_FAILED" in text:
        return ("TLS certificate of %s is not trusted: give %s the CA bundle that signed it "
                "(or %s to skip verification, never in production)" % (where, words.ca_path, words.insecure))
    if isinstance(exc, requests.exceptions.SSLError) or any(isinstance(cause, ssl.SSLError) for cause in causes):
        return "TLS handshake with %s failed: check that %s has the right scheme (https/http) and port" % (where, words.url)
    if isinstance(exc, requests.exceptions.Timeout):
        return "no answer from %s within %g s: check %s, the network path, or raise %s" % (where, timeout, words.url, words.timeout)
    if any(isinstance(cause, socket.gaierror) for cause in causes) or "NameResolutionError" in text:
        return "cannot resolve the host of %s: check the host name in %s (and proxy settings)" % (where, words.url)
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes) or "Connection refused" in text:
        return ("connection refused by %s: check the host and port in %s and that the instance is reachable from here "
                "(proxies: https_proxy, no_proxy)" % (where, words.url))
    return "cannot talk to %s (%s): check %s, the network and proxy settings" % (where, type(exc).__name__, words.url)
