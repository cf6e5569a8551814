# -*- coding: utf-8 -*-
"""Run tasks through ansible-playbook against a simulator and hand back every task's result.

Each task is registered and run with `ignore_errors`, and a last task writes all results as
JSON, so a test can assert on failures as well as on successes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field

from helpers import REPO

COLLECTIONS = REPO / ".venv" / "collections"
MUTATING = ("POST", "PUT", "PATCH", "DELETE")
AUTH_PATHS = ("/ccadmin/v1/login", "/ccadmin/v1/refresh", "/ccadmin/v1/logout")


@dataclass
class PlaybookRun:
    rc: int
    stdout: str
    stderr: str
    results: list = field(default_factory=list)

    def __getitem__(self, index):
        return self.results[index]


def collection_env(tmp_path, extra=None):
    """Environment for ansible-playbook: this checkout as commerce.admin, temp files under tmp_path."""
    env = dict(os.environ)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-local"),
        "ANSIBLE_REMOTE_TMP": str(tmp_path / "ansible-remote"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_DEPRECATION_WARNINGS": "0",
        "PATH": os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", ""),
    })
    env.pop("COMMERCE_ADMIN_URL", None)
    env.pop("COMMERCE_APP_KEY", None)
    env.update(extra or {})
    return env


WAITING_MODULES = ("sse_upload", "sse_delete", "server_restart", "sse_promote", "sse_sync")


def connection_defaults(sim, **overrides):
    defaults = {"base_url": sim.url, "app_key": sim.app_key}
    defaults.update(overrides)
    return defaults


def module_defaults(group_defaults, state_file=None):
    """Connection options for the whole group; a short poll interval for the modules that wait;
    sse_sync's state file inside the test's directory, never the user's ~/.ansible.

    Group defaults must hold only options every module in the group accepts.
    """
    defaults = {"group/commerce.admin.all": group_defaults}
    for name in WAITING_MODULES:
        defaults["commerce.admin." + name] = {"poll_interval": 0.2}
    if state_file:
        defaults["commerce.admin.sse_sync"].update(state_file=str(state_file), backup_dir=str(state_file.parent / "backups"))
    return defaults


def run_tasks(sim, tasks, tmp_path, check=False, diff=False, defaults=None, env=None, verbosity=0, extra_args=()):
    """Run `tasks` (list of task dicts) in one play on localhost; return a PlaybookRun."""
    out = tmp_path / ("results-%d.json" % len(list(tmp_path.glob("results-*.json"))))
    registered = []
    play_tasks = []
    for index, task in enumerate(tasks):
        task = dict(task)
        task.setdefault("name", "task %d" % index)
        task["register"] = "r%d" % index
        task["ignore_errors"] = True
        play_tasks.append(task)
        registered.append("r%d" % index)
    dump = "{{ [%s] | to_json }}" % ", ".join(registered)
    play_tasks.append({"name": "write results", "ansible.builtin.copy": {"content": dump, "dest": str(out)},
                       "check_mode": False, "diff": False})
    play = [{
        "name": "integration",
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "module_defaults": module_defaults(defaults if defaults is not None else connection_defaults(sim), tmp_path / "sync-state.json"),
        "tasks": play_tasks,
    }]
    playbook = tmp_path / "playbook.yml"
    playbook.write_text(json.dumps(play, indent=1))
    cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", str(playbook)]
    if check:
        cmd.append("--check")
    if diff:
        cmd.append("--diff")
    if verbosity:
        cmd.append("-" + "v" * verbosity)
    cmd.extend(extra_args)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=collection_env(tmp_path, env), timeout=600, check=False)
    results = json.loads(out.read_text()) if out.exists() else []
    if out.exists():
        out.unlink()
    if not results:
        raise AssertionError("playbook did not run to the end (rc %s):\n%s\n%s" % (proc.returncode, proc.stdout, proc.stderr))
    return PlaybookRun(proc.returncode, proc.stdout, proc.stderr, results)


def mutating_requests(sim):
    """Journal entries that could change remote state (login, refresh and logout excepted)."""
    return [e for e in sim.journal if e["method"] in MUTATING and e["path"] not in AUTH_PATHS]
