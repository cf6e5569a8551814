# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options every module shares, and the client built from them.

Documented once in the doc fragment `commerce.admin.connection`; keep the two in step.
"""

from __future__ import annotations

import os

from ansible.module_utils.basic import env_fallback

from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient, normalize_base_url

__all__ = ["client_from_params", "connection_argument_spec", "normalize_base_url"]


def connection_argument_spec():
    """A fresh argument spec of the connection options (callers may change their copy)."""
    return {
        "base_url": {"type": "str", "required": True, "fallback": (env_fallback, ["COMMERCE_ADMIN_URL"])},
        "app_key": {"type": "str", "required": True, "no_log": True, "fallback": (env_fallback, ["COMMERCE_APP_KEY"])},
        "validate_certs": {"type": "bool", "default": True, "fallback": (env_fallback, ["COMMERCE_VALIDATE_CERTS"])},
        "ca_path": {"type": "path", "fallback": (env_fallback, ["COMMERCE_CA_PATH"])},
        "timeout": {"type": "float", "default": 30.0, "fallback": (env_fallback, ["COMMERCE_TIMEOUT"])},
        "retries": {"type": "int", "default": 3},
        "method_override": {"type": "bool", "default": False},
    }


def client_from_params(params, warn=None):
    """A CommerceClient from validated module parameters; ValueError names the option at fault."""
    base_url = normalize_base_url(params.get("base_url"))
    if not params.get("app_key"):
        raise ValueError("app_key is empty: set it or the COMMERCE_APP_KEY environment variable")
    timeout = params.get("timeout")
    timeout = 30.0 if timeout is None else float(timeout)
    if timeout <= 0:
        raise ValueError("timeout must be greater than 0, got %s" % timeout)
    retries = params.get("retries")
    retries = 3 if retries is None else int(retries)
    if retries < 0:
        raise ValueError("retries must be 0 or more, got %s" % retries)
    ca_path = params.get("ca_path")
    if ca_path and not os.path.isfile(ca_path):
        raise ValueError("ca_path %s is not a readable file: give the PEM bundle of the CA that signed the server certificate" % ca_path)
    validate_certs = params.get("validate_certs")
    validate_certs = True if validate_certs is None else bool(validate_certs)
    if warn is not None and not validate_certs:
        if ca_path:
            warn("validate_certs is false but ca_path is set: the server certificate is verified against ca_path")
        else:
            warn("validate_certs is false: the server certificate is not verified, so the connection can be intercepted")
    return CommerceClient(base_url, params["app_key"], validate_certs=validate_certs, ca_path=ca_path, timeout=timeout,
                          retries=retries, method_override=bool(params.get("method_override")))
