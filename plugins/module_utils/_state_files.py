# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Small JSON files on the controller that keep what one run owes the next, for every domain.

One file per Admin API instance and domain (so parallel forks for different instances never
share one), read without ever failing, and replaced under an exclusive lock by a complete file
(written beside it, fsynced, renamed over it), so that two processes saving at once never lose
each other's changes and a crash never leaves half a file. Each domain keeps its own layout and
decides how its records merge; this file knows nothing of what is inside.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import tempfile
import time
from urllib.parse import urlsplit

STATE_ROOT = "~/.ansible/commerce.admin/state"
# A writer holds the lock for milliseconds; waiting longer means something is stuck.
LOCK_TIMEOUT = 30.0
LOCK_POLL = 0.01


class StateFileError(Exception):
    """A state file could not be locked or written."""


def instance_key(base_url):
    """`host_port` for `https://host[:port]` (port from the scheme when absent): the instance's part of a state file's name."""
    parts = urlsplit(base_url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("base_url %r is not scheme://host[:port]" % (base_url,))
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    # Only characters safe in a file name everywhere: an IPv6 address's colons become underscores.
    host = "".join(char if char.isascii() and (char.isalnum() or char in ".-") else "_" for char in parts.hostname.lower())
    return "%s_%d" % (host, port)


def default_path(base_url, suffix=".json"):
    """`~/.ansible/commerce.admin/state/<host>_<port><suffix>`: one file per instance, the suffix naming the domain."""
    return os.path.join(os.path.expanduser(STATE_ROOT), instance_key(base_url) + suffix)


def read_text(path):
    """(text, warnings) of the file at `path`; text is None when there is none to use. Never raises."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None, []
    except OSError as exc:
        return None, ["state file %s cannot be read (%s): ignored" % (path, exc.strerror or exc)]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        return None, ["state file %s is not UTF-8 text: ignored, it is rewritten on the next save" % path]


class FileLock:
    """An exclusive fcntl lock on a sidecar file (a state file is replaced, so it cannot carry the lock itself)."""

    def __init__(self, path, timeout=None):
        self.path = path
        self.timeout = LOCK_TIMEOUT if timeout is None else timeout
        self.fd = None

    def __enter__(self):
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                    os.close(self.fd)
                    raise StateFileError("cannot lock %s within %ss (%s)" % (self.path, self.timeout, exc.strerror or exc)) from None
            time.sleep(LOCK_POLL)

    def __exit__(self, *exc_info):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def write_json_atomically(path, document):
    """Write `document` to a temporary file beside `path`, flush and fsync it, then rename it over `path`."""
    directory = os.path.dirname(path) or "."
    fd, partial = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        try:
            os.unlink(partial)
        except OSError:
            pass
        raise
    _fsync_directory(directory)


def _fsync_directory(directory):
    # Makes the rename itself durable; some file systems refuse fsync on a directory, which is fine.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ensure_directory(directory):
    if not os.path.isdir(directory):
        os.makedirs(directory, mode=0o700, exist_ok=True)
        os.chmod(directory, 0o700)  # makedirs' mode is filtered by the umask


def save_merged(path, merge, timeout=None):
    """Replace the file at `path` by `merge(text)`, a JSON document, where `text` is the file as it is now (None when unusable).

    The file is read again under the lock, so `merge` sees what another process saved since this
    one read it. Returns the document written; StateFileError when it cannot be locked or written
    (the file is then as it was).
    """
    try:
        ensure_directory(os.path.dirname(path) or ".")
        with FileLock(path + ".lock", timeout):
            document = merge(read_text(path)[0])
            write_json_atomically(path, document)
    except OSError as exc:
        raise StateFileError("cannot save the state file %s (%s)" % (path, exc.strerror or exc)) from None
    return document


def carried_document(fact, key):
    """The document of instance `key` in a fact that carries one per instance (for throw-away controllers), or None."""
    document = fact.get(key) if isinstance(fact, dict) else None
    return document if isinstance(document, dict) else None


def with_document(fact, key, document):
    """The fact with the document of instance `key` replaced, the other instances' kept."""
    updated = dict(fact) if isinstance(fact, dict) else {}
    updated[key] = document
    return updated
