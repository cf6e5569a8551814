# -*- coding: utf-8 -*-
"""What the simulated instance holds: SSE files on disk, extensions, sites, tokens, work requests."""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import os
import secrets
import shutil
import string
import threading
import time
from dataclasses import dataclass, field

ENVIRONMENTS = ("live", "preview")
SEED_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed.json")


@dataclass
class Config:
    """Behaviour switches; tests may change any of them while the server runs."""

    token_ttl: float = 300.0
    page_cap: int = 250
    restart_seconds: float = 2.0
    promote_seconds: float = 1.0
    max_upload_bytes: int = 25 * 1024 * 1024
    status_period: bool = True          # assumed: "SUCCEEDED." (with period) or "SUCCEEDED"
    checksum_format: str = "float"      # the reference prints the checksum as a float
    login_expires_in: bool = True       # older versions answer without expires_in
    restart_outcome: str = "succeed"    # succeed | fail | cancel | hang
    promote_outcome: str = "succeed"    # succeed | fail
    undeletable: set = field(default_factory=set)


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def random_id(length=10):
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for dummy in range(length))


def content_checksum(path):
    """A signed 64-bit number derived from the content: opaque to clients, stable for the same bytes."""
    digest = hashlib.blake2b(digest_size=8)
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
            sha.update(chunk)
    return int.from_bytes(digest.digest(), "big", signed=True), sha.hexdigest()


class Store:
    """All state, guarded by one lock; SSE bytes live in files under state_dir/<environment>/."""

    def __init__(self, state_dir, seed_path=None, config=None):
        self.config = config or Config()
        self.state_dir = os.path.abspath(state_dir)
        self.lock = threading.RLock()
        with open(seed_path or SEED_PATH, encoding="utf-8") as handle:
            seed = json.load(handle)
        self.app_key = seed["app_key"]
        stamp = now_iso()
        self.extensions = []
        for item in seed.get("extensions", []):
            extension = dict(item)
            for key in ("creationTime", "modificationTime", "installedTime"):
                extension.setdefault(key, stamp)
            self.extensions.append(extension)
        self.sites = {site["id"]: dict(site) for site in seed.get("sites", [])}
        self.default_site = next(iter(self.sites), None)
        self.sses = {env: {} for env in ENVIRONMENTS}
        self.tokens = {}
        self.work_requests = {}
        self.restart_count = 0
        self.preview_enabled = True
        self.promotion = None
        for env in ENVIRONMENTS:
            os.makedirs(os.path.join(self.state_dir, env), exist_ok=True)
            for name, text in (seed.get("sses", {}).get(env) or {}).items():
                self.put_sse(env, name, text.encode("utf-8"))

    # Tokens

    def issue_token(self):
        token = ".".join(secrets.token_urlsafe(n) for n in (18, 48, 32))
        with self.lock:
            self.tokens[token] = time.monotonic() + self.config.token_ttl
        return token

    def token_valid(self, token):
        with self.lock:
            expiry = self.tokens.get(token)
            if expiry is None:
                return False
            if time.monotonic() >= expiry:
                del self.tokens[token]
                return False
            return True

    def revoke(self, token):
        with self.lock:
            self.tokens.pop(token, None)

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    # SSE files

    def sse_path(self, env, name):
        return os.path.join(self.state_dir, env, name)

    def store_sse(self, env, name, temp_path):
        """Move a complete upload into place atomically and record its listing item."""
        checksum, sha256 = content_checksum(temp_path)
        target = self.sse_path(env, name)
        with self.lock:
            os.replace(temp_path, target)
            self.sses[env][name] = {"size": os.path.getsize(target), "lastModified": now_iso(), "checksum": checksum,
                                    "sha256": sha256, "repositoryId": "f" + random_id(6).lower()}

    def put_sse(self, env, name, data):
        temp = self.sse_path(env, ".put-" + random_id())
        with open(temp, "wb") as handle:
            handle.write(data)
        self.store_sse(env, name, temp)

    def copy_sse(self, source_env, target_env, name):
        temp = self.sse_path(target_env, ".copy-" + random_id())
        shutil.copyfile(self.sse_path(source_env, name), temp)
        self.store_sse(target_env, name, temp)

    def delete_sse(self, env, name):
        with self.lock:
            if name not in self.sses[env]:
                return False
            del self.sses[env][name]
            os.unlink(self.sse_path(env, name))
            return True

    def listing_item(self, env, name):
        meta = self.sses[env][name]
        checksum = float(meta["checksum"]) if self.config.checksum_format == "float" else meta["checksum"]
        return {"name": name, "path": "/serverExtensions/" + name, "size": meta["size"], "lastModified": meta["lastModified"],
                "checksum": checksum, "repositoryId": meta["repositoryId"], "type": "file", "metadata": {}}

    # Restarts

    def start_restart(self):
        """A new work request, or the running one: a restart asked for during a restart joins it."""
        with self.lock:
            for work_id, request in self.work_requests.items():
                if self.restart_state(request)[0] in ("ACCEPTED", "IN_PROGRESS"):
                    return work_id
            work_id = random_id()
            self.work_requests[work_id] = {"started": time.monotonic(), "duration": self.config.restart_seconds,
                                           "outcome": self.config.restart_outcome}
            self.restart_count += 1
            return work_id

    @staticmethod
    def restart_state(request):
        """(state, percentage) of a work request from the time since it started."""
        duration = max(request["duration"], 0.001)
        progress = (time.monotonic() - request["started"]) / duration
        if request["outcome"] == "hang":
            return ("ACCEPTED", 0) if progress < 0.1 else ("IN_PROGRESS", 50)
        if progress >= 1:
            final = {"succeed": "SUCCEEDED", "fail": "FAILED", "cancel": "CANCELED"}[request["outcome"]]
            return final, 100
        if progress < 0.1:
            return "ACCEPTED", 0
        return "IN_PROGRESS", min(99, int(progress * 100))

    # Promotion

    def start_promotion(self, names):
        """Copy the named preview files to live once promote_seconds have passed (a timer, not a poll)."""
        promotion = {"names": list(names), "status": "IN_PROGRESS"}
        with self.lock:
            self.promotion = promotion
        timer = threading.Timer(self.config.promote_seconds, self._finish_promotion, args=(promotion, self.config.promote_outcome))
        timer.daemon = True
        timer.start()

    def _finish_promotion(self, promotion, outcome):
        with self.lock:
            if outcome == "fail":
                promotion["status"] = "FAILED"
                return
            for name in promotion["names"]:
                if name in self.sses["preview"]:
                    self.copy_sse("preview", "live", name)
            promotion["status"] = "COMPLETED"

    def promotion_status(self):
        with self.lock:
            return self.promotion["status"] if self.promotion else "COMPLETED"

    def snapshot(self):
        with self.lock:
            return {
                "sses": {env: [dict(self.listing_item(env, name), sha256=self.sses[env][name]["sha256"]) for name in sorted(self.sses[env])]
                         for env in ENVIRONMENTS},
                "extensions": copy.deepcopy(self.extensions),
                "sites": copy.deepcopy(self.sites),
                "work_requests": {wid: {"status": self.restart_state(req)[0], "percentage": self.restart_state(req)[1]}
                                  for wid, req in self.work_requests.items()},
                "restart_count": self.restart_count,
            }
