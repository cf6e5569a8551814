# -*- coding: utf-8 -*-
"""Token lifetimes and renewal points, without HTTP (docs/api-model.md, "What changed", point 4)."""

from __future__ import annotations

import base64
import json

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._tokens import TokenState, token_lifetime


def jwt(**claims):
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return "%s.%s.signature" % (part({"alg": "RS256", "typ": "JWT"}), part(claims))


@pytest.mark.parametrize("token, expires_in, expected", [
    (jwt(iat=1000, exp=1300), 930, 300.0),        # the claim wins over the advertised 930
    (jwt(iat=1000, exp=1120), None, 120.0),       # exp - iat: immune to clock skew
    (jwt(exp=5060), 930, 60.0),                   # exp alone: measured from our wall clock (5000)
    ("opaque-token", 930, 300.0),                 # no claim: min(expires_in, 300)
    ("opaque-token", 120, 120.0),
    ("opaque-token", None, 300.0),
    ("opaque-token", "junk", 300.0),
    ("a.bm90IGpzb24.c", 60, 60.0),                # three parts but no JSON payload
    (jwt(iat=1000, exp=900), 60, 60.0),           # a claim that makes no sense falls back
    (jwt(exp="soon"), None, 300.0),
])
def test_token_lifetime(token, expires_in, expected):
    assert token_lifetime(token, expires_in, wall_now=5000.0) == expected


def test_a_refresh_without_expires_in_keeps_the_lifetime_of_the_token_it_renews():
    assert token_lifetime("opaque", None, 5000.0, fallback=2.0) == 2.0
    assert token_lifetime("opaque", None, 5000.0, fallback=930.0) == 300.0


def test_renewal_starts_after_two_thirds_and_login_after_expiry():
    state = TokenState()
    assert state.needs_login(0.0) and not state.needs_renewal(0.0)
    state.accept("t", 300.0, issued=100.0)
    assert not state.needs_login(150.0) and not state.needs_renewal(150.0)
    assert state.needs_renewal(150.0, min_validity=260.0)   # a wait that needs more than is left
    assert state.needs_renewal(301.0) and not state.needs_login(301.0)
    assert state.needs_login(400.0) and not state.needs_renewal(400.0)
    assert state.remaining(350.0) == 50.0
