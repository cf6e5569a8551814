# -*- coding: utf-8 -*-
"""Extension server restarts per environment, and what each environment's extension server RUNS.

Assumed (docs/api-model.md, "assumed (simulator)"): a restart loads the SSEs stored when it starts;
only a restart that ends SUCCEEDED replaces the running set; one requested while another runs in
the same environment joins it (and so does not load what was stored after that one started).
The state of a work request is a function of the time since it started; `settle` applies the
finished ones in start order, and the store calls it before every read, so a client that saw
SUCCEEDED and then looks at the running set always finds the new set.
"""

from __future__ import annotations

import time

from .common import ENVIRONMENTS, random_id
from .logs import ServerLogs
from .zips import holds_entry

FINAL = {"succeed": "SUCCEEDED", "fail": "FAILED", "cancel": "CANCELED"}


def progress_state(work, now=None):
    """(state, percentage) of a work request at `now` (monotonic)."""
    duration = max(work["duration"], 0.001)
    progress = ((time.monotonic() if now is None else now) - work["started"]) / duration
    if work["outcome"] == "hang":
        return ("ACCEPTED", 0) if progress < 0.1 else ("IN_PROGRESS", 50)
    if progress >= 1:
        return FINAL[work["outcome"]], 100
    if progress < 0.1:
        return "ACCEPTED", 0
    return "IN_PROGRESS", min(99, int(progress * 100))


def is_final(work, now=None):
    return progress_state(work, now)[0] in FINAL.values()


class Restarts:
    """Work requests and running sets; the caller holds the store lock."""

    def __init__(self, config):
        self.config = config
        self.requests = {}
        self.running = {env: {} for env in ENVIRONMENTS}
        # the SSE environment variables each server sees (variables.py; a push changes them too)
        self.running_variables = {env: {} for env in ENVIRONMENTS}
        self.count = 0
        self.logs = ServerLogs()  # the extension server's logs: a settled restart says there how it ended

    def start(self, env, stored, at=None, variables=None):
        """The id of a new work request loading `stored` ({name: meta}) and `variables` ({name: value}, None: left
        as they are), or of the one running in `env`."""
        now = time.monotonic() if at is None else at
        for work_id, work in self.requests.items():
            if work["environment"] == env and not is_final(work, now):
                return work_id
        crash = self.config.crash_entry
        crashing = sorted(name for name, meta in stored.items() if holds_entry(meta.get("entries"), crash))
        outcome = self.config.restart_outcome
        if outcome == "succeed" and crashing:
            outcome = "fail"  # an SSE that does not start fails the whole restart
        work_id = random_id()
        self.requests[work_id] = {"environment": env, "started": now, "duration": self.config.restart_seconds, "outcome": outcome,
                                  "captured": {name: meta["sha256"] for name, meta in stored.items()}, "crashing": crashing,
                                  "settled": False, "variables": None if variables is None else dict(variables)}
        self.count += 1
        return work_id

    def settle(self, now=None):
        """Apply every finished work request once, in start order."""
        now = time.monotonic() if now is None else now
        for work_id, work in self.requests.items():
            if not work["settled"] and is_final(work, now):
                work["settled"] = True
                if progress_state(work, now)[0] == "SUCCEEDED":
                    self.running[work["environment"]] = dict(work["captured"])
                    if work.get("variables") is not None:
                        self.running_variables[work["environment"]] = dict(work["variables"])
                self.logs.restart_settled(work["environment"], work_id, progress_state(work, now)[0], work["captured"], work["crashing"])

    def snapshot(self, now=None):
        now = time.monotonic() if now is None else now
        return {work_id: {"status": progress_state(work, now)[0], "percentage": progress_state(work, now)[1],
                          "environment": work["environment"], "captured": sorted(work["captured"]), "crashing": list(work["crashing"])}
                for work_id, work in self.requests.items()}
