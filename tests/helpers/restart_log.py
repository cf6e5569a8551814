# -*- coding: utf-8 -*-
"""What every module that waits for a restart must show when it FAILED: the server's log lines, redacted, bounded.

The simulator logs why an SSE did not start (simulator/logs.py), with a secret-looking apiKey and bearer
token in one line; these checks are shared by the server_restart, sse_upload and sse_sync tests.
"""

from __future__ import annotations

from simulator.logs import LEAKED_API_KEY, LEAKED_TOKEN

TAIL = "/ccadminx/custom/v1/logs/tail"
LOG_BYTES = 4096     # what the collection keeps of the log (plugins/module_utils/_logs/tail.py)
LOG_LINES = 30
MESSAGE_BOUND = 6000  # a failure message with its log excerpt stays readable


def flood(sim, environment="live", count=400):
    """Fill today's error log with long lines before the failure, so only a bounded end can be shown."""
    for number in range(count):
        sim.store.restarts.logs.append(environment, "error", "noise %d %s" % (number, "x" * 200))


def assert_explained(result, sse_name, secrets=()):
    """The message and `restart_log` name the SSE that did not start and why; no secret shows; both bounded."""
    log = result["restart_log"]
    assert any("Error: Cannot find module" in line and sse_name in line for line in log), log
    assert any("%s: index.js threw at startup" % sse_name in line for line in log), log
    assert "the extension server's error log ends: " in result["msg"]
    assert "%s: index.js threw at startup" % sse_name in result["msg"] and "did not start" in result["msg"]
    assert_no_secret(result, secrets)
    assert len(log) <= LOG_LINES and len("".join(log).encode("utf-8")) <= LOG_BYTES
    assert len(result["msg"]) <= MESSAGE_BOUND


def assert_no_secret(result, secrets=()):
    text = repr(result)
    for secret in (LEAKED_API_KEY, LEAKED_TOKEN) + tuple(secrets):
        assert secret not in text
    assert "apiKey=********" in text and "Bearer ********" in text


def break_log(sim, how):
    """The tail endpoint answers 500, or nothing within 1.5 s (the module's timeout must be shorter)."""
    if how == "500":
        sim.faults.add("GET", TAIL, "status", times=None, status=500)
    else:
        sim.faults.add("GET", TAIL, "slow", times=None, seconds=1.5)


def assert_unreadable_log_keeps_the_failure(result, original):
    """The original failure message comes first, unchanged; the log's absence is said, never hidden behind."""
    assert result["failed"] and result["msg"].startswith(original), result["msg"]
    assert "the server's log could not be read: GET %s" % TAIL in result["msg"]
    assert result["restart_log"] == []
