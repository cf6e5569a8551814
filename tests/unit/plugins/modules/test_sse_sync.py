# -*- coding: utf-8 -*-
"""sse_sync in-process: the plan (add, replace, keep, purge), content and byte comparison, the remembered
state, check and diff mode, protection, restart modes and local input. The transaction (failures,
rollbacks, owed restarts) is tested in tests/unit/plugins/module_utils/_sse/test_transaction.py; both
use helpers/sse_sync.py."""

from __future__ import annotations

import os
import zipfile

import pytest

from ansible_collections.commerce.admin.plugins.modules import sse_sync

from helpers.module_runner import mutating_requests, requests_to, run_module
from helpers.sse_sync import RESTART, SSE, build, deployed, downloads, read, release, saved_state, sync


def test_add_replace_keep_and_purge_in_one_run_then_nothing_to_do(sim, tmp_path):
    deployed(sim, tmp_path)
    sim.put_sse("x.zip", b"PK\x05\x06" + bytes(18), running=True)
    sim.put_sse("y.zip", b"PK\x05\x06" + bytes(18), running=True)
    src = release(tmp_path, "v2", ["b.zip", "c.zip"])
    build(os.path.join(src, "a.zip"), {"index.js": "// a.zip\n", "release.txt": "v1"})  # v1's a.zip rebuilt
    first = run_module(sse_sync, sync(sim, tmp_path, src, purge=True))
    assert first["changed"] and first["added"] == ["c.zip"] and first["replaced"] == ["b.zip"] and first["unchanged"] == ["a.zip"]
    assert first["purged"] == ["x.zip", "y.zip"] and first["downloaded"] == ["a.zip", "b.zip"]
    assert first["plan_lines"] == ["= a.zip (unchanged)", "~ b.zip (release.txt changed)", "+ c.zip (absent remotely)",
                                   "- x.zip (not declared (purge))", "- y.zip (not declared (purge))"]
    assert first["restart_reason"] == "4 SSE(s) changed" and first["restart_status"] == "SUCCEEDED"
    assert first["work_request_id"] in sim.work_requests and first["pending_restart"] is None and not first["rolled_back"]
    assert first["state_file"] == str(tmp_path / "state.json") and "backup_files" not in first
    assert mutating_requests(sim) == [("POST", SSE), ("POST", SSE), ("POST", SSE + "/deleteFiles"), ("POST", RESTART)]
    assert requests_to(sim, "POST", SSE + "/deleteFiles")[0]["json"] == {"paths": ["/x.zip", "/y.zip"]}
    assert sim.sse_names() == sim.running_names() == ["a.zip", "b.zip", "c.zip"] and sim.restart_count == 1
    state = saved_state(tmp_path)
    assert sorted(state["sses"]) == ["a.zip", "b.zip", "c.zip"] and state["pending_restart"] is None
    sim.clear_journal()
    second = run_module(sse_sync, sync(sim, tmp_path, src, purge=True))
    assert not second["changed"] and second["unchanged"] == ["a.zip", "b.zip", "c.zip"] and second["downloaded"] == []
    assert second["restart_reason"] is None and second["work_request_id"] is None and second["restart_status"] is None
    assert mutating_requests(sim) == [] and downloads(sim) == [] and sim.restart_count == 1


def test_compare_content_keeps_a_rebuilt_zip_that_compare_bytes_replaces(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    src = release(tmp_path, "v1b", ["a.zip"], version="v1", stamp=(2026, 11, 25, 9, 0, 0))  # same entries and size, other bytes
    kept = run_module(sse_sync, sync(sim, tmp_path, src))
    assert not kept["changed"] and kept["unchanged"] == ["a.zip"] and kept["downloaded"] == ["a.zip"]
    # The remembered entry decides compare=bytes too: the remote sha256 differs from the local one.
    remembered = run_module(sse_sync, sync(sim, tmp_path, src, compare="bytes"), check_mode=True)
    assert remembered["replaced"] == ["a.zip"] and remembered["plan"][0]["reason"] == "content differs" and remembered["downloaded"] == []
    os.unlink(str(tmp_path / "state.json"))
    sim.clear_journal()
    replaced = run_module(sse_sync, sync(sim, tmp_path, src, compare="bytes"))
    assert replaced["replaced"] == ["a.zip"] and replaced["plan"][0]["reason"] == "content differs" and replaced["downloaded"] == ["a.zip"]
    assert sim.sse_bytes("a.zip") == read(os.path.join(src, "a.zip")) and sim.restart_count == 1
    sim.clear_journal()
    stored = release(tmp_path, "v1c", ["a.zip"], version="v1", method=zipfile.ZIP_STORED)
    resized = run_module(sse_sync, sync(sim, tmp_path, stored, compare="bytes", restart="never"))
    assert resized["plan"][0]["reason"].startswith("size differs (remote ") and downloads(sim) == []


def test_remembered_state_spares_downloads_and_a_lost_or_corrupt_one_only_costs_them(sim, tmp_path):
    src = release(tmp_path, "v1", ["a.zip", "b.zip"])
    run_module(sse_sync, sync(sim, tmp_path, src))
    sim.clear_journal()
    assert run_module(sse_sync, sync(sim, tmp_path, src))["downloaded"] == [] and downloads(sim) == []
    (tmp_path / "state.json").write_text("{ not json")
    corrupt = run_module(sse_sync, sync(sim, tmp_path, src))
    assert not corrupt["changed"] and corrupt["downloaded"] == ["a.zip", "b.zip"] and corrupt["warnings"] == [
        "state file %s is not valid JSON (Expecting property name enclosed in double quotes: line 1 column 3 (char 2)): "
        "ignored, it is rewritten on the next save" % (tmp_path / "state.json")]
    assert sorted(saved_state(tmp_path)["sses"]) == ["a.zip", "b.zip"]  # rewritten from what was downloaded
    os.unlink(str(tmp_path / "state.json"))
    lost = run_module(sse_sync, sync(sim, tmp_path, src))
    assert not lost["changed"] and lost["downloaded"] == ["a.zip", "b.zip"] and lost["warnings"] == []
    # Stale: a.zip replaced behind the module's back; the listing's checksum no longer matches what is remembered.
    sim.put_sse("a.zip", read(build(tmp_path / "other.zip", {"index.js": "// other\n", "release.txt": "v1"})))
    sim.clear_journal()
    stale = run_module(sse_sync, sync(sim, tmp_path, src))
    assert stale["replaced"] == ["a.zip"] and stale["downloaded"] == ["a.zip"] and stale["plan"][0]["reason"] == "index.js changed"
    assert sim.sse_bytes("a.zip") == read(os.path.join(src, "a.zip")) and sim.running_names() == ["a.zip", "b.zip"]
    assert sim.restart_count == 2


@pytest.mark.parametrize("compare", ["content", "bytes"])
def test_a_remote_zip_that_is_not_a_readable_zip_is_replaced(sim, tmp_path, compare):
    src = release(tmp_path, "v1", ["a.zip"])
    local = read(os.path.join(src, "a.zip"))
    junk = b"PK\x03\x04 not really a zip"
    sim.put_sse("a.zip", junk + bytes(len(local) - len(junk)))  # the same size, so compare=bytes downloads too
    result = run_module(sse_sync, sync(sim, tmp_path, src, compare=compare, restart="never"))
    reason = result["plan"][0]["reason"]
    assert result["replaced"] == ["a.zip"] and result["downloaded"] == ["a.zip"]
    if compare == "content":
        assert reason.startswith("remote a.zip is not a readable zip") and result["plan_lines"] == ["~ a.zip (%s)" % reason]
    else:
        assert reason == "content differs"
    assert sim.sse_bytes("a.zip") == local and sim.restart_count == 0


def test_check_mode_with_diff_shows_the_plan_and_sends_nothing(sim, tmp_path):
    stored = deployed(sim, tmp_path, ["a.zip", "b.zip", "old.zip"])
    src = release(tmp_path, "v2", ["b.zip", "c.zip"])
    build(os.path.join(src, "a.zip"), {"index.js": "// a.zip\n", "release.txt": "v1"})
    result = run_module(sse_sync, sync(sim, tmp_path, src, purge=True), check_mode=True, diff=True)
    assert result["changed"] and result["restart_reason"] == "3 SSE(s) changed" and result["work_request_id"] is None
    assert result["added"] == ["c.zip"] and result["replaced"] == ["b.zip"] and result["purged"] == ["old.zip"]
    # A reviewer's diff: the instance in the header, the restart that follows, and the text that changed inside b.zip.
    assert result["diff"] == {"before": "a.zip (remote)\nb.zip (remote)\nold.zip (remote, not declared (purge))\n",
                              "after": "a.zip (remote)\nb.zip (release.txt changed)\nc.zip (absent remotely)\n"
                                       "(then one restart of the extension server: 3 SSE(s) changed)\n",
                              "before_header": "remote SSEs on %s (live)" % sim.url, "after_header": "declared SSEs",
                              "prepared": "--- remote b.zip/release.txt\n+++ declared b.zip/release.txt\n@@ -1 +1 @@\n-v1\n+v2\n"}
    assert mutating_requests(sim) == [] and sim.restart_count == 0
    assert {name: sim.sse_bytes(name) for name in stored} == stored


def test_no_delete_refuses_a_sync_that_would_purge_but_not_one_that_would_not(sim, tmp_path):
    deployed(sim, tmp_path, ["old.zip"])
    src = release(tmp_path, "v1b", ["a.zip"])
    refused = run_module(sse_sync, sync(sim, tmp_path, src, purge=True, protection="no_delete"))
    assert refused["failed"] and not refused["changed"]
    assert refused["msg"] == ("protection is no_delete: refused to sync the SSEs of live "
                              "(+ a.zip (absent remotely); - old.zip (not declared (purge)))")
    assert mutating_requests(sim) == [] and sim.sse_names() == ["old.zip"] and sim.restart_count == 0
    checked = run_module(sse_sync, sync(sim, tmp_path, src, purge=True, protection="no_delete"), check_mode=True)
    assert checked["changed"] and checked["warnings"] == [refused["msg"] + " (check mode: nothing was sent)"]
    allowed = run_module(sse_sync, sync(sim, tmp_path, src, protection="no_delete"))
    assert allowed["changed"] and allowed["added"] == ["a.zip"] and allowed["purged"] == []
    assert sim.sse_names() == sim.running_names() == ["a.zip", "old.zip"]


def test_restart_never_leaves_it_owed_auto_pays_it_and_always_restarts_anyway(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    src = release(tmp_path, "v2", ["a.zip", "b.zip"])
    never = run_module(sse_sync, sync(sim, tmp_path, src, restart="never"))
    assert never["changed"] and never["restart_reason"] is None and never["work_request_id"] is None
    assert never["pending_restart"]["names"] == ["a.zip", "b.zip"] and never["pending_restart"]["reason"] == "SSEs were changed with restart: never"
    assert sim.sse_names() == ["a.zip", "b.zip"] and sim.running_names() == ["a.zip"] and sim.restart_count == 0
    still_never = run_module(sse_sync, sync(sim, tmp_path, src, restart="never"))
    assert not still_never["changed"] and still_never["pending_restart"]["names"] == ["a.zip", "b.zip"] and sim.restart_count == 0
    owed = run_module(sse_sync, sync(sim, tmp_path, src))
    assert owed["changed"] and owed["added"] == [] and owed["replaced"] == []
    assert owed["restart_reason"] == "a restart is owed since %s (%s)" % (never["pending_restart"]["since"], never["pending_restart"]["reason"])
    assert owed["restart_status"] == "SUCCEEDED" and owed["pending_restart"] is None and saved_state(tmp_path)["pending_restart"] is None
    assert sim.running_names() == ["a.zip", "b.zip"] and sim.restart_count == 1
    always = run_module(sse_sync, sync(sim, tmp_path, src, restart="always"))
    assert always["changed"] and always["restart_reason"] == "restart is always" and always["restart_status"] == "SUCCEEDED"
    assert always["unchanged"] == ["a.zip", "b.zip"] and sim.restart_count == 2
    assert not run_module(sse_sync, sync(sim, tmp_path, src))["changed"] and sim.restart_count == 2


def test_the_preview_environment_has_its_own_state(sim, tmp_path):
    src = release(tmp_path, "v1", ["a.zip"])
    result = run_module(sse_sync, sync(sim, tmp_path, src, environment_type="preview"))
    assert result["added"] == ["a.zip"] and result["restart_status"] == "SUCCEEDED"
    assert sim.sse_names("preview") == sim.running_names("preview") == ["a.zip"] and sim.sse_names() == []
    assert sorted(saved_state(tmp_path, "preview")["sses"]) == ["a.zip"] and saved_state(tmp_path)["sses"] == {}
    assert sim.work_requests[result["work_request_id"]]["environment"] == "preview"


def test_src_and_files_together_and_the_default_state_file(sim, tmp_path):
    src = release(tmp_path, "v1", ["a.zip"])
    extra = build(tmp_path / "b.zip", {"index.js": "// b\n"})
    args = sync(sim, tmp_path, src, files=[extra, os.path.join(src, "a.zip")], restart="never", downloads=1)
    del args["state_file"]
    result = run_module(sse_sync, args)
    expected = os.path.join(os.environ["HOME"], ".ansible", "commerce.admin", "state", "127.0.0.1_%d.json" % sim.port)
    assert result["added"] == ["a.zip", "b.zip"] and result["state_file"] == expected and os.path.isfile(expected)


@pytest.mark.parametrize("case, message", [
    ("missing", "src %(tmp)s/missing does not exist"),
    ("a_file", "src %(tmp)s/b.zip is not a directory: give a directory of *.zip files, or list files in files"),
    ("empty", "src %(tmp)s/empty holds no *.zip file, so it declares nothing"),
    ("no_files", "nothing is declared: give src (a directory of *.zip) or files"),
    ("twins", "two declared files are both called b.zip (%(tmp)s/v1/b.zip and %(tmp)s/b.zip): the remote name is the file name"),
    ("not_a_zip", "src %(tmp)s/text.zip is not a zip file (no zip signature)"),
    ("downloads", "downloads must be greater than 0, got 0"),
])
def test_local_input_is_checked_before_any_request(sim, tmp_path, case, message):
    build(tmp_path / "b.zip", {"index.js": "// b\n"})
    (tmp_path / "empty").mkdir()
    (tmp_path / "text.zip").write_text("hello")
    options = {"src": release(tmp_path, "v1", ["b.zip"])}
    if case in ("missing", "a_file", "empty"):
        options["src"] = str(tmp_path / {"missing": "missing", "a_file": "b.zip", "empty": "empty"}[case])
    elif case == "no_files":
        options = {"files": []}
    elif case == "twins":
        options["files"] = [str(tmp_path / "b.zip")]
    elif case == "not_a_zip":
        options["files"] = [str(tmp_path / "text.zip")]
    else:
        options["downloads"] = 0
    result = run_module(sse_sync, sync(sim, tmp_path, **options))
    assert result["failed"] and not result["changed"] and message % {"tmp": tmp_path} in result["msg"]
    assert sim.journal == []


def test_an_unwritable_state_file_warns_and_still_decides_right(sim, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory")
    state_file = str(blocker / "state.json")
    src = release(tmp_path, "v1", ["a.zip"])
    first = run_module(sse_sync, sync(sim, tmp_path, src, state_file=state_file))
    assert first["changed"] and first["restart_status"] == "SUCCEEDED" and sim.running_names() == ["a.zip"]
    assert first["warnings"][0] == "state file %s cannot be read (Not a directory): ignored" % state_file
    unsaved = "cannot save the state file %s (File exists): remembered checksums and pending restarts are not kept for the next run" % state_file
    assert set(first["warnings"][1:]) == {unsaved}
    sim.clear_journal()
    second = run_module(sse_sync, sync(sim, tmp_path, src, state_file=state_file))
    assert not second["changed"] and second["downloaded"] == ["a.zip"] and downloads(sim) == ["a.zip"]
    assert mutating_requests(sim) == [] and sim.restart_count == 1 and unsaved in second["warnings"]


def test_the_diff_shows_the_text_inside_a_zip_even_when_remembered_checksums_decided_and_names_binary_entries(sim, tmp_path):
    deployed(sim, tmp_path, ["a.zip"])
    v2 = release(tmp_path, "v2", ["a.zip"])
    run_module(sse_sync, sync(sim, tmp_path, v2))  # remembered: the next plan decides without downloading
    v3 = str(tmp_path / "v3")
    os.mkdir(v3)
    build(os.path.join(v3, "a.zip"), {"index.js": "// a.zip\nconst x = 3;\n", "release.txt": "v2", "logo.png": b"\x89PNG\x00\xff"})
    sent = len(mutating_requests(sim))
    without = run_module(sse_sync, sync(sim, tmp_path, v3), check_mode=True)
    assert without["downloaded"] == [] and "prepared" not in without["diff"]
    result = run_module(sse_sync, sync(sim, tmp_path, v3), check_mode=True, diff=True)
    prepared = result["diff"]["prepared"]
    assert "+++ declared a.zip/index.js\n" in prepared and "+const x = 3;\n" in prepared
    assert "Binary or large entry a.zip/logo.png differs\n" in prepared and len(mutating_requests(sim)) == sent
