# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""When the client may send a request again, and how long it waits first. No HTTP library needed."""

from __future__ import annotations

import random
import time
from email.utils import parsedate_to_datetime

IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "PUT", "DELETE"))
# Answers that say "not now" without anything having been done. 500 is not one of them: the
# request may have been processed in part, and sending it again rarely helps.
RETRY_STATUSES = frozenset((429, 502, 503, 504))


def is_idempotent(method, idempotent=None):
    """An explicit `idempotent` wins; otherwise the method decides (RFC 9110 idempotent methods)."""
    if idempotent is not None:
        return bool(idempotent)
    return method.upper() in IDEMPOTENT_METHODS


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP date); None when unusable."""
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


class RetryPolicy:
    """The waits between attempts (the budget belongs to each call, see _transport.Attempts).

    Waits grow exponentially, `min(backoff_max, backoff_factor * 2 ** attempt)`, with equal
    jitter (half fixed, half random) so that clients started together spread out. A server's
    Retry-After is obeyed exactly, capped at `backoff_max`.
    """

    def __init__(self, backoff_factor=0.5, backoff_max=30.0, rand=None):
        self.backoff_factor = backoff_factor
        self.backoff_max = backoff_max
        self._random = rand or random.Random().random

    def backoff(self, attempt):
        ceiling = min(self.backoff_max, self.backoff_factor * (2 ** attempt))
        return ceiling / 2.0 + self._random() * ceiling / 2.0

    def delay(self, attempt, retry_after=None):
        """The wait before retry number `attempt` (0 for the first retry)."""
        seconds = parse_retry_after(retry_after)
        if seconds is not None:
            return min(self.backoff_max, seconds)
        return self.backoff(attempt)
