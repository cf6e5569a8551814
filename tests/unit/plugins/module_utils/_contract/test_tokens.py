# -*- coding: utf-8 -*-
"""plugins/module_utils/_contract/tokens.py: a token described without showing it."""

from __future__ import annotations

import base64
import json

from ansible_collections.commerce.admin.plugins.module_utils._contract.tokens import MODEL_LIFETIME, describe


def jwt(payload):
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
    return "%s.%s.sig" % (part({"alg": "none"}), part(payload))


def test_a_jwt_lives_exp_minus_iat_and_a_different_expires_in_is_named():
    token = jwt({"iat": 1000, "exp": 1300})
    assert describe(token, 930) == "JWT, lives 300 s (exp - iat), expires_in 930 (differs: the collection trusts exp)"
    assert token not in describe(token, 930)


def test_an_opaque_token_gets_the_models_lifetime():
    assert MODEL_LIFETIME == 300
    assert describe("opaque-token-value", 930) == "opaque token (not a JWT), expires_in 930: the collection assumes 300 s"
    assert describe("opaque-token-value", None) == "opaque token (not a JWT), no expires_in: the collection assumes 300 s"


def test_a_jwt_without_exp():
    assert describe(jwt({"sub": "x"}), 300).startswith("JWT without a numeric exp, expires_in 300")
