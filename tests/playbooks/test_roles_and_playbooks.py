# -*- coding: utf-8 -*-
"""The extensions role and the shipped playbooks against the simulator (sse_deploy and drift: test_sse_deploy_and_drift.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers.harness import REPO, collection_env, mutating_requests, run_tasks


def role_task(role, **variables):
    return {"ansible.builtin.include_role": {"name": "commerce.admin." + role}, "vars": variables}


def test_extensions_role(sim, tmp_path):
    desired = [{"name": "Widget with Element", "state": "enabled"}, {"id": "ext-payments-0002", "state": "disabled"}]
    run_tasks(sim, [role_task("extensions", extensions_desired=desired)], tmp_path)
    states = {item["repositoryId"]: item["enabled"] for item in sim.extensions}
    assert states["ext-widget-0001"] is True and states["ext-payments-0002"] is False
    sim.clear_journal()
    run_tasks(sim, [role_task("extensions", extensions_desired=desired)], tmp_path)
    assert mutating_requests(sim) == []


def test_drift_playbook_is_syntactically_valid_for_the_example_inventory(tmp_path):
    proc = subprocess.run(["ansible-playbook", "--syntax-check", "-i", str(REPO / "playbooks" / "inventory" / "example"),
                           str(REPO / "playbooks" / "drift.yml"), str(REPO / "playbooks" / "deploy.yml"), str(REPO / "playbooks" / "rollback.yml")],
                          capture_output=True, text=True, env=collection_env(tmp_path), timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert Path(REPO / "playbooks" / "templates" / "drift_rows.j2").exists()


def rollback(sims, tmp_path, *extra):
    """playbooks/rollback.yml on staging (unprotected) and prod (read_only, as in the example inventory)."""
    staging, prod = sims
    inventory = {"commerce": {"hosts": {"staging": {"commerce_base_url": staging.url},
                                        "prod": {"commerce_base_url": prod.url, "commerce_protection": "read_only"}},
                              "vars": {"ansible_connection": "local", "commerce_app_key": staging.app_key}}}
    path = tmp_path / "rollback-inventory.json"
    path.write_text(json.dumps(inventory))
    return subprocess.run(["ansible-playbook", "-i", str(path), str(REPO / "playbooks" / "rollback.yml")] + list(extra),
                          capture_output=True, text=True, env=collection_env(tmp_path), timeout=300, check=False)


def current_version(sim, site_id="siteUS"):
    return sim.sites[site_id]["currentVersion"]


def test_rollback_of_a_protected_environment_is_refused_until_the_run_overrides_protection(sim_factory, tmp_path):
    sims = [sim_factory(), sim_factory()]
    staging, prod = sims
    refused = rollback(sims, tmp_path, "-l", "prod", "-e", "rollback_site_id=siteUS")
    assert refused.returncode != 0 and "read_only" in refused.stdout, refused.stdout[-3000:]
    assert mutating_requests(prod) == [] and current_version(prod) == "17.1"
    # The guard is protection alone: the old confirmation variable does not open it.
    still_refused = rollback(sims, tmp_path, "-l", "prod", "-e", "rollback_site_id=siteUS", "-e", "rollback_confirm=yes")
    assert still_refused.returncode != 0 and mutating_requests(prod) == []

    allowed = rollback(sims, tmp_path, "-l", "prod", "-e", "rollback_site_id=siteUS", "-e", "commerce_protection=none")
    assert allowed.returncode == 0, allowed.stdout[-3000:]
    assert current_version(prod) == "16.6" and "siteUS runs 16.6" in allowed.stdout
    assert staging.journal == [] and current_version(staging) == "17.1"


def test_rollback_of_an_unprotected_environment_needs_only_the_site(sim_factory, tmp_path):
    sims = [sim_factory(), sim_factory()]
    staging, prod = sims
    unnamed = rollback(sims, tmp_path, "-l", "staging")
    assert unnamed.returncode != 0 and "name the site to roll back" in unnamed.stdout and staging.journal == []
    proc = rollback(sims, tmp_path, "-l", "staging", "-e", "rollback_site_id=siteUS")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert current_version(staging) == "16.6" and prod.journal == []
