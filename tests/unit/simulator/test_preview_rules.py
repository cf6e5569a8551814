# -*- coding: utf-8 -*-
"""The preview environment: its status, enabling it, promoteFiles rules and the promoteStatus shape."""

from __future__ import annotations

import time

import pytest
import requests

from simulator.probe import SSE, auth, status, wait_final

PREVIEW = SSE + "/preview"
PROMOTE = SSE + "/promoteFiles"
PROMOTE_STATUS = SSE + "/promoteStatus"
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)


def promote(sim, headers, body):
    return requests.post(sim.url + PROMOTE, json=body, headers=headers, timeout=10)


def promote_status(sim, headers):
    return requests.get(sim.url + PROMOTE_STATUS, headers=headers, timeout=10).json()


def wait_completed(sim, headers, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = promote_status(sim, headers)
        if body["state"] == "completed":
            return body
        time.sleep(0.05)
    raise AssertionError("the promotion did not complete")


def test_preview_status_and_enable_needs_the_documented_body(sim_factory):
    sim = sim_factory(preview_enabled=False, links=True)
    headers = auth(sim)
    body = requests.get(sim.url + PREVIEW, headers=headers, timeout=10).json()
    assert (body["previewEnabled"], body["progress"]) == (False, "none") and body["message"] and body["links"]
    for wrong in ({}, {"enable": False}, {"enable": "true"}):
        answer = requests.post(sim.url + PREVIEW + "/enable", json=wrong, headers=headers, timeout=10)
        assert (answer.status_code, answer.json()["errorCode"]) == (400, "13014")
    bodiless = requests.post(sim.url + PREVIEW + "/enable", headers=dict(headers, **{"Content-Length": "0"}), timeout=10)
    assert bodiless.json()["errorCode"] == "13014" and sim.config.preview_enabled is False
    enabled = requests.post(sim.url + PREVIEW + "/enable", json={"enable": True}, headers=headers, timeout=10).json()
    assert (enabled["previewEnabled"], enabled["progress"]) == (True, "provisioning_complete")
    assert requests.get(sim.url + PREVIEW, headers=headers, timeout=10).json()["previewEnabled"] is True


def test_promote_files_needs_bare_names_of_preview_files(sim_factory):
    sim = sim_factory(preview_enabled=False)
    headers = auth(sim)
    sim.put_sse("p.zip", EMPTY_ZIP, environment="preview")
    assert promote(sim, headers, {"paths": ["p.zip"]}).json()["errorCode"] == "100323"
    sim.config.preview_enabled = True
    for body, code in (({}, "100327"), ({"paths": None}, "100327"), ({"paths": []}, "100328"), ({"paths": ["/p.zip"]}, "160004"),
                       ({"paths": ["/serverExtensions/p.zip"]}, "160004"), ({"paths": ["nope.zip"]}, "160004")):
        answer = promote(sim, headers, body)
        assert (answer.status_code, answer.json()["errorCode"]) == (400, code), body
    assert answer.json()["message"] == "Invalid shared directory path."
    assert sim.sse_names() == [] and promote_status(sim, headers)["extensions"] == []


@pytest.mark.parametrize("profile,field", [("current", "promotePhaseRolledBack"), ("legacy", "isPromotePhaseRolledBack")])
def test_promotion_succeeds_copies_to_live_and_restarts(sim_factory, profile, field):
    sim = sim_factory(profile=profile, promote_seconds=0.4, restart_seconds=0.2)
    headers = auth(sim)
    sim.put_sse("p.zip", EMPTY_ZIP, environment="preview")
    before = promote_status(sim, headers)
    assert before == dict({"state": "completed", "success": True, "extensions": [], "failedExtensions": [], "lastSuccessfulPhase": "none",
                           field: False}, **({"links": [{"rel": "self", "href": PROMOTE_STATUS}]} if profile == "current" else {}))
    started = promote(sim, headers, {"paths": ["p.zip"]})
    assert started.status_code == 202 and started.json()["promoteInitiated"] is True
    assert ("links" in started.json()) is (profile == "current")
    running = promote_status(sim, headers)
    assert (running["state"], running["success"], running["extensions"]) == ("in-progress", False, ["p.zip"])
    assert promote(sim, headers, {"paths": ["p.zip"]}).json()["errorCode"] == "100329"
    done = wait_completed(sim, headers)
    assert (done["success"], done["extensions"], done["failedExtensions"], done["lastSuccessfulPhase"], done[field]) == (
        True, ["p.zip"], [], "post-promote", False)
    assert sim.sse_bytes("p.zip") == EMPTY_ZIP and sim.running_names() == []
    assert wait_final(sim, headers, done["workRequestId"]) == "SUCCEEDED"
    assert sim.running_names() == ["p.zip"] and sim.work_requests[done["workRequestId"]]["environment"] == "live"
    assert status(sim, headers, done["workRequestId"])["completionPercentage"] == 100


def test_a_failed_promotion_rolls_back_and_leaves_live_alone(sim_factory):
    sim = sim_factory(profile="current", promote_seconds=0.2, promote_outcome="fail")
    headers = auth(sim)
    sim.put_sse("p.zip", EMPTY_ZIP, environment="preview")
    sim.put_sse("q.zip", EMPTY_ZIP, environment="preview")
    assert promote(sim, headers, {"paths": ["p.zip", "q.zip"]}).status_code == 202
    done = wait_completed(sim, headers)
    assert (done["success"], done["failedExtensions"], done["lastSuccessfulPhase"], done["promotePhaseRolledBack"]) == (
        False, ["p.zip", "q.zip"], "pre-promote", True)
    assert "workRequestId" not in done and sim.sse_names() == [] and sim.restart_count == 0


def test_a_promotion_lands_without_anyone_polling(sim_factory):
    sim = sim_factory(promote_seconds=0.2)
    headers = auth(sim)
    sim.put_sse("p.zip", EMPTY_ZIP, environment="preview")
    assert promote(sim, headers, {"paths": ["p.zip"]}).status_code == 202
    time.sleep(0.4)
    assert "p.zip" in sim.store.sses["live"]  # the timer settled it: no read came first
