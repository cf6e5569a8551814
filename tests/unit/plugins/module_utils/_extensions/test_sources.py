# -*- coding: utf-8 -*-
"""What a directory declares: zips and source directories directly in it, sorted; hidden ones, nested
ones, a symlinked zip and the directory's own ext.json left out."""

from __future__ import annotations

import os

from ansible_collections.commerce.admin.plugins.module_utils._extensions.sources import sources


def touch(path):
    os.makedirs(os.path.dirname(str(path)), exist_ok=True)
    with open(str(path), "w") as handle:
        handle.write("{}")


def test_zips_and_directories_holding_an_ext_json_directly_in_the_directory(tmp_path):
    for name in ("b.zip", "a.zip", ".hidden.zip", "notes.txt", "ext.json", "src/ext.json", ".git/ext.json",
                 "nested/deeper/ext.json", "empty/readme.md", "archive.zip/ext.json"):
        touch(tmp_path / name)
    os.symlink(str(tmp_path / "a.zip"), str(tmp_path / "link.zip"))
    assert sources(str(tmp_path)) == [str(tmp_path / name) for name in ("a.zip", "archive.zip", "b.zip", "src")]


def test_an_empty_directory_declares_nothing(tmp_path):
    assert sources(str(tmp_path)) == []
