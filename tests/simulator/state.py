# -*- coding: utf-8 -*-
"""What the simulated instance holds: SSE files on disk, extensions, sites, tokens, restarts, promotions."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import threading
import time

from .common import ENVIRONMENTS, now_iso, random_id
from .config import Config
from .extensions import Extensions
from .filestore import FileStore
from .manifest import read_extension
from .promotion import Promotions
from .publishing import Publishing
from .restarts import Restarts
from .tokens import TokenBook
from .variables import Variables
from .zips import entry_names

SEED_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed.json")
# assumed: the subject of an application-key token; it names no credential
TOKEN_SUBJECT = "applicationAccess"


def content_checksum(path):
    """A signed 64-bit number derived from the content: opaque to clients, stable for the same bytes."""
    digest = hashlib.blake2b(digest_size=8)
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
            sha.update(chunk)
    return int.from_bytes(digest.digest(), "big", signed=True), sha.hexdigest()


class Store:  # pylint: disable=too-many-instance-attributes
    """All state, guarded by one lock; SSE bytes live in files under state_dir/<environment>/."""

    def __init__(self, state_dir, seed_path=None, config=None):
        self.config = config or Config()
        self.state_dir = os.path.abspath(state_dir)
        self.lock = threading.RLock()
        with open(seed_path or SEED_PATH, encoding="utf-8") as handle:
            seed = json.load(handle)
        self.app_key = seed["app_key"]
        self.extension_book = Extensions(seed.get("extensions", []), now_iso())
        self.extensions = self.extension_book.items  # the listing; the book holds the rest of each extension
        self.files = FileStore(os.path.join(self.state_dir, "files"))
        self.sites = {site["id"]: dict(site) for site in seed.get("sites", [])}
        self.default_site = next(iter(self.sites), None)
        self.sses = {env: {} for env in ENVIRONMENTS}
        self.tokens = TokenBook(self.config)
        self.restarts = Restarts(self.config)
        self.promotions = Promotions(self.config)
        self.publishing = Publishing(self.config)
        self.variables = Variables(self.config)
        for env in ENVIRONMENTS:
            os.makedirs(os.path.join(self.state_dir, env), exist_ok=True)
            for name, text in (seed.get("sses", {}).get(env) or {}).items():
                self.put_sse(env, name, text.encode("utf-8"), running=True)

    # Tokens (issue_token is looked up on the instance, so a test may wrap it)

    def issue_token(self):
        return self.tokens.issue(TOKEN_SUBJECT)

    def token_valid(self, token):
        return self.tokens.valid(token)

    def revoke(self, token):
        self.tokens.revoke(token)

    def expire_tokens(self):
        self.tokens.expire_all()

    # SSE files

    def sse_path(self, env, name):
        return os.path.join(self.state_dir, env, name)

    def store_sse(self, env, name, temp_path, entries=None, digests=None):
        """Move a complete upload into place atomically and record its listing item (`digests` from content_checksum)."""
        checksum, sha256 = digests or content_checksum(temp_path)
        entries = entry_names(temp_path) if entries is None else entries
        target = self.sse_path(env, name)
        with self.lock:
            os.replace(temp_path, target)
            self.sses[env][name] = {"size": os.path.getsize(target), "lastModified": now_iso(), "checksum": checksum,
                                    "sha256": sha256, "repositoryId": "f" + random_id(6).lower(), "entries": entries}

    def put_sse(self, env, name, data, running=False):
        """Store bytes as if uploaded without a restart; `running` also makes them what the server runs."""
        temp = self.sse_path(env, ".put-" + random_id())
        with open(temp, "wb") as handle:
            handle.write(data)
        with self.lock:
            self.store_sse(env, name, temp)
            if running:
                self.restarts.running[env][name] = self.sses[env][name]["sha256"]

    def copy_sse(self, source_env, target_env, name):
        temp = self.sse_path(target_env, ".copy-" + random_id())
        shutil.copyfile(self.sse_path(source_env, name), temp)
        self.store_sse(target_env, name, temp, self.sses[source_env][name]["entries"])

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

    # Extensions from the file store

    def install_extension(self, name):
        """createExtension of /extensions/<name>: (item or None, errors, warnings); None errors: no such file."""
        with self.lock:
            path = "/extensions/" + name
            local = self.files.local(path)
            if local is None:
                return None, None, []
            reading = read_extension(local)
            errors = reading.errors or self.extension_book.install_problems(reading.manifest, reading.widgets)
            if errors:
                return None, errors, reading.warnings
            item = self.extension_book.install(reading, path, self.files.files[path]["sha256"])
            return dict(item), [], reading.warnings

    # Restarts and promotions

    def start_restart(self, env="live"):
        """A new work request loading what `env` stores now, or the one already running there."""
        with self.lock:
            self.settle()
            return self.restarts.start(env, {name: dict(meta) for name, meta in self.sses[env].items()},
                                       variables=self.variables.view(env))

    def start_promotion(self, names):
        with self.lock:
            self.promotions.start(names)
        # reads settle it anyway; the timer makes the files land on time for a client that does not poll
        timer = threading.Timer(self.config.promote_seconds, self.settle)
        timer.daemon = True
        timer.start()

    def restarts_snapshot(self):
        with self.lock:
            now = time.monotonic()
            self.settle(now)
            return self.restarts.snapshot(now)

    def running(self, env):
        with self.lock:
            self.settle()
            return dict(self.restarts.running[env])

    def settle(self, now=None):
        """Finish what time has finished by `now` (monotonic): a due promotion (copy, then a live restart), then restarts."""
        now = time.monotonic() if now is None else now
        with self.lock:
            promotion = self.promotions.due(now)
            if promotion is not None:
                promotion["settled"] = True
                if promotion["outcome"] == "succeed":
                    for name in promotion["names"]:
                        if name in self.sses["preview"]:
                            self.copy_sse("preview", "live", name)
                    # the restart starts when the promotion ended, however late this runs
                    end = promotion["started"] + promotion["duration"]
                    promotion["work_id"] = self.restarts.start("live", dict(self.sses["live"]), end, variables=self.variables.view("live"))
            self.restarts.settle(now)
            self.publishing.settle(now)

    def note_publishable_change(self, kind, ident):
        """What a handler calls after a change that reaches shoppers only through a publish (extension installs and
        activations, site settings; kinds in publishing.DISPLAY_NAMES)."""
        with self.lock:
            return self.publishing.note(kind, ident)

    def push_variables(self):
        """POST servers/push: every running extension server picks up the current variable values."""
        with self.lock:
            self.settle()
            self.variables.push(self.restarts.running_variables)

    @property
    def restart_count(self):
        return self.restarts.count

    def snapshot(self):
        """Everything at one instant: a work request shown SUCCEEDED has its set in `running`."""
        with self.lock:
            now = time.monotonic()
            self.settle(now)
            return {
                "sses": {env: [dict(self.listing_item(env, name), sha256=self.sses[env][name]["sha256"]) for name in sorted(self.sses[env])]
                         for env in ENVIRONMENTS},
                "running": {env: dict(self.restarts.running[env]) for env in ENVIRONMENTS},
                "extensions": copy.deepcopy(self.extensions),
                "files": self.files.snapshot(),
                **self.extension_book.snapshot(),
                "sites": copy.deepcopy(self.sites),
                "work_requests": self.restarts.snapshot(now),
                "restart_count": self.restarts.count,
                "preview_enabled": self.config.preview_enabled,
                "pending_changes": copy.deepcopy(self.publishing.pending),
                "publish_count": self.publishing.count,
                "variables": self.variables.listing(),
                "running_variables": copy.deepcopy(self.restarts.running_variables),
                "push_count": self.variables.pushes,
            }
