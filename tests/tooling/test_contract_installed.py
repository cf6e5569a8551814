# -*- coding: utf-8 -*-
"""The contract check from an installed collection, as AWX runs it: the tarball built and installed the way
scripts/gates does, then playbooks/contract.yml run FROM THE INSTALLED COPY (ANSIBLE_COLLECTIONS_PATH holds
only it, the working directory is outside the repository) against the simulator. It prints the table at the
default verbosity, fails on a MISMATCH after showing it, and changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from helpers import REPO

BIN = Path(sys.executable).parent
READ_ONLY_POSTS = {"/ccadmin/v1/login", "/ccadmin/v1/refresh", "/ccadmin/v1/verify", "/ccadmin/v1/logout"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """DIR with commerce.admin installed from a freshly built tarball."""
    work = tmp_path_factory.mktemp("installed")
    env = dict(os.environ, ANSIBLE_LOCAL_TEMP=str(work / "tmp"), ANSIBLE_REMOTE_TMP=str(work / "tmp"))
    subprocess.run([str(BIN / "ansible-galaxy"), "collection", "build", "--force", "--output-path", str(work), str(REPO)],
                   check=True, capture_output=True, env=env, cwd=work)
    tarball = next(work.glob("commerce-admin-*.tar.gz"))
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
    assert "playbooks/contract.yml" in names and "plugins/module_utils/_contract/calls.py" in names
    assert not any(name.startswith(("scripts/", "tests/")) for name in names), "a clone's files in the tarball"
    subprocess.run([str(BIN / "ansible-galaxy"), "collection", "install", "--force", "-p", str(work / "collections"), str(tarball)],
                   check=True, capture_output=True, env=env, cwd=work)
    return work / "collections"


def run_contract_playbook(installed, sim, tmp_path, *extra):
    inventory = tmp_path / "hosts.yml"
    inventory.write_text("commerce:\n  hosts:\n    dev:\n      commerce_base_url: %s\n" % sim.url, encoding="utf-8")
    env = {name: value for name, value in os.environ.items() if not name.startswith(("ANSIBLE_", "COMMERCE_", "PYTHONPATH"))}
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": str(installed),
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false",
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "tmp"),
        "ANSIBLE_REMOTE_TMP": str(tmp_path / "tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_DEPRECATION_WARNINGS": "0",
        # as the AWX credential type injects it
        "COMMERCE_APP_KEY": sim.app_key,
        "PATH": str(BIN) + os.pathsep + os.environ.get("PATH", ""),
    })
    return subprocess.run([str(BIN / "ansible-playbook"), "-i", str(inventory), "commerce.admin.contract", *extra],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300, check=False)


def state(sim):
    return {"sses": {name: sim.sse_bytes(name) for name in sim.sse_names()}, "extensions": sim.extensions, "sites": sim.sites,
            "restart_count": sim.restart_count}


def only_reads(journal):
    return all({entry["method"], entry.get("wire_method", entry["method"])} == {"GET"}
               or entry["method"] == "POST" and entry["path"].rstrip("/") in READ_ONLY_POSTS for entry in journal)


def test_the_installed_playbook_prints_the_table_and_changes_nothing(installed, sim, tmp_path):
    assert not str(tmp_path.resolve()).startswith(str(REPO)), "the run must start outside the repository"
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    before = state(sim)
    completed = run_contract_playbook(installed, sim, tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    out = completed.stdout
    assert "Contract check of %s against docs/api-model.md" % sim.url in out
    for call in ("login", "list SSEs", "download SSE", "list SSE variables", "logs tail", "logout"):
        assert '"%s  OK"' % call in out, call
    assert '"restart status  SKIPPED"' in out and "0 MISMATCH" in out and "failed=0" in out
    assert sim.app_key not in out + completed.stderr
    assert sim.journal and only_reads(sim.journal) and state(sim) == before


def test_a_mismatch_fails_after_the_table_is_shown(installed, sim, tmp_path):
    sim.faults.add("GET", "/ccadmin/v1/extensions", "status", times=None, status=500)
    completed = run_contract_playbook(installed, sim, tmp_path)
    assert completed.returncode != 0
    out = completed.stdout
    assert '"list extensions  MISMATCH"' in out and "1 MISMATCH (list extensions)" in out and "failed=1" in out
    assert out.index('"list extensions  MISMATCH"') < out.index("1 MISMATCH (list extensions)")
    assert only_reads(sim.journal)
