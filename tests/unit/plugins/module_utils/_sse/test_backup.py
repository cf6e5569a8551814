# -*- coding: utf-8 -*-
"""Backup file names and directories."""

from __future__ import annotations

import datetime
import os

from ansible_collections.commerce.admin.plugins.module_utils._sse.backup import backup_directory, backup_name


def test_backup_name_keeps_zip_suffix_and_sorts_by_time():
    early = backup_name("orders.zip", datetime.datetime(2026, 11, 24, 9, 5, 1, 42, tzinfo=datetime.timezone.utc))
    late = backup_name("orders.zip", datetime.datetime(2026, 11, 24, 10, 0, 0, 0, tzinfo=datetime.timezone.utc))
    assert early == "orders.20261124T090501.000042Z.zip"
    assert early < late


def test_backup_directory_explicit_wins():
    assert backup_directory("/srv/backups", "https://admin.example.com") == "/srv/backups"


def test_backup_directory_default_is_per_server_under_home():
    path = backup_directory(None, "http://127.0.0.1:8443")
    assert path == os.path.join(os.path.expanduser("~/.ansible/commerce.admin/backups"), "127.0.0.1_8443")
