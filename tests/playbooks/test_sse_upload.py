# -*- coding: utf-8 -*-
"""sse_upload through ansible-playbook: idempotence by bytes, check mode, diff, restarts, paging."""

from __future__ import annotations

import zipfile

from helpers.harness import mutating_requests, run_tasks

UPLOAD = "commerce.admin.sse_upload"
SSE = "/ccadmin/v1/serverExtensions"


def uploads(sim):
    return [entry for entry in sim.journal if entry["method"] == "POST" and entry["path"] == SSE]


def downloads(sim, name):
    return [entry for entry in sim.journal if entry["method"] == "GET" and entry["path"] == SSE + "/" + name]


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def test_first_run_uploads_and_waits_second_changes_nothing(sim, make_zip, tmp_path):
    path = make_zip(size=50000)
    run = run_tasks(sim, [{UPLOAD: {"src": path}}, {UPLOAD: {"src": path}}], tmp_path)
    first, second = run.results
    assert first["changed"] and first["uploaded"] and first["restart_status"] == "SUCCEEDED" and first["work_request_id"]
    assert first["name"] == "zip-50000-0.zip" and first["reason"] == "absent remotely"
    assert not second["changed"] and not second["uploaded"] and second["reason"] is None
    assert len(uploads(sim)) == 1 and sim.sse_bytes(first["name"]) == read(path)
    assert second["remote_checksum"] == first["remote_checksum"]


def test_check_mode_on_a_fresh_simulator_sends_nothing_that_changes(sim, make_zip, tmp_path):
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=30000), "name": "a.zip"}}], tmp_path, check=True, diff=True)
    assert run[0]["changed"] and not run[0]["uploaded"]
    assert mutating_requests(sim) == [] and sim.sse_names() == [] and sim.restart_count == 0
    assert run[0]["diff"]["before"] == {"state": "absent"} and run[0]["diff"]["after"]["sha256"] == run[0]["sha256"]
    assert "--- before" in run.stdout and '"state": "absent"' in run.stdout


def test_identical_24_mib_rerun_downloads_once_and_uploads_nothing(sim, make_zip, tmp_path):
    path = make_zip(size=24 * 1024 * 1024, seed=5)
    sim.put_sse("big.zip", read(path))
    sim.clear_journal()
    run = run_tasks(sim, [{UPLOAD: {"src": path, "name": "big.zip"}}], tmp_path)
    assert not run[0]["changed"]
    assert uploads(sim) == [] and len(downloads(sim, "big.zip")) == 1


def test_same_size_other_content_is_uploaded(sim, make_zip, tmp_path):
    old, new = make_zip(size=40000, seed=1), make_zip(size=40000, seed=2)
    sim.put_sse("a.zip", read(old))
    run = run_tasks(sim, [{UPLOAD: {"src": new, "name": "a.zip", "restart": False}}], tmp_path, diff=True)
    assert run[0]["changed"] and run[0]["reason"] == "payload.bin changed"
    assert run[0]["diff"]["before"]["size"] == 40000 and run[0]["diff"]["after"]["reason"] == "payload.bin changed"
    assert sim.sse_bytes("a.zip") == read(new)


def test_a_zip_rebuilt_from_the_same_files_is_not_uploaded_unless_compared_by_bytes(sim, tmp_path):
    """Other timestamps, entry order and compression: the same content, other bytes."""
    first, rebuilt = tmp_path / "first.zip", tmp_path / "rebuilt.zip"
    with zipfile.ZipFile(first, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo("index.js", (2026, 1, 1, 0, 0, 0)), "module.exports = 1;\n" * 50)
        archive.writestr(zipfile.ZipInfo("package.json", (2026, 1, 1, 0, 0, 0)), "{}")
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("package.json", (2026, 11, 25, 9, 30, 0)), "{}")
        archive.writestr(zipfile.ZipInfo("index.js", (2026, 11, 25, 9, 30, 0)), "module.exports = 1;\n" * 50)
        archive.comment = b"built by CI"
    sim.put_sse("a.zip", read(first))
    run = run_tasks(sim, [{UPLOAD: {"src": str(rebuilt), "name": "a.zip", "restart": False}},
                          {UPLOAD: {"src": str(rebuilt), "name": "a.zip", "restart": False, "compare": "bytes"}}], tmp_path)
    assert not run[0]["changed"] and run[0]["reason"] is None
    assert run[1]["changed"] and run[1]["reason"].startswith("size differs") and sim.sse_bytes("a.zip") == read(rebuilt)


def test_other_size_is_uploaded_without_downloading(sim, make_zip, tmp_path):
    sim.put_sse("a.zip", read(make_zip(size=40000)))
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=40001), "name": "a.zip", "restart": False, "compare": "bytes"}}], tmp_path)
    assert run[0]["changed"] and run[0]["reason"].startswith("size differs")
    assert downloads(sim, "a.zip") == []


def test_force_uploads_identical_content(sim, make_zip, tmp_path):
    path = make_zip(size=20000)
    sim.put_sse("a.zip", read(path))
    run = run_tasks(sim, [{UPLOAD: {"src": path, "name": "a.zip", "force": True, "restart": False}}], tmp_path)
    assert run[0]["changed"] and run[0]["reason"] == "force is set" and len(uploads(sim)) == 1


def test_no_restart_means_no_work_request(sim, make_zip, tmp_path):
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip", "restart": False}}], tmp_path)
    assert run[0]["changed"] and run[0]["work_request_id"] is None and sim.restart_count == 0


def test_no_wait_returns_the_accepted_work_request(sim, make_zip, tmp_path):
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip", "wait": False}}], tmp_path)
    assert run[0]["restart_status"] == "ACCEPTED" and run[0]["work_request_id"] in sim.work_requests


def test_status_without_trailing_period_and_small_pages(sim_factory, make_zip, tmp_path):
    sim = sim_factory(status_period=False, page_cap=5, checksum_format="int")
    for index in range(12):
        sim.put_sse("f%02d.zip" % index, read(make_zip(size=1000 + index)))
    path = make_zip(size=1011)
    sim.put_sse("zz.zip", read(path))
    run = run_tasks(sim, [{UPLOAD: {"src": path, "name": "zz.zip"}}, {UPLOAD: {"src": make_zip(size=999), "name": "new.zip"}}], tmp_path)
    assert not run[0]["changed"]
    assert run[1]["changed"] and run[1]["restart_status"] == "SUCCEEDED"


def test_api_failure_carries_the_error_code(sim, make_zip, tmp_path):
    sim.faults.add("POST", SSE, "status", status=400, error_code="33114", message="not a valid zip")
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip"}}], tmp_path)
    assert run[0]["failed"] and run[0]["error"]["error_code"] == "33114"
    assert "upload a.zip" in run[0]["msg"] and "33114" in run[0]["msg"]
