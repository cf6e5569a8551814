# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Follow a publish to its end with `_waiting.poll`, which renews the token before each read.

A publish can outlast a 5-minute token. It has ended when `publishRunning` is false and the status
names another publish than the one before the start (the POST answer carries no publishId); it
failed when the ended status has an `errorMessage` or an `errorPhase`.
"""

from __future__ import annotations

import time

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import WaitError
from ansible_collections.commerce.admin.plugins.module_utils._publish.facts import failure, status_of
from ansible_collections.commerce.admin.plugins.module_utils._waiting import poll

RUNNING, NOT_YET, FAILED, SUCCEEDED = "RUNNING", "PENDING", "FAILED", "SUCCEEDED"


def publish_state(answer, before_id, elapsed, judge=True):
    """(state, result) of one status answer; `judge` False takes any end as the end (an earlier publish's)."""
    result = dict(status_of(answer), elapsed=round(elapsed, 3))
    if result["publish_running"]:
        return RUNNING, result
    if before_id is not None and result["publish_id"] == before_id:
        return NOT_YET, result
    problem = failure(result) if judge else None
    if problem:
        result["failure"] = problem + "; what it did not publish is still pending: run again once the cause is fixed"
        return FAILED, result
    return SUCCEEDED, result


def wait_for_publish(client, before_id, timeout, interval, judge=True, clock=time.monotonic, sleep=time.sleep):
    """The ended publish's status; WaitError when it failed (with `judge`) or did not end within `timeout`."""
    def read(elapsed):
        return publish_state(api.publish_status(client), before_id, elapsed, judge)

    try:
        return poll(client, read, "the publish", timeout, interval, clock, sleep)
    except WaitError as exc:
        if not exc.result.get("publish_running"):
            raise  # it failed, or the status never named a new publish
        raise WaitError("%s (phase %s, last completed %s): it may still be running; run the task again to follow it"
                        % (exc, exc.result.get("current_phase"), exc.result.get("last_completed_phase")), exc.result) from None
