# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`restart: always` for the single-SSE modules: a restart even when the task changed nothing."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._waiting import follow_restart


def restart_unchanged(module, restart, environment_type):
    """Restart through the write path when `restart` is always; the task reports the restart's fields."""
    if restart != "always":
        return
    outcome = module.change("restart the extension server (restart: always)", api.restart_server, module.client, environment_type)
    if not outcome.check_mode:
        module.result.update(follow_restart(module.client, outcome.value.get("workRequestId"), module.params))
