# -*- coding: utf-8 -*-
"""sse_variables through ansible-playbook at -vvvv with --diff, and through ansible-runner as AWX runs a job:
duplicated names converge, the push reaches the running server, and no variable value appears in stdout,
stderr, the registered results or the runner's artifacts (job events, stdout), nor when plan_info plans them."""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from helpers.harness import COLLECTIONS, run_tasks

NEW_VALUE = "pw-new-0b9e6c7d41f2"
OTHER_VALUE = "https://vars-a8c41e.example.net/api"
OLD_VALUE = "pw-old-53dd0e1a2b77"
GONE_VALUE = "gone-ffa2619c0d3e"
VALUES = (NEW_VALUE, OTHER_VALUE, OLD_VALUE, GONE_VALUE)
DECLARED = {"PAYMENT_KEY": NEW_VALUE, "PAYMENT_URL": OTHER_VALUE}


def seed(sim):
    """PAYMENT_KEY stored twice with an old value, and an undeclared variable."""
    sim.put_variable("PAYMENT_KEY", OLD_VALUE)
    sim.put_variable("PAYMENT_KEY", OLD_VALUE)
    sim.put_variable("GONE", GONE_VALUE)


def leaked(text):
    return [value[:8] + "..." for value in VALUES if value in text]


def task():
    return {"commerce.admin.sse_variables": {"variables": DECLARED, "purge": True}}


def run_with_runner(sim, tmp_path):
    """The same task as an AWX job: ansible-runner with a private data directory, at -vvvv with --diff."""
    private = tmp_path / "job"
    (private / "project").mkdir(parents=True)
    (private / "inventory").mkdir()
    (private / "env").mkdir()
    play = [{"hosts": "all", "connection": "local", "gather_facts": False,
             "module_defaults": {"group/commerce.admin.all": {"base_url": sim.url, "app_key": sim.app_key}},
             "tasks": [dict(task(), name="SSE variables", register="variables_result"),
                       {"name": "Show the result", "ansible.builtin.debug": {"var": "variables_result"}},
                       # the environment role plans them first: the same values through plan_info's args
                       {"name": "Plan them", "register": "plan_result", "commerce.admin.plan_info": {"tasks": [
                           {"name": "variables", "module": "sse_variables", "args": task()["commerce.admin.sse_variables"]}]}},
                       {"name": "Show the plan", "ansible.builtin.debug": {"var": "plan_result"}}]}]
    (private / "project" / "site.yml").write_text(yaml.safe_dump(play, sort_keys=False))
    (private / "inventory" / "hosts").write_text("localhost ansible_python_interpreter=\"{{ ansible_playbook_python }}\"\n")
    (private / "env" / "envvars").write_text(yaml.safe_dump({
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS), "ANSIBLE_LOCAL_TEMP": str(tmp_path / "runner-local"),
        "ANSIBLE_REMOTE_TMP": str(tmp_path / "runner-remote"), "ANSIBLE_NOCOLOR": "1"}))
    (private / "env" / "cmdline").write_text("--diff")
    runner = os.path.join(os.path.dirname(sys.executable), "ansible-runner")
    proc = subprocess.run([runner, "run", str(private), "-p", "site.yml", "--ident", "job", "-vvvv"],
                          capture_output=True, text=True, timeout=300, check=False)
    return proc, private / "artifacts" / "job"


def test_values_never_show_duplicates_converge_and_the_push_reaches_the_server(sim, tmp_path):
    seed(sim)
    run = run_tasks(sim, [task(), task()], tmp_path, diff=True, verbosity=4)
    first, second = run.results
    assert not first.get("failed"), first.get("msg")
    assert first["changed"] and first["added"] == ["PAYMENT_URL"] and first["updated"] == ["PAYMENT_KEY"]
    assert first["deduplicated"] == ["PAYMENT_KEY"] and first["removed"] == ["GONE"] and first["applied_by"] == "push"
    assert not second["changed"] and second["unchanged"] == ["PAYMENT_KEY", "PAYMENT_URL"]
    assert sorted((item["name"], item["value"]) for item in sim.variables) == sorted(DECLARED.items())
    assert sim.running_variables() == DECLARED
    # --diff shows names and reasons; -vvvv shows connection detail and every result in full
    assert "~ PAYMENT_KEY (value changed)\n- PAYMENT_KEY (duplicate removed" in run.stdout
    assert "- GONE (removed: not declared (purge))" in run.stdout and "<localhost> EXEC" in run.stdout
    assert leaked(run.stdout) == [] and leaked(run.stderr) == [] and leaked(json.dumps(run.results)) == []

    sim.put_variable("PAYMENT_KEY", OLD_VALUE)  # a duplicate again, for the job below to converge
    proc, artifacts = run_with_runner(sim, tmp_path)
    events = sorted(glob.glob(str(artifacts / "job_events" / "*.json")))
    assert proc.returncode == 0 and events, proc.stdout[-3000:]
    texts = {os.path.basename(path): Path(path).read_text(encoding="utf-8") for path in events}
    texts.update(stdout=(artifacts / "stdout").read_text(encoding="utf-8"), runner_stdout=proc.stdout, runner_stderr=proc.stderr)
    assert {where: leaked(text) for where, text in texts.items() if leaked(text)} == {}
    results = [json.loads(text)["event_data"]["res"] for text in texts.values() if '"runner_on_ok"' in text and '"deduplicated"' in text]
    assert results and results[0]["changed"] and results[0]["deduplicated"] == ["PAYMENT_KEY"]
    plans = [json.loads(text)["event_data"]["res"] for text in texts.values() if '"runner_on_ok"' in text and '"in_sync"' in text]
    assert plans and plans[0]["in_sync"] and plans[0]["plans"]["variables"]["results"][0]["result"]["unchanged"] == ["PAYMENT_KEY", "PAYMENT_URL"]
    assert "~ PAYMENT_KEY" not in texts["stdout"] and "- PAYMENT_KEY (duplicate removed" in texts["stdout"]
    assert sorted(item["name"] for item in sim.variables) == ["PAYMENT_KEY", "PAYMENT_URL"]
    assert sim.running_variables() == DECLARED
