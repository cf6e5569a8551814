# -*- coding: utf-8 -*-
"""Backups, guardrails, promotion from preview to live, and waits that outlive the token."""

from __future__ import annotations

from helpers.harness import connection_defaults, mutating_requests, run_tasks

UPLOAD = "commerce.admin.sse_upload"
PROMOTE = "commerce.admin.sse_promote"


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def test_backup_then_restore_gives_v1_back_byte_for_byte(sim, make_zip, tmp_path):
    v1, v2 = make_zip(size=40000, seed=1), make_zip(size=41000, seed=2)
    backups = tmp_path / "backups"
    run = run_tasks(sim, [
        {UPLOAD: {"src": v1, "name": "orders.zip", "restart": False}},
        {UPLOAD: {"src": v2, "name": "orders.zip", "restart": False, "backup": True, "backup_dir": str(backups)}},
    ], tmp_path)
    backup_file = run[1]["backup_file"]
    assert backup_file.startswith(str(backups)) and backup_file.endswith(".zip")
    assert read(backup_file) == read(v1) and sim.sse_bytes("orders.zip") == read(v2)
    restore = run_tasks(sim, [{UPLOAD: {"src": backup_file, "name": "orders.zip", "restart": False}}], tmp_path)
    assert restore[0]["changed"] and sim.sse_bytes("orders.zip") == read(v1)


def test_backup_is_skipped_in_check_mode_and_for_new_files(sim, make_zip, tmp_path):
    v1, v2 = make_zip(size=30000, seed=1), make_zip(size=30000, seed=2)
    backups = tmp_path / "backups"
    first = run_tasks(sim, [{UPLOAD: {"src": v1, "name": "a.zip", "restart": False, "backup": True, "backup_dir": str(backups)}}], tmp_path)
    assert "backup_file" not in first[0] and not backups.exists()
    checked = run_tasks(sim, [{UPLOAD: {"src": v2, "name": "a.zip", "restart": False, "backup": True, "backup_dir": str(backups)}}],
                        tmp_path, check=True)
    assert checked[0]["changed"] and "backup_file" not in checked[0] and not backups.exists()


def test_read_only_refuses_upload_before_any_mutating_request(sim, make_zip, tmp_path):
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip"}}], tmp_path,
                    defaults=connection_defaults(sim, protection="read_only"))
    assert run[0]["failed"] and run[0]["msg"] == "protection is read_only: refused to upload a.zip"
    assert mutating_requests(sim) == [] and sim.sse_names() == []


def test_read_only_in_check_mode_reports_and_warns(sim, make_zip, tmp_path):
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip"}}], tmp_path, check=True,
                    defaults=connection_defaults(sim, protection="read_only"))
    assert run[0]["changed"] and not run[0].get("failed")
    assert any("refused to upload a.zip" in warning for warning in run[0]["warnings"])


def test_no_delete_allows_uploads(sim, make_zip, tmp_path):
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip", "restart": False}}], tmp_path,
                    defaults=connection_defaults(sim, protection="no_delete"))
    assert run[0]["changed"] and sim.sse_names() == ["a.zip"]


def test_protection_from_the_environment(sim, make_zip, tmp_path):
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip"}}], tmp_path, env={"COMMERCE_PROTECTION": "read_only"})
    assert run[0]["failed"] and "read_only" in run[0]["msg"] and mutating_requests(sim) == []


def test_promotion_is_idempotent_and_copies_preview_to_live(sim, make_zip, tmp_path):
    same, changed = make_zip(size=25000, seed=1), make_zip(size=25000, seed=2)
    sim.put_sse("same.zip", read(same), environment="preview")
    sim.put_sse("same.zip", read(same), environment="live")
    sim.put_sse("changed.zip", read(changed), environment="preview")
    sim.put_sse("changed.zip", read(same), environment="live")  # same size, other bytes
    sim.put_sse("new.zip", read(same), environment="preview")
    checked = run_tasks(sim, [{PROMOTE: {}}], tmp_path, check=True, diff=True)
    assert checked[0]["changed"] and checked[0]["promoted"] == ["changed.zip", "new.zip"]
    assert checked[0]["unchanged"] == ["same.zip"] and mutating_requests(sim) == []
    assert checked[0]["reasons"] == {"changed.zip": "content differs (same size)", "new.zip": "absent in live"}
    run = run_tasks(sim, [{PROMOTE: {}}, {PROMOTE: {}}], tmp_path)
    assert run[0]["changed"] and run[0]["promotion_state"] == "COMPLETED" and run[0]["failed_extensions"] == []
    promote = [entry for entry in sim.journal if entry["path"].endswith("/promoteFiles")]
    assert [entry["json"] for entry in promote] == [{"paths": ["changed.zip", "new.zip"]}]  # bare names, as the reference wants
    assert sim.sse_bytes("changed.zip") == read(changed) and sim.sse_bytes("new.zip") == read(same)
    assert not run[1]["changed"] and run[1]["promoted"] == []


def test_promotion_of_an_unknown_name_fails_before_promoting(sim, tmp_path):
    run = run_tasks(sim, [{PROMOTE: {"names": ["ghost.zip"]}}], tmp_path)
    assert run[0]["failed"] and "ghost.zip" in run[0]["msg"] and mutating_requests(sim) == []


def test_failed_promotion_fails_the_module(sim, make_zip, tmp_path):
    sim.put_sse("p.zip", read(make_zip(size=20000)), environment="preview")
    sim.config.promote_outcome = "fail"
    run = run_tasks(sim, [{PROMOTE: {}}], tmp_path)
    result = run[0]
    assert result["failed"] and result["changed"] and "promotion from preview to live failed" in result["msg"]
    assert "failed extensions: p.zip" in result["msg"] and "rolled back, so live is as it was" in result["msg"]
    assert result["failed_extensions"] == ["p.zip"] and result["rolled_back"] is True and result["promotion_state"] == "FAILED"
    assert sim.sse_names("live") == []


def test_restart_wait_outlives_the_token(sim_factory, make_zip, tmp_path):
    sim = sim_factory(token_ttl=2, login_expires_in=2, restart_seconds=6)
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000), "name": "a.zip", "poll_interval": 0.5}}], tmp_path)
    assert run[0]["changed"] and run[0]["restart_status"] == "SUCCEEDED"
    paths = [entry["path"] for entry in sim.journal]
    assert paths.count("/ccadmin/v1/refresh") + paths.count("/ccadmin/v1/login") >= 3
    assert all(entry["status"] != 401 for entry in sim.journal)


def test_a_refused_replacement_makes_no_backup(sim, make_zip, tmp_path):
    sim.put_sse("a.zip", read(make_zip(size=20000, seed=1)))
    backups = tmp_path / "backups"
    run = run_tasks(sim, [{UPLOAD: {"src": make_zip(size=20000, seed=2), "name": "a.zip", "backup": True, "backup_dir": str(backups)}}],
                    tmp_path, defaults=connection_defaults(sim, protection="read_only"))
    assert run[0]["failed"] and "refused to upload a.zip" in run[0]["msg"]
    assert not backups.exists() and mutating_requests(sim) == []
