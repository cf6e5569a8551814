# -*- coding: utf-8 -*-
"""Plain-requests calls to the simulator, independent of the collection's client (for its own tests)."""

from __future__ import annotations

import time

import requests

SSE = "/ccadmin/v1/serverExtensions"
RESTART = "/ccadminx/custom/v1/servers/restart"
STATUS = "/ccadminx/custom/v1/servers/restartWorkRequestStatus"
FINAL = ("SUCCEEDED", "FAILED", "CANCELED")


def token(sim):
    answer = requests.post(sim.url + "/ccadmin/v1/login", data={"grant_type": "client_credentials"},
                           headers={"Authorization": "Bearer " + sim.app_key}, timeout=10, verify=False)
    answer.raise_for_status()
    return answer.json()["access_token"]


def auth(sim):
    return {"Authorization": "Bearer " + token(sim)}


def upload(sim, headers, path, name, **fields):
    data = {"filename": name, "uploadType": "extensions"}
    data.update(fields)
    with open(path, "rb") as handle:
        return requests.post(sim.url + SSE, headers=headers, files={"fileUpload": (name, handle, "application/zip")}, data=data, timeout=30)


def restart(sim, headers, environment="live"):
    """Start (or join) a tracked restart; the work request id."""
    answer = requests.post(sim.url + RESTART, params={"trackProgress": "true"}, json={"environmentType": environment},
                           headers=headers, timeout=10)
    assert answer.status_code == 202, answer.text
    return answer.json()["workRequestId"]


def status(sim, headers, work_id):
    return requests.get(sim.url + STATUS, params={"workRequestId": work_id}, headers=headers, timeout=10).json()


def wait_final(sim, headers, work_id, timeout=10.0):
    """Poll the work request until it ends; its final message without the period."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = status(sim, headers, work_id)["message"].rstrip(".")
        if message in FINAL:
            return message
        time.sleep(0.05)
    raise AssertionError("work request %s did not end within %g s" % (work_id, timeout))
