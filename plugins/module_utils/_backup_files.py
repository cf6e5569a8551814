# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where backups go, and writing one so that it appears under its name only once complete.

Shared by every domain that keeps a copy of what it is about to replace or delete.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile

from ansible_collections.commerce.admin.plugins.module_utils._errors import LocalFileError

DEFAULT_BACKUP_ROOT = "~/.ansible/commerce.admin/backups"


def backup_directory(backup_dir, base_url):
    """The directory for backups: `backup_dir`, else one per server under the user's ~/.ansible."""
    if backup_dir:
        return backup_dir
    host = base_url.split("://", 1)[-1].replace(":", "_").replace("/", "")
    return os.path.join(os.path.expanduser(DEFAULT_BACKUP_ROOT), host)


def stamp(now=None):
    """A UTC time stamp for file names, sortable and unique to the microsecond."""
    return (now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y%m%dT%H%M%S.%fZ")


def _partial(directory):
    try:
        os.makedirs(directory, exist_ok=True)
        return tempfile.mkstemp(prefix=".partial-", dir=directory)
    except OSError as exc:
        raise LocalFileError("cannot write backups to backup_dir %s: %s; set backup_dir to a writable directory"
                             % (directory, exc.strerror or exc)) from None


def write_chunks(chunks, directory, file_name):
    """Write a stream of byte chunks to `directory`/`file_name`; its path. Nothing is left behind on failure."""
    fd, partial = _partial(directory)
    target = os.path.join(directory, file_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(partial, target)
    except BaseException:
        os.unlink(partial)
        raise
    return target


def write_json(value, directory, file_name):
    """Write `value` as JSON to `directory`/`file_name`, completely or not at all; its path."""
    return write_chunks([json.dumps(value, indent=2, sort_keys=True).encode("utf-8")], directory, file_name)
