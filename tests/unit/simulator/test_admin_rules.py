# -*- coding: utf-8 -*-
"""Restarts and work requests, extensions, storefront versions, and the fault switches."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest
import requests

from simulator.probe import SSE, auth

RESTART = "/ccadminx/custom/v1/servers/restart"
STATUS = "/ccadminx/custom/v1/servers/restartWorkRequestStatus"


def status(sim, headers, work_id):
    return requests.get(sim.url + STATUS, params={"workRequestId": work_id}, headers=headers, timeout=10).json()


def test_restart_needs_json_and_progresses(sim_factory):
    sim = sim_factory(restart_seconds=0.5)
    headers = auth(sim)
    assert requests.post(sim.url + RESTART, headers=headers, data=b"x", timeout=10).status_code == 415
    answer = requests.post(sim.url + RESTART, params={"trackProgress": "true"}, json={}, headers=headers, timeout=10)
    assert answer.status_code == 202
    work_id = answer.json()["workRequestId"]
    assert status(sim, headers, work_id)["message"] in ("ACCEPTED.", "IN_PROGRESS.")
    joined = requests.post(sim.url + "/ccadmin/v1/servers/restart", params={"trackProgress": "true"}, json={}, headers=headers, timeout=10)
    assert joined.json()["workRequestId"] == work_id and sim.restart_count == 1
    time.sleep(0.6)
    final = status(sim, headers, work_id)
    assert (final["message"], final["completionPercentage"]) == ("SUCCEEDED.", 100)
    sim.config.status_period = False
    assert status(sim, headers, work_id)["message"] == "SUCCEEDED"
    assert requests.post(sim.url + RESTART, json={}, headers=headers, timeout=10).status_code == 204


@pytest.mark.parametrize("outcome,final", [("fail", "FAILED."), ("cancel", "CANCELED."), ("hang", "IN_PROGRESS.")])
def test_restart_outcomes(sim_factory, outcome, final):
    sim = sim_factory(restart_seconds=0.2)
    sim.config.restart_outcome = outcome
    headers = auth(sim)
    work_id = requests.post(sim.url + RESTART, params={"trackProgress": "true"}, json={}, headers=headers, timeout=10).json()["workRequestId"]
    time.sleep(0.4)
    assert status(sim, headers, work_id)["message"] == final


def test_status_errors(sim):
    headers = auth(sim)
    assert requests.get(sim.url + STATUS, headers=headers, timeout=10).json()["errorCode"] == "14002"
    assert status(sim, headers, "unknown")["errorCode"] == "14000"


def test_extension_codes(sim):
    headers = auth(sim)
    items = requests.get(sim.url + "/ccadmin/v1/extensions", headers=headers, timeout=10).json()["items"]
    disabled = next(item for item in items if not item["enabled"])["repositoryId"]
    url = sim.url + "/ccadmin/v1/extensions/"
    assert requests.post(url + "nope", json={"op": "activate"}, headers=headers, timeout=10).json()["errorCode"] == "91017"
    assert requests.post(url + disabled, json={"op": "deactivate"}, headers=headers, timeout=10).json()["errorCode"] == "91020"
    assert requests.post(url + disabled, json={"op": "dance"}, headers=headers, timeout=10).status_code == 400
    assert requests.post(url + disabled, json={"op": "activate"}, headers=headers, timeout=10).json()["success"] is True
    again = requests.post(url + disabled, json={"op": "activate"}, headers=headers, timeout=10)
    assert again.status_code == 200
    assert requests.delete(url + disabled, headers=headers, timeout=10).json()["errorCode"] == "91004"


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


def test_command_line_start_and_control_plane(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "simulator", "--state-dir", str(tmp_path / "s"), "--port", "0"],
                               stdout=subprocess.PIPE, text=True, cwd=str(tmp_path),
                               env={"PYTHONPATH": __file__.rsplit("/unit/", 1)[0], "PATH": "/usr/bin:/bin"})
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("URL http://127.0.0.1:")
        url = line.split(" ", 1)[1]
        requests.post(url + "/__sim__/faults", json={"method": "GET", "path": SSE, "kind": "status", "status": 500}, timeout=10)
        requests.patch(url + "/__sim__/config", json={"page_cap": 1}, timeout=10)
        assert requests.get(url + SSE, timeout=10).status_code == 500
        journal = requests.get(url + "/__sim__/journal", timeout=10).json()
        assert [(entry["path"], entry["status"]) for entry in journal] == [(SSE, 500)]
        assert requests.get(url + "/__sim__/state", timeout=10).json()["restart_count"] == 0
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0


def test_tls_serving_with_private_ca(sim_factory, tls_material):
    sim = sim_factory(certfile=tls_material.cert, keyfile=tls_material.key)
    assert sim.url.startswith("https://")
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(sim.url + "/ccadmin/v1/verify", timeout=10)
    assert requests.get(sim.url + "/ccadmin/v1/verify", verify=tls_material.ca, timeout=10).status_code == 401


def test_port_is_loopback_only(sim):
    host, port = sim.url.split("//")[1].split(":")
    assert host == "127.0.0.1"
    with socket.create_connection((host, int(port)), timeout=5):
        pass
