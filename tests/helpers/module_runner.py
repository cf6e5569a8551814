# -*- coding: utf-8 -*-
"""Run a module's `main()` in-process and hand back its result, as ansible-playbook would see it.

`run_module(module, args, check_mode=..., diff=...)` patches the module arguments with
`ansible.module_utils.testing.patch_module_args`, catches the SystemExit of `exit_json` /
`fail_json`, and parses the JSON the module printed. Warnings (kept by ansible-core in a
process-wide registry) are isolated per run and returned as plain strings, and tracebacks are
enabled for errors, as ansible-playbook does at -vvv, so a bug's `exception` can be checked.
"""

from __future__ import annotations

import contextlib
import io
import json
from unittest import mock

from ansible.module_utils._internal import _traceback
from ansible.module_utils.common import warnings as ansible_warnings
from ansible.module_utils.testing import patch_module_args

# What a waiting module needs to be quick against a simulator whose restarts take ~0.2 s.
FAST_WAIT = {"poll_interval": 0.05, "wait_timeout": 10}
# POSTs that change nothing on the instance.
READ_ONLY_POSTS = ("/ccadmin/v1/login", "/ccadmin/v1/refresh")


def connection(sim, **options):
    """The connection options of `sim` plus the module's own `options`."""
    args = {"base_url": sim.url, "app_key": sim.app_key}
    args.update(options)
    return args


def _messages(events):
    """ansible-core >= 2.19 returns warnings as WarningSummary dicts: keep their text."""
    return [event["event"]["msg"] if isinstance(event, dict) else str(event) for event in events or []]


def _exit_code(module):
    """The code `module.main()` exits with; every module ends with exit_json or fail_json."""
    try:
        module.main()
    except SystemExit as exc:
        return exc.code
    raise AssertionError("%s.main() returned without exit_json or fail_json" % module.__name__)


def run_module(module, args, check_mode=False, diff=False):
    """Call `module.main()` with `args`; the parsed result with `warnings` always a list of strings.

    Fails the test when main() returns instead of exiting, prints no result, or exits with a
    code that disagrees with the result's `failed`.
    """
    internal = {"_ansible_check_mode": check_mode, "_ansible_diff": diff, "_ansible_tracebacks_for": ["error"]}
    output = io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(patch_module_args(dict(args, **internal)))
        stack.enter_context(mock.patch.dict(ansible_warnings._global_warnings, clear=True))  # pylint: disable=protected-access
        stack.enter_context(mock.patch.dict(ansible_warnings._global_deprecations, clear=True))  # pylint: disable=protected-access
        # ansible-core caches which tracebacks are wanted on first use; read it again for each run.
        stack.enter_context(mock.patch.object(_traceback, "_module_tracebacks_enabled_events", None))
        stack.enter_context(contextlib.redirect_stdout(output))
        code = _exit_code(module)
    text = output.getvalue().strip()
    assert text, "%s.main() printed no result" % module.__name__
    result = json.loads(text)
    assert code == (1 if result.get("failed") else 0), "exit code %r for %r" % (code, result)
    result["warnings"] = _messages(result.get("warnings"))
    result["deprecations"] = _messages(result.get("deprecations"))
    return result


def mutating_requests(sim):
    """(method, path) of every journal entry that may change the instance: not a GET, not a login or refresh."""
    return [(entry["method"], entry["path"]) for entry in sim.journal
            if entry["method"] != "GET" and not (entry["method"] == "POST" and entry["path"].rstrip("/") in READ_ONLY_POSTS)]


def requests_to(sim, method, path):
    """The journal entries for one method and path."""
    return [entry for entry in sim.journal if entry["method"] == method and entry["path"] == path]


class _StuckSite(dict):
    """A site record whose current version the server never changes."""

    def __setitem__(self, key, value):
        if key != "currentVersion":
            super().__setitem__(key, value)


def freeze_site(sim, site_id):
    """Make the simulated rollbacks and upgrades of `site_id` answer success while changing nothing."""
    sim.store.sites[site_id] = _StuckSite(sim.store.sites[site_id])
