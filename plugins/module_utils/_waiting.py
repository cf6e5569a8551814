# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Follow long-running server work (restarts, promotions) to its end on a monotonic clock."""

from __future__ import annotations

import time

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError, WaitError

SUCCEEDED = "SUCCEEDED"
COMPLETED = "COMPLETED"
DONE_STATES = (SUCCEEDED, COMPLETED)
FAILED_STATES = ("FAILED", "CANCELED", "CANCELLED")
# Only SUCCEEDED is documented; these are assumed (docs/api-model.md, restarts).
RUNNING_STATES = ("ACCEPTED", "IN_PROGRESS", "IN-PROGRESS", "RUNNING", "PENDING")
NO_WORK_REQUEST = "the server accepted the restart but returned no workRequestId to follow"


def normalize_status(message):
    """'Succeeded.' and 'SUCCEEDED' are the same state: the documents show both."""
    return (message or "").strip().rstrip(".!").strip().upper()


def _status_words(status):
    if status in DONE_STATES + FAILED_STATES + RUNNING_STATES:
        return status
    return "%s (not a status the collection knows: treated as still running)" % (status or "unknown")


def poll(client, read_status, what, timeout, interval, clock=time.monotonic, sleep=time.sleep):
    """Call `read_status(elapsed)` -> (status, result) until the status is done; WaitError on failure or timeout.

    The token is renewed before each poll, so a wait may outlive it (tokens last 5 minutes,
    restarts can take longer).
    """
    start = clock()
    while True:
        client.ensure_token(min_validity=interval + client.timeout)
        status, result = read_status(clock() - start)
        if status in DONE_STATES:
            return result
        if status in FAILED_STATES:
            raise WaitError(result.pop("failure", None) or "%s ended %s" % (what, status), result)
        remaining = timeout - (clock() - start)
        if remaining <= 0:
            raise WaitError("%s did not finish within wait_timeout (%s s); last status %s"
                            % (what, timeout, _status_words(status)), result)
        sleep(min(interval, remaining))


def restart_result(answer, work_request_id, elapsed):
    return {
        "work_request_id": answer.get("workRequestId") or work_request_id,
        "restart_status": normalize_status(answer.get("message")),
        "completion_percentage": answer.get("completionPercentage"),
        "elapsed": round(elapsed, 3),
    }


def wait_for_work_request(client, work_request_id, timeout, interval, clock=time.monotonic, sleep=time.sleep):
    """Poll a restart's work request until SUCCEEDED; WaitError on FAILED/CANCELED or at `timeout`."""
    def read(elapsed):
        result = restart_result(api.restart_status(client, work_request_id), work_request_id, elapsed)
        return result["restart_status"], result

    try:
        return poll(client, read, "restart work request %s" % work_request_id, timeout, interval, clock, sleep)
    except WaitError as exc:
        if exc.result["restart_status"] in FAILED_STATES:
            raise
        raise WaitError(
            "%s at %s%%: the restart may still be running, follow it with commerce.admin.restart_status_info "
            "or commerce.admin.server_restart work_request_id=%s" % (exc, exc.result["completion_percentage"], work_request_id),
            exc.result) from None


def start_restart(client, environment_type, changed=False):
    """Ask for a restart of `environment_type`'s extension server; its work request ID. CommerceError (marked
    `changed` when the caller says a restart asked for counts as one) when the answer names none."""
    answer = api.restart_server(client, environment_type)
    if not answer.get("workRequestId"):
        raise CommerceError(NO_WORK_REQUEST, changed=changed)
    return answer["workRequestId"]


def follow_restart(client, work_request_id, params):
    """Result fields of a restart a change started: followed to its end when `wait` is on."""
    if not work_request_id:
        return {"work_request_id": None, "restart_status": None}
    if not params["wait"]:
        return {"work_request_id": work_request_id, "restart_status": "ACCEPTED"}
    outcome = wait_for_work_request(client, work_request_id, params["wait_timeout"], params["poll_interval"])
    return {"work_request_id": work_request_id, "restart_status": outcome["restart_status"]}


def promotion_result(answer, names, elapsed):
    """The documented promoteStatus answer in the collection's shape.

    `state` is in-progress or completed; a completed promotion failed unless `success`. A
    completed status that lists other extensions than ours is an earlier promotion's: still waiting.
    """
    rolled_back = answer.get("promotePhaseRolledBack", answer.get("isPromotePhaseRolledBack"))
    listed = answer.get("extensions")
    state = normalize_status(answer.get("state"))
    if state == COMPLETED and isinstance(listed, list) and listed and set(names) - set(listed):
        state = "IN_PROGRESS"
    elif state == COMPLETED and not answer.get("success"):
        state = "FAILED"
    result = {
        "promotion_state": state,
        "failed_extensions": answer.get("failedExtensions") or [],
        "last_successful_phase": answer.get("lastSuccessfulPhase"),
        "rolled_back": rolled_back,
        "work_request_id": answer.get("workRequestId"),
        "elapsed": round(elapsed, 3),
    }
    if state == "FAILED":
        result["failure"] = promotion_failure(result)
    return result


def promotion_failure(result):
    failed = ", ".join(result["failed_extensions"]) or "none named"
    if result["rolled_back"]:
        fate = "the promote phase was rolled back, so live is as it was"
    elif result["rolled_back"] is None:
        fate = "the server did not say whether it rolled back: check live with commerce.admin.sse_info"
    else:
        fate = "it was NOT rolled back: live may hold part of the promotion, check it with commerce.admin.sse_info"
    return "the promotion from preview to live failed (failed extensions: %s; last successful phase: %s); %s" % (
        failed, result["last_successful_phase"] or "none", fate)


def wait_for_promotion(client, names, timeout, interval, clock=time.monotonic, sleep=time.sleep):
    """Poll promoteStatus until the promotion of `names` completed; WaitError when it failed or at `timeout`."""
    def read(elapsed):
        result = promotion_result(api.promote_status(client), names, elapsed)
        return result["promotion_state"], result

    return poll(client, read, "promotion from preview to live", timeout, interval, clock, sleep)
