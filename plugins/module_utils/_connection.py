# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client built from the connection options, with messages that say how to set them."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient, normalize_base_url
from ansible_collections.commerce.admin.plugins.module_utils._options import CONNECTION_DEFAULTS, option_group

__all__ = ["client_from_params", "connection_argument_spec", "normalize_base_url"]

WHERE_TO_SET = ("set it in the task, once for every module with module_defaults for group/commerce.admin.all, "
                "or in the %s environment variable")


def connection_argument_spec():
    """A fresh argument spec of the connection options."""
    return option_group("connection")


def _value(params, name):
    value = params.get(name)
    return CONNECTION_DEFAULTS[name] if value is None else value


def _loopback(base_url):
    host = urlsplit(base_url).hostname or ""
    return host == "localhost" or host.startswith("127.") or host == "::1"


def client_from_params(params, warn=None):
    """A CommerceClient from validated module parameters; ValueError names the option at fault and how to set it."""
    if not params.get("base_url"):
        raise ValueError("base_url is not set: %s" % WHERE_TO_SET % "COMMERCE_ADMIN_URL")
    base_url = normalize_base_url(params["base_url"])
    if not params.get("app_key"):
        raise ValueError("app_key is not set: %s (keep it in a vault)" % WHERE_TO_SET % "COMMERCE_APP_KEY")
    timeout = float(_value(params, "timeout"))
    if timeout <= 0:
        raise ValueError("timeout must be greater than 0, got %s" % timeout)
    retries = int(_value(params, "retries"))
    if retries < 0:
        raise ValueError("retries must be 0 or more, got %s" % retries)
    ca_path = params.get("ca_path")
    if ca_path and not os.path.isfile(ca_path):
        raise ValueError("ca_path %s is not a readable file: give the PEM bundle of the CA that signed the server certificate" % ca_path)
    validate_certs = bool(_value(params, "validate_certs"))
    if warn is not None:
        if base_url.startswith("http://") and not _loopback(base_url):
            warn("base_url %s uses http: the application key and tokens cross the network unencrypted; use https" % base_url)
        if not validate_certs:
            if ca_path:
                warn("validate_certs is false but ca_path is set: the server certificate is verified against ca_path")
            else:
                warn("validate_certs is false: the server certificate is not verified, so the connection can be intercepted")
    return CommerceClient(base_url, params["app_key"], validate_certs=validate_certs, ca_path=ca_path, timeout=timeout,
                          retries=retries, method_override=bool(_value(params, "method_override")))
