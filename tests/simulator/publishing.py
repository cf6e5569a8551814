# -*- coding: utf-8 -*-
"""Pending changes and publishes: what a publish takes to shoppers, how long it runs, how it ends.

doc (getPublishStatus): a publish has a publishId, runs through numbered phases (the example shows
currentPhase 500, lastCompletedPhase 420), counts numberOfChanges and reports errorMessage and
errorPhase. assumed: which phases there are and how long each takes, that a change noted while a
publish runs waits for the next one, that a failed publish keeps every change pending, and the texts.
The caller holds the store lock; the state is a function of the time since the publish started.
"""

from __future__ import annotations

import time

from .common import now_iso, random_id
from .config import PUBLISH_PHASES as PHASES
from .extensions import USER

# assumed: the display names of the asset types the simulator records
DISPLAY_NAMES = {"extension": "Extension", "siteSettings": "Site Settings"}


class Publishing:
    """The pending change items, the latest publish, and the count of publishes started."""

    def __init__(self, config):
        self.config = config
        self.pending = []   # change items, oldest first
        self.current = None
        self.count = 0

    def note(self, kind, ident):
        """One pending item per asset: a second change of the same asset updates its time (assumed)."""
        stamp = now_iso()
        for item in self.pending:
            if item["assetType"] == kind and item["assetId"] == ident:
                item["changeTime"] = stamp
                return item
        item = {"id": "ci" + random_id(8).lower(), "assetId": ident, "assetType": kind,
                "assetTypeDisplayName": DISPLAY_NAMES.get(kind, kind), "author": USER["repositoryId"], "changeTime": stamp}
        self.pending.append(item)
        return item

    def running(self, now=None):
        return self.current is not None and not self.current["settled"] and not self._over(self.current, now)

    def start(self):
        """A new publish of every pending item; None when one runs already (the caller answers for it)."""
        if self.running():
            return None
        self.count += 1
        self.current = {"publishId": "publish%d" % (10000 + self.count), "started": time.monotonic(),
                        "duration": self.config.publish_seconds, "outcome": self.config.publish_outcome,
                        "fail_phase": self.config.publish_fail_phase, "items": [item["id"] for item in self.pending],
                        "settled": False}
        return self.current

    @staticmethod
    def _over(publish, now=None):
        return (time.monotonic() if now is None else now) - publish["started"] >= publish["duration"]

    def settle(self, now):
        """A publish whose time is up ends: a success clears what it published from the pending items."""
        publish = self.current
        if publish is None or publish["settled"] or not self._over(publish, now):
            return
        publish["settled"] = True
        if publish["outcome"] == "succeed":
            published = set(publish["items"])
            self.pending = [item for item in self.pending if item["id"] not in published]

    def _phases(self, publish, now):
        """(currentPhase, lastCompletedPhase) at `now`: the phases pass at an even pace."""
        progress = (now - publish["started"]) / max(publish["duration"], 0.001)
        done = min(len(PHASES), int(progress * len(PHASES)))
        if publish["outcome"] == "fail":
            done = min(done, PHASES.index(publish["fail_phase"]))
        current = PHASES[min(done, len(PHASES) - 1)]
        return current, PHASES[done - 1] if done else 0

    def status_body(self, now=None):
        """getPublishStatus: the running publish, else the last one (assumed: lastPublished=true reads the same)."""
        now = time.monotonic() if now is None else now
        publish = self.current
        if publish is None:
            # assumed: before any publish, nothing runs and nothing is named
            return {"publishRunning": False, "publishId": None, "currentPhase": 0, "lastCompletedPhase": 0, "numberOfChanges": 0,
                    "errorMessage": "", "errorPhase": 0, "statusMessage": "", "operationType": "publish",
                    "publishInitiator": USER["repositoryId"]}
        running = not self._over(publish, now)
        current, completed = self._phases(publish, now)
        body = {"publishRunning": running, "publishId": publish["publishId"], "currentPhase": current, "lastCompletedPhase": completed,
                "numberOfChanges": len(publish["items"]), "errorMessage": "", "errorPhase": 0, "statusMessage": "",
                "operationType": "publish", "publishInitiator": USER["repositoryId"], "firstName": USER["firstName"],
                "lastName": USER["lastName"]}
        if not running and publish["outcome"] == "fail":
            body.update(errorMessage="Publishing failed in phase %d (simulated)." % publish["fail_phase"], errorPhase=publish["fail_phase"],
                        statusMessage="Publish failed.")
        elif not running:
            body.update(currentPhase=PHASES[-1], lastCompletedPhase=PHASES[-1], statusMessage="Publish completed.")
        return body
