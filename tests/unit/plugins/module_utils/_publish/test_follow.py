# -*- coding: utf-8 -*-
"""plugins/module_utils/_publish/follow.py: when a publish has ended, and following it with fresh tokens."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import WaitError
from ansible_collections.commerce.admin.plugins.module_utils._publish import follow


def test_publish_state():
    assert follow.publish_state({"publishRunning": True, "publishId": "p2"}, "p1", 0.5)[0] == follow.RUNNING
    assert follow.publish_state({"publishRunning": False, "publishId": "p1"}, "p1", 0.5)[0] == follow.NOT_YET
    state, result = follow.publish_state({"publishRunning": False, "publishId": "p2", "errorMessage": ""}, "p1", 1.23456)
    assert state == follow.SUCCEEDED and result["elapsed"] == 1.235 and "failure" not in result
    state, result = follow.publish_state({"publishRunning": False, "publishId": "p2", "errorMessage": "bad", "errorPhase": 420}, None, 1)
    assert state == follow.FAILED and result["failure"].startswith("the publish p2 failed in phase 420: bad; ")
    assert follow.publish_state({"publishRunning": False, "publishId": "p2", "errorMessage": "bad"}, None, 1, judge=False)[0] == follow.SUCCEEDED


class Client:
    """Answers the status GETs in turn; counts token renewals."""

    timeout = 1.0

    def __init__(self, answers):
        self.answers, self.renewals = list(answers), 0

    def ensure_token(self, min_validity=0.0):
        self.renewals += 1

    def get_json(self, path, params=None, headers=None):
        assert params == {"lastPublished": "true"}
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_followed_to_the_end_renewing_the_token_before_each_read():
    clock = Clock()
    client = Client([{"publishRunning": False, "publishId": "p1"}, {"publishRunning": True, "publishId": "p2"},
                     {"publishRunning": False, "publishId": "p2", "errorMessage": "", "numberOfChanges": 2}])
    result = follow.wait_for_publish(client, "p1", 60, 10, clock=clock, sleep=clock.sleep)
    assert result["publish_id"] == "p2" and result["number_of_changes"] == 2 and client.renewals == 3 and clock.now == 20


def test_a_failure_and_a_timeout():
    clock = Clock()
    failing = Client([{"publishRunning": False, "publishId": "p2", "errorMessage": "bad", "errorPhase": 500}])
    with pytest.raises(WaitError, match="failed in phase 500: bad") as caught:
        follow.wait_for_publish(failing, "p1", 60, 1, clock=clock, sleep=clock.sleep)
    assert caught.value.result["error_phase"] == 500
    running = Client([{"publishRunning": True, "publishId": "p2", "currentPhase": 300, "lastCompletedPhase": 200}])
    with pytest.raises(WaitError, match=r"within wait_timeout \(5 s\).*\(phase 300, last completed 200\): it may still be running"):
        follow.wait_for_publish(running, "p1", 5, 1, clock=clock, sleep=clock.sleep)
