# -*- coding: utf-8 -*-
"""plugins/module_utils/_waiting.py: the generic poller behind restart and promotion waits, the work
request's status words and the wait for a restart, all with a fake clock."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._waiting import (
    WaitError, normalize_status, poll, wait_for_promotion, wait_for_work_request)


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class FakeClient:
    timeout = 5.0

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.renewals = 0
        self.asked = 0

    def ensure_token(self, min_validity):
        assert min_validity >= self.timeout
        self.renewals += 1

    def get_json(self, path, params=None):
        assert path == "/ccadmin/v1/serverExtensions/promoteStatus"
        self.asked += 1
        return self.statuses.pop(0)


def status(state, success=False, extensions=("a.zip",), **more):
    """A promoteStatus answer in the documented shape."""
    answer = {"state": state, "success": success, "extensions": list(extensions), "failedExtensions": [],
              "lastSuccessfulPhase": "none", "promotePhaseRolledBack": False}
    answer.update(more)
    return answer


def test_promotion_completes_and_token_renewed_before_every_poll():
    clock = FakeClock()
    client = FakeClient([status("in-progress"), status("in-progress", lastSuccessfulPhase="pre-promote"),
                         status("completed", True, lastSuccessfulPhase="post-promote", workRequestId="w9")])
    result = wait_for_promotion(client, ["a.zip"], 60, 1.0, clock=clock, sleep=clock.sleep)
    assert result["promotion_state"] == "COMPLETED" and result["last_successful_phase"] == "post-promote"
    assert result["work_request_id"] == "w9" and result["failed_extensions"] == []
    assert client.asked == 3 and client.renewals == 3
    assert clock.sleeps == [1.0, 1.0]


@pytest.mark.parametrize("field, rolled_back, fate", [
    ("promotePhaseRolledBack", True, "rolled back, so live is as it was"),
    ("isPromotePhaseRolledBack", True, "rolled back, so live is as it was"),
    ("isPromotePhaseRolledBack", False, "NOT rolled back"),
])
def test_failed_promotion_names_extensions_phase_and_rollback(field, rolled_back, fate):
    clock = FakeClock()
    failed = status("completed", False, failedExtensions=["a.zip"], lastSuccessfulPhase="pre-promote")
    del failed["promotePhaseRolledBack"]
    failed[field] = rolled_back
    with pytest.raises(WaitError) as info:
        wait_for_promotion(FakeClient([status("in-progress"), failed]), ["a.zip"], 60, 1.0, clock=clock, sleep=clock.sleep)
    text = str(info.value)
    assert "failed extensions: a.zip" in text and "last successful phase: pre-promote" in text and fate in text
    assert info.value.result["rolled_back"] is rolled_back and info.value.result["promotion_state"] == "FAILED"


def test_an_earlier_promotions_completed_status_is_not_taken_for_ours():
    clock = FakeClock()
    client = FakeClient([status("completed", True, extensions=["old.zip"]), status("completed", True)])
    result = wait_for_promotion(client, ["a.zip"], 60, 1.0, clock=clock, sleep=clock.sleep)
    assert result["promotion_state"] == "COMPLETED" and client.asked == 2


def test_poll_times_out_without_oversleeping_and_names_an_unknown_status():
    clock = FakeClock()
    client = FakeClient([])

    def read(elapsed):
        return "WARMING_UP", {"elapsed": elapsed}

    with pytest.raises(WaitError, match="did not finish within wait_timeout \\(2.5 s\\)") as info:
        poll(client, read, "the thing", 2.5, 1.0, clock=clock, sleep=clock.sleep)
    assert clock.sleeps == [1.0, 1.0, 0.5]
    assert "WARMING_UP (not a status the collection knows: treated as still running)" in str(info.value)
    assert info.value.result["elapsed"] == 2.5


@pytest.mark.parametrize("message,status", [("SUCCEEDED.", "SUCCEEDED"), ("Succeeded", "SUCCEEDED"), (" in_progress. ", "IN_PROGRESS"),
                                            ("FAILED!", "FAILED"), (None, "")])
def test_status_normalisation(message, status):
    assert normalize_status(message) == status


class FakeRestartClient:
    timeout = 1.0

    def __init__(self, messages):
        self.messages = list(messages)
        self.renewals = 0

    def ensure_token(self, min_validity):
        self.renewals += 1

    def get_json(self, path, params=None):
        assert params == {"workRequestId": "w1"}
        message = self.messages.pop(0) if len(self.messages) > 1 else self.messages[0]
        return {"workRequestId": "w1", "message": message, "completionPercentage": 100 if message.startswith("SUCC") else 40}


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_waits_until_succeeded_renewing_the_token_each_poll():
    clock, client = Clock(), FakeRestartClient(["ACCEPTED.", "IN_PROGRESS.", "SUCCEEDED"])
    result = wait_for_work_request(client, "w1", 60, 2, clock=clock, sleep=clock.sleep)
    assert result == {"work_request_id": "w1", "restart_status": "SUCCEEDED", "completion_percentage": 100, "elapsed": 4.0}
    assert client.renewals == 3


@pytest.mark.parametrize("final", ["FAILED.", "CANCELED"])
def test_failed_or_canceled_raise_with_the_status(final):
    clock = Clock()
    with pytest.raises(WaitError, match="ended %s" % normalize_status(final)) as info:
        wait_for_work_request(FakeRestartClient(["IN_PROGRESS.", final]), "w1", 60, 1, clock=clock, sleep=clock.sleep)
    assert info.value.result["restart_status"] == normalize_status(final)


def test_timeout_names_the_work_request_and_says_it_may_still_run():
    clock = Clock()
    with pytest.raises(WaitError) as info:
        wait_for_work_request(FakeRestartClient(["IN_PROGRESS."]), "w1", 5, 2, clock=clock, sleep=clock.sleep)
    message = str(info.value)
    assert "did not finish within wait_timeout (5 s)" in message and "w1" in message and "may still be running" in message
    assert clock.now == 5.0
