# -*- coding: utf-8 -*-
"""What a first user runs from the README, on a machine like theirs.

- The main play snippet (README "Connection options"), with an inventory that names no Python
  and a PATH whose first python3 is a virtual environment without requests: `connection: local`
  would run the modules there; the snippet's interpreter line makes it work as written.
- The shipped deploy playbook run from an installed collection (`commerce.admin.deploy`) with the
  inventory and the SSE files in the user's own repository, as README "Running the playbooks from
  your own repository" describes: environments in order, one at a time, prod guarded by its
  protection, and the rollout stops at the first failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from helpers.harness import REPO, collection_env, mutating_requests

EXAMPLE_INVENTORY = REPO / "playbooks" / "inventory" / "example"
ENVIRONMENTS = ("dev", "staging", "prod")
PLAYBOOK_TIMEOUT = 300


def readme_blocks(heading):
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n" + heading + "\n", 1)[1]
    section = re.split(r"^#{2,3} ", section, maxsplit=1, flags=re.M)[0]
    return re.findall(r"^```(\w+)\n(.*?)^```", section, re.M | re.S)


def main_play_snippet():
    blocks = [body for kind, body in readme_blocks("## Connection options") if kind == "yaml"]
    plays = [yaml.safe_load(body)[0] for body in blocks if re.search(r"^- name: .*\n\s+hosts:", body, re.M)]
    assert plays, "no play snippet in README's Connection options"
    return plays[0]


@pytest.fixture
def python_without_requests(tmp_path_factory):
    """A bin directory whose python3 (and python3.X) is a virtual environment without requests."""
    venv = tmp_path_factory.mktemp("bare") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    probe = subprocess.run([str(venv / "bin" / "python3"), "-c", "import requests"], capture_output=True, check=False, timeout=60)
    assert probe.returncode != 0, "the bare virtual environment can import requests"
    return venv / "bin"


def user_env(tmp_path, bare_bin):
    """The first user's shell: no interpreter configured, the bare python3 first on PATH, a home of its own."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = collection_env(tmp_path, {"PATH": os.pathsep.join([str(bare_bin), "/usr/bin", "/bin"]), "HOME": str(home)})
    env.pop("ANSIBLE_PYTHON_INTERPRETER", None)
    return env


def ansible_playbook(args, env, cwd):
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook")] + list(args)
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=str(cwd), timeout=PLAYBOOK_TIMEOUT, check=False)


def recap(stdout):
    """{host: {ok: n, changed: n, failed: n, ...}} from PLAY RECAP."""
    stats = {}
    for host, counts in re.findall(r"^(\S+)\s+: (ok=.*)$", stdout, re.M):
        stats[host] = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", counts)}
    return stats


def test_main_play_snippet_runs_as_written_without_requests_in_the_default_python(sim, tmp_path, python_without_requests):
    play = main_play_snippet()
    assert play["connection"] == "local" and "ansible_python_interpreter" in play["vars"]
    inventory = tmp_path / "inventory.yml"
    inventory.write_text(yaml.safe_dump({"commerce_environments": {"hosts": {"dev": {
        "commerce_base_url": sim.url, "commerce_app_key": sim.app_key}}}}))
    env = user_env(tmp_path, python_without_requests)

    # Without the interpreter line, connection: local picks the bare python3 and the module fails.
    trap = dict(play, vars={key: value for key, value in play["vars"].items() if key != "ansible_python_interpreter"})
    (tmp_path / "trap.yml").write_text(yaml.safe_dump([trap], sort_keys=False))
    failing = ansible_playbook(["-i", str(inventory), "trap.yml"], env, tmp_path)
    assert failing.returncode == 2, failing.stdout[-3000:]
    assert "Failed to import the required Python library (requests" in failing.stdout
    assert '"discovered_interpreter_python": "%s' % python_without_requests in failing.stdout
    assert sim.journal == []

    # As written in the README, it works on the same machine.
    (tmp_path / "snippet.yml").write_text(yaml.safe_dump([play], sort_keys=False))
    proc = ansible_playbook(["-i", str(inventory), "snippet.yml"], env, tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert recap(proc.stdout)["dev"]["ok"] == 1
    assert [entry["path"] for entry in sim.journal if entry["method"] == "GET"] == ["/ccadmin/v1/serverExtensions"]


def user_repository(tmp_path, sims, make_zip):
    """The layout README shows: inventories/production (a copy of the example) and files/sse."""
    repo = tmp_path / "commerce-deploy"
    inventory = repo / "inventories" / "production"
    shutil.copytree(EXAMPLE_INVENTORY, inventory)
    hosts = yaml.safe_load((inventory / "hosts.yml").read_text(encoding="utf-8"))
    assert list(hosts["commerce"]["hosts"]) == list(ENVIRONMENTS)
    for name, sim in zip(ENVIRONMENTS, sims):
        hosts["commerce"]["hosts"][name]["commerce_base_url"] = sim.url
    (inventory / "hosts.yml").write_text(yaml.safe_dump(hosts, sort_keys=False))
    (inventory / "group_vars" / "commerce" / "vault.yml").write_text(yaml.safe_dump({"vault_commerce_app_key": sims[0].app_key}))
    (repo / "files" / "sse").mkdir(parents=True)
    for index in range(2):
        make_zip(repo / "files" / "sse" / ("app%d.zip" % index), size=20000 + index, seed=index)
    return repo


def deploy(repo, tmp_path, env, *extra):
    # From a directory that is neither the repository nor the collection: paths come from the inventory.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    return ansible_playbook(["-i", str(repo / "inventories" / "production"), "commerce.admin.deploy"] + list(extra), env, elsewhere)


def test_installed_deploy_playbook_from_a_user_repository_rolls_in_order_and_guards_prod(sim_factory, tmp_path, make_zip,
                                                                                         python_without_requests):
    sims = [sim_factory() for environment in ENVIRONMENTS]
    repo = user_repository(tmp_path, sims, make_zip)
    env = user_env(tmp_path, python_without_requests)

    first = deploy(repo, tmp_path, env)
    stats = recap(first.stdout)
    assert first.returncode == 2, first.stdout[-3000:]
    dev, staging, prod = sims
    for sim in (dev, staging):
        assert sim.sse_names() == ["app0.zip", "app1.zip"] and sim.restart_count == 1
        assert {item["name"]: item["enabled"] for item in sim.extensions}["Widget with Element"] is True
    assert stats["dev"]["changed"] > 0 and stats["staging"]["changed"] > 0 and stats["prod"]["failed"] == 1
    # prod is read_only in the inventory: refused before any change, naming what was refused
    assert mutating_requests(prod) == [] and prod.sse_names() == []
    assert "read_only" in first.stdout and "app0.zip" in first.stdout.split("[prod]", 1)[1]
    # one environment at a time, in inventory order
    spans = [(min(e["time"] for e in sim.journal), max(e["time"] for e in sim.journal)) for sim in sims]
    assert spans[0][1] < spans[1][0] and spans[1][1] < spans[2][0]

    # The explicit override for this run deploys prod; dev and staging have nothing left to do.
    second = deploy(repo, tmp_path, env, "-e", "commerce_protection=none")
    stats = recap(second.stdout)
    assert second.returncode == 0, second.stdout[-3000:]
    assert stats["dev"]["changed"] == 0 and stats["staging"]["changed"] == 0 and stats["prod"]["changed"] > 0
    assert prod.sse_names() == ["app0.zip", "app1.zip"] and prod.restart_count == 1


def test_deploy_stops_at_the_first_failing_environment(sim_factory, tmp_path, make_zip, python_without_requests):
    sims = [sim_factory() for environment in ENVIRONMENTS]
    dev, staging, prod = sims
    staging.config.restart_outcome = "fail"
    repo = user_repository(tmp_path, sims, make_zip)
    proc = deploy(repo, tmp_path, user_env(tmp_path, python_without_requests), "-e", "commerce_protection=none")
    assert proc.returncode == 2, proc.stdout[-3000:]
    assert dev.restart_count == 1 and dev.sse_names() == ["app0.zip", "app1.zip"]
    assert "ended FAILED" in proc.stdout
    assert prod.journal == [], "prod was contacted after staging failed"
    assert "prod" not in recap(proc.stdout)
