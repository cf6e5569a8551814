# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every option group modules share, in one place.

Each group is documented by the doc fragment of the same name in plugins/doc_fragments/; a unit
test checks that each fragment and its group say the same (types, defaults, choices).
"""

from __future__ import annotations

import copy

from ansible.module_utils.basic import env_fallback
from ansible.module_utils.parsing.convert_bool import boolean

PROTECTION_LEVELS = ("none", "no_delete", "read_only")

CONNECTION_DEFAULTS = {"validate_certs": True, "timeout": 30.0, "retries": 3, "method_override": False}

_GROUPS = {
    "connection": {
        # Not `required`: the module names the option, its environment variable and the action group when it is missing.
        "base_url": {"type": "str", "fallback": (env_fallback, ["COMMERCE_ADMIN_URL"])},
        "app_key": {"type": "str", "no_log": True, "fallback": (env_fallback, ["COMMERCE_APP_KEY"])},
        "validate_certs": {"type": "bool", "default": CONNECTION_DEFAULTS["validate_certs"],
                           "fallback": (env_fallback, ["COMMERCE_VALIDATE_CERTS"])},
        "ca_path": {"type": "path", "fallback": (env_fallback, ["COMMERCE_CA_PATH"])},
        "timeout": {"type": "float", "default": CONNECTION_DEFAULTS["timeout"], "fallback": (env_fallback, ["COMMERCE_TIMEOUT"])},
        "retries": {"type": "int", "default": CONNECTION_DEFAULTS["retries"]},
        "method_override": {"type": "bool", "default": CONNECTION_DEFAULTS["method_override"]},
    },
    "protection": {
        # Set per environment (module_defaults or an inventory variable) to guard production.
        "protection": {"type": "str", "default": "none", "choices": list(PROTECTION_LEVELS),
                       "fallback": (env_fallback, ["COMMERCE_PROTECTION"])},
    },
    "wait": {
        "wait": {"type": "bool", "default": True},
        "wait_timeout": {"type": "int", "default": 600},
        "poll_interval": {"type": "float", "default": 2.0},
    },
    "restart": {
        # raw, not str with choices: the boolean form of earlier releases is still accepted (deprecated).
        "restart": {"type": "raw", "default": "auto"},
    },
    "environment": {
        "environment_type": {"type": "str", "choices": ["live", "preview"]},
    },
    "backup": {
        "backup": {"type": "bool", "default": False},
        "backup_dir": {"type": "path"},
    },
    "storefront_site": {
        "site_id": {"type": "str"},
        "allow_no_previous": {"type": "bool", "default": False},
    },
}

RESTART_MODES = ("auto", "always", "never")
LEGACY_RESTART = {True: "auto", False: "never"}

# Every module takes these; the others are asked for by name.
COMMON_GROUPS = ("connection", "protection")


def option_group(name):
    """A fresh copy of one group's argument spec (callers may change their copy)."""
    return copy.deepcopy(_GROUPS[name])


def group_names():
    return sorted(_GROUPS)


def argument_spec(own, groups=()):
    """The module's own options plus the common groups and the named ones; own options win."""
    spec = {}
    for name in COMMON_GROUPS + tuple(groups):
        spec.update(option_group(name))
    spec.update(own)
    return spec


def restart_mode(value):
    """(mode, deprecated) for the `restart` option: auto, always or never; a boolean (or its string form) is the deprecated form."""
    if isinstance(value, str) and value.strip().lower() in RESTART_MODES:
        return value.strip().lower(), False
    try:
        legacy = boolean(value, strict=True)
    except TypeError:
        raise ValueError("restart must be one of %s, got %r" % (", ".join(RESTART_MODES), value)) from None
    return LEGACY_RESTART[legacy], True
