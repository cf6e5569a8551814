# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What changed inside a zip, for a reviewer: a unified diff of each text entry, bounded; binary entries named.

Only entries whose digests differ are read, each at most MAX_ENTRY bytes, and the diff of one SSE
is cut at MAX_LINES lines, so a merge request stays readable and memory stays small.
"""

from __future__ import annotations

import difflib
import zipfile

MAX_ENTRY = 256 * 1024
MAX_LINES = 120


def _texts(path, names):
    """name -> text (None for a binary, too big or unreadable entry) of `names` in the zip at `path`."""
    texts = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for name in names:
                try:
                    info = archive.getinfo(name)
                except KeyError:
                    texts[name] = ""  # absent on this side: the diff shows it added or removed
                    continue
                texts[name] = None
                if info.file_size <= MAX_ENTRY:
                    try:
                        texts[name] = archive.read(info).decode("utf-8")
                    except UnicodeDecodeError:
                        pass
    except (OSError, zipfile.BadZipFile):
        return {name: None for name in names}
    return texts


def changed_entries(local_manifest, remote_manifest):
    """Entry names whose bytes differ, or that only one side has."""
    names = set(local_manifest) | set(remote_manifest)
    return sorted(name for name in names if local_manifest.get(name) != remote_manifest.get(name))


def entry_diff(name, remote_zip, local_zip, entries):
    """Diff lines of the SSE `name` from the remote zip to the local one, for `entries`, at most MAX_LINES."""
    before, after = _texts(remote_zip, entries), _texts(local_zip, entries)
    lines = []
    for entry in entries:
        if before[entry] is None or after[entry] is None:
            lines.append("Binary or large entry %s/%s differs" % (name, entry))
            continue
        lines.extend(line.rstrip("\n") for line in difflib.unified_diff(
            before[entry].splitlines(True), after[entry].splitlines(True), "remote %s/%s" % (name, entry), "declared %s/%s" % (name, entry)))
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES] + ["... %d more diff lines of %s not shown" % (len(lines) - MAX_LINES, name)]
    return lines
