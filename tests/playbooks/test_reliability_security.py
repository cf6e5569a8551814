# -*- coding: utf-8 -*-
"""Secrets never show, TLS with a private CA, and concurrent runs that stay truthful."""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

from helpers.harness import collection_env, connection_defaults, run_tasks
from helpers.modules import every_module
from helpers.site_settings import SETTINGS_ID, install_settings_extension

KEY = "sk-commerce-SECRET-4fd1b2e9c7"
SSE = "/ccadmin/v1/serverExtensions"


def capture_tokens(sim):
    """Every bearer token the simulator issues, so the test can look for them in the output."""
    issued = []
    original = sim.store.issue_token

    def issue():
        token = original()
        issued.append(token)
        return token

    sim.store.issue_token = issue
    return issued


def every_module_once(sim, make_zip, tmp_path):
    """One task that succeeds per module (the table must cover helpers.modules.every_module()), then three
    that fail; and how many succeed."""
    sim.put_sse("old.zip", b"PK\x05\x06" + bytes(18))
    sim.put_sse("p.zip", b"PK\x05\x06" + bytes(19), environment="preview")
    install_settings_extension(sim)
    release = tmp_path / "release"
    release.mkdir()
    make_zip(release / "s.zip", size=20000, seed=1)
    succeeding = {
        "sse_upload": {"src": make_zip(size=20000), "name": "a.zip", "backup": True, "backup_dir": str(tmp_path / "b")},
        "sse_info": {},
        "contract_info": {},
        "sse_logs_info": {},
        "sse_delete": {"name": "old.zip"},
        "sse_promote": {},
        "sse_sync": {"src": str(release), "backup": True, "backup_dir": str(tmp_path / "b")},
        "sse_variables": {"variables": {"SECRET_HOLDER": KEY + "-as-a-variable"}},
        "extension_state": {"name": "Widget with Element"},
        "extension_info": {},
        "extension": {"name": "no-such-extension-name", "state": "absent"},  # absent already: nothing to do
        "site_settings": {"settings_id": SETTINGS_ID, "site_id": "siteUS", "secret_values": {"apiKey": KEY + "-as-a-setting"}},
        # the plans' secret options are secrets of plan_info too
        "plan_info": {"tasks": [
            {"name": "variables", "module": "sse_variables", "args": {"variables": {"SECRET_HOLDER": KEY + "-in-a-plan"}}},
            {"name": "settings", "module": "site_settings",
             "args": {"settings_id": SETTINGS_ID, "site_id": "siteEU", "secret_values": {"apiKey": KEY + "-planned"}}}]},
        "publish": {"poll_interval": 0.2},
        "server_restart": {},
        "restart_status_info": {"work_request_id": None},  # the work request of server_restart's task, below
        "storefront_rollback": {"site_id": "siteUS"},
        "storefront_version": {"site_id": "siteEU", "version": "latest"},
        "storefront_info": {"site_ids": ["siteUS"]},
    }
    assert sorted(succeeding) == every_module()
    order = list(succeeding)
    succeeding["restart_status_info"]["work_request_id"] = "{{ r%d.work_request_id }}" % order.index("server_restart")
    tasks = [{"commerce.admin." + name: succeeding[name]} for name in order]
    # failures echo server error bodies: they must not carry a secret either
    tasks += [
        {"commerce.admin.storefront_rollback": {"site_id": "siteNoPrev"}},
        {"commerce.admin.extension_state": {"id": "no-such-extension"}},
        {"commerce.admin.sse_info": {"app_key": "a-wrong-key-that-is-also-secret"}},
    ]
    return tasks, len(order)


def test_no_key_or_token_in_any_output_at_vvvv(sim_factory, make_zip, tmp_path):
    sim = sim_factory()
    sim.store.app_key = KEY
    tokens = capture_tokens(sim)
    tasks, succeeding = every_module_once(sim, make_zip, tmp_path)
    run = run_tasks(sim, tasks, tmp_path, verbosity=4, defaults=connection_defaults(sim, app_key=KEY))
    assert not any(result.get("failed") for result in run.results[:succeeding]), [r.get("msg") for r in run.results[:succeeding]]
    assert all(result.get("failed") for result in run.results[succeeding:])
    assert len(tokens) >= len(tasks) - 1
    haystacks = {"stdout": run.stdout, "stderr": run.stderr, "results": json.dumps(run.results)}
    secrets = [KEY, "a-wrong-key-that-is-also-secret"] + tokens
    found = [(where, secret[:6]) for where, text in haystacks.items() for secret in secrets if secret in text]
    assert found == []
    # the run really was at -vvvv: connection-level detail and every result in full
    assert "<localhost> EXEC" in run.stdout and run.stdout.count('"invocation"') + run.stdout.count("changed") >= len(tasks)


def test_tls_with_a_private_ca(sim_factory, tls_material, make_zip, tmp_path):
    sim = sim_factory(certfile=tls_material.cert, keyfile=tls_material.key)
    task = {"commerce.admin.sse_info": {}}
    run = run_tasks(sim, [task, dict(task, **{"commerce.admin.sse_info": {"ca_path": tls_material.ca}}),
                          {"commerce.admin.sse_info": {"validate_certs": False}}], tmp_path)
    refused, trusted, unchecked = run.results
    assert refused["failed"] and "certificate" in refused["msg"] and "ca_path" in refused["msg"]
    assert not trusted.get("failed") and trusted["sses"] == []
    assert not unchecked.get("failed") and any("validate_certs" in warning for warning in unchecked["warnings"])


def test_ca_path_from_the_environment(sim_factory, tls_material, tmp_path):
    sim = sim_factory(certfile=tls_material.cert, keyfile=tls_material.key)
    run = run_tasks(sim, [{"commerce.admin.sse_info": {}}], tmp_path, env={"COMMERCE_CA_PATH": tls_material.ca})
    assert not run[0].get("failed")


def test_five_environments_with_five_forks(sim_factory, make_zip, tmp_path):
    sims = [sim_factory() for dummy in range(5)]
    path = make_zip(size=30000, seed=9)
    inventory = {"commerce": {"hosts": {"env%d" % index: {"commerce_base_url": sim.url} for index, sim in enumerate(sims)},
                              "vars": {"ansible_connection": "local", "commerce_app_key": sims[0].app_key}}}
    play = [{"hosts": "commerce", "gather_facts": False,
             "module_defaults": {"group/commerce.admin.all": {"base_url": "{{ commerce_base_url }}", "app_key": "{{ commerce_app_key }}"}},
             "tasks": [{"commerce.admin.sse_upload": {"src": path, "name": "same.zip", "restart": False}},
                       {"commerce.admin.extension_state": {"name": "Widget with Element"}}]}]
    (tmp_path / "inventory.json").write_text(json.dumps(inventory))
    (tmp_path / "play.json").write_text(json.dumps(play))
    env = collection_env(tmp_path)
    for round_number in (1, 2):
        proc = subprocess.run(["ansible-playbook", "-f", "5", "-i", str(tmp_path / "inventory.json"), str(tmp_path / "play.json")],
                              capture_output=True, text=True, env=env, timeout=300, check=False)
        assert proc.returncode == 0, proc.stdout[-2000:]
        expected = "changed=2" if round_number == 1 else "changed=0"
        assert proc.stdout.count(expected) == 5, proc.stdout[-2000:]
    with open(path, "rb") as handle:
        content = handle.read()
    for sim in sims:
        assert sim.sse_bytes("same.zip") == content
        assert [entry for entry in sim.journal if entry["method"] == "POST" and entry["path"] == SSE].__len__() == 1


def test_two_concurrent_uploads_of_one_name(sim, make_zip, tmp_path):
    first, second = make_zip(size=2 * 1024 * 1024, seed=1), make_zip(size=2 * 1024 * 1024, seed=2)

    def upload(path, index):
        workdir = tmp_path / ("run%d" % index)
        workdir.mkdir()
        return run_tasks(sim, [{"commerce.admin.sse_upload": {"src": path, "name": "shared.zip", "restart": False}}], workdir)[0]

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(upload, [first, second], [1, 2]))
    contents = {open(path, "rb").read() for path in (first, second)}  # pylint: disable=consider-using-with
    assert sim.sse_bytes("shared.zip") in contents
    posts = [entry for entry in sim.journal if entry["method"] == "POST" and entry["path"] == SSE and entry["status"] == 200]
    claimed = [result for result in results if result.get("uploaded")]
    # nobody claims an upload that did not happen
    assert len(claimed) <= len(posts)
    for result in results:
        assert result.get("uploaded") or result.get("failed") or not result["changed"]
