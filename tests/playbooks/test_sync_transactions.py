# -*- coding: utf-8 -*-
"""Deploys as transactions: after a green run the server runs exactly the declared set; after a red
one it runs what it ran before, or the next run finishes the job. Each test ends by checking the
set the simulated extension server runs, not only what it stores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile

from helpers.harness import collection_env, mutating_requests, run_tasks

SYNC = "commerce.admin.sse_sync"
SSE = "/ccadmin/v1/serverExtensions"
RESTART = "/ccadminx/custom/v1/servers/restart"
CRASH = "CRASH_ME"


def build(path, files):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in sorted(files.items()):
            archive.writestr(name, text)
    return str(path)


def release(tmp_path, label, names, crashing=()):
    """A directory of zips, one per name; `crashing` ones hold the entry that makes a restart fail."""
    directory = tmp_path / label
    directory.mkdir()
    for name in names:
        files = {"index.js": "// %s %s\n" % (label, name)}
        if name in crashing:
            files[CRASH] = "boom"
        build(directory / name, files)
    return str(directory)


def running_before(sim, tmp_path):
    """Deploy v1 (a.zip, b.zip) so that something runs, and return what runs."""
    run_tasks(sim, [{SYNC: {"src": release(tmp_path, "v1", ["a.zip", "b.zip"])}}], tmp_path)
    assert sim.running_names() == ["a.zip", "b.zip"]
    return sim.running()


def test_restart_request_refused_then_a_clean_rerun_restarts(sim, tmp_path):
    before = running_before(sim, tmp_path)
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    sim.faults.add("POST", RESTART, "status", times=1, status=503, retry_after=0)
    failed = run_tasks(sim, [{SYNC: {"src": v2}}], tmp_path)[0]
    assert failed["failed"] and failed["changed"] and "HTTP 503" in failed["msg"]
    assert sim.sse_names() == ["a.zip", "b.zip", "c.zip"] and sim.running() == before  # stored, not running
    rerun = run_tasks(sim, [{SYNC: {"src": v2}}], tmp_path)[0]
    assert rerun["changed"] and rerun["added"] == [] and rerun["replaced"] == []
    assert rerun["restart_reason"].startswith("a restart is owed since") and rerun["restart_status"] == "SUCCEEDED"
    assert sim.running_names() == ["a.zip", "b.zip", "c.zip"] and rerun["pending_restart"] is None
    third = run_tasks(sim, [{SYNC: {"src": v2}}], tmp_path)[0]
    assert not third["changed"]


def test_a_run_killed_after_the_uploads_is_finished_by_the_next_run(sim, tmp_path):
    before = running_before(sim, tmp_path)
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    sim.clear_journal()
    # The run lists twice: to plan (let through), and after the uploads (held for 30 s, and killed there).
    sim.faults.add("GET", SSE, "slow", times=1, seconds=0)
    sim.faults.add("GET", SSE, "slow", times=1, seconds=30)
    play = tmp_path / "killed.json"
    play.write_text(json.dumps([{"hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": [{SYNC: {
        "src": v2, "base_url": sim.url, "app_key": sim.app_key, "state_file": str(tmp_path / "sync-state.json")}}]}]))
    proc = subprocess.Popen([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", str(play)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=collection_env(tmp_path), start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while sim.sse_names() != ["a.zip", "b.zip", "c.zip"] or len([entry for entry in sim.journal if entry["path"] == SSE]) < 4:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.02)
        time.sleep(0.5)  # the listing after the uploads is being held now
    finally:
        os.killpg(proc.pid, 9)
        proc.wait(timeout=30)
    sim.faults.clear()
    assert [entry for entry in mutating_requests(sim) if entry["path"] == RESTART] == [] and sim.running() == before
    rerun = run_tasks(sim, [{SYNC: {"src": v2}}], tmp_path)[0]
    assert rerun["changed"] and rerun["restart_reason"].startswith("a restart is owed since")
    assert sim.running_names() == ["a.zip", "b.zip", "c.zip"]


def test_an_upload_failing_in_the_middle_is_undone_with_rollback(sim, tmp_path):
    before = running_before(sim, tmp_path)
    sim.config.reject_entry = "EICAR.txt"
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip", "d.zip"])
    build(tmp_path / "v2" / "c.zip", {"index.js": "// v2 c\n", "EICAR.txt": "x"})  # the third of four is rejected
    stored = {name: sim.sse_bytes(name) for name in ("a.zip", "b.zip")}
    result = run_tasks(sim, [{SYNC: {"src": v2, "rollback": True}}], tmp_path)[0]
    assert result["failed"] and "c.zip: VIRUS_DETECTED" in result["msg"] and "undone" in result["msg"]
    assert sim.sse_names() == ["a.zip", "b.zip"] and {name: sim.sse_bytes(name) for name in stored} == stored
    assert sim.running() == before
    state = json.loads((tmp_path / "sync-state.json").read_text())
    assert state["environments"]["live"]["pending_restart"] is None  # undone before any restart: nothing is owed


def test_the_server_gone_halfway_leaves_a_restart_owed_and_says_how_to_finish(sim, tmp_path):
    before = running_before(sim, tmp_path)
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    sim.clear_journal()
    # The first upload lands; from the second on the connection drops every time (retries included).
    state = {"uploads": 0}
    original = sim.app.dispatch

    def cut_after_first_upload(request, method, entry):
        if method == "POST" and request.path == SSE:
            state["uploads"] += 1
            if state["uploads"] > 1:
                sim.faults.add("POST", SSE, "drop", times=1)
        return original(request, method, entry)

    sim.app.dispatch = cut_after_first_upload
    result = run_tasks(sim, [{SYNC: {"src": v2, "rollback": True, "retries": 1}}], tmp_path)[0]
    sim.app.dispatch = original
    assert result["failed"] and result["changed"] and "cannot be reached" in result["msg"]
    assert "a restart is owed" in result["msg"] and "run the task again" in result["msg"]
    assert sim.running() == before and [entry for entry in mutating_requests(sim) if entry["path"] == RESTART] == []
    rerun = run_tasks(sim, [{SYNC: {"src": v2}}], tmp_path)[0]
    assert rerun["restart_status"] == "SUCCEEDED" and sim.running_names() == ["a.zip", "b.zip", "c.zip"]


def test_an_upload_failing_in_the_middle_without_rollback_leaves_the_restart_owed(sim, tmp_path):
    before = running_before(sim, tmp_path)
    sim.config.reject_entry = "EICAR.txt"
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    build(tmp_path / "v2" / "b.zip", {"index.js": "// v2 b\n", "EICAR.txt": "x"})
    sim.clear_journal()
    result = run_tasks(sim, [{SYNC: {"src": v2}}], tmp_path)[0]
    assert result["failed"] and result["changed"] and "nothing was restarted" in result["msg"] and "a restart is owed" in result["msg"]
    # Never a restart into half a set: the server keeps running what it ran.
    assert sim.running() == before and [entry for entry in mutating_requests(sim) if entry["path"] == RESTART] == []


def test_a_crashing_sse_is_rolled_back_and_the_server_runs_what_it_ran_before(sim, tmp_path):
    before = running_before(sim, tmp_path)
    stored = {name: sim.sse_bytes(name) for name in ("a.zip", "b.zip")}
    sim.config.crash_entry = CRASH
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip", "new.zip"], crashing=["new.zip"])
    result = run_tasks(sim, [{SYNC: {"src": v2, "rollback": True}}], tmp_path)[0]
    assert result["failed"] and not result["changed"] and "ended FAILED; rolled back" in result["msg"]
    assert "new.zip (deleted again)" in result["msg"] and "a.zip (put back)" in result["msg"]
    assert "the restart after the rollback SUCCEEDED" in result["msg"]
    assert sim.sse_names() == ["a.zip", "b.zip"] and {name: sim.sse_bytes(name) for name in stored} == stored
    assert sim.running() == before
    assert os.listdir(tmp_path / "backups") == []  # automatic backups go once the rollback succeeded


def test_a_rollback_whose_restart_fails_too_says_so_loudly_and_keeps_the_backups(sim, tmp_path):
    running_before(sim, tmp_path)
    sim.config.crash_entry = CRASH
    sim.config.restart_outcome = "fail"
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip"], crashing=["b.zip"])
    result = run_tasks(sim, [{SYNC: {"src": v2, "rollback": True}}], tmp_path)[0]
    assert result["failed"] and "ROLLBACK FAILED TOO" in result["msg"] and "check it now" in result["msg"]
    assert sorted(name.split(".")[0] for name in os.listdir(tmp_path / "backups")) == ["a", "b"]
    sim.config.restart_outcome = "succeed"
    rerun = run_tasks(sim, [{SYNC: {"src": release(tmp_path, "v1b", ["a.zip", "b.zip"])}}], tmp_path)[0]
    assert rerun["restart_status"] == "SUCCEEDED" and sim.running_names() == ["a.zip", "b.zip"]


def test_purge_plus_rollback_reuploads_what_was_purged(sim, tmp_path):
    before = running_before(sim, tmp_path)
    stored_b = sim.sse_bytes("b.zip")
    sim.config.crash_entry = CRASH
    v2 = release(tmp_path, "v2", ["a.zip", "c.zip"], crashing=["c.zip"])
    result = run_tasks(sim, [{SYNC: {"src": v2, "purge": True, "rollback": True}}], tmp_path)[0]
    assert result["failed"] and "b.zip (put back)" in result["msg"] and "c.zip (deleted again)" in result["msg"]
    assert sim.sse_names() == ["a.zip", "b.zip"] and sim.sse_bytes("b.zip") == stored_b and sim.running() == before


def test_a_restart_that_only_times_out_is_not_rolled_back_and_stays_owed(sim, tmp_path):
    running_before(sim, tmp_path)
    sim.config.restart_outcome = "hang"
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    result = run_tasks(sim, [{SYNC: {"src": v2, "rollback": True, "wait_timeout": 2}}], tmp_path)[0]
    assert result["failed"] and "did not finish within wait_timeout" in result["msg"] and "not rolled back" in result["msg"]
    assert "a restart is owed" in result["msg"] and sim.sse_names() == ["a.zip", "b.zip", "c.zip"]
    state = json.loads((tmp_path / "sync-state.json").read_text())
    assert state["environments"]["live"]["pending_restart"]["names"] == ["a.zip", "b.zip", "c.zip"]


def test_check_mode_sends_nothing_even_with_a_restart_owed(sim, tmp_path):
    running_before(sim, tmp_path)
    v2 = release(tmp_path, "v2", ["a.zip", "b.zip", "c.zip"])
    run_tasks(sim, [{SYNC: {"src": v2, "restart": "never"}}], tmp_path)
    sim.clear_journal()
    result = run_tasks(sim, [{SYNC: {"src": v2}}], tmp_path, check=True)[0]
    assert result["changed"] and result["restart_reason"].startswith("a restart is owed")
    assert mutating_requests(sim) == [] and sim.running_names() == ["a.zip", "b.zip"]


def test_five_environments_in_parallel_each_with_its_own_state(sim_factory, tmp_path):
    sims = [sim_factory() for dummy in range(5)]
    src = release(tmp_path, "v1", ["a.zip", "b.zip"])
    inventory = {"commerce": {"hosts": {"env%d" % index: {"commerce_base_url": item.url} for index, item in enumerate(sims)},
                              "vars": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                                       "commerce_app_key": sims[0].app_key}}}
    (tmp_path / "inventory.json").write_text(json.dumps(inventory))
    play = [{"hosts": "commerce", "gather_facts": False, "module_defaults": {"group/commerce.admin.all": {
        "base_url": "{{ commerce_base_url }}", "app_key": "{{ commerce_app_key }}"}}, "tasks": [{SYNC: {"src": src, "poll_interval": 0.2}}]}]
    (tmp_path / "play.json").write_text(json.dumps(play))
    env = collection_env(tmp_path, {"HOME": str(tmp_path / "home")})
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-f", "5", "-i", str(tmp_path / "inventory.json"),
               str(tmp_path / "play.json")]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert first.returncode == 0 and first.stdout.count("changed=1") == 5, first.stdout[-2000:]
    for item in sims:
        item.clear_journal()
    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert second.returncode == 0 and second.stdout.count("changed=0") == 5, second.stdout[-2000:]
    states = sorted(os.listdir(tmp_path / "home" / ".ansible" / "commerce.admin" / "state"))
    assert len([name for name in states if name.endswith(".json")]) == 5
    for item in sims:
        assert item.running_names() == ["a.zip", "b.zip"] and item.restart_count == 1
        assert not [entry for entry in item.journal if entry["method"] == "GET" and entry["path"].endswith(".zip")]
