# -*- coding: utf-8 -*-
"""plugins/module_utils/_extensions/manifest.py: reading ext.json, zipping a directory reproducibly, writing the ID."""

from __future__ import annotations

import hashlib
import os
import zipfile

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import LocalFileError
from ansible_collections.commerce.admin.plugins.module_utils._extensions import manifest as lib

from helpers.extensions import entries, write_directory, write_zip, zip_manifest


def sha256(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_reads_the_manifest_of_a_zip_and_of_a_directory(tmp_path):
    files = entries(version="3")
    assert lib.read_zip_manifest(write_zip(tmp_path / "a.zip", files))["version"] == "3"
    assert lib.read_directory_manifest(write_directory(tmp_path / "src", files))["name"] == "Git Widget"


@pytest.mark.parametrize("files, text", [
    ({"widget/x.js": "x"}, "has no ext.json at its top level"),
    ({"ext.json": "{not json"}, "is not valid JSON"),
    ({"ext.json": "[1]"}, "must hold a JSON object"),
    ({"ext.json": '{"version": "1"}'}, "has no name"),
])
def test_a_bad_manifest_is_a_local_error(tmp_path, files, text):
    with pytest.raises(LocalFileError, match=text):
        lib.read_zip_manifest(write_zip(tmp_path / "bad.zip", files))


def test_a_directory_without_manifest_or_files_is_refused(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(LocalFileError, match="has no ext.json"):
        lib.read_directory_manifest(str(empty))
    with pytest.raises(LocalFileError, match="holds no files"):
        lib.zip_directory(str(empty), str(tmp_path / "out.zip"))


def test_zipping_a_directory_is_reproducible_whatever_the_file_times(tmp_path):
    source = write_directory(tmp_path / "src", entries())
    first = lib.zip_directory(source, str(tmp_path / "first.zip"))
    for root, _dirs, files in os.walk(source):
        for name in files:
            os.utime(os.path.join(root, name), (1_700_000_000, 1_700_000_000))
    second = lib.zip_directory(source, str(tmp_path / "second.zip"))
    assert sha256(first) == sha256(second)
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
    assert names == sorted(names) and "widget/gitWidget/js/gitWidget.js" in names


def test_the_copy_carries_the_id_and_every_other_entry_unchanged(tmp_path):
    files = entries()
    source = write_zip(tmp_path / "a.zip", files, compression=zipfile.ZIP_STORED)
    copy = lib.copy_with_id(source, str(tmp_path / "copy.zip"), "id-on-this-instance")
    written = zip_manifest(copy)
    assert written["extensionID"] == "id-on-this-instance"
    assert {key: value for key, value in written.items() if key != "extensionID"} == {
        key: value for key, value in zip_manifest(source).items() if key != "extensionID"}
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(copy) as copied:
        assert original.namelist() == copied.namelist()
        for info in original.infolist():
            if info.filename != "ext.json":
                assert copied.read(info.filename) == original.read(info.filename)
                assert copied.getinfo(info.filename).compress_type == info.compress_type
