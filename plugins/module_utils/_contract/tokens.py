# -*- coding: utf-8 -*-
"""What an access token says about itself: JWT or opaque, and how long it really lives."""

from __future__ import annotations

import base64
import binascii
import json
import time

# The model: application-key tokens live 5 minutes, whatever expires_in says.
MODEL_LIFETIME = 300


def _segment(text):
    padded = text + "=" * (-len(text) % 4)
    return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))


def claims(token):
    """The JWT payload as a dict, or None when the token is not a JWT."""
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        return None
    try:
        header, payload = _segment(parts[0]), _segment(parts[1])
    except (ValueError, UnicodeError, binascii.Error):
        return None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        return None
    return payload


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
