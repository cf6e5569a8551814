# -*- coding: utf-8 -*-
"""The sync state file: per instance, tolerant on load, atomic and merging on save."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._sse import state as _sync_state
from ansible_collections.commerce.admin.plugins.module_utils._sse.state import (
    FORMAT_VERSION, SyncState, SyncStateError, default_state_path, same_checksum)

MANIFEST = {"index.js": "a" * 64, "lib/app.js": "b" * 64}


def remember(state, name="orders.zip", env="live", checksum=-5.7900684961208023e+18, size=1024):
    state.remember(env, name, size, checksum, "s" * 64, "c" * 64, MANIFEST)


def test_default_path_is_one_file_per_instance(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    root = os.path.join(str(tmp_path), ".ansible", "commerce.admin", "state")
    assert default_state_path("https://Admin.Example.com") == os.path.join(root, "admin.example.com_443.json")
    assert default_state_path("http://localhost:8080/") == os.path.join(root, "localhost_8080.json")
    assert default_state_path("http://127.0.0.1") == os.path.join(root, "127.0.0.1_80.json")
    assert default_state_path("https://[::1]:9443") == os.path.join(root, "__1_9443.json")
    with pytest.raises(ValueError):
        default_state_path("admin.example.com")


def test_a_missing_file_is_empty_without_warning(tmp_path):
    state = SyncState.load(str(tmp_path / "none.json"))
    assert state.remembered("live", "orders.zip") is None and state.pending_restart("live") is None
    assert state.warnings == []


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'{"version": 1}', b""])
def test_a_corrupt_file_is_empty_with_a_warning(tmp_path, content):
    path = tmp_path / "state.json"
    path.write_bytes(content)
    state = SyncState.load(str(path))
    assert state.remembered("live", "orders.zip") is None
    assert len(state.warnings) == 1 and str(path) in state.warnings[0]


def test_an_unreadable_file_is_empty_with_a_warning(tmp_path):
    path = tmp_path / "state.json"
    path.mkdir()  # reading a directory fails for root too
    state = SyncState.load(str(path))
    assert state.remembered("live", "orders.zip") is None
    assert "cannot be read" in state.warnings[0]


def test_an_unknown_version_is_empty_with_a_warning(tmp_path):
    path = tmp_path / "state.json"
    saved = SyncState.load(str(path))
    remember(saved)
    saved.save()
    document = json.loads(path.read_text())
    document["version"] = FORMAT_VERSION + 1
    path.write_text(json.dumps(document))
    state = SyncState.load(str(path))
    assert state.remembered("live", "orders.zip") is None
    assert "format version 2" in state.warnings[0]


def test_malformed_entries_are_dropped_and_the_rest_kept(tmp_path):
    path = tmp_path / "state.json"
    good = {"size": 10, "checksum": 7, "sha256": "s", "content_digest": "c", "manifest": {}}
    path.write_text(json.dumps({"version": 1, "environments": {"live": {
        "sses": {"good.zip": good, "bad.zip": dict(good, size="10"), "worse.zip": "x"}, "pending_restart": "soon"}}}))
    state = SyncState.load(str(path))
    assert state.remembered("live", "good.zip") == good
    assert state.remembered("live", "bad.zip") is None and state.remembered("live", "worse.zip") is None
    assert state.pending_restart("live") is None
    assert any("bad.zip, worse.zip" in warning for warning in state.warnings)
    assert any("pending restart" in warning for warning in state.warnings)


def test_round_trip_keeps_checksums_exactly_as_json_gives_them(tmp_path):
    path = str(tmp_path / "state.json")
    state = SyncState.load(path)
    remember(state, "float.zip", checksum=-5.7900684961208023e+18)
    remember(state, "int.zip", checksum=-5790068496120802304)
    remember(state, "big.zip", checksum=2 ** 63 + 1)
    remember(state, "preview.zip", env="preview", checksum=12)
    state.save()
    loaded = SyncState.load(path)
    assert loaded.warnings == []
    for name, value in (("float.zip", -5.7900684961208023e+18), ("int.zip", -5790068496120802304), ("big.zip", 2 ** 63 + 1)):
        checksum = loaded.remembered("live", name)["checksum"]
        assert type(checksum) is type(value) and checksum == value
    assert loaded.remembered("live", "float.zip") == {"size": 1024, "checksum": -5.7900684961208023e+18, "sha256": "s" * 64,
                                                      "content_digest": "c" * 64, "manifest": MANIFEST}
    assert loaded.remembered("preview", "preview.zip")["checksum"] == 12
    assert loaded.remembered("live", "preview.zip") is None
    assert loaded.remembered(None, "float.zip") is not None  # no environment_type means the API's default, live


def test_same_checksum_needs_the_same_type_and_value():
    assert same_checksum(-5.79e18, -5.79e18) and same_checksum(12, 12) and same_checksum("x", "x")
    assert not same_checksum(-5.79e18, -5790000000000000000)  # an int listed where a float was remembered: download
    assert not same_checksum(None, None) and not same_checksum(True, 1) and not same_checksum(1, 2)


def test_remembered_is_a_copy(tmp_path):
    state = SyncState.load(str(tmp_path / "s.json"))
    remember(state)
    state.remembered("live", "orders.zip")["manifest"]["index.js"] = "tampered"
    assert state.remembered("live", "orders.zip")["manifest"] == MANIFEST


def test_forget_removes_on_save(tmp_path):
    path = str(tmp_path / "state.json")
    state = SyncState.load(path)
    remember(state, "a.zip")
    remember(state, "b.zip")
    state.save()
    state = SyncState.load(path)
    state.forget("live", "a.zip")
    state.save()
    assert SyncState.load(path).names("live") == ["b.zip"]


def test_remember_refuses_values_it_could_not_compare():
    state = SyncState("unused.json")
    with pytest.raises(ValueError):
        state.remember("live", "a.zip", "10", 1, "s", "c", {})
    with pytest.raises(ValueError):
        state.remember("staging", "a.zip", 10, 1, "s", "c", {})


def test_save_is_atomic_private_and_leaves_no_temporary_files(tmp_path):
    directory = tmp_path / "deep" / "state"
    path = directory / "host_443.json"
    state = SyncState.load(str(path))
    remember(state)
    state.save()
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(os.listdir(directory)) == ["host_443.json", "host_443.json.lock"]
    assert json.loads(path.read_text())["version"] == FORMAT_VERSION


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    state = SyncState.load(str(path))
    remember(state, "old.zip")
    state.save()
    before = path.read_bytes()

    def broken_dump(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_sync_state.json, "dump", broken_dump)
    state = SyncState.load(str(path))
    remember(state, "new.zip")
    with pytest.raises(SyncStateError, match="No space left"):
        state.save()
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["state.json", "state.json.lock"]


def test_save_merges_what_another_process_saved_meanwhile(tmp_path):
    path = str(tmp_path / "state.json")
    first, second = SyncState.load(path), SyncState.load(path)
    remember(first, "a.zip")
    remember(second, "b.zip")
    first.save()
    second.save()
    assert SyncState.load(path).names("live") == ["a.zip", "b.zip"]
    assert second.names("live") == ["a.zip", "b.zip"]  # a save also refreshes this process's view


def test_the_touched_keys_of_this_process_win(tmp_path):
    path = str(tmp_path / "state.json")
    seed = SyncState.load(path)
    remember(seed, "a.zip", checksum=1)
    remember(seed, "b.zip", checksum=1)
    seed.save()
    first, second = SyncState.load(path), SyncState.load(path)
    remember(first, "a.zip", checksum=2)
    first.save()
    second.forget("live", "b.zip")
    second.save()  # second never touched a.zip, so first's update stays
    final = SyncState.load(path)
    assert final.remembered("live", "a.zip")["checksum"] == 2 and final.remembered("live", "b.zip") is None


def _save_many(path, prefix, count, barrier):
    barrier.wait(timeout=30)
    for number in range(count):
        state = SyncState.load(path)
        remember(state, "%s-%02d.zip" % (prefix, number))
        state.save()


def test_concurrent_saves_from_two_processes_keep_every_entry(tmp_path):
    path = str(tmp_path / "state.json")
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    workers = [context.Process(target=_save_many, args=(path, prefix, 25, barrier)) for prefix in ("one", "two")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0]
    names = SyncState.load(path).names("live")
    assert names == sorted(["one-%02d.zip" % n for n in range(25)] + ["two-%02d.zip" % n for n in range(25)])


def test_pending_restart_is_recorded_extended_and_cleared(tmp_path):
    path = str(tmp_path / "state.json")
    state = SyncState.load(path)
    state.set_pending_restart("live", "uploaded a.zip", ["a.zip"])
    state.save()
    record = SyncState.load(path).pending_restart("live")
    assert record["reason"] == "uploaded a.zip" and record["names"] == ["a.zip"] and record["since"].endswith("+00:00")
    assert SyncState.load(path).pending_restart("preview") is None
    state = SyncState.load(path)
    state.set_pending_restart("live", "uploaded b.zip", ["b.zip"])
    state.save()
    extended = SyncState.load(path).pending_restart("live")
    assert extended["names"] == ["a.zip", "b.zip"] and extended["since"] == record["since"] and extended["reason"] == "uploaded b.zip"
    state = SyncState.load(path)
    state.clear_pending_restart("live")
    state.save()
    assert SyncState.load(path).pending_restart("live") is None


def test_pending_restarts_of_two_processes_merge(tmp_path):
    path = str(tmp_path / "state.json")
    first, second = SyncState.load(path), SyncState.load(path)
    first.set_pending_restart("live", "uploaded a.zip", ["a.zip"])
    second.set_pending_restart("live", "uploaded b.zip", ["b.zip"])
    first.save()
    second.save()
    assert SyncState.load(path).pending_restart("live")["names"] == ["a.zip", "b.zip"]


def test_a_clear_keeps_a_restart_another_process_recorded_meanwhile(tmp_path):
    path = str(tmp_path / "state.json")
    seed = SyncState.load(path)
    seed.set_pending_restart("live", "uploaded a.zip", ["a.zip"])
    seed.save()
    restarter, uploader = SyncState.load(path), SyncState.load(path)
    uploader.set_pending_restart("live", "uploaded a.zip", ["a.zip"])  # uploaded again after the restarter read the file
    uploader.save()
    restarter.clear_pending_restart("live")
    restarter.save()
    assert SyncState.load(path).pending_restart("live")["names"] == ["a.zip"]
    assert any("pending restart" in warning for warning in restarter.warnings)


def test_save_over_a_corrupt_file_replaces_it(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{corrupt")
    state = SyncState.load(str(path))
    remember(state)
    state.save()
    loaded = SyncState.load(str(path))
    assert loaded.warnings == [] and loaded.remembered("live", "orders.zip") is not None


def test_a_stuck_lock_fails_in_bounded_time(tmp_path, monkeypatch):
    path = str(tmp_path / "state.json")
    monkeypatch.setattr(_sync_state, "LOCK_TIMEOUT", 0.2)
    state = SyncState.load(path)
    remember(state)
    with _sync_state._Lock(path + ".lock"):  # pylint: disable=protected-access  # another writer that never lets go
        with pytest.raises(SyncStateError, match="cannot lock"):
            state.save()
    assert not os.path.exists(path)
    state.save()  # once the lock is free the same changes are saved
    assert SyncState.load(path).remembered("live", "orders.zip") is not None
