# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Download a remote SSE to a local, timestamped file before it is replaced or deleted."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._backup_files import backup_directory, stamp, write_chunks

__all__ = ["backup_directory", "backup_name", "backup_sse"]


def backup_name(name, now=None):
    return "%s.%s.zip" % (name[:-len(".zip")], stamp(now))


def backup_sse(client, name, directory, environment_type=None):
    """Stream the remote `name` into `directory`; return the backup's path (it appears under its name only once complete)."""
    return write_chunks(api.download_sse(client, name, environment_type), directory, backup_name(name))
