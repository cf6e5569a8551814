# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Follow long-running server work (restarts, promotions) to its end on a monotonic clock."""

from __future__ import annotations

import time

from ansible_collections.commerce.admin.plugins.module_utils import _api as api

SUCCEEDED = "SUCCEEDED"
DONE_STATES = (SUCCEEDED, "COMPLETED")
FAILED_STATES = ("FAILED", "CANCELED", "CANCELLED")


class WaitError(Exception):
    """The work failed, or did not end in time; `result` holds the last status seen."""

    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


def normalize_status(message):
    """'Succeeded.' and 'SUCCEEDED' are the same state: the documents show both."""
    return (message or "").strip().rstrip(".!").strip().upper()


def poll(client, read_status, what, timeout, interval, clock=time.monotonic, sleep=time.sleep):
    """Call `read_status(elapsed)` until its result's `status` is done; raise WaitError on failure or timeout.

    The token is renewed before each poll, so a wait may outlive it (tokens last 5 minutes,
    restarts can take longer).
    """
    start = clock()
    while True:
        client.ensure_token(min_validity=interval + client.timeout)
        result = read_status(clock() - start)
        if result["status"] in DONE_STATES:
            return result
        if result["status"] in FAILED_STATES:
            raise WaitError("%s ended %s" % (what, result["status"]), result)
        remaining = timeout - (clock() - start)
        if remaining <= 0:
            raise WaitError("%s did not finish within wait_timeout (%s s); last status %s" % (what, timeout, result["status"] or "unknown"), result)
        sleep(min(interval, remaining))


def status_result(answer, work_request_id, elapsed):
    return {
        "work_request_id": answer.get("workRequestId") or work_request_id,
        "status": normalize_status(answer.get("message")),
        "completion_percentage": answer.get("completionPercentage"),
        "elapsed": round(elapsed, 3),
    }


def wait_for_work_request(client, work_request_id, timeout, interval, clock=time.monotonic, sleep=time.sleep):
    """Poll a restart's work request until SUCCEEDED; WaitError on FAILED/CANCELED or at `timeout`."""
    def read(elapsed):
        return status_result(api.restart_status(client, work_request_id), work_request_id, elapsed)

    try:
        return poll(client, read, "work request %s" % work_request_id, timeout, interval, clock, sleep)
    except WaitError as exc:
        if exc.result["status"] in FAILED_STATES:
            raise
        raise WaitError(
            "%s at %s%%: the restart may still be running, follow it with commerce.admin.restart_status_info "
            "or commerce.admin.server_restart work_request_id=%s" % (exc, exc.result["completion_percentage"], work_request_id),
            exc.result) from None


def wait_for_promotion(client, timeout, interval, clock=time.monotonic, sleep=time.sleep):
    """Poll promoteStatus until COMPLETED; WaitError on FAILED or at `timeout`."""
    def read(elapsed):
        return {"status": normalize_status(api.promote_status(client).get("status")), "elapsed": round(elapsed, 3)}

    return poll(client, read, "promotion from preview to live", timeout, interval, clock, sleep)
