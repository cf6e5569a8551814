# -*- coding: utf-8 -*-
"""Plain-requests calls to the simulator, independent of the collection's client (for its own tests)."""

from __future__ import annotations

import requests

SSE = "/ccadmin/v1/serverExtensions"


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
