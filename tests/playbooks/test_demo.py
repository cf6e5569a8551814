# -*- coding: utf-8 -*-
"""playbooks/demo.yml, as `make demo` runs it: what it prints is meant for a person."""

from __future__ import annotations

import json
import subprocess

from helpers.harness import REPO, collection_env


def test_the_demo_shows_storefront_versions_as_sentences_not_python(sim, make_zip, tmp_path):
    (tmp_path / "sse").mkdir()
    make_zip(tmp_path / "sse" / "orders.zip")
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps({"commerce": {"hosts": {"dev": {"commerce_base_url": sim.url}}, "vars": {
        "ansible_connection": "local", "commerce_app_key": sim.app_key, "sse_deploy_poll_interval": 0.2,
        "sse_deploy_state_file": str(tmp_path / "state.json"), "sse_deploy_backup_dir": str(tmp_path / "backups")}}}))
    proc = subprocess.run(["ansible-playbook", "-i", str(inventory), str(REPO / "playbooks" / "demo.yml"), "-e", "demo_sse_dir=%s" % (tmp_path / "sse")],
                          capture_output=True, text=True, env=collection_env(tmp_path), timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    shown = proc.stdout.split("Show the storefront versions")[1].split("PLAY RECAP")[0]
    assert '"msg": "dev: the default site runs 17.1 (latest 17.1, previous 16.6)"' in shown, shown
    assert "None" not in shown and "{'" not in shown
