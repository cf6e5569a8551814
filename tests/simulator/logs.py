# -*- coding: utf-8 -*-
"""The extension server's log files per environment, day and level, and what a settled restart writes to them.

doc: one file per day and level (`20161219.error.log`), lines like
`2016-12-19T10:47:44.864Z - error: Worker 1 - ENOENT: ...`. Assumed (docs/api-model.md, "Extension server
logs"): a level's file also holds the more severe levels' lines (a debug file holds everything); the tail
is the last TAIL_LINES lines; what a restart writes is the simulator's own wording of Node-style errors.
"""

from __future__ import annotations

import datetime

from .common import ENVIRONMENTS

LEVELS = ("debug", "info", "warning", "error")  # doc: the loggingLevel values, least severe first
TAIL_LINES = 100  # assumed: the record does not say how long the tail is
# Secret-looking values an SSE leaks into its log when it fails: clients must redact them.
LEAKED_API_KEY = "sim-leaked-apikey-5f1e0c93"
LEAKED_TOKEN = "sim-leaked-bearer-8a72d4e6"


def day(when):
    return when.strftime("%Y%m%d")


def stamp(when):
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (when.microsecond // 1000)


class ServerLogs:
    """Lines per (environment, YYYYMMDD); each line keeps its level so that every level's file can be cut from them."""

    def __init__(self):
        self.lines = {env: {} for env in ENVIRONMENTS}

    def append(self, env, level, text, when=None):
        when = when or datetime.datetime.now(datetime.timezone.utc)
        line = "%s - %s: Worker 1 - %s" % (stamp(when), level, text)
        self.lines[env].setdefault(day(when), []).append((LEVELS.index(level), line))

    def read(self, env, date, level):
        """The file of `level` on `date` as text ("" when nothing was logged: assumed)."""
        threshold = LEVELS.index(level)
        kept = [line for severity, line in self.lines[env].get(date, []) if severity >= threshold]
        return "".join(line + "\n" for line in kept)

    def tail(self, env, date, level):
        return "".join(self.read(env, date, level).splitlines(True)[-TAIL_LINES:])

    def restart_settled(self, env, work_id, state, captured, crashing):
        """What the extension server logs when a restart ends: why it did not start, or what it loaded."""
        if state == "SUCCEEDED":
            self.append(env, "info", "Extension server started (restart %s); loaded: %s" % (work_id, ", ".join(sorted(captured)) or "no SSE"))
            return
        if state == "CANCELED":
            self.append(env, "warning", "restart %s was canceled; the extension server keeps running what it ran" % work_id)
            return
        for name in crashing:
            self.append(env, "error", "Error: Cannot find module './lib/gateway' (required from /app/%s/index.js)" % name)
            self.append(env, "error", "%s: index.js threw at startup; the payment gateway answered 401 to "
                                      "GET https://gateway.example.com/v1/ping?apiKey=%s with Authorization: Bearer %s"
                        % (name, LEAKED_API_KEY, LEAKED_TOKEN))
        culprits = ", ".join(crashing) or "an SSE"
        self.append(env, "error", "restart %s FAILED: %s did not start, the extension server keeps running what it ran" % (work_id, culprits))
