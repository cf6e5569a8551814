# -*- coding: utf-8 -*-
"""The journal: every API request in order, what was asked and answered, never a credential."""

from __future__ import annotations

import json
import threading
import time

JSON_LIMIT = 1024 * 1024
REDACTED = "<redacted>"


class Journal:
    def __init__(self):
        self.entries = []
        self.lock = threading.Lock()

    def add(self, entry):
        with self.lock:
            self.entries.append(entry)

    def clear(self):
        with self.lock:
            self.entries = []


def new_entry(request, method, auth):
    return {"method": method, "wire_method": request.method, "path": request.path, "query": request.args.to_dict(),
            "content_type": request.mimetype or None, "content_length": request.content_length, "auth": auth,
            "profile_type": request.headers.get("X-CCProfileType"), "json": None, "time": time.time(), "status": None}


def record_json(entry, request, secrets):
    """The parsed body of an application/json request; a value equal to a secret is redacted.

    Login is a form and never reaches this (the caller skips it), so no key or token body is ever kept.
    """
    if request.mimetype != "application/json" or (request.content_length or 0) > JSON_LIMIT:
        return
    try:
        entry["json"] = _redact(json.loads(request.get_data(cache=True) or b"null"), secrets)
    except ValueError:
        entry["json"] = None


def _redact(value, secrets):
    if isinstance(value, dict):
        return {key: _redact(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [_redact(item, secrets) for item in value]
    if isinstance(value, str) and value in secrets:
        return REDACTED
    return value
