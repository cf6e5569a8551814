# -*- coding: utf-8 -*-
"""The retry policy on its own: idempotency, backoff with jitter, Retry-After."""

from __future__ import annotations

from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._retry import RetryPolicy, is_idempotent, parse_retry_after
from ansible_collections.commerce.admin.plugins.module_utils._transport import Attempts


@pytest.mark.parametrize("method, flag, expected", [
    ("GET", None, True), ("head", None, True), ("OPTIONS", None, True), ("PUT", None, True), ("DELETE", None, True),
    ("POST", None, False), ("PATCH", None, False), ("POST", True, True), ("GET", False, False),
])
def test_is_idempotent(method, flag, expected):
    assert is_idempotent(method, flag) is expected


def test_backoff_grows_exponentially_with_equal_jitter_and_a_cap():
    low = RetryPolicy(backoff_factor=0.5, backoff_max=3.0, rand=lambda: 0.0)
    high = RetryPolicy(backoff_factor=0.5, backoff_max=3.0, rand=lambda: 0.999999)
    assert [low.backoff(n) for n in range(5)] == [0.25, 0.5, 1.0, 1.5, 1.5]
    assert [round(high.backoff(n), 3) for n in range(5)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_backoff_with_real_randomness_stays_in_bounds():
    policy = RetryPolicy(backoff_factor=1.0, backoff_max=30.0)
    for attempt in range(8):
        ceiling = min(30.0, 2.0 ** attempt)
        for dummy in range(20):
            assert ceiling / 2 <= policy.backoff(attempt) <= ceiling


def test_retry_after_wins_and_is_capped():
    policy = RetryPolicy(backoff_factor=0.01, backoff_max=10.0, rand=lambda: 0.0)
    assert policy.delay(0, "3") == 3.0
    assert policy.delay(0, "120") == 10.0
    assert policy.delay(2, None) == 0.02
    assert policy.delay(2, "soon") == 0.02


def test_parse_retry_after():
    now = datetime(2030, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("7", now=now.timestamp()) == 7.0
    assert parse_retry_after(" 0 ") == 0.0
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=42), usegmt=True), now=now.timestamp()) == 42.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=42), usegmt=True), now=now.timestamp()) == 0.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("") is None
    assert parse_retry_after("next tuesday") is None


def test_budget_belongs_to_each_call():
    attempts = Attempts(2)
    seen = []
    for dummy in range(4):
        seen.append(attempts.left())
        attempts.retries += 1
    assert seen == [True, True, False, False]
    assert Attempts(2).left()
