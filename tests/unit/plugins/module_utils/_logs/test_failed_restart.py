# -*- coding: utf-8 -*-
"""plugins/module_utils/_logs/failed_restart.py: only a FAILED or CANCELED restart gets the log, once."""

from __future__ import annotations

import datetime

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError, WaitError
from ansible_collections.commerce.admin.plugins.module_utils._logs import failed_restart


@pytest.fixture
def reads(monkeypatch):
    calls = []

    def fake_log(client, environment_type, since=None):
        calls.append((client, environment_type))
        assert since is not None and since <= datetime.datetime.now(datetime.timezone.utc)  # from when the wait began
        return {"lines": ["l1", "l2"], "text": "l1\nl2", "truncated": False, "note": "the extension server's error log ends: l1 | l2"}

    monkeypatch.setattr(failed_restart, "failure_log", fake_log)
    return calls


@pytest.mark.parametrize("status", ["FAILED", "CANCELED"])
def test_a_restart_that_ended_badly_carries_the_log(reads, status):
    with pytest.raises(WaitError) as caught:
        with failed_restart.restart_log_on_failure("client", "preview"):
            raise WaitError("restart work request W ended %s" % status, {"restart_status": status, "work_request_id": "W"}, changed=True)
    assert str(caught.value) == "restart work request W ended %s; the extension server's error log ends: l1 | l2" % status
    assert caught.value.fail_facts() == {"restart_status": status, "work_request_id": "W", "restart_log": ["l1", "l2"]}
    assert caught.value.changed and reads == [("client", "preview")]


def test_a_timeout_or_another_error_passes_unchanged_and_reads_nothing(reads):
    timeout = WaitError("did not finish within wait_timeout", {"restart_status": "IN_PROGRESS"})
    with pytest.raises(WaitError) as caught:
        with failed_restart.restart_log_on_failure("client"):
            raise timeout
    assert caught.value is timeout
    with pytest.raises(CommerceError, match="^other$"):
        with failed_restart.restart_log_on_failure("client"):
            raise CommerceError("other")
    assert reads == []
