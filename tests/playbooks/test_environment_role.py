# -*- coding: utf-8 -*-
"""The environment role as a pipeline runs it (ansible-playbook with an inventory): an EMPTY simulated
instance brought to the state of one directory and the inventory in one run, a second run that sends no
mutating request, and the drift report over every kind. Variable and secret values never show at -vvvv."""

from __future__ import annotations

import json
import re
import subprocess

import yaml

from helpers.extensions import entries, write_directory, write_zip
from helpers.harness import REPO, collection_env, mutating_requests

RESTART = "/ccadminx/custom/v1/servers/restart"
VARIABLES = {"PAYMENT_KEY": "var-secret-7c41d0e9", "PAYMENT_URL": "https://pay-9e1f.example.net"}
SECRETS = {"gitSettings": {"siteUS": {"apiKey": "settings-secret-us-5a2b"}, "siteEU": {"apiKey": "settings-secret-eu-83fe"}}}
SECRET_VALUES = tuple(VARIABLES.values()) + ("settings-secret-us-5a2b", "settings-secret-eu-83fe")
PLAY = [{"name": "Environment", "hosts": "commerce", "gather_facts": False,
         "module_defaults": {"group/commerce.admin.all": {"base_url": "{{ commerce_base_url }}", "app_key": "{{ commerce_app_key }}"}},
         "roles": ["commerce.admin.environment"]}]


def layout(root, make_zip):
    """<root>/sse/*.zip, <root>/extensions/ (a zip and a source directory), <root>/site_settings/<settings id>.yml."""
    (root / "sse").mkdir(parents=True)
    for index in range(3):
        make_zip(root / "sse" / ("app%d.zip" % index), size=5000 + index, seed=index)
    (root / "extensions").mkdir()
    write_zip(root / "extensions" / "git-widget.zip", entries())
    write_directory(root / "extensions" / "other", entries(name="Other Extension", settings=(), widget="otherWidget"))
    (root / "site_settings").mkdir()
    (root / "site_settings" / "gitSettings.yml").write_text("siteUS:\n  mode: live\nsiteEU:\n  mode: test\n")
    return str(root)


def inventory(sim, tmp_path, **variables):
    variables.setdefault("sse_deploy_state_file", str(tmp_path / "state.json"))
    variables.setdefault("sse_deploy_backup_dir", str(tmp_path / "backups"))
    variables.setdefault("sse_deploy_poll_interval", 0.2)
    variables.setdefault("environment_publish_poll_interval", 0.2)
    variables.update(ansible_connection="local", ansible_python_interpreter="{{ ansible_playbook_python }}", commerce_app_key=sim.app_key)
    return {"commerce": {"hosts": {"dev": {"commerce_base_url": sim.url}}, "vars": variables}}


def ansible_playbook(tmp_path, playbook, hosts, *extra):
    path = tmp_path / "inventory.yml"
    path.write_text(yaml.safe_dump(hosts))
    if not isinstance(playbook, str):
        (tmp_path / "play.yml").write_text(yaml.safe_dump(playbook, sort_keys=False))
        playbook = str(tmp_path / "play.yml")
    return subprocess.run(["ansible-playbook", "-i", str(path), playbook] + list(extra), capture_output=True, text=True,
                          env=collection_env(tmp_path), timeout=600, check=False)


def declared(sim, tmp_path, make_zip, **variables):
    if "environment_dir" not in variables:
        variables["environment_dir"] = layout(tmp_path / "environment", make_zip)
    return inventory(sim, tmp_path, environment_sse_variables=VARIABLES, environment_site_settings_secrets=SECRETS,
                     environment_storefront_versions={"siteEU": "latest"}, **variables)


def leaked(text):
    return [value[:10] + "..." for value in SECRET_VALUES if value in text]


def modules_run(stdout):
    """The collection's modules a -vvvv run ran, in order (a loop's once per item)."""
    return re.findall(r"Using module file \S+/plugins/modules/(\w+)\.py", stdout)


def ours(sim):
    return {item["name"]: item for item in sim.extensions if item["name"] in ("Git Widget", "Other Extension")}


def settings_values(sim):
    (ident,) = [item["repositoryId"] for item in sim.extensions if item["name"] == "Git Widget"]
    assert ident
    return sim.extension_state["site_settings"]["gitSettings"]


def recap(stdout):
    return stdout.split("PLAY RECAP", 1)[1]


def test_an_empty_instance_reaches_the_declared_state_in_one_run_and_a_second_run_sends_nothing(sim, tmp_path, make_zip):
    hosts = declared(sim, tmp_path, make_zip)
    # A merge request's check-mode diff first: it runs through (settings of extensions not installed yet included), sends nothing.
    review = ansible_playbook(tmp_path, PLAY, hosts, "--check", "--diff")
    assert review.returncode == 0 and mutating_requests(sim) == [], review.stdout[-4000:]
    assert "+app0.zip (absent remotely)" in review.stdout and "+ PAYMENT_KEY (added)" in review.stdout, review.stdout[-4000:]
    assert leaked(review.stdout) == []
    sim.clear_journal()
    first = ansible_playbook(tmp_path, PLAY, hosts, "-vvvv")
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-2000:]
    assert sim.sse_names() == sim.running_names() == ["app0.zip", "app1.zip", "app2.zip"]
    assert sim.running_variables() == VARIABLES and sorted((item["name"], item["value"]) for item in sim.variables) == sorted(VARIABLES.items())
    # one restart for the whole run: variables and SSEs together, no push of their own
    assert sim.restart_count == 1 and not [entry for entry in mutating_requests(sim) if entry["path"].endswith("/servers/push")]
    installed = ours(sim)
    assert sorted(installed) == ["Git Widget", "Other Extension"] and all(item["enabled"] for item in installed.values())
    values = settings_values(sim)
    assert values["siteUS"] == {"mode": "live", "apiKey": "settings-secret-us-5a2b"}
    assert values["siteEU"] == {"mode": "test", "apiKey": "settings-secret-eu-83fe"}
    assert sim.sites["siteEU"]["currentVersion"] == "17.1"
    assert sim.pending_changes == [] and sim.publish_count == 1
    # the publish comes last, after every write that needs it
    writes = [entry["path"] for entry in mutating_requests(sim)]
    assert writes[-1] == "/ccadmin/v1/publish" and writes.count("/ccadmin/v1/publish") == 1
    assert leaked(first.stdout) == [] and leaked(first.stderr) == []

    sim.clear_journal()
    second = ansible_playbook(tmp_path, PLAY, hosts, "-vvvv")
    assert second.returncode == 0, second.stdout[-4000:]
    assert "changed=0" in recap(second.stdout) and mutating_requests(sim) == [], mutating_requests(sim)
    assert sim.restart_count == 1 and sim.publish_count == 1
    assert leaked(second.stdout) == [] and leaked(second.stderr) == []
    # one module run plans every kind, with one login; every kind's own task is skipped
    assert modules_run(second.stdout) == ["plan_info"], modules_run(second.stdout)
    assert [entry["path"] for entry in sim.journal].count("/ccadmin/v1/login") == 1
    assert "dev: in sync: extensions, publish, settings, sses, storefront, variables" in second.stdout


def test_a_change_of_variables_only_restarts_once_and_a_mistyped_directory_sends_nothing(sim, tmp_path, make_zip):
    hosts = declared(sim, tmp_path, make_zip)
    assert ansible_playbook(tmp_path, PLAY, hosts).returncode == 0
    assert sim.restart_count == 1
    sim.clear_journal()
    changed = dict(VARIABLES, PAYMENT_URL="https://pay-new-4d0a.example.net")
    hosts["commerce"]["vars"]["environment_sse_variables"] = changed
    proc = ansible_playbook(tmp_path, PLAY, hosts, "-vvvv")
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert sim.restart_count == 2 and sim.running_variables() == changed
    assert [entry["path"] for entry in mutating_requests(sim)].count(RESTART) == 1
    assert not [entry for entry in mutating_requests(sim) if entry["path"].endswith("/servers/push")]
    # the kinds whose plan did not differ do not run: no extension, settings or storefront task
    assert modules_run(proc.stdout) == ["plan_info", "sse_variables", "sse_sync", "publish"], modules_run(proc.stdout)

    sim.clear_journal()
    sim.store.extension_book.settings_values["gitSettings"]["siteEU"]["mode"] = "changed-in-the-admin-ui"
    fixed = ansible_playbook(tmp_path, PLAY, hosts, "-vvvv")
    assert fixed.returncode == 0, fixed.stdout[-4000:]
    assert modules_run(fixed.stdout) == ["plan_info", "site_settings", "site_settings", "publish"], modules_run(fixed.stdout)
    assert settings_values(sim)["siteEU"]["mode"] == "test" and sim.restart_count == 2

    sim.clear_journal()
    mistyped = declared(sim, tmp_path, make_zip, environment_dir=str(tmp_path / "no-such-directory"))
    refused = ansible_playbook(tmp_path, PLAY, mistyped)
    assert refused.returncode != 0 and "no-such-directory does not exist" in refused.stdout and sim.journal == []


def test_drift_reports_every_kind_names_only_and_changes_nothing(sim, tmp_path, make_zip):
    hosts = declared(sim, tmp_path, make_zip, environment_sse_variables_purge=True)
    sim.put_variable("STRAY", "stray-value-0c3e")
    sim.put_sse("stray.zip", b"PK\x05\x06" + bytes(18))
    hosts["commerce"]["vars"]["sse_deploy_purge"] = True
    reports = tmp_path / "reports"
    proc = ansible_playbook(tmp_path, str(REPO / "playbooks" / "drift.yml"), hosts, "-vvvv", "-e", "drift_json_dir=%s" % reports)
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert "changed=0" in recap(proc.stdout) and mutating_requests(sim) == []
    rows = json.loads((reports / "dev.json").read_text())["drift"]
    kinds = {(row["kind"], row["name"]) for row in rows}
    for expected in (("sse", "app0.zip"), ("sse", "stray.zip"), ("variable", "PAYMENT_KEY"), ("variable", "STRAY"),
                     ("extension", "Git Widget"), ("extension", "Other Extension"), ("settings", "gitSettings on siteUS"),
                     ("settings", "gitSettings on siteEU"), ("storefront", "siteEU")):
        assert expected in kinds, (expected, kinds)
    (us,) = [row for row in rows if row["name"] == "gitSettings on siteUS"]
    assert us["declared"] == "apiKey, mode" and "not installed" in us["remote"]
    assert leaked(proc.stdout + json.dumps(rows)) == [] and "stray-value-0c3e" not in proc.stdout

    # Once deployed, the only drift left is what someone changed since: a pending change waits for a publish.
    assert ansible_playbook(tmp_path, PLAY, hosts).returncode == 0
    sim.note_publishable_change("siteSettings", "merchant-edit")
    sim.clear_journal()
    proc = ansible_playbook(tmp_path, str(REPO / "playbooks" / "drift.yml"), hosts, "-e", "drift_json_dir=%s" % reports)
    assert proc.returncode == 0 and "changed=0" in recap(proc.stdout) and mutating_requests(sim) == []
    rows = json.loads((reports / "dev.json").read_text())["drift"]
    assert [(row["kind"], row["declared"], row["remote"]) for row in rows] == [("publish", "published", "1 change(s) pending")], rows


def test_without_sses_the_variables_task_makes_the_one_restart(sim, tmp_path):
    root = tmp_path / "no-sses"
    write_directory(root / "extensions" / "other", entries(name="Other Extension", settings=(), widget="otherWidget"))
    hosts = inventory(sim, tmp_path, environment_dir=str(root), environment_sse_variables=VARIABLES)
    proc = ansible_playbook(tmp_path, PLAY, hosts)
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert sim.restart_count == 1 and sim.running_variables() == VARIABLES and sim.sse_names() == []
    assert ours(sim)["Other Extension"]["enabled"] and sim.pending_changes == [] and sim.publish_count == 1
