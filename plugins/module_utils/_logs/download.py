# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One day's whole log: the zip streamed to a temporary file, then read line by line, redacted.

Memory stays bounded however long the log is: the zip goes to disk in chunks, and only the
bounded end of the log is kept for the result; `dest` receives every (redacted) line.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._errors import redact
from ansible_collections.commerce.admin.plugins.module_utils._logs.tail import BoundedLines


def _zip_to_temp(client, level, date, environment_type, directory):
    handle, path = tempfile.mkstemp(prefix=".commerce-log-", suffix=".zip", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in api.download_server_log(client, level, date, environment_type):
                out.write(chunk)
    except BaseException:
        os.unlink(path)
        raise
    return path


def _lines(path):
    """Every line of every file in the zip, in name order (the record says "log files")."""
    try:
        with zipfile.ZipFile(path) as archive:
            for name in sorted(info.filename for info in archive.infolist() if not info.is_dir()):
                with archive.open(name) as member:
                    yield from io.TextIOWrapper(member, encoding="utf-8", errors="replace")
    except zipfile.BadZipFile:
        raise CommerceError("the server answered the log download (format=zip) with something that is not a zip") from None


def read_whole_log(client, level, date, environment_type, max_bytes, dest=None):
    """(bounded end of the log, bytes written to `dest` or None); `dest` is replaced atomically."""
    directory = os.path.dirname(os.path.abspath(dest)) if dest else None
    zip_path = _zip_to_temp(client, level, date, environment_type, directory)
    bounded = BoundedLines(max_bytes=max_bytes)
    out = text_path = None
    secrets = client.secrets
    try:
        if dest:
            handle, text_path = tempfile.mkstemp(prefix=".commerce-log-", suffix=".log", dir=directory)
            out = os.fdopen(handle, "w", encoding="utf-8")
        for line in _lines(zip_path):
            line = redact(line, secrets)
            bounded.add(line)
            if out is not None:
                out.write(line if line.endswith("\n") else line + "\n")
        if out is not None:
            out.close()
            out = None
            os.replace(text_path, dest)
            text_path = None
    finally:
        if out is not None:
            out.close()
        for path in (zip_path, text_path):
            if path and os.path.exists(path):
                os.unlink(path)
    return bounded, (os.path.getsize(dest) if dest else None)
