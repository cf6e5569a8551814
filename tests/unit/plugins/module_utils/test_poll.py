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
        return {"status": self.statuses.pop(0)}


def test_promotion_completes_and_token_renewed_before_every_poll():
    clock = FakeClock()
    client = FakeClient(["IN_PROGRESS", "IN_PROGRESS", "COMPLETED"])
    result = wait_for_promotion(client, 60, 1.0, clock=clock, sleep=clock.sleep)
    assert result["status"] == "COMPLETED"
    assert client.asked == 3 and client.renewals == 3
    assert clock.sleeps == [1.0, 1.0]


def test_promotion_failure_names_status():
    clock = FakeClock()
    with pytest.raises(WaitError, match="promotion from preview to live ended FAILED"):
        wait_for_promotion(FakeClient(["IN_PROGRESS", "FAILED"]), 60, 1.0, clock=clock, sleep=clock.sleep)


def test_poll_times_out_without_oversleeping():
    clock = FakeClock()
    client = FakeClient([])

    def read(elapsed):
        return {"status": "IN_PROGRESS", "elapsed": elapsed}

    with pytest.raises(WaitError, match="did not finish within wait_timeout \\(2.5 s\\)") as info:
        poll(client, read, "the thing", 2.5, 1.0, clock=clock, sleep=clock.sleep)
    assert clock.sleeps == [1.0, 1.0, 0.5]
    assert info.value.result["status"] == "IN_PROGRESS"
