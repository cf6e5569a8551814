# -*- coding: utf-8 -*-
"""Access tokens: JWT-shaped (doc) or opaque, each valid for config.token_ttl whatever expires_in says."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class TokenBook:
    """Live tokens with their monotonic expiry, and every token ever issued (tests look for leaks)."""

    def __init__(self, config):
        self.config = config
        self.lock = threading.Lock()
        self.live = {}
        self.issued = []
        self._key = secrets.token_bytes(32)

    def issue(self, subject):
        ttl = self.config.token_ttl
        token = self._jwt(subject, ttl) if self.config.jwt_tokens else secrets.token_urlsafe(48)
        with self.lock:
            self.live[token] = time.monotonic() + ttl
            self.issued.append(token)
        return token

    def _jwt(self, subject, ttl):
        now = time.time()
        # exp is rounded down, so a client trusting it never outlives the real expiry
        claims = {"sub": subject, "iat": int(now), "exp": int(now + ttl), "jti": secrets.token_hex(8)}
        head = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64url(json.dumps(claims).encode())
        return head + "." + b64url(hmac.new(self._key, head.encode("ascii"), hashlib.sha256).digest())

    def valid(self, token):
        with self.lock:
            expiry = self.live.get(token)
            if expiry is None:
                return False
            if time.monotonic() >= expiry:
                del self.live[token]
                return False
            return True

    def revoke(self, token):
        with self.lock:
            self.live.pop(token, None)

    def expire_all(self):
        with self.lock:
            self.live.clear()
