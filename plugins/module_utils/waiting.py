# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Follow an extension-server work request to its end on a monotonic clock."""

from __future__ import annotations

import time

from ansible_collections.commerce.admin.plugins.module_utils import api

SUCCEEDED = "SUCCEEDED"
FAILED_STATES = ("FAILED", "CANCELED", "CANCELLED")


class WaitError(Exception):
    """The work request failed, or did not end in time; `result` holds the last status seen."""

    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


def normalize_status(message):
    """'Succeeded.' and 'SUCCEEDED' are the same state: the documents show both."""
    return (message or "").strip().rstrip(".!").strip().upper()


def status_result(answer, work_request_id, elapsed):
    return {
        "work_request_id": answer.get("workRequestId") or work_request_id,
        "status": normalize_status(answer.get("message")),
        "completion_percentage": answer.get("completionPercentage"),
        "elapsed": round(elapsed, 3),
    }


def wait_for_work_request(client, work_request_id, timeout, interval, clock=time.monotonic, sleep=time.sleep):
    """Poll until SUCCEEDED; raise WaitError on FAILED/CANCELED or when `timeout` seconds pass.

    The token is renewed before each poll, so a wait may outlive it (tokens last 5 minutes,
    restarts can take longer).
    """
    start = clock()
    while True:
        client.ensure_token(min_validity=interval + client.timeout)
        result = status_result(api.restart_status(client, work_request_id), work_request_id, clock() - start)
        if result["status"] == SUCCEEDED:
            return result
        if result["status"] in FAILED_STATES:
            raise WaitError("work request %s ended %s" % (work_request_id, result["status"]), result)
        remaining = timeout - (clock() - start)
        if remaining <= 0:
            raise WaitError(
                "work request %s did not finish within wait_timeout (%s s); last status %s at %s%%: the restart may "
                "still be running, follow it with commerce.admin.restart_status_info or server_restart work_request_id=%s"
                % (work_request_id, timeout, result["status"] or "unknown", result["completion_percentage"], work_request_id),
                result)
        sleep(min(interval, remaining))
