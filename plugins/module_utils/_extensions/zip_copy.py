# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Copy a zip with one entry's bytes replaced, every other entry copied as it is stored.

zipfile writes an entry only by compressing it again, which for a deflated 20 MiB extension
costs more CPU time than its upload takes. The zip format lets a writer copy an entry's
compressed bytes with the CRC and sizes the source records for them, so that is what happens
here: the source's central directory (read by zipfile) says where each entry's bytes are, and
a new local header, the same bytes, a new central directory and end record are written.
Memory use does not grow with the zip's size.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

from ansible_collections.commerce.admin.plugins.module_utils._local_files import CHUNK_SIZE

LOCAL = struct.Struct("<4s2B4HL2L2H")
CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
END = struct.Struct("<4s4H2LH")
END64 = struct.Struct("<4sQ2H2L4Q")
LOCATOR64 = struct.Struct("<4sLQL")
LOCAL_SIGNATURE, CENTRAL_SIGNATURE = b"PK\x03\x04", b"PK\x01\x02"
END_SIGNATURE, END64_SIGNATURE, LOCATOR64_SIGNATURE = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07"
ZIP64_TAG = 0x0001
ZIP64_VERSION = 45
MARK32, MARK16 = 0xFFFFFFFF, 0xFFFF
# General purpose flags: the sizes follow the data (cleared: they are in the new local header), UTF-8 names.
DATA_DESCRIPTOR, UTF8_NAME = 0x08, 0x800
# Sizes and offsets from which zip64 fields are written (zipfile's own threshold; readers take both).
SIZE_LIMIT = zipfile.ZIP64_LIMIT
COUNT_LIMIT = zipfile.ZIP_FILECOUNT_LIMIT


class _Entry:
    """What the central directory says about one entry of the copy."""

    def __init__(self, info, name, flags, method, crc, compressed, size, offset):
        self.info, self.name, self.flags, self.method = info, name, flags, method
        self.crc, self.compressed, self.size, self.offset = crc, compressed, size, offset


def _dos_time(date_time):
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def _encoded_name(info):
    flags = info.flag_bits & ~DATA_DESCRIPTOR
    try:
        return info.filename.encode("ascii"), flags
    except UnicodeEncodeError:
        return info.filename.encode("utf-8"), flags | UTF8_NAME


def _version(info, zip64):
    return max(info.extract_version, ZIP64_VERSION if zip64 else 0, 20 if info.compress_type == zipfile.ZIP_DEFLATED else 10)


def _write_local(out, entry):
    zip64 = entry.size >= SIZE_LIMIT or entry.compressed >= SIZE_LIMIT
    extra = struct.pack("<2H2Q", ZIP64_TAG, 16, entry.size, entry.compressed) if zip64 else b""
    dos_time, dos_date = _dos_time(entry.info.date_time)
    out.write(LOCAL.pack(LOCAL_SIGNATURE, _version(entry.info, zip64), 0, entry.flags, entry.method, dos_time, dos_date,
                         entry.crc, MARK32 if zip64 else entry.compressed, MARK32 if zip64 else entry.size,
                         len(entry.name), len(extra)))
    out.write(entry.name)
    out.write(extra)


def _write_central(out, entry):
    values, fields = [], []
    for value in (entry.size, entry.compressed, entry.offset):
        if value >= SIZE_LIMIT:
            fields.append(value)
            value = MARK32
        values.append(value)
    extra = struct.pack("<2H%dQ" % len(fields), ZIP64_TAG, 8 * len(fields), *fields) if fields else b""
    info = entry.info
    dos_time, dos_date = _dos_time(info.date_time)
    out.write(CENTRAL.pack(CENTRAL_SIGNATURE, info.create_version, info.create_system, _version(info, bool(fields)), 0,
                           entry.flags, entry.method, dos_time, dos_date, entry.crc, values[1], values[0],
                           len(entry.name), len(extra), 0, 0, info.internal_attr, info.external_attr, values[2]))
    out.write(entry.name)
    out.write(extra)


def _write_end(out, count, start, size, comment):
    if count >= COUNT_LIMIT or start >= SIZE_LIMIT or size >= SIZE_LIMIT:
        end64 = out.tell()
        out.write(END64.pack(END64_SIGNATURE, END64.size - 12, ZIP64_VERSION, ZIP64_VERSION, 0, 0, count, count, size, start))
        out.write(LOCATOR64.pack(LOCATOR64_SIGNATURE, 0, end64, 1))
    shown = min(count, MARK16)
    out.write(END.pack(END_SIGNATURE, 0, 0, shown, shown, min(size, MARK32), min(start, MARK32), len(comment)))
    out.write(comment)


def _data_start(source, info):
    """Where the stored bytes of `info` begin: after its local header, whose name and extra lengths may differ from the central ones."""
    source.seek(info.header_offset)
    header = source.read(LOCAL.size)
    if len(header) != LOCAL.size or header[:4] != LOCAL_SIGNATURE:
        raise zipfile.BadZipFile("no local header for %s at offset %d" % (info.filename, info.header_offset))
    fields = LOCAL.unpack(header)
    return info.header_offset + LOCAL.size + fields[-2] + fields[-1]


def _copy_bytes(source, out, count):
    while count:
        chunk = source.read(min(CHUNK_SIZE, count))
        if not chunk:
            raise zipfile.BadZipFile("the zip ends inside an entry (%d bytes missing)" % count)
        out.write(chunk)
        count -= len(chunk)


def _replacement(info, data):
    """(method, crc, stored bytes) of `data` as the new content of `info`: deflated unless the entry was stored."""
    if info.compress_type == zipfile.ZIP_STORED:
        return zipfile.ZIP_STORED, zlib.crc32(data), data
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return zipfile.ZIP_DEFLATED, zlib.crc32(data), packer.compress(data) + packer.flush()


def copy_replacing(source_path, target_path, replaced, data):
    """Write `target_path`: the zip at `source_path` with the entry named `replaced` holding `data`.

    Every other entry keeps its name, stored bytes, compression, CRC, time and attributes, in the
    same order; extra fields are not copied (they describe the source's layout and times).
    zipfile.BadZipFile or OSError when the source is not a readable zip.
    """
    with zipfile.ZipFile(source_path) as archive, open(source_path, "rb") as source, open(target_path, "wb") as out:
        entries = []
        for info in archive.infolist():
            name, flags = _encoded_name(info)
            if info.filename == replaced:
                method, crc, stored = _replacement(info, data)
                entry = _Entry(info, name, flags & ~0x01, method, crc, len(stored), len(data), out.tell())
                _write_local(out, entry)
                out.write(stored)
            else:
                start = _data_start(source, info)
                entry = _Entry(info, name, flags, info.compress_type, info.CRC, info.compress_size, info.file_size, out.tell())
                _write_local(out, entry)
                source.seek(start)
                _copy_bytes(source, out, info.compress_size)
            entries.append(entry)
        start = out.tell()
        for entry in entries:
            _write_central(out, entry)
        _write_end(out, len(entries), start, out.tell() - start, archive.comment)
    return target_path
