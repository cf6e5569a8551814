# -*- coding: utf-8 -*-
"""plugins/module_utils/_sse/text_diff.py: a bounded unified diff of the text entries that differ, binary entries named."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._sse import text_diff

from helpers.sse_sync import build


def test_text_entries_are_diffed_added_and_removed_ones_too_and_binary_ones_named(tmp_path):
    remote = build(tmp_path / "remote.zip", {"index.js": "a\nb\n", "old.js": "gone\n", "logo.png": b"\x89PNG\x00"})
    local = build(tmp_path / "local.zip", {"index.js": "a\nc\n", "new.js": "fresh\n", "logo.png": b"\x89PNG\x01"})
    entries = text_diff.changed_entries({"index.js": "1", "new.js": "2", "logo.png": "3"}, {"index.js": "0", "old.js": "4", "logo.png": "5"})
    assert entries == ["index.js", "logo.png", "new.js", "old.js"]
    lines = text_diff.entry_diff("x.zip", remote, local, entries)
    assert lines[:5] == ["--- remote x.zip/index.js", "+++ declared x.zip/index.js", "@@ -1,2 +1,2 @@", " a", "-b"]
    assert "Binary or large entry x.zip/logo.png differs" in lines and "+fresh" in lines and "-gone" in lines


def test_the_diff_of_one_sse_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(text_diff, "MAX_LINES", 5)
    remote = build(tmp_path / "remote.zip", {"big.txt": "".join("%d\n" % n for n in range(50))})
    local = build(tmp_path / "local.zip", {"big.txt": "".join("%d!\n" % n for n in range(50))})
    lines = text_diff.entry_diff("x.zip", remote, local, ["big.txt"])
    assert len(lines) == 6 and lines[-1] == "... 98 more diff lines of x.zip not shown"
