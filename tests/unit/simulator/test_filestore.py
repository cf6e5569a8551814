# -*- coding: utf-8 -*-
"""The file store's state (filestore.py): path rules, segments, replacing a file."""

from __future__ import annotations

import pytest

from simulator.filestore import FileStore, normal_path


@pytest.mark.parametrize("given, path", [
    ("/extensions/a.zip", "/extensions/a.zip"), ("extensions/a.zip", "/extensions/a.zip"), ("/extensions//a.zip", "/extensions/a.zip"),
    ("/extensions/../a.zip", None), ("/extensions/", None), ("", None), ("/a\\b.zip", None), ("/a\x01.zip", None), (None, None),
])
def test_normal_path(given, path):
    assert normal_path(given) == path


def test_segments_join_in_order_and_a_second_upload_replaces(tmp_path):
    store = FileStore(str(tmp_path))
    token = store.start("/extensions/x.zip", 2)
    assert store.needed(token) == [0, 1]
    assert store.put_segment(token, 1, b"world") is False
    assert store.put_segment(token, 0, b"hello ") is True
    assert store.finish(token) == ("/extensions/x.zip", False)
    with open(store.local("/extensions/x.zip"), "rb") as handle:
        assert handle.read() == b"hello world"
    assert token not in store.uploads
    assert store.put_bytes("/extensions/x.zip", b"again") is True
    assert store.snapshot()["/extensions/x.zip"]["size"] == 5
    assert store.local("/extensions/none.zip") is None
