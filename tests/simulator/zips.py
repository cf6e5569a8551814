# -*- coding: utf-8 -*-
"""Test zips (of an exact size, written in chunks so that hundreds of MiB need no memory; or with named entries),
and reading the entry names of a stored zip."""

from __future__ import annotations

import json
import random
import zipfile

ENTRY = "payload.bin"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
CHUNK = 1024 * 1024
# local header (30) + central directory entry (46) + end record (22) + the name twice
OVERHEAD = 30 + 46 + 22 + 2 * len(ENTRY)


def make_zip(path, size=64 * 1024, seed=0):
    """A stored (uncompressed) zip of exactly `size` bytes; another `seed` gives other bytes of the same size."""
    payload = max(0, size - OVERHEAD)
    rng = random.Random(seed)
    info = zipfile.ZipInfo(ENTRY, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        with archive.open(info, "w", force_zip64=False) as entry:
            left = payload
            while left:
                count = min(CHUNK, left)
                entry.write(rng.randbytes(count))
                left -= count
    return str(path)


def make_zip_with(path, entries):
    """A zip holding `entries` ({name: bytes or str}), e.g. {"index.js": "...", "EICAR.txt": "x"}."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), data)
    return str(path)


def entry_names(path):
    """The entry names of the zip at `path`, or None when it is not a readable zip."""
    try:
        with open(path, "rb") as handle:
            if handle.read(4) not in ZIP_MAGIC:
                return None
        with zipfile.ZipFile(path) as archive:
            return tuple(info.filename for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None


def holds_entry(entries, name):
    """Whether `entries` (from entry_names) hold a file called `name`, at the top or in a folder."""
    return bool(name) and any(name in (entry, entry.rsplit("/", 1)[-1]) for entry in entries or ())


def extension_manifest(extension_id, name="Sim Extension", version=1, **fields):
    """An ext.json with every field the doc lists (translations left out); `fields` add or override."""
    manifest = {"extensionID": extension_id, "developerID": "sim-dev", "createdBy": "Simulator", "name": name,
                "description": name + " for tests", "version": version, "timeCreated": "2026-01-01"}
    manifest.update(fields)
    return manifest


def make_extension_zip(path, manifest, widgets=(), settings=None, entries=None):
    """An extension zip: ext.json (a dict, a str, or None for none), widget/<type>/widget.json per widget,
    config/<id>/config.json per settings id ({id: config}), and any other `entries`."""
    files = {}
    if manifest is not None:
        files["ext.json"] = manifest if isinstance(manifest, (str, bytes)) else json.dumps(manifest)
    for widget in widgets:
        files["widget/%s/widget.json" % widget] = json.dumps({"name": widget})
    for settings_id, config in (settings or {}).items():
        files["config/%s/config.json" % settings_id] = config if isinstance(config, (str, bytes)) else json.dumps(config)
    files.update(entries or {})
    return make_zip_with(path, files)
