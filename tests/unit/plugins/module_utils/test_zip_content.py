# -*- coding: utf-8 -*-
"""Content comparison of zips: what counts (names, uncompressed bytes) and what does not (packing)."""

from __future__ import annotations

import hashlib
import os
import warnings
import zipfile
from pathlib import Path

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _local_files as local_files
from ansible_collections.commerce.admin.plugins.module_utils._local_files import LocalFileError
from ansible_collections.commerce.admin.plugins.module_utils._zip_content import (
    content_digest, describe_difference, file_digests, zip_manifest)

FILES = {
    "index.js": b"module.exports = require('./lib/app');\n" * 50,
    "lib/app.js": bytes(range(256)) * 40,
    "package.json": b'{"name": "orders", "version": "1.0.0"}\n',
    "empty.txt": b"",
}


def write_zip(path, files, order=None, compression=zipfile.ZIP_DEFLATED, level=None, date=(2020, 1, 1, 0, 0, 0),
              comment=b"", extra=b"", mode=0o644, directories=()):
    with zipfile.ZipFile(path, "w") as archive:
        archive.comment = comment
        for directory in directories:
            archive.writestr(zipfile.ZipInfo(directory, date), b"")
        for name in order or sorted(files):
            info = zipfile.ZipInfo(name, date)
            info.compress_type = compression
            info.extra = extra
            info.external_attr = mode << 16
            archive.writestr(info, files[name], compresslevel=level)
    return str(path)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def test_same_files_packed_differently_have_the_same_content(tmp_path):
    first = write_zip(tmp_path / "a.zip", FILES)
    second = write_zip(tmp_path / "b.zip", FILES, order=["package.json", "lib/app.js", "empty.txt", "index.js"],
                       compression=zipfile.ZIP_STORED, date=(2024, 6, 30, 12, 34, 56), comment=b"built by CI #42",
                       extra=b"\xfe\xca\x04\x00abcd", mode=0o755, directories=["lib/"])
    third = write_zip(tmp_path / "c.zip", FILES, compression=zipfile.ZIP_DEFLATED, level=9, date=(1999, 12, 31, 23, 59, 58))
    assert len({sha256(Path(path).read_bytes()) for path in (first, second, third)}) == 3  # the bytes differ
    manifests = [zip_manifest(path) for path in (first, second, third)]
    assert manifests[0] == manifests[1] == manifests[2]
    assert manifests[0] == {name: sha256(data) for name, data in FILES.items()}
    assert len({content_digest(manifest) for manifest in manifests}) == 1
    assert describe_difference(manifests[0], manifests[1]) == "same content"


def test_one_changed_byte_in_one_entry_differs_and_is_named(tmp_path):
    original = FILES["index.js"]
    changed = dict(FILES, **{"index.js": original[:100] + bytes([original[100] ^ 1]) + original[101:]})
    assert len(changed["index.js"]) == len(original) and changed["index.js"] != original
    local = zip_manifest(write_zip(tmp_path / "local.zip", changed))
    remote = zip_manifest(write_zip(tmp_path / "remote.zip", FILES))
    assert content_digest(local) != content_digest(remote)
    assert describe_difference(local, remote) == "index.js changed"


def test_directory_entries_are_ignored(tmp_path):
    with_dirs = zip_manifest(write_zip(tmp_path / "d.zip", FILES, directories=["lib/", "static/"]))
    assert "lib/" not in with_dirs and "static/" not in with_dirs
    assert with_dirs == zip_manifest(write_zip(tmp_path / "n.zip", FILES))


def test_names_are_compared_exactly(tmp_path):
    plain = zip_manifest(write_zip(tmp_path / "p.zip", {"lib/a.js": b"x"}))
    dotted = zip_manifest(write_zip(tmp_path / "d.zip", {"./lib/a.js": b"x"}))
    upper = zip_manifest(write_zip(tmp_path / "u.zip", {"lib/A.js": b"x"}))
    assert len({content_digest(m) for m in (plain, dotted, upper)}) == 3


def test_an_empty_file_entry_counts(tmp_path):
    without = dict(FILES)
    del without["empty.txt"]
    assert describe_difference(zip_manifest(write_zip(tmp_path / "a.zip", FILES)),
                               zip_manifest(write_zip(tmp_path / "b.zip", without))) == "empty.txt added"


def test_entries_are_read_in_chunks_never_whole(tmp_path, monkeypatch):
    big = {"big.bin": os.urandom(300 * 1024)}
    path = write_zip(tmp_path / "big.zip", big)
    sizes = []
    original = zipfile.ZipExtFile.read

    def recording_read(self, n=-1):
        sizes.append(n)
        return original(self, n)

    monkeypatch.setattr(local_files, "CHUNK_SIZE", 64 * 1024)
    monkeypatch.setattr(zipfile.ZipExtFile, "read", recording_read)
    assert zip_manifest(path) == {"big.bin": sha256(big["big.bin"])}
    assert len(sizes) >= 5 and all(0 < size <= 64 * 1024 for size in sizes)


def test_a_duplicate_entry_name_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "dup.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it is told to write
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("index.js", b"one")
            archive.writestr("index.js", b"two")
    with pytest.raises(LocalFileError, match=r"dup\.zip holds the entry index\.js twice"):
        zip_manifest(str(path))


def test_duplicate_directory_entries_are_harmless(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = write_zip(tmp_path / "dd.zip", FILES, directories=["lib/", "lib/"])
    assert zip_manifest(path) == zip_manifest(write_zip(tmp_path / "n.zip", FILES))


@pytest.mark.parametrize("damage", ["truncated", "not a zip", "bad crc"])
def test_an_unreadable_zip_is_an_error_naming_the_file(tmp_path, damage):
    path = tmp_path / "broken.zip"
    write_zip(path, {"a.txt": b"hello world " * 100}, compression=zipfile.ZIP_STORED)
    data = path.read_bytes()
    if damage == "truncated":
        data = data[:len(data) // 2]
    elif damage == "not a zip":
        data = b"hello, not a zip at all" * 10
    else:
        at = data.index(b"hello world")
        data = data[:at] + b"j" + data[at + 1:]  # the stored bytes no longer match the CRC
    path.write_bytes(data)
    with pytest.raises(LocalFileError, match=r"broken\.zip is not a readable zip"):
        zip_manifest(str(path))
    with pytest.raises(LocalFileError, match=r"broken\.zip"):
        file_digests(str(path))


def test_the_label_names_a_downloaded_file(tmp_path):
    path = tmp_path / "download.tmp"
    path.write_bytes(b"garbage" * 20)
    with pytest.raises(LocalFileError, match="^remote orders.zip is not a readable zip"):
        zip_manifest(str(path), label="remote orders.zip")


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(LocalFileError, match="missing.zip"):
        zip_manifest(str(tmp_path / "missing.zip"))
    with pytest.raises(LocalFileError, match="missing.zip cannot be read"):
        file_digests(str(tmp_path / "missing.zip"))


def test_content_digest_encoding_is_unambiguous():
    # Joined naively, both would read "abcd"; length prefixes keep them apart.
    assert content_digest({"ab": "cd"}) != content_digest({"a": "bcd"})
    assert content_digest({"a": "b", "c": "d"}) != content_digest({"a": "bc", "": "d"})
    assert content_digest({}) != content_digest({"": ""})


def test_content_digest_ignores_insertion_order_only():
    first = {"a.js": "1" * 64, "b.js": "2" * 64}
    assert content_digest(first) == content_digest(dict(reversed(list(first.items()))))
    assert content_digest(first) != content_digest({"a.js": "2" * 64, "b.js": "1" * 64})
    assert len(content_digest(first)) == 64


def test_describe_added_and_removed():
    assert describe_difference({"lib/a.js": "1", "x": "2"}, {"old.js": "3", "x": "2"}) == "lib/a.js added, old.js removed"


def test_describe_several_changed():
    local = {"a.js": "1", "b.js": "1", "c.js": "1"}
    remote = {"a.js": "2", "b.js": "2", "c.js": "2"}
    assert describe_difference(local, remote) == "3 entries changed: a.js, b.js, c.js"


def test_describe_caps_the_list_and_says_how_many_more():
    local = {"f%02d.js" % number: "new" for number in range(12)}
    remote = {"f%02d.js" % number: "old" for number in range(12)}
    remote["gone.js"] = "x"
    assert describe_difference(local, remote) == "12 entries changed: f00.js, f01.js, f02.js, f03.js, f04.js and 7 more; gone.js removed"


def test_describe_escapes_control_characters():
    assert describe_difference({"evil\nname": "1"}, {}) == "evil\\x0aname added"


def test_file_digests_is_the_byte_hash_and_the_manifest(tmp_path):
    path = write_zip(tmp_path / "f.zip", FILES)
    assert file_digests(path) == (sha256(Path(path).read_bytes()), zip_manifest(path))
