# -*- coding: utf-8 -*-
"""The extensions role installing a directory of extensions on two instances, and the drift report on them,
through ansible-playbook with an inventory, as a pipeline runs them."""

from __future__ import annotations

import json
import subprocess

from helpers.extensions import entries, write_directory, write_zip
from helpers.harness import REPO, collection_env, mutating_requests

ROLE_PLAY = [{"hosts": "commerce", "gather_facts": False,
              "module_defaults": {"group/commerce.admin.all": {"base_url": "{{ commerce_base_url }}", "app_key": "{{ commerce_app_key }}"}},
              "roles": ["commerce.admin.extensions"]}]


def release(directory, version="1"):
    """A directory from Git: one zip and one source directory."""
    directory.mkdir(exist_ok=True)
    write_zip(directory / "git-widget.zip", entries(version=version, body="widget code v%s" % version))
    write_directory(directory / "other", entries(name="Other Extension", settings=(), widget="otherWidget"))
    return str(directory)


def playbook(tmp_path, play, sims, *extra, **variables):
    variables.update(ansible_connection="local", ansible_python_interpreter="{{ ansible_playbook_python }}")
    hosts = {name: {"commerce_base_url": sim.url, "commerce_app_key": sim.app_key} for name, sim in sims.items()}
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps({"commerce": {"hosts": hosts, "vars": variables}}))
    if not isinstance(play, str):
        path = tmp_path / "play.json"
        path.write_text(json.dumps(play))
        play = str(path)
    return subprocess.run(["ansible-playbook", "-i", str(inventory), play] + list(extra), capture_output=True, text=True,
                          env=collection_env(tmp_path), timeout=300, check=False)


def installed(sim):
    return {item["name"]: item for item in sim.extensions if item["name"] in ("Git Widget", "Other Extension")}


def test_the_role_installs_a_directory_on_two_instances_then_changes_nothing(sim_factory, tmp_path):
    sims = {"dev": sim_factory(), "prod": sim_factory()}
    source = release(tmp_path / "extensions")
    first = playbook(tmp_path, ROLE_PLAY, sims, extensions_dir=source)
    assert first.returncode == 0, first.stdout + first.stderr
    dev, prod = installed(sims["dev"]), installed(sims["prod"])
    assert sorted(dev) == sorted(prod) == ["Git Widget", "Other Extension"]
    assert all(item["enabled"] for item in list(dev.values()) + list(prod.values()))
    assert dev["Git Widget"]["repositoryId"] != prod["Git Widget"]["repositoryId"]
    for sim in sims.values():
        sim.clear_journal()
    second = playbook(tmp_path, ROLE_PLAY, sims, extensions_dir=source)
    assert second.returncode == 0 and "changed=0" in second.stdout
    assert all(mutating_requests(sim) == [] for sim in sims.values())


def test_a_changed_extension_fails_the_role_and_the_drift_report_names_it(sim_factory, tmp_path):
    sims = {"dev": sim_factory()}
    assert playbook(tmp_path, ROLE_PLAY, sims, extensions_dir=release(tmp_path / "v1")).returncode == 0
    changed = release(tmp_path / "v2", version="2")
    sims["dev"].clear_journal()
    refused = playbook(tmp_path, ROLE_PLAY, sims, extensions_dir=changed)
    assert refused.returncode != 0 and "allow_reinstall" in refused.stdout and mutating_requests(sims["dev"]) == []
    reports = tmp_path / "reports"
    drift = playbook(tmp_path, str(REPO / "playbooks" / "drift.yml"), sims, "-e", "drift_json_dir=%s" % reports, extensions_dir=changed)
    assert drift.returncode == 0, drift.stdout + drift.stderr
    rows = json.loads((reports / "dev.json").read_text())["drift"]
    # The extensions role does not publish: the v1 install still waits for a publish, and the report says so too.
    expected = [("extension", "Git Widget", "other content v2"), ("publish", "pending changes", "published")]
    assert [(row["kind"], row["name"], row["declared"]) for row in rows] == expected
    assert rows[0]["remote"].startswith("v1, content differs") and mutating_requests(sims["dev"]) == []
    allowed = playbook(tmp_path, ROLE_PLAY, sims, extensions_dir=changed, extensions_allow_reinstall=True,
                       extensions_backup_dir=str(tmp_path / "backups"))
    assert allowed.returncode == 0 and installed(sims["dev"])["Git Widget"]["version"] == "2"
