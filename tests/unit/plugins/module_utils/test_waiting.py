# -*- coding: utf-8 -*-
"""The generic poller behind restart and promotion waits, with a fake clock."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._waiting import WaitError, poll, wait_for_promotion


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
