# -*- coding: utf-8 -*-
"""plugins/module_utils/_extensions/zip_copy.py: one entry replaced, every other one copied as it is stored."""

from __future__ import annotations

import io
import zipfile

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._extensions import zip_copy

DATA = {"ext.json": b'{"name": "x"}', "widget/w/js/a.js": b"var a = 1;\n" * 5000, "caf\u00e9/b.txt": b"bytes",
        "empty.txt": b""}


def write(path, compression=zipfile.ZIP_DEFLATED, comment=b""):
    with zipfile.ZipFile(str(path), "w") as archive:
        for index, (name, data) in enumerate(DATA.items()):
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 4, 5, 6, 8 + index * 2))
            info.compress_type = compression
            info.external_attr = (0o640 + index) << 16
            archive.writestr(info, data)
        archive.comment = comment
    return str(path)


def stored_bytes(path, name):
    """The compressed bytes of one entry, as they sit in the file."""
    with zipfile.ZipFile(path) as archive, open(path, "rb") as handle:
        info = archive.getinfo(name)
        start = zip_copy._data_start(handle, info)  # pylint: disable=protected-access
        handle.seek(start)
        return handle.read(info.compress_size)


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2])
def test_every_other_entry_keeps_its_stored_bytes_and_attributes(tmp_path, compression):
    source = write(tmp_path / "a.zip", compression, comment=b"kept")
    target = zip_copy.copy_replacing(source, str(tmp_path / "b.zip"), "ext.json", b'{"name": "x", "extensionID": "id"}')
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target) as copy:
        assert copy.testzip() is None and copy.namelist() == original.namelist() and copy.comment == b"kept"
        assert copy.read("ext.json") == b'{"name": "x", "extensionID": "id"}'
        for info in original.infolist():
            copied = copy.getinfo(info.filename)
            assert (copied.date_time, copied.external_attr, copied.CRC if info.filename != "ext.json" else 0) == (
                info.date_time, info.external_attr, info.CRC if info.filename != "ext.json" else 0)
            if info.filename != "ext.json":
                assert copied.compress_type == info.compress_type and copy.read(info.filename) == DATA[info.filename]
                assert stored_bytes(target, info.filename) == stored_bytes(source, info.filename)


def test_a_source_written_with_data_descriptors_copies(tmp_path):
    class Unseekable(io.RawIOBase):
        def __init__(self, handle):
            super().__init__()
            self.handle = handle

        def writable(self):
            return True

        def write(self, data):
            return self.handle.write(data)

    path = tmp_path / "streamed.zip"
    with open(path, "wb") as handle, zipfile.ZipFile(Unseekable(handle), "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in DATA.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(path) as archive:
        assert all(info.flag_bits & zip_copy.DATA_DESCRIPTOR for info in archive.infolist())
    target = zip_copy.copy_replacing(str(path), str(tmp_path / "copy.zip"), "ext.json", b"{}")
    with zipfile.ZipFile(target) as copy:
        assert copy.testzip() is None and copy.read("widget/w/js/a.js") == DATA["widget/w/js/a.js"] and copy.read("ext.json") == b"{}"
        assert not any(info.flag_bits & zip_copy.DATA_DESCRIPTOR for info in copy.infolist())


def test_zip64_fields_are_written_past_the_limits(tmp_path, monkeypatch):
    # Small limits stand in for 4 GiB sizes and offsets and 65535 entries.
    monkeypatch.setattr(zip_copy, "SIZE_LIMIT", 100)
    monkeypatch.setattr(zip_copy, "COUNT_LIMIT", 3)
    target = zip_copy.copy_replacing(write(tmp_path / "a.zip"), str(tmp_path / "b.zip"), "ext.json", b"{}" * 80)
    with open(target, "rb") as handle:
        raw = handle.read()
    assert zip_copy.END64_SIGNATURE in raw and zip_copy.LOCATOR64_SIGNATURE in raw
    with zipfile.ZipFile(target) as copy:
        assert copy.testzip() is None and copy.read("ext.json") == b"{}" * 80
        assert [copy.read(name) for name in DATA if name != "ext.json"] == [data for name, data in DATA.items() if name != "ext.json"]


def test_an_entry_without_its_local_header_is_refused(tmp_path):
    source = write(tmp_path / "a.zip", zipfile.ZIP_STORED)
    with open(source, "rb") as handle:
        data = handle.read()
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("widget/w/js/a.js")
    broken = bytearray(data)
    broken[info.header_offset:info.header_offset + 4] = b"XXXX"
    (tmp_path / "broken.zip").write_bytes(bytes(broken))
    with pytest.raises(zipfile.BadZipFile, match="no local header"):
        zip_copy.copy_replacing(str(tmp_path / "broken.zip"), str(tmp_path / "c.zip"), "ext.json", b"{}")
