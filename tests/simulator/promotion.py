# -*- coding: utf-8 -*-
"""Promotion of preview SSEs to live, and the promoteStatus answer (doc shape, docs/api-model.md)."""

from __future__ import annotations

import time


class Promotions:
    """The latest promotion; the store settles it (copies, restarts) once promote_seconds have passed."""

    def __init__(self, config):
        self.config = config
        self.current = None

    def busy(self):
        return self.current is not None and not self.current["settled"]

    def start(self, names):
        self.current = {"names": list(names), "started": time.monotonic(), "duration": self.config.promote_seconds,
                        "outcome": self.config.promote_outcome, "settled": False, "work_id": None}

    def due(self, now):
        """The promotion whose time is up at `now` (monotonic) and that is not settled yet, else None."""
        promotion = self.current
        if promotion is None or promotion["settled"] or now - promotion["started"] < promotion["duration"]:
            return None
        return promotion

    def status_body(self):
        rolled_back = self.config.promote_rolled_back_field
        promotion = self.current
        if promotion is None:
            # assumed: before any promotion the status reads as a completed, empty success
            return {"state": "completed", "success": True, "extensions": [], "failedExtensions": [], "lastSuccessfulPhase": "none",
                    rolled_back: False}
        names = list(promotion["names"])
        if not promotion["settled"]:
            # assumed: success stays false until the promotion completes
            return {"state": "in-progress", "success": False, "extensions": names, "failedExtensions": [], "lastSuccessfulPhase": "none",
                    rolled_back: False}
        if promotion["outcome"] == "fail":
            # assumed: a failed promotion lists every file as failed, rolled back after pre-promote; live is unchanged
            return {"state": "completed", "success": False, "extensions": names, "failedExtensions": names,
                    "lastSuccessfulPhase": "pre-promote", rolled_back: True}
        body = {"state": "completed", "success": True, "extensions": names, "failedExtensions": [], "lastSuccessfulPhase": "post-promote",
                rolled_back: False}
        if promotion["work_id"]:
            body["workRequestId"] = promotion["work_id"]
        return body
