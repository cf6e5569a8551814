# -*- coding: utf-8 -*-
"""Faults that tests switch on per endpoint: error statuses, dropped connections, slowness, expiry."""

from __future__ import annotations

import fnmatch
import threading

KINDS = ("status", "drop", "slow", "expire_token")


class Fault:
    def __init__(self, method, path, kind, times=1, **params):
        if kind not in KINDS:
            raise ValueError("unknown fault kind %r, expected one of %s" % (kind, ", ".join(KINDS)))
        self.method = method.upper()
        self.path = path
        self.kind = kind
        self.times = times
        self.params = params

    def matches(self, method, path):
        return self.method in ("*", method) and fnmatch.fnmatchcase(path, self.path)


class FaultRegistry:
    """Faults in the order added; each matching request uses up one of a fault's `times` (None: forever)."""

    def __init__(self):
        self._faults = []
        self._lock = threading.Lock()

    def add(self, method, path, kind, times=1, **params):
        fault = Fault(method, path, kind, times, **params)
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self):
        with self._lock:
            self._faults = []

    def take(self, method, path):
        """The first fault matching the request, consumed once; None when there is none."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self._faults.remove(fault)
                    return fault
        return None
