# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How long an access token lives, and when to renew it. No HTTP here.

Application-key tokens live 5 minutes, yet the login example advertises `expires_in: 930`
(docs/api-model.md, "What changed", point 4). So the lifetime comes from the JWT's own `exp`
claim when the token decodes, else from `min(expires_in, 300)`. Renewal starts after two
thirds of the lifetime, as public clients do, so a token is never used near its end.
"""

from __future__ import annotations

import base64
import binascii
import json

MAX_APP_KEY_TOKEN_SECONDS = 300.0
RENEW_AFTER_FRACTION = 2.0 / 3.0


def _jwt_claims(token):
    """The JWT payload as a dict, or None when `token` is not a decodable JWT."""
    parts = str(token).split(".")
    if len(parts) != 3:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        return None
    return claims if isinstance(claims, dict) else None


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def token_lifetime(token, expires_in, wall_now, fallback=MAX_APP_KEY_TOKEN_SECONDS):
    """Seconds the token is valid from now.

    `exp - iat` when the JWT carries both (immune to clock skew between us and the server),
    `exp - wall_now` with `exp` alone, else `min(expires_in, 300)`, else `fallback` (a refresh
    answer may carry no `expires_in`: the lifetime of the token it renews is the best guess).
    """
    claims = _jwt_claims(token) or {}
    expires_at = _number(claims.get("exp"))
    if expires_at is not None:
        issued_at = _number(claims.get("iat"))
        lifetime = expires_at - (issued_at if issued_at is not None else wall_now)
        if lifetime > 0:
            return lifetime
    try:
        advertised = float(expires_in)
    except (TypeError, ValueError):
        return min(fallback, MAX_APP_KEY_TOKEN_SECONDS)
    return min(advertised, MAX_APP_KEY_TOKEN_SECONDS) if advertised > 0 else min(fallback, MAX_APP_KEY_TOKEN_SECONDS)


class TokenState:
    """The current token and its deadlines on a monotonic clock."""

    def __init__(self):
        self.token = None
        self.lifetime = MAX_APP_KEY_TOKEN_SECONDS
        self.expires_at = 0.0
        self.renew_at = 0.0

    def accept(self, token, lifetime, issued):
        """Take a new token obtained at monotonic time `issued`."""
        self.token = str(token)
        self.lifetime = lifetime
        self.expires_at = issued + lifetime
        self.renew_at = issued + lifetime * RENEW_AFTER_FRACTION

    def remaining(self, now):
        return self.expires_at - now if self.token is not None else 0.0

    def needs_login(self, now):
        """No token, or one that has expired (an expired token cannot be refreshed)."""
        return self.token is None or now >= self.expires_at

    def needs_renewal(self, now, min_validity=0.0):
        """Valid, but past its renewal point or ending within `min_validity` seconds."""
        return not self.needs_login(now) and (now >= self.renew_at or self.remaining(now) < min_validity)
