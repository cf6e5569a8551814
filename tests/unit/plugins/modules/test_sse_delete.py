# -*- coding: utf-8 -*-
"""sse_delete in-process: one DELETE or one deleteFiles call, races, partial failures, guardrails and backups."""

from __future__ import annotations

import os

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.modules import sse_delete

from helpers.module_runner import FAST_WAIT, connection, mutating_requests, run_module

SSE = "/ccadmin/v1/serverExtensions"
ZIP = b"PK\x05\x06" + bytes(18)


def seed(sim, *names, environment="live"):
    for name in names:
        sim.put_sse(name, ZIP + name.encode("ascii"), environment=environment, running=True)


def delete(sim, **options):
    return connection(sim, **dict(FAST_WAIT, **options))


def test_one_name_is_one_delete_with_a_restart_then_nothing_to_do(sim):
    seed(sim, "a.zip", "b.zip")
    first = run_module(sse_delete, delete(sim, name="a.zip"))
    assert first["changed"] and first["deleted"] == ["a.zip"] and first["absent"] == []
    assert first["restart_status"] == "SUCCEEDED" and first["work_request_id"] in sim.work_requests
    assert mutating_requests(sim) == [("DELETE", SSE + "/a.zip")]
    assert sim.sse_names() == ["b.zip"] and sim.running_names() == ["b.zip"]
    second = run_module(sse_delete, delete(sim, name="a.zip"))
    assert not second["changed"] and second["deleted"] == [] and second["absent"] == ["a.zip"]
    assert len(mutating_requests(sim)) == 1


def test_several_names_are_one_delete_files_call_and_absent_ones_are_skipped(sim):
    seed(sim, "a.zip", "b.zip", "c.zip")
    result = run_module(sse_delete, delete(sim, names=["b.zip", "a.zip", "ghost.zip", "a.zip"], restart=False))
    assert result["changed"] and result["deleted"] == ["a.zip", "b.zip"] and result["absent"] == ["ghost.zip"]
    assert result["work_request_id"] is None and result["restart_status"] is None
    assert mutating_requests(sim) == [("POST", SSE + "/deleteFiles")]
    assert sim.journal[-1]["json"] == {"paths": ["/a.zip", "/b.zip"]}
    assert sim.sse_names() == ["c.zip"] and sim.restart_count == 0


def test_check_mode_with_diff_deletes_nothing(sim):
    seed(sim, "a.zip")
    result = run_module(sse_delete, delete(sim, names=["a.zip", "b.zip"]), check_mode=True, diff=True)
    assert result["changed"] and result["deleted"] == ["a.zip"] and result["absent"] == ["b.zip"]
    assert result["diff"] == {"before": {"a.zip": {"size": len(ZIP) + 5}}, "after": {}}
    assert mutating_requests(sim) == [] and sim.sse_names() == ["a.zip"]


def test_no_wait_returns_the_accepted_work_request(sim):
    seed(sim, "a.zip")
    result = run_module(sse_delete, delete(sim, name="a.zip", wait=False))
    assert result["changed"] and result["restart_status"] == "ACCEPTED" and result["work_request_id"] in sim.work_requests


def test_preview_environment(sim):
    seed(sim, "a.zip")
    seed(sim, "a.zip", environment="preview")
    result = run_module(sse_delete, delete(sim, name="a.zip", environment_type="preview"))
    assert result["changed"] and sim.sse_names("preview") == [] and sim.sse_names() == ["a.zip"]


def test_method_override_sends_delete_as_post(sim):
    seed(sim, "a.zip")
    result = run_module(sse_delete, delete(sim, name="a.zip", restart=False, method_override=True))
    assert result["changed"] and sim.sse_names() == []
    entry = [entry for entry in sim.journal if entry["method"] == "DELETE"][0]
    assert entry["wire_method"] == "POST"


@pytest.mark.parametrize("options, message", [
    ({"names": []}, "names is empty: list at least one SSE file name"),
    ({"name": "../a.zip"}, "must be a plain file name, without path separators or '..'"),
    ({"name": "a.zip", "poll_interval": 0}, "poll_interval must be greater than 0, got 0.0"),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(sse_delete, connection(sim, **options))
    assert result["failed"] and message in result["msg"] and sim.journal == []


@pytest.mark.parametrize("protection", ["no_delete", "read_only"])
def test_protection_refuses_before_any_change(sim, protection):
    seed(sim, "a.zip")
    result = run_module(sse_delete, delete(sim, name="a.zip", protection=protection))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "protection is %s: refused to delete a.zip" % protection
    assert mutating_requests(sim) == [] and sim.sse_names() == ["a.zip"]


def test_protection_in_check_mode_is_a_warning(sim):
    seed(sim, "a.zip", "b.zip")
    result = run_module(sse_delete, delete(sim, names=["a.zip", "b.zip"], protection="no_delete"), check_mode=True)
    assert result["changed"] and not result.get("failed")
    assert result["warnings"] == ["protection is no_delete: refused to delete a.zip, b.zip (check mode: nothing was sent)"]
    assert mutating_requests(sim) == []


def test_a_file_deleted_by_someone_else_meanwhile_is_unchanged_with_a_warning(sim, monkeypatch):
    seed(sim, "a.zip")
    real_delete = _api.delete_sse

    def someone_else_first(client, name, restart, environment_type=None):
        sim.store.delete_sse("live", name)
        return real_delete(client, name, restart, environment_type)

    monkeypatch.setattr(_api, "delete_sse", someone_else_first)
    result = run_module(sse_delete, delete(sim, name="a.zip"))
    assert not result.get("failed") and not result["changed"]
    assert result["deleted"] == [] and result["absent"] == ["a.zip"] and result["work_request_id"] is None
    assert len(result["warnings"]) == 1
    assert result["warnings"][0].startswith("a.zip was already gone when the task deleted it (DELETE %s/a.zip failed: HTTP " % SSE)
    assert sim.restart_count == 0


def test_a_partial_delete_files_failure_fails_naming_what_is_left(sim):
    seed(sim, "a.zip", "b.zip", "c.zip")
    sim.config.undeletable = {"b.zip"}
    result = run_module(sse_delete, delete(sim, names=["a.zip", "b.zip", "c.zip"], restart=False))
    assert result["failed"] and result["changed"]
    assert result["msg"].startswith("could not delete b.zip (POST %s/deleteFiles failed: HTTP 400, errorCode 100307" % SSE)
    assert result["deleted"] == ["a.zip", "c.zip"] and result["error"]["error_code"] == "100307"
    assert sim.sse_names() == ["b.zip"]


def test_a_single_undeletable_file_fails_unchanged(sim):
    seed(sim, "a.zip")
    sim.config.undeletable = {"a.zip"}
    result = run_module(sse_delete, delete(sim, name="a.zip"))
    assert result["failed"] and not result["changed"] and result["deleted"] == []
    assert result["msg"].startswith("could not delete a.zip (DELETE %s/a.zip failed: HTTP 400, errorCode 33115" % SSE)
    assert sim.sse_names() == ["a.zip"]


def test_a_restart_that_fails_fails_the_task_as_changed(sim):
    seed(sim, "a.zip")
    sim.config.restart_outcome = "fail"
    result = run_module(sse_delete, delete(sim, name="a.zip"))
    assert result["failed"] and result["changed"] and sim.sse_names() == []
    assert result["msg"].endswith("ended FAILED") and result["restart_status"] == "FAILED"


def test_backup_before_delete(sim, tmp_path):
    seed(sim, "a.zip", "b.zip")
    result = run_module(sse_delete, delete(sim, names=["a.zip", "b.zip"], backup=True, backup_dir=str(tmp_path / "kept"), restart=False))
    assert result["changed"] and sorted(result["backup_files"]) == ["a.zip", "b.zip"]
    for name, path in result["backup_files"].items():
        assert os.path.dirname(path) == str(tmp_path / "kept")
        with open(path, "rb") as handle:
            assert handle.read() == ZIP + name.encode("ascii")
    assert sim.sse_names() == []


def test_an_unwritable_backup_dir_fails_naming_it_and_deletes_nothing(sim, tmp_path):
    seed(sim, "a.zip")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run_module(sse_delete, delete(sim, name="a.zip", backup=True, backup_dir=str(blocker / "sub")))
    assert result["failed"] and not result["changed"]
    assert result["msg"].startswith("cannot write backups to backup_dir %s: " % (blocker / "sub"))
    assert mutating_requests(sim) == [] and sim.sse_names() == ["a.zip"]


def test_a_delete_files_race_still_restarts_after_what_it_deleted(sim, monkeypatch):
    """deleteFiles deletes a.zip and fails on b.zip, which someone else deleted meanwhile: a.zip was deleted by
    this task, so with restart on (the default) the extension server must not keep running it."""
    seed(sim, "a.zip", "b.zip")
    real_delete_many = _api.delete_sses

    def someone_else_takes_b(client, names, restart, environment_type=None):
        sim.store.delete_sse("live", "b.zip")
        return real_delete_many(client, names, restart, environment_type)

    monkeypatch.setattr(_api, "delete_sses", someone_else_takes_b)
    result = run_module(sse_delete, delete(sim, names=["a.zip", "b.zip"]))
    assert not result.get("failed") and result["changed"] and result["deleted"] == ["a.zip", "b.zip"]
    assert sim.sse_names() == []
    assert result["restart_status"] == "SUCCEEDED" and sim.running_names() == []


def test_a_backup_that_cannot_be_downloaded_leaves_no_partial_file_and_deletes_nothing(sim, tmp_path):
    seed(sim, "a.zip")
    sim.faults.add("GET", SSE + "/a.zip", "status", status=500, message="storage offline")
    backups = tmp_path / "kept"
    result = run_module(sse_delete, delete(sim, name="a.zip", backup=True, backup_dir=str(backups)))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "delete a.zip: GET %s/a.zip failed: HTTP 500, errorCode 500: storage offline" % SSE
    assert os.listdir(str(backups)) == [] and mutating_requests(sim) == [] and sim.sse_names() == ["a.zip"]


@pytest.mark.parametrize("legacy, mode", [(True, "auto"), (False, "never")])
def test_the_boolean_restart_of_earlier_releases_still_works_with_a_deprecation(sim, legacy, mode):
    seed(sim, "a.zip", "b.zip")
    result = run_module(sse_delete, delete(sim, name="a.zip", restart=legacy))
    assert result["changed"] and (sim.restart_count == 1) is (mode == "auto")
    assert result["deprecations"] == [
        "restart: %r is deprecated: write restart: %s (true means auto, false means never)" % (legacy, mode)]


def test_restart_always_restarts_even_when_nothing_was_deleted(sim):
    seed(sim, "a.zip")
    result = run_module(sse_delete, delete(sim, name="gone.zip", restart="always"))
    assert result["changed"] and result["deleted"] == [] and result["restart_status"] == "SUCCEEDED" and sim.restart_count == 1
    checked = run_module(sse_delete, delete(sim, name="gone.zip", restart="always"), check_mode=True)
    assert checked["changed"] and sim.restart_count == 1


def test_restart_never_deletes_without_restarting_and_a_bad_value_is_refused_before_any_request(sim):
    seed(sim, "a.zip")
    result = run_module(sse_delete, delete(sim, name="a.zip", restart="never"))
    assert result["changed"] and result["work_request_id"] is None and sim.restart_count == 0
    bad = run_module(sse_delete, delete(sim, name="a.zip", restart="sometimes"))
    assert bad["failed"] and bad["msg"] == "restart must be one of auto, always, never, got 'sometimes'"
