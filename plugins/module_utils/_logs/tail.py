# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The end of the extension server's error log, bounded and redacted: why a restart failed, in its own words.

A failed restart is reported with what the server logged; reading that log must never hide the
failure itself, so `failure_log` never raises.
"""

from __future__ import annotations

import collections
import datetime

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import redact

LEVELS = ("debug", "info", "warning", "error")
FAILURE_LINES = 30       # lines of the error log a failed restart's result carries
FAILURE_BYTES = 4096     # and at most this many bytes of them
MESSAGE_LINES = 8        # the last of those lines the failure message repeats
CANNOT_READ = "the server's log could not be read: %s"


def today_utc(now=None):
    """The log file's date for `now` (default: the current time) as YYYYMMDD, in UTC like the server's file names."""
    return (now or datetime.datetime.now(datetime.timezone.utc)).astimezone(datetime.timezone.utc).strftime("%Y%m%d")


class BoundedLines:
    """The last `max_lines` lines that fit in `max_bytes` (UTF-8), fed one at a time; memory stays bounded."""

    def __init__(self, max_lines=None, max_bytes=None):
        self.max_lines = max_lines
        self.max_bytes = max_bytes
        self.lines = collections.deque()
        self.size = 0
        self.truncated = False

    def add(self, line):
        line = line.rstrip("\r\n")
        if self.max_bytes is not None and len(line.encode("utf-8")) > self.max_bytes:
            # One line longer than the whole budget: keep its end, which says how it ended.
            line = "..." + line.encode("utf-8")[-(self.max_bytes - 3):].decode("utf-8", errors="ignore")
            self.truncated = True
        self.lines.append(line)
        self.size += len(line.encode("utf-8"))
        while (self.max_lines is not None and len(self.lines) > self.max_lines) or \
                (self.max_bytes is not None and self.size > self.max_bytes and len(self.lines) > 1):
            self.size -= len(self.lines.popleft().encode("utf-8"))
            self.truncated = True
        return self

    def extend(self, lines):
        for line in lines:
            self.add(line)
        return self


def log_days(since=None, now=None):
    """The days (YYYYMMDD, UTC) whose error logs a window from `since` to `now` spans: a restart that began before
    midnight and failed after it logged in both files."""
    today = today_utc(now)
    first = today_utc(since) if since is not None else today
    return [first, today] if first < today else [today]


def _tail_lines(client, date, environment_type, secrets):
    return redact(str(api.server_log_tail(client, "error", date, environment_type)), secrets).splitlines()


def failure_log(client, environment_type=None, now=None, since=None, max_lines=FAILURE_LINES, max_bytes=FAILURE_BYTES):
    """{lines, text, note, truncated}: the end of the error log of `environment_type` since `since` (today's, UTC, and
    the day before when the window crossed midnight), redacted and bounded.

    `note` is one sentence for a failure message: the last lines, that the log is empty, or that it
    could not be read (and why). Never raises: the restart's own failure must still be reported.
    """
    days = log_days(since, now)
    secrets, bounded, errors = client.secrets, BoundedLines(max_lines, max_bytes), []
    for date in days:
        try:
            bounded.extend(_tail_lines(client, date, environment_type, secrets))
        except Exception as exc:  # pylint: disable=broad-except
            # Any failure at all (an error status, no answer, a bad answer): say so, and keep the original failure.
            errors.append(redact(str(exc) or type(exc).__name__, secrets))
    if len(errors) == len(days):
        return {"lines": [], "text": "", "truncated": False, "note": CANNOT_READ % "; ".join(errors)}
    lines = [line for line in bounded.lines if line.strip()]
    if not lines:
        note = "the extension server's error log of %s is empty" % " and ".join(days)
    else:
        note = "the extension server's error log ends: %s" % " | ".join(lines[-MESSAGE_LINES:])
    return {"lines": lines, "text": "\n".join(lines), "truncated": bounded.truncated, "note": note}
