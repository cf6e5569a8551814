# -*- coding: utf-8 -*-
"""The sse_deploy role on throw-away controllers: ansible-runner jobs that each get a fresh HOME and a
fresh private data directory, and share nothing but the jsonfile fact cache, which is handed from one
job's artifacts to the next one's as AWX does with "Enable Fact Storage".

A job killed between the uploads and the restart is finished by the next job (the server then runs
the declared set), and the job after that downloads nothing and sends no mutating request."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile

import yaml

from helpers.harness import COLLECTIONS, mutating_requests

SSE = "/ccadmin/v1/serverExtensions"
RESTART = "/ccadminx/custom/v1/servers/restart"


def build(path, text):
    with zipfile.ZipFile(str(path), "w") as archive:
        archive.writestr(zipfile.ZipInfo("index.js", (2026, 1, 1, 0, 0, 0)), text)
    return str(path)


class Jobs:
    """Jobs of one job template: each in a new private data directory with a new HOME; the facts travel."""

    def __init__(self, sim, tmp_path, src):
        self.sim = sim
        self.tmp_path = tmp_path
        self.src = src
        self.count = 0
        self.facts = None  # the fact cache the last job left

    def start(self):
        self.count += 1
        private = self.tmp_path / ("job-%d" % self.count)
        home = self.tmp_path / ("home-%d" % self.count)
        for folder in (private / "project", private / "inventory", private / "env", home):
            folder.mkdir(parents=True)
        play = [{"hosts": "all", "gather_facts": False,
                 "roles": [{"role": "commerce.admin.sse_deploy", "vars": {"sse_deploy_dir": self.src, "sse_deploy_poll_interval": 0.2}}]}]
        (private / "project" / "site.yml").write_text(yaml.safe_dump(play, sort_keys=False))
        (private / "inventory" / "hosts").write_text(
            "dev ansible_connection=local ansible_python_interpreter=\"{{ ansible_playbook_python }}\"\n")
        (private / "env" / "envvars").write_text(yaml.safe_dump({
            "HOME": str(home), "COMMERCE_ADMIN_URL": self.sim.url, "COMMERCE_APP_KEY": self.sim.app_key,
            "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
            "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS), "ANSIBLE_LOCAL_TEMP": str(home / "tmp"),
            "ANSIBLE_REMOTE_TMP": str(home / "tmp"), "ANSIBLE_NOCOLOR": "1"}))
        if self.facts is not None:
            shutil.copytree(self.facts, private / "artifacts" / "job" / "fact_cache")
        runner = os.path.join(os.path.dirname(sys.executable), "ansible-runner")
        proc = subprocess.Popen([runner, "run", str(private), "-p", "site.yml", "--ident", "job"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        return proc, private / "artifacts" / "job"

    def finish(self, proc, artifacts, timeout=180):
        proc.wait(timeout=timeout)
        self.facts = artifacts / "fact_cache"
        self.last = artifacts
        return int((artifacts / "rc").read_text()) if (artifacts / "rc").exists() else None

    def run(self):
        proc, artifacts = self.start()
        return self.finish(proc, artifacts)


def uploads(sim):
    return [entry for entry in mutating_requests(sim) if entry["method"] == "POST" and entry["path"] == SSE]


def test_a_job_killed_between_uploads_and_restart_is_finished_by_the_next_job_on_a_fresh_controller(sim, tmp_path):
    for name in ("a.zip", "b.zip"):
        sim.put_sse(name, open(build(tmp_path / ("old-" + name), "// v1 " + name), "rb").read(), running=True)
    old_running = sim.running()
    src = tmp_path / "sse"
    src.mkdir()
    declared = {name: build(src / name, "// v2 " + name) for name in ("a.zip", "b.zip", "c.zip")}
    jobs = Jobs(sim, tmp_path, str(src))

    # Job 1: the plan (one listing) and the apply's first listing go through; the listing after the uploads is held, and the job killed there.
    sim.faults.add("GET", SSE, "slow", times=2, seconds=0)
    sim.faults.add("GET", SSE, "slow", times=1, seconds=60)
    proc, artifacts = jobs.start()
    try:
        deadline = time.monotonic() + 120
        # The journal records a request when it ends: the held listing is not in it, the uploads before it are.
        while len(uploads(sim)) < 3:
            assert time.monotonic() < deadline and proc.poll() is None, "job 1 ended before it was killed"
            time.sleep(0.05)
        time.sleep(1.0)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
    jobs.finish(proc, artifacts)
    sim.faults.clear()
    assert requests_to_restart(sim) == [] and sim.running() == old_running
    # The file's layout differs between ansible-core versions (2.21 wraps it in a payload): look for the fact by name.
    (cached,) = [path.read_text() for path in jobs.facts.iterdir() if path.name.endswith("dev")]
    assert "commerce_admin_sync_state" in cached and "pending_restart" in cached, "the fact cache holds no state after job 1"

    # Job 2, on a fresh controller with only the facts: nothing left to upload, but the restart is owed.
    sim.clear_journal()
    assert jobs.run() == 0
    assert uploads(sim) == [] and len(requests_to_restart(sim)) == 1
    # What a person and AWX's job summary see: one line saying the restart was made, and how long it took.
    stdout = (jobs.last / "stdout").read_text()
    (line,) = [line.strip() for line in stdout.splitlines() if "dev: SSEs of live:" in line]
    assert "restart SUCCEEDED in " in line and "a restart is owed since" in line
    events = [json.loads(path.read_text()) for path in (jobs.last / "job_events").glob("*.json")]
    (stats,) = [event for event in events if event["event"] == "playbook_on_stats"]
    assert '"msg": "dev: %s"' % stats["event_data"]["artifact_data"]["commerce_admin_deploys"]["dev"] == line
    assert sorted(sim.running()) == sorted(declared) and sim.running() == {name: sha(path) for name, path in declared.items()}

    # Job 3: unchanged; the remembered checksums came with the facts, so nothing is downloaded or changed.
    sim.clear_journal()
    assert jobs.run() == 0
    assert mutating_requests(sim) == []
    assert [entry for entry in sim.journal if entry["method"] == "GET" and entry["path"].endswith(".zip")] == []


def requests_to_restart(sim):
    return [entry for entry in mutating_requests(sim) if entry["path"] == RESTART]


def sha(path):
    import hashlib  # pylint: disable=import-outside-toplevel
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()
