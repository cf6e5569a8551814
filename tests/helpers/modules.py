# -*- coding: utf-8 -*-
"""Every module of the collection, as meta/runtime.yml declares it, and the least each one needs to run.

Tests that go over "every module" take the list from `every_module()`, never from a list of their own,
and a table they keep per module is checked to cover exactly that list, so a new module fails those
tests until it is added.
"""

from __future__ import annotations

import importlib

import yaml

from helpers import REPO

RUNTIME = REPO / "meta" / "runtime.yml"
MODULES_DIR = REPO / "plugins" / "modules"
# The smallest valid zip file: an empty archive.
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)


def runtime_modules():
    """The modules of the action group `all` in meta/runtime.yml, sorted."""
    with RUNTIME.open(encoding="utf-8") as handle:
        return sorted(yaml.safe_load(handle)["action_groups"]["all"])


def module_files():
    """The module names plugins/modules/ holds, sorted."""
    return sorted(path.stem for path in MODULES_DIR.glob("*.py") if path.stem != "__init__")


def every_module():
    """Every module: those of meta/runtime.yml's action group and those of plugins/modules/, sorted.

    Both, so a module missing from either still shows up in the tests that go over every module (and
    fails there, having no entry in their tables); test_module.py checks that the two agree."""
    return sorted(set(runtime_modules()) | set(module_files()))


def changing_modules():
    """The modules that can change something on the instance: every module but the *_info ones."""
    return [name for name in every_module() if not name.endswith("_info")]


def import_module(name):
    """The Python module of commerce.admin.`name`."""
    return importlib.import_module("ansible_collections.commerce.admin.plugins.modules." + name)


def _zip_file(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(EMPTY_ZIP)
    return str(path)


def _zip_directory(tmp_path):
    directory = tmp_path / "release"
    directory.mkdir(exist_ok=True)
    (directory / "a.zip").write_bytes(EMPTY_ZIP)
    return str(directory)


# Each module's own required options, besides the connection: the least with which it runs.
_MINIMAL = {
    "contract_info": lambda tmp_path: {},
    "extension": lambda tmp_path: {"name": "Widget with Element", "state": "absent"},
    "extension_info": lambda tmp_path: {},
    "extension_state": lambda tmp_path: {"id": "ext-widget-0001"},
    "restart_status_info": lambda tmp_path: {"work_request_id": "w1"},
    "plan_info": lambda tmp_path: {"tasks": [{"name": "publish", "module": "publish"}]},
    "publish": lambda tmp_path: {},
    "server_restart": lambda tmp_path: {},
    "site_settings": lambda tmp_path: {"settings_id": "gatewaySettings", "values": {"apiUrl": "https://a"}},
    "sse_delete": lambda tmp_path: {"name": "a.zip"},
    "sse_info": lambda tmp_path: {},
    "sse_logs_info": lambda tmp_path: {},
    "sse_promote": lambda tmp_path: {},
    "sse_sync": lambda tmp_path: {"src": _zip_directory(tmp_path)},
    "sse_upload": lambda tmp_path: {"src": _zip_file(tmp_path)},
    "sse_variables": lambda tmp_path: {"variables": {"MINIMAL_VARIABLE": "minimal-variable-value"}},
    "storefront_info": lambda tmp_path: {},
    "storefront_rollback": lambda tmp_path: {"site_id": "siteUS"},
    "storefront_version": lambda tmp_path: {"version": "latest"},
}
MINIMAL_OPTIONS_FOR = sorted(_MINIMAL)


def minimal_options(name, tmp_path):
    """The options `name` needs besides the connection; files it needs are written under tmp_path."""
    return _MINIMAL[name](tmp_path)
