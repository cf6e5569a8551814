# -*- coding: utf-8 -*-
"""scripts/contract, the command line of the collection's contract check, against simulated instances: it
passes on both profiles, changes nothing, flags a deviating instance, refuses to run without a key, explains unreachable instances, and never prints a secret.

The script runs in a subprocess with the project's Python, exactly as a user runs it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

import simulator
from helpers import REPO
from simulator.zips import make_zip

# The project's Python, as a user runs it; the running interpreter where there is no .venv (it has requests too).
PYTHON = REPO / ".venv" / "bin" / "python" if (REPO / ".venv" / "bin" / "python").exists() else Path(sys.executable)
SCRIPT = REPO / "scripts" / "contract"
STATUS = "/ccadminx/custom/v1/servers/restartWorkRequestStatus"
READ_ONLY_POSTS = {"/ccadmin/v1/login", "/ccadmin/v1/refresh", "/ccadmin/v1/verify", "/ccadmin/v1/logout"}
CALLS = ("login", "refresh", "token after refresh", "empty-form refresh", "verify", "list SSEs", "doubled slashes", "download SSE",
         "list extensions", "extension fields", "extension IDs", "storefront versions", "SSE preview status", "SSE promote status",
         "list SSE variables",
         "publish status", "pending changes", "restart status", "restart API path", "logs tail", "logout")
# What no public source settles: reported, never judged.
INFO_CALLS = ("token after refresh", "empty-form refresh", "doubled slashes", "extension fields", "extension IDs", "pending changes")
ROW = re.compile(r"^(?P<call>%s)\s{2,}.*\s(?P<result>OK|MISMATCH|SKIPPED|INFO)$" % "|".join(re.escape(call) for call in CALLS))
# A key nobody could mistake for other output: if it shows up anywhere, it leaked.
KEY = "contract-key-" + secrets.token_hex(12)


@pytest.fixture
def seed_path(tmp_path):
    """The simulator's default seed with a distinctive application key."""
    with open(Path(simulator.__file__).parent / "seed.json", encoding="utf-8") as handle:
        seed = json.load(handle)
    seed["app_key"] = KEY
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    return str(path)


@pytest.fixture
def instance(sim_factory, seed_path, tmp_path):
    """A simulator (profile as asked) holding three SSEs, so that listing with limit 2 takes two pages."""
    def make(profile="current", sses=3, **config):
        sim = sim_factory(profile=profile, seed_path=seed_path, **config)
        for number in range(sses):
            path = make_zip(tmp_path / ("seed-%d.zip" % number), size=3000 + 500 * number, seed=number)
            sim.put_sse("contract-%d.zip" % number, Path(path).read_bytes())
        return sim
    return make


def run_contract(url, *args, key=KEY, columns=160, cwd=None):
    """Run the check as a user would; the key only through the environment."""
    env = {name: value for name, value in os.environ.items() if name not in ("COMMERCE_APP_KEY", "NO_COLOR")}
    env["COLUMNS"] = str(columns)
    if key is not None:
        env["COMMERCE_APP_KEY"] = key
    return subprocess.run([str(PYTHON), str(SCRIPT), "--url", url, *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=cwd or REPO, check=False)


def results(completed):
    """{call: OK | MISMATCH | SKIPPED} from the table's first line of each row."""
    found = {}
    for line in completed.stdout.splitlines():
        match = ROW.match(line)
        if match:
            found[match["call"]] = match["result"]
    return found


def state(sim):
    """Everything the check must leave alone."""
    return {"sses": {env: {name: sim.sse_bytes(name, env) for name in sim.sse_names(env)} for env in ("live", "preview")},
            "extensions": sim.extensions, "sites": sim.sites, "restart_count": sim.restart_count}


def assert_no_secret(completed, sim):
    output = completed.stdout + completed.stderr
    assert KEY not in output
    tokens = getattr(sim, "issued_tokens", None)
    if tokens is not None:
        assert tokens, "the simulator issued no token: the check did not log in"
        for token in tokens:
            assert token not in output


def assert_read_only(journal):
    """Only GETs, and POSTs to login, refresh, verify and logout, on the wire and after any method override."""
    assert journal
    for entry in journal:
        methods = {entry["method"], entry.get("wire_method", entry["method"])}
        assert methods == {"GET"} or (methods == {"POST"} and entry["path"].rstrip("/") in READ_ONLY_POSTS), entry


def finished_restart(sim):
    """A restart made by the test itself (not by the check), finished, so that its status can be read."""
    token = requests.post(sim.url + "/ccadmin/v1/login", data={"grant_type": "client_credentials"},
                          headers={"Authorization": "Bearer " + sim.app_key}, timeout=10).json()["access_token"]
    headers = {"Authorization": "Bearer " + token}
    answer = requests.post(sim.url + "/ccadminx/custom/v1/servers/restart", params={"trackProgress": "true"}, json={},
                           headers=headers, timeout=10)
    assert answer.status_code == 202, answer.text
    work_id = answer.json()["workRequestId"]
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        status = requests.get(sim.url + STATUS, params={"workRequestId": work_id}, headers=headers, timeout=10).json()
        if status["message"].rstrip(".") == "SUCCEEDED":
            return work_id
        time.sleep(0.05)
    raise AssertionError("the test's restart did not finish")


def test_the_variables_row_reads_the_shape_and_never_prints_a_value(instance, tmp_path):
    sim = instance("current", sses=0, page_cap=2)
    values = ["contract-variable-value-%d-7e3" % number for number in range(3)]
    for number, value in enumerate(values):
        sim.put_variable("DUPLICATED" if number < 2 else "SINGLE", value)
    sim.clear_journal()
    completed = run_contract(sim.url, "--page-size", "2", cwd=tmp_path, columns=1000)
    assert results(completed)["list SSE variables"] == "OK", completed.stdout
    assert "2 page(s); 3 variable(s); names stored more than once: DUPLICATED" in completed.stdout
    assert not any(value in completed.stdout + completed.stderr for value in values)
    assert [entry["query"].get("offset") for entry in sim.journal if entry["path"].endswith("/extensionEnvironmentVariables")] == ["0", "2"]
    assert_read_only(sim.journal)


@pytest.mark.parametrize("profile", ["current", "legacy"])
def test_contract_holds_and_changes_nothing(instance, profile, tmp_path):
    sim = instance(profile)
    work_id = finished_restart(sim)
    sim.store.restarts.logs.append("live", "error", "contract-log-line-never-shown")
    before = state(sim)
    sim.clear_journal()

    # wide enough that no cell wraps, so that the texts below can be looked for
    completed = run_contract(sim.url, "--work-request-id", work_id, "--page-size", "2", cwd=tmp_path, columns=1000)

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert results(completed) == {call: "INFO" if call in INFO_CALLS else "OK" for call in CALLS}, completed.stdout
    assert "0 MISMATCH" in completed.stdout and "6 INFO" in completed.stdout
    assert "publishRunning false, last publish none" in completed.stdout and "200 {items}; 0 pending change(s)" in completed.stdout
    # the simulator's readings of what no source settles
    for text in ("200: taken as /serverExtensions", "200: taken, a new token", "401: a refresh revokes the old token",
                 "zipPath like extensions/", "in use"):
        assert text in completed.stdout, text
    assert ("200 {items}" if profile == "current" else "200 a bare array") in completed.stdout
    assert "logData 1 line(s)" in completed.stdout and "contract-log-line-never-shown" not in completed.stdout
    # the variations of the record are reported, not judged
    assert ("JWT, lives 300 s" if profile == "current" else "opaque token (not a JWT)") in completed.stdout
    assert ("promotePhaseRolledBack" if profile == "current" else "isPromotePhaseRolledBack") in completed.stdout
    journal = sim.journal
    assert_read_only(journal)
    assert state(sim) == before
    assert_no_secret(completed, sim)
    pages = [entry["query"].get("offset") for entry in journal if entry["path"] == "/ccadmin/v1/serverExtensions"]
    assert pages == ["0", "2"], "three SSEs at limit 2 are two pages"
    login = journal[0]
    assert login["path"] == "/ccadmin/v1/login" and login.get("profile_type", "applicationAccess") == "applicationAccess"
    assert journal[-1]["path"] == "/ccadmin/v1/logout"


def test_empty_instance_skips_what_it_cannot_check(instance):
    sim = instance(sses=0)
    completed = run_contract(sim.url)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    found = results(completed)
    assert found.pop("download SSE") == "SKIPPED" and found.pop("restart status") == "SKIPPED"
    assert {call for call, result in found.items() if result == "INFO"} == set(INFO_CALLS)
    assert set(found.values()) == {"OK", "INFO"}, completed.stdout
    assert "nothing to download" in completed.stdout and "no --work-request-id given" in completed.stdout
    assert_read_only(sim.journal)
    assert_no_secret(completed, sim)


def test_short_pages_are_followed(instance):
    """The model allows pages shorter than the limit: with a page cap of 1 the check still sees every SSE."""
    sim = instance(page_cap=1)
    completed = run_contract(sim.url, "--page-size", "2")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    offsets = [entry["query"].get("offset") for entry in sim.journal if entry["path"] == "/ccadmin/v1/serverExtensions"]
    assert offsets == ["0", "1", "2"]


@pytest.mark.parametrize("method, path, fault, call, says", [
    ("GET", "/ccadminx/custom/v1/logs/tail", {"status": 500}, "logs tail", "expected 200, got HTTP 500"),
    ("GET", STATUS, {"status": 404, "error_code": "404"}, "restart API path", "expected 4xx errorCode 14002"),
    ("GET", "/ccadmin/v1/serverExtensions/promoteStatus", {"status": 500}, "SSE promote status", "expected 200, got HTTP 500"),
    ("GET", "/ccadmin/v1/extensions", {"status": 503, "html": True}, "list extensions", "HTML page"),
    ("POST", "/ccadmin/v1/verify", {"status": 405, "error_code": "405"}, "verify", "expected 200, got HTTP 405"),
    ("GET", "/ccadmin/v1/publish", {"status": 500}, "publish status", "expected 200, got HTTP 500"),
])
def test_deviating_instance_is_a_mismatch(instance, method, path, fault, call, says):
    sim = instance()
    sim.faults.add(method, path, "status", times=None, **fault)
    completed = run_contract(sim.url)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    found = results(completed)
    assert found.pop(call) == "MISMATCH", completed.stdout
    assert set(found.values()) <= {"OK", "SKIPPED", "INFO"}, completed.stdout
    assert says in completed.stdout
    assert "1 MISMATCH" in completed.stdout
    assert_read_only(sim.journal)
    assert_no_secret(completed, sim)


def test_unsettled_answers_are_information_never_a_mismatch(instance, make_extension_zip):
    """A refused extension-ID listing (seen: 403 outside the vendor's domain) and a strict gateway are reported, exit 0."""
    sim = instance("legacy", strict_gateway=True)
    sim.install_extension(make_extension_zip(sim.generate_extension_id(), name="Shown"), "shown-1.zip")
    sim.faults.add("GET", "/ccadmin/v1/applicationIds", "status", times=None, status=403, error_code="403", message="Forbidden")
    before = state(sim)
    completed = run_contract(sim.url, columns=1000)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    found = results(completed)
    assert {call: found[call] for call in INFO_CALLS} == dict.fromkeys(INFO_CALLS, "INFO"), completed.stdout
    assert "HTTP 403 errorCode 403: Forbidden" in completed.stdout and "5 item(s)" in completed.stdout
    assert_read_only(sim.journal)
    assert state(sim) == before
    assert_no_secret(completed, sim)


def test_missing_restart_path_is_named(instance):
    """A 404 without errorCode (the vendor's own 404 shape) means the path does not exist."""
    sim = instance()
    sim.faults.add("GET", STATUS, "status", times=None, status=404, error_code="")
    completed = run_contract(sim.url, columns=1000)  # wide enough that no cell wraps
    assert completed.returncode == 1
    assert results(completed)["restart API path"] == "MISMATCH"
    assert "does not exist under /ccadminx/custom/v1/servers/" in completed.stdout


def test_missing_key_is_a_usage_error(instance):
    sim = instance(sses=0)
    completed = run_contract(sim.url, key=None)
    assert completed.returncode == 2
    assert "COMMERCE_APP_KEY" in completed.stderr and "--key-file" in completed.stderr
    assert completed.stdout == ""
    assert sim.journal == [], "nothing is sent without a key"


def test_key_on_the_command_line_is_refused_and_not_echoed(instance):
    sim = instance(sses=0)
    completed = run_contract(sim.url, "--key", KEY, key=None)
    assert completed.returncode == 2
    assert KEY not in completed.stdout + completed.stderr
    assert "never taken from the command line" in completed.stderr


def test_key_file_works(instance, tmp_path):
    sim = instance(sses=1)
    key_file = tmp_path / "key"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    completed = run_contract(sim.url, "--key-file", str(key_file), key=None)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert_no_secret(completed, sim)


def test_refused_key_is_a_usage_error(instance):
    sim = instance(sses=0)
    wrong = "contract-wrong-" + secrets.token_hex(12)
    completed = run_contract(sim.url, key=wrong)
    assert completed.returncode == 2
    assert "refused the application key" in completed.stderr
    assert wrong not in completed.stdout + completed.stderr and KEY not in completed.stdout + completed.stderr


@pytest.mark.parametrize("url", ["ftp://admin.example.com", "https://admin.example.com/ccadmin/v1", "admin.example.com",
                                 "https://admin.example.com?x=1"])
def test_bad_url_is_a_usage_error(url):
    completed = run_contract(url)
    assert completed.returncode == 2
    assert "bad --url" in completed.stderr and "scheme and host only" in completed.stderr
    assert KEY not in completed.stdout + completed.stderr


def test_connection_refused_is_one_clear_line():
    completed = run_contract("http://127.0.0.1:9")
    assert completed.returncode == 2
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and "connection refused" in lines[0] and "--url" in lines[0], completed.stderr
    assert "Traceback" not in completed.stderr


def test_untrusted_certificate_names_ca_path_and_ca_path_fixes_it(instance, tls_material):
    sim = instance(sses=1, certfile=tls_material.cert, keyfile=tls_material.key)
    completed = run_contract(sim.url)
    assert completed.returncode == 2
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and "not trusted" in lines[0] and "--ca-path" in lines[0], completed.stderr

    completed = run_contract(sim.url, "--ca-path", tls_material.ca)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "verified against --ca-path" in completed.stdout
    assert_no_secret(completed, sim)


def test_narrow_terminal_stacks_rows(instance):
    sim = instance()
    completed = run_contract(sim.url, columns=80)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    body = completed.stdout.split("\n\n", 1)[1]
    assert max(len(line) for line in body.splitlines()) <= 80
    for call in CALLS:
        assert re.search(r"^%s  (OK|SKIPPED|INFO)$" % re.escape(call), completed.stdout, re.M), call


def test_script_is_a_wrapper_of_the_collections_check():
    """One implementation: the checking logic is the collection's (plugins/module_utils/_contract), the script only its command line."""
    assert sorted(path.name for path in SCRIPT.glob("*.py")) == ["__main__.py"]
    text = (SCRIPT / "__main__.py").read_text(encoding="utf-8")
    assert "from ansible_collections.commerce.admin.plugins.module_utils._contract import" in text
    assert not re.search(r"^\s*(?:from|import)\s+requests", text, re.M)
