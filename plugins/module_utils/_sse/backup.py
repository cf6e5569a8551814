# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Download a remote SSE to a local, timestamped file before it is replaced or deleted."""

from __future__ import annotations

import datetime
import os
import tempfile

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import LocalFileError

DEFAULT_BACKUP_ROOT = "~/.ansible/commerce.admin/backups"


def backup_directory(backup_dir, base_url):
    """The directory for backups: `backup_dir`, else one per server under the user's ~/.ansible."""
    if backup_dir:
        return backup_dir
    host = base_url.split("://", 1)[-1].replace(":", "_").replace("/", "")
    return os.path.join(os.path.expanduser(DEFAULT_BACKUP_ROOT), host)


def backup_name(name, now=None):
    stamp = (now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y%m%dT%H%M%S.%fZ")
    return "%s.%s.zip" % (name[:-len(".zip")], stamp)


def backup_sse(client, name, directory, environment_type=None):
    """Stream the remote `name` into `directory`; return the backup's path.

    The file appears under its final name only once it is complete.
    """
    try:
        os.makedirs(directory, exist_ok=True)
        fd, partial = tempfile.mkstemp(prefix=".partial-", dir=directory)
    except OSError as exc:
        raise LocalFileError("cannot write backups to backup_dir %s: %s; set backup_dir to a writable directory"
                             % (directory, exc.strerror or exc)) from None
    target = os.path.join(directory, backup_name(name))
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in api.download_sse(client, name, environment_type):
                handle.write(chunk)
        os.replace(partial, target)
    except BaseException:
        os.unlink(partial)
        raise
    return target
