# -*- coding: utf-8 -*-
"""Valid test zips of an exact size, written in chunks so that hundreds of MiB need no memory."""

from __future__ import annotations

import random
import zipfile

ENTRY = "payload.bin"
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
