# -*- coding: utf-8 -*-
"""The roles and the drift playbook against the simulator."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from harness import REPO, collection_env, mutating_requests, run_tasks  # pylint: disable=import-error

SSE = "/ccadmin/v1/serverExtensions"


def role_task(role, **variables):
    return {"ansible.builtin.include_role": {"name": "commerce.admin." + role}, "vars": variables}


def zips(make_zip, directory, count, size=20000):
    directory.mkdir(exist_ok=True)
    return [make_zip(directory / ("s%d.zip" % index), size=size + index, seed=index) for index in range(count)]


def test_sse_deploy_restarts_once_then_not_at_all(sim, make_zip, tmp_path):
    zips(make_zip, tmp_path / "sse", 3)
    deploy = role_task("sse_deploy", sse_deploy_dir=str(tmp_path / "sse"))
    run_tasks(sim, [deploy], tmp_path)
    assert sim.sse_names() == ["s0.zip", "s1.zip", "s2.zip"] and sim.restart_count == 1
    sim.clear_journal()
    run_tasks(sim, [deploy], tmp_path)
    assert sim.restart_count == 1 and mutating_requests(sim) == []


def test_sse_deploy_purges_in_one_delete_files_call(sim, make_zip, tmp_path):
    files = zips(make_zip, tmp_path / "sse", 2)
    for name in ("old1.zip", "old2.zip"):
        sim.put_sse(name, b"PK\x05\x06" + bytes(18))
    run_tasks(sim, [role_task("sse_deploy", sse_deploy_files=files, sse_deploy_purge=True)], tmp_path)
    assert sim.sse_names() == ["s0.zip", "s1.zip"]
    deletes = [entry for entry in mutating_requests(sim) if entry["path"].endswith("deleteFiles")]
    assert len(deletes) == 1 and sim.restart_count == 1


def role_play(sim, tmp_path, role, variables):
    """Run one role in its own play; a failure inside a role ends the play, so return the process."""
    play = [{"hosts": "localhost", "connection": "local", "gather_facts": False,
             "module_defaults": {"group/commerce.admin.all": {"base_url": sim.url, "app_key": sim.app_key}},
             "roles": [{"role": "commerce.admin." + role, "vars": variables}]}]
    path = tmp_path / ("role-%s.json" % role)
    path.write_text(json.dumps(play))
    return subprocess.run(["ansible-playbook", "-i", "localhost,", str(path)], capture_output=True, text=True,
                          env=collection_env(tmp_path), timeout=300, check=False)


def test_sse_deploy_without_restart(sim, make_zip, tmp_path):
    files = zips(make_zip, tmp_path / "sse", 1)
    proc = role_play(sim, tmp_path, "sse_deploy", {"sse_deploy_files": files, "sse_deploy_restart": False})
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert sim.sse_names() == ["s0.zip"] and sim.restart_count == 0


def test_sse_deploy_refuses_bad_input_before_any_change(sim, tmp_path):
    empty = role_play(sim, tmp_path, "sse_deploy", {"sse_deploy_dir": str(tmp_path / "nothing-here")})
    assert empty.returncode != 0 and "found no SSE zip" in empty.stdout
    wrong_type = role_play(sim, tmp_path, "sse_deploy", {"sse_deploy_files": ["/x.zip"], "sse_deploy_purge": "perhaps"})
    assert wrong_type.returncode != 0 and "sse_deploy_purge" in wrong_type.stdout
    assert mutating_requests(sim) == []


def test_extensions_role(sim, tmp_path):
    desired = [{"name": "Widget with Element", "state": "enabled"}, {"id": "ext-payments-0002", "state": "disabled"}]
    run_tasks(sim, [role_task("extensions", extensions_desired=desired)], tmp_path)
    states = {item["repositoryId"]: item["enabled"] for item in sim.extensions}
    assert states["ext-widget-0001"] is True and states["ext-payments-0002"] is False
    sim.clear_journal()
    run_tasks(sim, [role_task("extensions", extensions_desired=desired)], tmp_path)
    assert mutating_requests(sim) == []


def drift(sim, tmp_path, make_zip, fail_on_drift):
    files = zips(make_zip, tmp_path / "declared", 2)
    sim.put_sse("s0.zip", open(files[0], "rb").read())  # pylint: disable=consider-using-with
    sim.put_sse("stray.zip", b"PK\x05\x06" + bytes(18))
    inventory = {"commerce": {"hosts": {"dev": {"commerce_base_url": sim.url}}, "vars": {
        "ansible_connection": "local", "commerce_app_key": sim.app_key, "sse_deploy_files": files, "sse_deploy_purge": True,
        "extensions_desired": [{"name": "Widget with Element", "state": "enabled"}], "storefront_expected": {"siteUS": "16.6"}}}}
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(inventory))
    return subprocess.run(["ansible-playbook", "-i", str(path), str(REPO / "playbooks" / "drift.yml"), "-e", "fail_on_drift=%s" % fail_on_drift],
                          capture_output=True, text=True, env=collection_env(tmp_path), timeout=300, check=False)


def test_drift_report_lists_every_difference_and_changes_nothing(sim, make_zip, tmp_path):
    proc = drift(sim, tmp_path, make_zip, "false")
    assert proc.returncode == 0, proc.stdout[-3000:]
    for expected in ("s1.zip", "absent remotely", "stray.zip", "Widget with Element", "disabled", "siteUS", "17.1"):
        assert expected in proc.stdout, expected
    assert "s0.zip" not in proc.stdout.split("Show the differences")[1]
    assert mutating_requests(sim) == []


def test_drift_fails_when_asked(sim, make_zip, tmp_path):
    proc = drift(sim, tmp_path, make_zip, "true")
    assert proc.returncode != 0 and "has drifted in 4 place(s)" in proc.stdout


def test_drift_playbook_is_syntactically_valid_for_the_example_inventory(tmp_path):
    proc = subprocess.run(["ansible-playbook", "--syntax-check", "-i", str(REPO / "playbooks" / "inventory" / "example"),
                           str(REPO / "playbooks" / "drift.yml"), str(REPO / "playbooks" / "deploy.yml"), str(REPO / "playbooks" / "rollback.yml")],
                          capture_output=True, text=True, env=collection_env(tmp_path), timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert Path(REPO / "playbooks" / "templates" / "drift_rows.j2").exists()
