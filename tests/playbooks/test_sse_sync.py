# -*- coding: utf-8 -*-
"""sse_sync through ansible-playbook: one task for a whole set, compared by content, remembered checksums."""

from __future__ import annotations

import json
import zipfile

from helpers.harness import mutating_requests, run_tasks

SYNC = "commerce.admin.sse_sync"
SSE = "/ccadmin/v1/serverExtensions"


def build(path, files, stamp=(2026, 1, 1, 0, 0, 0), method=zipfile.ZIP_DEFLATED, reverse=False, comment=b""):
    """A zip of `files` (name -> text); other stamps, order, method or comment give other bytes, same content."""
    with zipfile.ZipFile(path, "w", method) as archive:
        for name in sorted(files, reverse=reverse):
            archive.writestr(zipfile.ZipInfo(name, stamp), files[name])
        archive.comment = comment
    return str(path)


def declared(tmp_path, count=3, **options):
    directory = tmp_path / "sse"
    directory.mkdir(exist_ok=True)
    for index in range(count):
        build(directory / ("s%d.zip" % index), {"index.js": "exports.n = %d;\n" % index, "package.json": "{}"}, **options)
    return str(directory)


def downloads(sim):
    return [entry for entry in sim.journal if entry["method"] == "GET" and entry["path"].startswith(SSE + "/") and entry["path"].endswith(".zip")]


def listings(sim):
    return [entry for entry in sim.journal if entry["method"] == "GET" and entry["path"] == SSE]


def logins(sim):
    return [entry for entry in sim.journal if entry["path"] == "/ccadmin/v1/login"]


def test_first_deploy_then_unchanged_rerun_without_downloads(sim, tmp_path):
    src = declared(tmp_path)
    sim.put_sse("stray.zip", b"PK\x05\x06" + bytes(18), running=True)
    first = run_tasks(sim, [{SYNC: {"src": src, "purge": True}}], tmp_path)[0]
    assert first["changed"] and first["added"] == ["s0.zip", "s1.zip", "s2.zip"] and first["purged"] == ["stray.zip"]
    assert first["restart_status"] == "SUCCEEDED" and sim.restart_count == 1
    assert sim.sse_names() == sim.running_names() == ["s0.zip", "s1.zip", "s2.zip"]
    uploads = [entry for entry in mutating_requests(sim) if entry["path"] == SSE]
    assert len(uploads) == 3 and all(entry["query"] == {} for entry in uploads)  # multipart fields, not the query
    assert len(logins(sim)) == 1
    sim.clear_journal()
    second = run_tasks(sim, [{SYNC: {"src": src, "purge": True}}], tmp_path)[0]
    assert not second["changed"] and second["unchanged"] == ["s0.zip", "s1.zip", "s2.zip"] and second["downloaded"] == []
    assert mutating_requests(sim) == [] and downloads(sim) == [] and len(listings(sim)) == 1 and len(logins(sim)) == 1
    assert sim.restart_count == 1


def test_rebuilt_zips_upload_nothing_and_a_lost_state_file_only_costs_downloads(sim, tmp_path):
    run_tasks(sim, [{SYNC: {"src": declared(tmp_path)}}], tmp_path)
    rebuilt = declared(tmp_path, stamp=(2026, 11, 25, 9, 0, 0), method=zipfile.ZIP_STORED, reverse=True, comment=b"CI build 42")
    (tmp_path / "sync-state.json").unlink()
    sim.clear_journal()
    run = run_tasks(sim, [{SYNC: {"src": rebuilt}}, {SYNC: {"src": rebuilt}}], tmp_path)
    assert not run[0]["changed"] and run[0]["downloaded"] == ["s0.zip", "s1.zip", "s2.zip"]
    assert not run[1]["changed"] and run[1]["downloaded"] == []
    assert mutating_requests(sim) == [] and sim.restart_count == 1


def test_a_corrupt_or_stale_state_file_never_leads_to_a_wrong_decision(sim, tmp_path):
    src = declared(tmp_path, count=2)
    run_tasks(sim, [{SYNC: {"src": src}}], tmp_path)
    state_file = tmp_path / "sync-state.json"
    state = json.loads(state_file.read_text())
    # Stale: someone replaced s0.zip behind our back; the listing's checksum no longer matches what was remembered.
    sim.put_sse("s0.zip", open(build(tmp_path / "other.zip", {"index.js": "exports.n = 99;\n", "package.json": "{}"}), "rb").read())
    run = run_tasks(sim, [{SYNC: {"src": src}}], tmp_path, check=True)
    assert run[0]["changed"] and run[0]["replaced"] == ["s0.zip"] and run[0]["downloaded"] == ["s0.zip"]
    assert {"action": "replace", "name": "s0.zip", "reason": "index.js changed"} in run[0]["plan"]
    # Corrupt: unreadable JSON is a warning and costs downloads.
    state_file.write_text("{ not json")
    run = run_tasks(sim, [{SYNC: {"src": src}}], tmp_path)
    assert run[0]["replaced"] == ["s0.zip"] and run[0]["downloaded"] == ["s0.zip", "s1.zip"]
    assert any("state" in warning for warning in run[0].get("warnings", []))
    # Forged: an entry that claims the listing's checksum for other content is not trusted when its digests disagree.
    state = json.loads(state_file.read_text())
    entry = state["environments"]["live"]["sses"]["s1.zip"]
    entry["content_digest"] = "0" * 64
    state_file.write_text(json.dumps(state))
    run = run_tasks(sim, [{SYNC: {"src": src}}], tmp_path)
    assert not run[0]["changed"] and run[0]["downloaded"] == ["s1.zip"]
    assert sim.sse_names() == sim.running_names() == ["s0.zip", "s1.zip"]


def test_check_mode_with_diff_shows_one_line_per_sse_and_sends_nothing(sim, tmp_path):
    src = declared(tmp_path, count=2)
    sim.put_sse("s1.zip", open(build(tmp_path / "old.zip", {"index.js": "old\n", "package.json": "{}"}), "rb").read())
    sim.put_sse("old.zip", b"PK\x05\x06" + bytes(18))
    run = run_tasks(sim, [{SYNC: {"src": src, "purge": True}}], tmp_path, check=True, diff=True)
    result = run[0]
    assert result["changed"] and mutating_requests(sim) == [] and sim.restart_count == 0
    assert result["plan_lines"] == ["- old.zip (not declared (purge))", "+ s0.zip (absent remotely)", "~ s1.zip (index.js changed)"]
    assert "+s0.zip (absent remotely)" in run.stdout and "-old.zip (remote, not declared (purge))" in run.stdout
    assert "+s1.zip (index.js changed)" in run.stdout and result["restart_reason"] == "3 SSE(s) changed"


def test_compare_bytes_uploads_a_rebuilt_zip(sim, tmp_path):
    run_tasks(sim, [{SYNC: {"src": declared(tmp_path, count=1)}}], tmp_path)
    rebuilt = declared(tmp_path, count=1, stamp=(2026, 11, 25, 9, 0, 0))
    run = run_tasks(sim, [{SYNC: {"src": rebuilt, "compare": "bytes"}}], tmp_path)
    assert run[0]["changed"] and run[0]["replaced"] == ["s0.zip"] and sim.restart_count == 2


def test_bad_input_is_refused_before_any_request(sim, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "a.zip").write_bytes(b"not a zip")
    twins = tmp_path / "twin"
    twins.mkdir()
    build(twins / "s0.zip", {"a": "1"})
    run = run_tasks(sim, [
        {SYNC: {"src": str(tmp_path / "mistyped")}},
        {SYNC: {"src": str(empty), "purge": True}},
        {SYNC: {"files": [str(tmp_path / "a.zip")]}},
        {SYNC: {"src": declared(tmp_path, count=1), "files": [str(twins / "s0.zip")]}},
        {SYNC: {"src": "relative/sse"}},
        {SYNC: {"src": str(empty), "downloads": 0}},
    ], tmp_path)
    assert "does not exist" in run[0]["msg"]
    assert "holds no *.zip" in run[1]["msg"] and "declares nothing" in run[1]["msg"]
    assert "not a zip" in run[2]["msg"]
    assert "both called s0.zip" in run[3]["msg"]
    assert "{{ playbook_dir }}/relative/sse" in run[4]["msg"]
    assert "downloads must be greater than 0" in run[5]["msg"]
    assert all(result["failed"] and not result["changed"] for result in run.results)
    assert sim.journal == []


def test_purge_is_refused_by_no_delete_and_everything_by_read_only(sim, tmp_path):
    src = declared(tmp_path, count=1)
    sim.put_sse("old.zip", b"PK\x05\x06" + bytes(18))
    run = run_tasks(sim, [{SYNC: {"src": src, "purge": True, "protection": "no_delete"}},
                          {SYNC: {"src": src, "protection": "read_only"}}], tmp_path)
    assert run[0]["failed"] and "protection is no_delete" in run[0]["msg"] and "old.zip" in run[0]["msg"]
    assert run[1]["failed"] and "protection is read_only" in run[1]["msg"]
    assert mutating_requests(sim) == [] and sim.sse_names() == ["old.zip"]


def test_restart_never_leaves_the_restart_owed_and_auto_pays_it(sim, tmp_path):
    src = declared(tmp_path, count=1)
    run = run_tasks(sim, [{SYNC: {"src": src, "restart": "never"}}, {SYNC: {"src": src}}], tmp_path)
    assert run[0]["changed"] and sim.sse_names() == ["s0.zip"] and run[0]["pending_restart"]["names"] == ["s0.zip"]
    assert run[1]["changed"] and run[1]["restart_reason"].startswith("a restart is owed since") and run[1]["added"] == []
    assert run[1]["restart_status"] == "SUCCEEDED" and run[1]["pending_restart"] is None
    assert sim.running_names() == ["s0.zip"] and sim.restart_count == 1


def test_check_mode_remembers_what_it_downloaded_so_the_deploy_that_follows_downloads_nothing(sim, tmp_path):
    src = declared(tmp_path, count=2)
    for name in ("s0.zip", "s1.zip"):
        sim.put_sse(name, open("%s/%s" % (src, name), "rb").read())
    checked = run_tasks(sim, [{SYNC: {"src": src}}], tmp_path, check=True)[0]
    assert not checked["changed"] and checked["downloaded"] == ["s0.zip", "s1.zip"] and mutating_requests(sim) == []
    sim.clear_journal()
    deployed = run_tasks(sim, [{SYNC: {"src": src}}], tmp_path)[0]
    assert not deployed["changed"] and deployed["downloaded"] == [] and downloads(sim) == []
