# -*- coding: utf-8 -*-
"""The log endpoints over HTTP: parameters as the record says, JSON or zip, the tail, what restarts log, faults."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
import requests

from simulator.logs import LEAKED_API_KEY
from simulator.probe import auth, restart, upload, wait_final

LOGS = "/ccadminx/custom/v1/logs"
TAIL = LOGS + "/tail"


def today():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")


def get(sim, path, headers, **params):
    return requests.get(sim.url + path, params=params, headers=headers, timeout=10)


def crashed(sim_factory, make_entries_zip, environment="live"):
    """A simulator whose last restart in `environment` FAILED because orders.zip does not start."""
    sim = sim_factory(restart_seconds=0.2, crash_entry="crash.js")
    headers = auth(sim)
    upload(sim, headers, make_entries_zip({"index.js": "x", "crash.js": "boom"}), "orders.zip", restartExtensionServer="false",
           environmentType=environment)
    assert wait_final(sim, headers, restart(sim, headers, environment)) == "FAILED"
    return sim, headers


def test_a_failed_restart_is_explained_in_the_error_tail(sim_factory, make_entries_zip):
    sim, headers = crashed(sim_factory, make_entries_zip)
    answer = get(sim, TAIL, headers, loggingLevel="error", date=today())
    assert answer.status_code == 200 and set(answer.json()) == {"logData"}
    data = answer.json()["logData"]
    assert "Error: Cannot find module" in data and "orders.zip: index.js threw at startup" in data and LEAKED_API_KEY in data
    # the date defaults to today (doc), and the preview environment logged nothing
    assert get(sim, TAIL, headers, loggingLevel="error").json()["logData"] == data
    assert get(sim, TAIL, headers, loggingLevel="error", environmentType="preview").json() == {"logData": ""}


def test_the_whole_log_as_json_and_as_zip(sim_factory, make_entries_zip):
    sim, headers = crashed(sim_factory, make_entries_zip, "preview")
    body = get(sim, LOGS, headers, loggingLevel="error", environmentType="preview").json()
    assert body["filename"] == "%s.error.log" % today() and body["logDate"] == today() and body["loggingLevel"] == "error"
    assert "orders.zip" in body["fileContents"]
    answer = get(sim, LOGS, headers, loggingLevel="error", environmentType="preview", format="zip")
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "application/x-zip-compressed"
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        assert archive.namelist() == ["%s.error.log" % today()]
        assert archive.read(archive.namelist()[0]).decode("utf-8") == body["fileContents"]


def test_a_succeeded_restart_logs_an_info_line(sim_factory):
    sim = sim_factory(restart_seconds=0.2)
    headers = auth(sim)
    work_id = restart(sim, headers)
    assert wait_final(sim, headers, work_id) == "SUCCEEDED"
    assert "Extension server started (restart %s)" % work_id in get(sim, TAIL, headers, loggingLevel="info").json()["logData"]
    assert get(sim, TAIL, headers, loggingLevel="error").json() == {"logData": ""}


@pytest.mark.parametrize("params, says", [
    ({}, "loggingLevel is required"),
    ({"loggingLevel": "fatal"}, "loggingLevel must be one of"),
    ({"loggingLevel": "error", "date": "2026-11-24"}, "date must be YYYYMMDD"),
    ({"loggingLevel": "error", "date": "20261341"}, "date must be YYYYMMDD"),
    ({"loggingLevel": "error", "environmentType": "staging"}, "environmentType must be live or preview"),
])
def test_bad_parameters_are_refused(sim, params, says):
    headers = auth(sim)
    for path in (LOGS, TAIL):
        answer = get(sim, path, headers, **params)
        assert answer.status_code == 400 and says in answer.json()["message"], answer.text


def test_only_under_ccadminx_and_only_with_a_token(sim):
    assert get(sim, TAIL, {}, loggingLevel="error").status_code == 401
    assert get(sim, "/ccadmin/v1/logs/tail", auth(sim), loggingLevel="error").status_code == 404


def test_the_faults_registry_breaks_the_log_endpoints(sim):
    headers = auth(sim)
    sim.faults.add("GET", LOGS + "*", "status", times=None, status=500)
    assert get(sim, TAIL, headers, loggingLevel="error").status_code == 500
    assert get(sim, LOGS, headers, loggingLevel="error").status_code == 500
    sim.faults.clear()
    sim.faults.add("GET", TAIL, "slow", seconds=1.0)
    with pytest.raises(requests.Timeout):
        requests.get(sim.url + TAIL, params={"loggingLevel": "error"}, headers=headers, timeout=0.3)
