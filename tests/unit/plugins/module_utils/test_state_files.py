# -*- coding: utf-8 -*-
"""_state_files.py: one file per instance, read without failing, saved under a lock by an atomic replace that sees what
another process saved; the fact that carries one document per instance."""

from __future__ import annotations

import json
import os
import stat

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _state_files
from ansible_collections.commerce.admin.plugins.module_utils._state_files import (
    FileLock, StateFileError, carried_document, default_path, instance_key, read_text, save_merged, with_document)


def test_one_name_per_instance(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert instance_key("https://Admin.Example.com") == "admin.example.com_443"
    assert instance_key("http://127.0.0.1") == "127.0.0.1_80" and instance_key("https://[::1]:9443/") == "__1_9443"
    root = os.path.join(str(tmp_path), ".ansible", "commerce.admin", "state")
    assert default_path("http://localhost:8080", ".variables.json") == os.path.join(root, "localhost_8080.variables.json")
    assert default_path("http://localhost:8080") == os.path.join(root, "localhost_8080.json")
    with pytest.raises(ValueError, match="is not scheme://host"):
        instance_key("admin.example.com")


def test_read_text_never_raises(tmp_path):
    assert read_text(str(tmp_path / "missing.json")) == (None, [])
    good = tmp_path / "good.json"
    good.write_text('{"a": 1}')
    assert read_text(str(good)) == ('{"a": 1}', [])
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe")
    assert read_text(str(binary)) == (None, ["state file %s is not UTF-8 text: ignored, it is rewritten on the next save" % binary])
    assert read_text(str(tmp_path)) == (None, ["state file %s cannot be read (Is a directory): ignored" % tmp_path])


def test_save_merged_creates_a_private_directory_and_sees_the_file_as_it_is_now(tmp_path):
    path = str(tmp_path / "state" / "x.json")
    seen = []

    def add(name):
        def merge(text):
            seen.append(text)
            document = json.loads(text) if text else {"names": []}
            return {"names": document["names"] + [name]}
        return merge

    assert save_merged(path, add("first")) == {"names": ["first"]}
    assert save_merged(path, add("second")) == {"names": ["first", "second"]}
    assert seen[0] is None and json.loads(seen[1]) == {"names": ["first"]}
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(os.listdir(os.path.dirname(path))) == ["x.json", "x.json.lock"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_partial_one(tmp_path, monkeypatch):
    path = str(tmp_path / "x.json")
    save_merged(path, lambda text: {"old": True})

    def broken_dump(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_state_files.json, "dump", broken_dump)
    with pytest.raises(StateFileError, match=r"cannot save the state file .*x.json \(No space left"):
        save_merged(path, lambda text: {"new": True})
    assert json.loads(open(path, encoding="utf-8").read()) == {"old": True}
    assert sorted(os.listdir(tmp_path)) == ["x.json", "x.json.lock"]


def test_a_stuck_lock_fails_in_bounded_time(tmp_path, monkeypatch):
    path = str(tmp_path / "x.json")
    monkeypatch.setattr(_state_files, "LOCK_TIMEOUT", 0.2)
    with FileLock(path + ".lock"):  # another writer that never lets go
        with pytest.raises(StateFileError, match="cannot lock .* within 0.2s"):
            save_merged(path, lambda text: {})
        with pytest.raises(StateFileError, match="within 0.05s"):
            save_merged(path, lambda text: {}, timeout=0.05)
    assert not os.path.exists(path)
    assert save_merged(path, lambda text: {"saved": True}) == {"saved": True}


def test_the_fact_holds_one_document_per_instance():
    fact = with_document(None, "a_443", {"version": 1})
    fact = with_document(fact, "b_443", {"version": 2})
    assert fact == {"a_443": {"version": 1}, "b_443": {"version": 2}}
    assert carried_document(fact, "b_443") == {"version": 2}
    assert carried_document(fact, "c_443") is None and carried_document({"a_443": "text"}, "a_443") is None and carried_document(None, "a") is None
