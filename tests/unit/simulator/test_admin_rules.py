# -*- coding: utf-8 -*-
"""Extensions, storefront versions, the fault switches, the command line, TLS and loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest
import requests

from simulator.cli import parser
from simulator.probe import SSE, auth


def test_extension_codes(current_sim):
    sim = current_sim
    headers = auth(sim)
    items = requests.get(sim.url + "/ccadmin/v1/extensions", headers=headers, timeout=10).json()["items"]
    disabled = next(item for item in items if not item["enabled"])["repositoryId"]
    url = sim.url + "/ccadmin/v1/extensions/"
    assert requests.post(url + "nope", json={"op": "activate"}, headers=headers, timeout=10).json()["errorCode"] == "91017"
    assert requests.post(url + disabled, json={"op": "deactivate"}, headers=headers, timeout=10).json()["errorCode"] == "91020"
    assert requests.post(url + disabled, json={"op": "dance"}, headers=headers, timeout=10).status_code == 400
    assert requests.post(url + disabled, json={"op": "activate"}, headers=headers, timeout=10).json() == {
        "success": True, "links": [{"rel": "self", "href": "/ccadmin/v1/extensions/" + disabled}]}
    again = requests.post(url + disabled, json={"op": "activate"}, headers=headers, timeout=10)
    assert again.status_code == 200
    # doc (22A): 91018 "Attempted to delete an active extension."
    assert requests.delete(url + disabled, headers=headers, timeout=10).json() == {
        "errorCode": "91018", "message": "Attempted to delete an active extension.", "status": "400"}


def test_storefront_codes(sim):
    headers = auth(sim)
    base = sim.url + "/ccadmin/v1/jsframeworkadmin"
    bodiless = dict(headers, **{"Content-Length": "0"})
    assert requests.get(base, params={"siteId": "nope"}, headers=headers, timeout=10).json()["errorCode"] == "30105"
    assert requests.get(base, headers=headers, timeout=10).json()["currentVersion"] == "17.1"
    assert requests.post(base + "/rollbackVersion", params={"siteId": "siteNoPrev"}, headers=bodiless, timeout=10).json()["errorCode"] == "30106"
    rolled = requests.post(base + "/rollbackVersion", params={"siteId": "siteUS"}, headers=bodiless, timeout=10).json()
    assert (rolled["success"], rolled["currentVersion"], rolled["previousVersion"]) == (True, "16.6", "16.6")
    again = requests.post(base + "/rollbackVersion", params={"siteId": "siteUS"}, headers=bodiless, timeout=10).json()
    assert again["success"] is True and "already in previous Version" in again["UpgradeMessage"]


def test_fault_status_retry_after_and_html(sim):
    headers = auth(sim)
    sim.faults.add("GET", SSE, "status", times=2, status=503, retry_after=3)
    first = requests.get(sim.url + SSE, headers=headers, timeout=10)
    assert (first.status_code, first.headers["Retry-After"]) == (503, "3")
    assert requests.get(sim.url + SSE, headers=headers, timeout=10).status_code == 503
    assert requests.get(sim.url + SSE, headers=headers, timeout=10).status_code == 200
    sim.faults.add("*", SSE + "*", "status", status=503, html=True)
    assert "Application Unavailable" in requests.get(sim.url + SSE, headers=headers, timeout=10).text


def test_fault_drop_slow_and_expire(sim):
    headers = auth(sim)
    sim.faults.add("GET", SSE, "drop")
    with pytest.raises(requests.ConnectionError):
        requests.get(sim.url + SSE, headers=headers, timeout=10)
    sim.faults.add("GET", SSE, "slow", seconds=0.5)
    with pytest.raises(requests.Timeout):
        requests.get(sim.url + SSE, headers=headers, timeout=0.2)
    sim.faults.add("GET", SSE, "expire_token")
    assert requests.get(sim.url + SSE, headers=headers, timeout=10).status_code == 401
    time.sleep(0.5)  # the slow answer is journaled once it is written, after its sleep
    assert sorted(entry["fault"] for entry in sim.journal if "fault" in entry) == ["drop", "expire_token", "slow"]


def run_cli(tmp_path, *options):
    return subprocess.Popen([sys.executable, "-m", "simulator", "--state-dir", str(tmp_path / "s"), "--port", "0"] + list(options),
                            stdout=subprocess.PIPE, text=True, cwd=str(tmp_path),
                            env={"PYTHONPATH": __file__.rsplit("/unit/", 1)[0], "PATH": "/usr/bin:/bin"})


def test_command_line_start_and_control_plane(tmp_path):
    process = run_cli(tmp_path, "--profile", "legacy", "--restart-seconds", "0.2", "--crash-entry", "boom.js", "--no-links")
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("URL http://127.0.0.1:")
        url = line.split(" ", 1)[1]
        requests.post(url + "/__sim__/faults", json={"method": "GET", "path": SSE, "kind": "status", "status": 500}, timeout=10)
        assert requests.patch(url + "/__sim__/config", json={"page_cap": 1, "success_status": 204}, timeout=10).status_code == 204
        assert requests.patch(url + "/__sim__/config", json={"page_cap": 2, "success_status": 201}, timeout=10).status_code == 400
        assert requests.patch(url + "/__sim__/config", json={"colour": "blue"}, timeout=10).status_code == 400
        assert requests.get(url + SSE, timeout=10).status_code == 500
        journal = requests.get(url + "/__sim__/journal", timeout=10).json()
        assert [(entry["path"], entry["status"]) for entry in journal] == [(SSE, 500)]
        state = requests.get(url + "/__sim__/state", timeout=10).json()
        assert state["restart_count"] == 0 and state["running"] == {"live": {}, "preview": {}}
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0


def test_command_line_help_describes_every_option():
    text = subprocess.run([sys.executable, "-m", "simulator", "--help"], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": __file__.rsplit("/unit/", 1)[0], "PATH": "/usr/bin:/bin"}).stdout
    actions = [action for action in parser()._actions if action.dest != "help"]  # pylint: disable=protected-access
    assert len(actions) >= 25
    for action in actions:
        assert action.help and len(action.help) > 15, "%s has no description" % action.option_strings
        assert all(flag in text for flag in action.option_strings)
        assert " ".join(action.help.split())[:20] in " ".join(text.split())
    for flag in ("--profile", "--reject-entry", "--crash-entry", "--token-ttl", "--login-expires-in", "--success-status", "--absent-delete"):
        assert flag in text


def test_tls_serving_with_private_ca(sim_factory, tls_material):
    sim = sim_factory(certfile=tls_material.cert, keyfile=tls_material.key)
    assert sim.url.startswith("https://")
    with pytest.raises(requests.exceptions.SSLError):
        requests.post(sim.url + "/ccadmin/v1/verify", timeout=10)
    assert requests.post(sim.url + "/ccadmin/v1/verify", verify=tls_material.ca, timeout=10).status_code == 401


def test_port_is_loopback_only(sim):
    host, port = sim.url.split("//")[1].split(":")
    assert host == "127.0.0.1"
    with socket.create_connection((host, int(port)), timeout=5):
        pass
