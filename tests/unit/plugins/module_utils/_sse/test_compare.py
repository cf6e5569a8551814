# -*- coding: utf-8 -*-
"""plugins/module_utils/_sse/compare.py: the declared local side of a sync, checked and hashed before any request."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import LocalFileError
from ansible_collections.commerce.admin.plugins.module_utils._sse.compare import declared_zips

MAX = 1024 * 1024


def write_zip(path, text):
    with zipfile.ZipFile(str(path), "w") as archive:
        archive.writestr("index.js", text)
    return str(path)


def test_the_zips_of_src_and_the_listed_files_are_declared_by_file_name_with_their_digests(tmp_path):
    src = tmp_path / "release"
    src.mkdir()
    write_zip(src / "a.zip", "// a\n")
    (src / "notes.txt").write_text("not a zip, not declared")
    extra = write_zip(tmp_path / "b.zip", "// b\n")
    declared = declared_zips(str(src), [extra], MAX)
    assert sorted(declared) == ["a.zip", "b.zip"]
    local = declared["b.zip"]
    with open(extra, "rb") as handle:
        content = handle.read()
    assert local.path == extra and local.size == len(content) and local.sha256 == hashlib.sha256(content).hexdigest()
    assert list(local.manifest) == ["index.js"] and local.content_digest != declared["a.zip"].content_digest


@pytest.mark.parametrize("case, message", [
    ("missing", "does not exist"),
    ("a_file", "is not a directory"),
    ("empty", "holds no *.zip file, so it declares nothing"),
])
def test_a_src_that_declares_nothing_is_refused(tmp_path, case, message):
    (tmp_path / "empty").mkdir()
    write_zip(tmp_path / "a_file", "// a\n")
    with pytest.raises(LocalFileError, match=message.replace("*", r"\*")):
        declared_zips(str(tmp_path / case), None, MAX)


def test_two_files_with_one_name_are_refused_and_nothing_at_all_too(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write_zip(tmp_path / "one" / "a.zip", "// 1\n")
    second = write_zip(tmp_path / "two" / "a.zip", "// 2\n")
    with pytest.raises(LocalFileError, match="two declared files are both called a.zip"):
        declared_zips(None, [first, second], MAX)
    assert sorted(declared_zips(None, [first, first], MAX)) == ["a.zip"]  # the same file twice is one declaration
    with pytest.raises(LocalFileError, match="nothing is declared"):
        declared_zips(None, [], MAX)
