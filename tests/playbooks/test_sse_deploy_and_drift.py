# -*- coding: utf-8 -*-
"""The sse_deploy role (one sse_sync task) and the drift report, as a pipeline runs them: with -e strings."""

from __future__ import annotations

import json
import subprocess
import zipfile

from helpers.harness import REPO, collection_env, mutating_requests, run_tasks

SSE = "/ccadmin/v1/serverExtensions"


def role_task(**variables):
    variables.setdefault("sse_deploy_poll_interval", 0.2)
    return {"ansible.builtin.include_role": {"name": "commerce.admin.sse_deploy"}, "vars": variables}


def zips(make_zip, directory, count, size=20000):
    directory.mkdir(exist_ok=True)
    return [make_zip(directory / ("s%d.zip" % index), size=size + index, seed=index) for index in range(count)]


def ansible_playbook(tmp_path, playbook, inventory, *extra):
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(inventory))
    return subprocess.run(["ansible-playbook", "-i", str(path), str(playbook)] + list(extra), capture_output=True, text=True,
                          env=collection_env(tmp_path), timeout=300, check=False)


def deploy_play(tmp_path):
    play = tmp_path / "deploy.json"
    play.write_text(json.dumps([{"hosts": "commerce", "gather_facts": False, "module_defaults": {"group/commerce.admin.all": {
        "base_url": "{{ commerce_base_url }}", "app_key": "{{ commerce_app_key }}"}}, "roles": ["commerce.admin.sse_deploy"]}]))
    return play


def inventory_for(sim, tmp_path, **variables):
    variables.setdefault("sse_deploy_state_file", str(tmp_path / "state.json"))
    variables.setdefault("sse_deploy_backup_dir", str(tmp_path / "backups"))
    variables.update(ansible_connection="local", commerce_app_key=sim.app_key)
    return {"commerce": {"hosts": {"dev": {"commerce_base_url": sim.url}}, "vars": variables}}


def test_role_deploys_restarts_once_then_changes_nothing(sim, make_zip, tmp_path):
    zips(make_zip, tmp_path / "sse", 3)
    deploy = role_task(sse_deploy_dir=str(tmp_path / "sse"))
    run_tasks(sim, [deploy], tmp_path)
    assert sim.sse_names() == sim.running_names() == ["s0.zip", "s1.zip", "s2.zip"] and sim.restart_count == 1
    sim.clear_journal()
    run = run_tasks(sim, [deploy], tmp_path)
    assert not run[0]["changed"] and sim.restart_count == 1 and mutating_requests(sim) == []


def test_role_purges_in_one_delete_files_call_and_rolls_back_by_default(sim, make_zip, tmp_path):
    files = zips(make_zip, tmp_path / "sse", 2)
    for name in ("old1.zip", "old2.zip"):
        sim.put_sse(name, b"PK\x05\x06" + bytes(18), running=True)
    run_tasks(sim, [role_task(sse_deploy_files=files, sse_deploy_purge=True)], tmp_path)
    assert sim.sse_names() == sim.running_names() == ["s0.zip", "s1.zip"]
    deletes = [entry for entry in mutating_requests(sim) if entry["path"].endswith("deleteFiles")]
    assert len(deletes) == 1 and sim.restart_count == 1
    # A crashing SSE: the role's default rollback brings back what ran before.
    sim.config.crash_entry = "CRASH_ME"
    crashing = str(tmp_path / "crash.zip")
    with zipfile.ZipFile(crashing, "w") as archive:
        archive.writestr("CRASH_ME", "an SSE that does not start")
    inventory = inventory_for(sim, tmp_path, sse_deploy_files=files[:1] + [crashing], sse_deploy_purge=True, sse_deploy_poll_interval=0.2)
    proc = ansible_playbook(tmp_path, deploy_play(tmp_path), inventory)
    assert proc.returncode != 0 and "ended FAILED; rolled back" in proc.stdout, proc.stdout[-3000:]
    assert sim.sse_names() == sim.running_names() == ["s0.zip", "s1.zip"]


def test_role_flags_given_with_extra_vars_are_booleans(sim, make_zip, tmp_path):
    """-e arrives as strings: "false" must mean false, not a truthy string."""
    zips(make_zip, tmp_path / "sse", 1)
    sim.put_sse("keep-me.zip", b"PK\x05\x06" + bytes(18), running=True)
    inventory = inventory_for(sim, tmp_path, sse_deploy_dir=str(tmp_path / "sse"))
    play = deploy_play(tmp_path)
    proc = ansible_playbook(tmp_path, play, inventory, "-e", "sse_deploy_purge=false", "-e", "sse_deploy_restart=false",
                            "-e", "sse_deploy_rollback=false", "-e", "sse_deploy_backup=no", "-e", "sse_deploy_poll_interval=0.2")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert sim.sse_names() == ["keep-me.zip", "s0.zip"] and sim.restart_count == 0
    proc = ansible_playbook(tmp_path, play, inventory, "-e", "sse_deploy_purge=true", "-e", "sse_deploy_poll_interval=0.2")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert sim.sse_names() == sim.running_names() == ["s0.zip"]
    wrong = ansible_playbook(tmp_path, play, inventory, "-e", "sse_deploy_purge=perhaps")
    assert wrong.returncode != 0 and "sse_deploy_purge" in wrong.stdout


def test_role_refuses_a_mistyped_directory_before_any_change(sim, tmp_path):
    proc = ansible_playbook(tmp_path, deploy_play(tmp_path), inventory_for(sim, tmp_path, sse_deploy_dir=str(tmp_path / "nothing-here")))
    assert proc.returncode != 0 and "nothing-here does not exist" in proc.stdout and sim.journal == []


def drift(sim, tmp_path, make_zip, *extra, **variables):
    files = zips(make_zip, tmp_path / "declared", 2)
    sim.put_sse("s0.zip", open(files[0], "rb").read())  # pylint: disable=consider-using-with
    sim.put_sse("stray.zip", b"PK\x05\x06" + bytes(18))
    variables = dict({"sse_deploy_files": files, "sse_deploy_purge": True, "extensions_desired": [{"name": "Widget with Element", "state": "enabled"}],
                      "storefront_expected": {"siteUS": "previous", "siteEU": "previous"}}, **variables)
    return ansible_playbook(tmp_path, REPO / "playbooks" / "drift.yml", inventory_for(sim, tmp_path, **variables), *extra)


def test_drift_report_lists_every_difference_changes_nothing_and_writes_json(sim, make_zip, tmp_path):
    proc = drift(sim, tmp_path, make_zip, "-e", "drift_json_dir=%s" % (tmp_path / "reports"))
    assert proc.returncode == 0, proc.stdout[-3000:]
    shown = proc.stdout.split("Show the differences")[1]
    for expected in ("s1.zip", "absent remotely", "stray.zip", "not declared", "Widget with Element", "disabled", "siteUS", "17.1"):
        assert expected in shown, expected
    assert "s0.zip" not in shown and "changed=0" in proc.stdout and mutating_requests(sim) == []
    report = json.loads((tmp_path / "reports" / "dev.json").read_text())
    assert report["environment"] == "dev" and len(report["drift"]) == 4
    assert {"kind": "sse", "name": "s1.zip", "declared": "present", "remote": "absent remotely"} in [
        {key: item[key] for key in ("kind", "name", "declared", "remote")} for item in report["drift"]]


def test_drift_fails_when_asked_and_reads_flags_as_booleans(sim, make_zip, tmp_path):
    failing = drift(sim, tmp_path, make_zip, "-e", "fail_on_drift=true")
    assert failing.returncode != 0 and "has drifted in 4 place(s)" in failing.stdout
    not_purging = drift(sim, tmp_path, make_zip, "-e", "sse_deploy_purge=false", "-e", "fail_on_drift=false")
    assert not_purging.returncode == 0 and "stray.zip" not in not_purging.stdout.split("Show the differences")[1]


def test_drift_with_a_mistyped_directory_fails_instead_of_reporting_no_drift(sim, tmp_path):
    inventory = inventory_for(sim, tmp_path, sse_deploy_dir=str(tmp_path / "typo"))
    proc = ansible_playbook(tmp_path, REPO / "playbooks" / "drift.yml", inventory)
    assert proc.returncode != 0 and "does not exist" in proc.stdout and "no drift" not in proc.stdout


def test_a_relative_drift_json_dir_lands_where_ansible_playbook_runs_not_in_the_collection(sim, make_zip, tmp_path):
    """-e drift_json_dir=reports, as the README shows it, from a pipeline's work directory."""
    files = zips(make_zip, tmp_path / "declared", 1)
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps(inventory_for(sim, tmp_path, sse_deploy_files=files)))
    workdir = tmp_path / "pipeline"
    workdir.mkdir()
    proc = subprocess.run(["ansible-playbook", "-i", str(inventory), str(REPO / "playbooks" / "drift.yml"), "-e", "drift_json_dir=reports"],
                          capture_output=True, text=True, env=collection_env(tmp_path), cwd=workdir, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert json.loads((workdir / "reports" / "dev.json").read_text())["environment"] == "dev"
    assert not (REPO / "playbooks" / "reports").exists()
