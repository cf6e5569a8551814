# -*- coding: utf-8 -*-
"""The general file store behind /ccadmin/v1/files: stored files by path, and segmented uploads in progress.

doc: an upload is started with a file name and a segment count, answered with a token; segments arrive
in any order; the file exists once the last one is in. assumed: a file uploaded again under the same path
replaces the old one (the record has no force flag here); the caller holds the store lock.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil

from .common import now_iso

BAD_CHARS = re.compile(r"[\x00-\x1f\\]")


def normal_path(filename):
    """"/folder/name" for a file name, or None when it is invalid (doc: 20306).

    seen: both "/extensions/x.zip" and "extensions/x.zip" are sent; doubled slashes are collapsed like
    every other path the simulator receives. assumed: "..", ".", a trailing slash or a control character is invalid.
    """
    if not isinstance(filename, str) or BAD_CHARS.search(filename):
        return None
    parts = [part for part in filename.strip().split("/") if part]
    if not parts or filename.rstrip().endswith("/") or any(part in (".", "..") for part in parts):
        return None
    return "/" + "/".join(parts)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


class FileStore:
    """Files under `root` (by their store path) and segmented uploads under `root`/.segments."""

    def __init__(self, root):
        self.root = root
        self.files = {}    # path -> {"size", "sha256", "lastModified"}
        self.uploads = {}  # token -> {"filename", "segments", "received": set of indexes}
        os.makedirs(os.path.join(root, ".segments"), exist_ok=True)

    def disk_path(self, path):
        return os.path.join(self.root, "data", path.lstrip("/"))

    def local(self, path):
        """Where the bytes of a stored file are, or None when the store has no such file."""
        return self.disk_path(path) if path in self.files else None

    def put(self, path, temp_path):
        """Move a complete file into place; True when it replaced one."""
        target = self.disk_path(path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        sha = sha256_of(temp_path)
        os.replace(temp_path, target)
        existed = path in self.files
        self.files[path] = {"size": os.path.getsize(target), "sha256": sha, "lastModified": now_iso()}
        return existed

    def put_bytes(self, path, data):
        temp = os.path.join(self.root, ".segments", ".put-" + secrets.token_hex(8))
        with open(temp, "wb") as handle:
            handle.write(data)
        return self.put(path, temp)

    def start(self, path, segments):
        # doc: a token like "a668d885784_74"
        token = "%s_%d" % (secrets.token_hex(6)[:11], secrets.randbelow(100))
        self.uploads[token] = {"filename": path, "segments": segments, "received": set()}
        os.makedirs(self._segment_dir(token), exist_ok=True)
        return token

    def needed(self, token):
        upload = self.uploads[token]
        return [index for index in range(upload["segments"]) if index not in upload["received"]]

    def put_segment(self, token, index, data):
        """Keep one segment (assumed: a segment sent twice replaces the first); True when the file is now complete."""
        with open(os.path.join(self._segment_dir(token), str(index)), "wb") as handle:
            handle.write(data)
        self.uploads[token]["received"].add(index)
        return not self.needed(token)

    def finish(self, token):
        """Join the segments into the file; (path, replaced)."""
        upload = self.uploads.pop(token)
        folder = self._segment_dir(token)
        joined = folder + ".joined"
        with open(joined, "wb") as out:
            for index in range(upload["segments"]):
                with open(os.path.join(folder, str(index)), "rb") as part:
                    shutil.copyfileobj(part, out)
        shutil.rmtree(folder)
        return upload["filename"], self.put(upload["filename"], joined)

    def _segment_dir(self, token):
        return os.path.join(self.root, ".segments", token)

    def snapshot(self):
        return {path: dict(meta) for path, meta in sorted(self.files.items())}
