# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an access token says about itself: JWT or opaque, and how long it really lives."""

from __future__ import annotations

import time

from ansible_collections.commerce.admin.plugins.module_utils._tokens import MAX_APP_KEY_TOKEN_SECONDS
from ansible_collections.commerce.admin.plugins.module_utils._tokens import _jwt_claims as claims  # one JWT reader

# The model: application-key tokens live 5 minutes, whatever expires_in says.
MODEL_LIFETIME = int(MAX_APP_KEY_TOKEN_SECONDS)


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def describe(token, expires_in):
    """A short, secret-free description: kind of token, its real lifetime, and what expires_in says."""
    said = "expires_in %d" % expires_in if isinstance(expires_in, int) else "no expires_in"
    payload = claims(token)
    if payload is None:
        limit = min(expires_in, MODEL_LIFETIME) if isinstance(expires_in, int) else MODEL_LIFETIME
        return "opaque token (not a JWT), %s: the collection assumes %d s" % (said, limit)
    exp = payload.get("exp")
    if not _number(exp):
        return "JWT without a numeric exp, %s: the collection assumes %d s" % (said, MODEL_LIFETIME)
    iat = payload.get("iat")
    lifetime, basis = (int(exp - iat), "exp - iat") if _number(iat) else (int(exp - time.time()), "exp - now")
    text = "JWT, lives %d s (%s), %s" % (lifetime, basis, said)
    if isinstance(expires_in, int) and abs(expires_in - lifetime) > 5:
        text += " (differs: the collection trusts exp)"
    return text
