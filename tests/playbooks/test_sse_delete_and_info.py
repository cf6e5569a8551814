# -*- coding: utf-8 -*-
"""sse_delete and sse_info through ansible-playbook."""

from __future__ import annotations

from helpers.harness import mutating_requests, run_tasks

DELETE = "commerce.admin.sse_delete"
INFO = "commerce.admin.sse_info"
SSE = "/ccadmin/v1/serverExtensions"
ZIP = b"PK\x05\x06" + bytes(18)


def seed(sim, *names):
    for name in names:
        sim.put_sse(name, ZIP)


def test_one_name_uses_delete_then_nothing_to_do(sim, tmp_path):
    seed(sim, "a.zip", "b.zip")
    run = run_tasks(sim, [{DELETE: {"name": "a.zip"}}, {DELETE: {"name": "a.zip"}}], tmp_path)
    assert run[0]["changed"] and run[0]["deleted"] == ["a.zip"] and run[0]["restart_status"] == "SUCCEEDED"
    assert not run[1]["changed"] and run[1]["absent"] == ["a.zip"]
    assert [entry["method"] for entry in mutating_requests(sim)] == ["DELETE"]
    assert sim.sse_names() == ["b.zip"]


def test_several_names_use_one_delete_files_call_and_skip_absent(sim, tmp_path):
    seed(sim, "a.zip", "b.zip", "c.zip")
    run = run_tasks(sim, [{DELETE: {"names": ["a.zip", "b.zip", "ghost.zip"], "restart": False}}], tmp_path)
    assert run[0]["deleted"] == ["a.zip", "b.zip"] and run[0]["absent"] == ["ghost.zip"]
    assert [(entry["method"], entry["path"]) for entry in mutating_requests(sim)] == [("POST", SSE + "/deleteFiles")]
    assert sim.sse_names() == ["c.zip"] and sim.restart_count == 0


def test_check_mode_and_diff(sim, tmp_path):
    seed(sim, "a.zip")
    run = run_tasks(sim, [{DELETE: {"names": ["a.zip", "b.zip"]}}], tmp_path, check=True, diff=True)
    assert run[0]["changed"] and run[0]["deleted"] == ["a.zip"]
    assert run[0]["diff"] == {"before": {"a.zip": {"size": 22}}, "after": {}}
    assert mutating_requests(sim) == [] and sim.sse_names() == ["a.zip"]


def test_absent_names_only_change_nothing(sim, tmp_path):
    run = run_tasks(sim, [{DELETE: {"names": ["x.zip", "y.zip"]}}], tmp_path)
    assert not run[0]["changed"] and mutating_requests(sim) == []


def test_partial_failure_names_the_files_left(sim, tmp_path):
    seed(sim, "a.zip", "b.zip", "c.zip")
    sim.config.undeletable = {"b.zip"}
    run = run_tasks(sim, [{DELETE: {"names": ["a.zip", "b.zip", "c.zip"], "restart": False}}], tmp_path)
    result = run[0]
    assert result["failed"] and result["msg"].startswith("could not delete b.zip")
    assert result["deleted"] == ["a.zip", "c.zip"] and result["changed"]
    assert result["error"]["error_code"] == "100307" and sim.sse_names() == ["b.zip"]


def test_method_override_tunnels_delete_through_post(sim, tmp_path):
    seed(sim, "a.zip")
    run = run_tasks(sim, [{DELETE: {"name": "a.zip", "restart": False, "method_override": True}}], tmp_path)
    assert run[0]["changed"] and sim.sse_names() == []
    entry = mutating_requests(sim)[0]
    assert (entry["wire_method"], entry["method"]) == ("POST", "DELETE")


def test_no_delete_protection_refuses(sim, tmp_path):
    seed(sim, "a.zip")
    run = run_tasks(sim, [{DELETE: {"name": "a.zip", "protection": "no_delete"}}], tmp_path)
    assert run[0]["failed"] and run[0]["msg"] == "protection is no_delete: refused to delete a.zip"
    assert mutating_requests(sim) == [] and sim.sse_names() == ["a.zip"]


def test_backup_before_delete(sim, tmp_path):
    seed(sim, "a.zip")
    run = run_tasks(sim, [{DELETE: {"name": "a.zip", "backup": True, "backup_dir": str(tmp_path / "b"), "restart": False}}], tmp_path)
    with open(run[0]["backup_files"]["a.zip"], "rb") as handle:
        assert handle.read() == ZIP
    assert sim.sse_names() == []


def test_info_lists_every_page_and_filters_by_name(sim_factory, tmp_path):
    sim = sim_factory(page_cap=2)
    seed(sim, "a.zip", "b.zip", "c.zip", "cc.zip", "d.zip")
    run = run_tasks(sim, [{INFO: {}}, {INFO: {"name": "c.zip"}}, {INFO: {"name": "e.zip"}}], tmp_path, check=True)
    assert [sse["name"] for sse in run[0]["sses"]] == ["a.zip", "b.zip", "c.zip", "cc.zip", "d.zip"]
    assert set(run[0]["sses"][0]) == {"name", "path", "size", "checksum", "last_modified"}
    assert [sse["name"] for sse in run[1]["sses"]] == ["c.zip"] and run[1]["exists"]
    assert run[2]["sses"] == [] and not run[2]["exists"]
    assert not any(result["changed"] for result in run.results) and mutating_requests(sim) == []


def test_info_reads_the_preview_environment(sim, tmp_path):
    sim.put_sse("p.zip", ZIP, environment="preview")
    run = run_tasks(sim, [{INFO: {"environment_type": "preview"}}, {INFO: {}}], tmp_path)
    assert [sse["name"] for sse in run[0]["sses"]] == ["p.zip"] and run[1]["sses"] == []
