# -*- coding: utf-8 -*-
"""plugins/module_utils/_sse/restart.py: `restart: always` restarts through the write path even when nothing changed."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._module import Outcome
from ansible_collections.commerce.admin.plugins.module_utils._sse.restart import restart_unchanged


class Module:
    """Just what restart_unchanged uses: change() records the description and, unless in check mode, runs the action."""

    def __init__(self, check_mode):
        self.check_mode = check_mode
        self.changes = []
        self.result = {}
        self.client = object()
        self.params = {"wait": False}

    def change(self, description, action, *args):
        self.changes.append(description)
        return Outcome(True, None if self.check_mode else {"workRequestId": "W1"}, check_mode=self.check_mode)


def test_only_always_restarts_and_check_mode_sends_nothing():
    for mode in ("auto", "never"):
        module = Module(False)
        restart_unchanged(module, mode, None)
        assert module.changes == [] and module.result == {}
    checked = Module(True)
    restart_unchanged(checked, "always", None)
    assert checked.changes == ["restart the extension server (restart: always)"] and checked.result == {}
    module = Module(False)
    restart_unchanged(module, "always", None)
    assert module.result == {"work_request_id": "W1", "restart_status": "ACCEPTED"}
