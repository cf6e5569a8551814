# -*- coding: utf-8 -*-
"""handlers_publish.py over HTTP: what makes a change pending, POST /publish, its status, the paged changes."""

from __future__ import annotations

import time

import requests

from simulator.probe import auth

PUBLISH = "/ccadmin/v1/publish"
SETTINGS = {"values": [{"name": "apiUrl", "required": True, "defaultValue": "https://a"}]}


def changes(sim, headers, **params):
    answer = requests.get(sim.url + PUBLISH + "/changes", params=params, headers=headers, timeout=10)
    assert answer.status_code == 200
    return answer.json()


def status(sim, headers):
    return requests.get(sim.url + PUBLISH, params={"lastPublished": "true"}, headers=headers, timeout=10).json()


def test_installs_activations_and_settings_writes_are_pending(sim, make_extension_zip):
    headers = auth(sim)
    assert changes(sim, headers)["items"] == []
    ident = sim.generate_extension_id()
    sim.install_extension(make_extension_zip(ident, settings={"gw": SETTINGS}), "gw.zip", enabled=False)
    assert requests.post(sim.url + "/ccadmin/v1/extensions/" + ident, json={"op": "activate"}, headers=headers, timeout=10).ok
    put = requests.put(sim.url + "/ccadmin/v1/sitesettings/gw", json={"apiUrl": "https://b"},
                       headers=dict(headers, **{"x-ccsite": "siteUS"}), timeout=10)
    assert put.ok
    body = changes(sim, headers)
    assert body["totalResults"] == 2 and [(item["assetType"], item["assetId"]) for item in body["items"]] == [
        ("extension", ident), ("siteSettings", "gw@siteUS")]
    page = changes(sim, headers, offset=1, limit=1)
    assert page["offset"] == 1 and [item["assetId"] for item in page["items"]] == ["gw@siteUS"]


def test_a_publish_runs_then_clears_what_was_pending(sim_factory):
    sim = sim_factory(publish_seconds=0.3)
    headers = auth(sim)
    assert requests.post(sim.url + PUBLISH, json={}, headers=headers, timeout=10).json() == {
        "publishRunning": False, "statusMessage": "There are no changes to publish."}
    assert sim.publish_count == 0
    sim.note_publishable_change("extension", "e1")
    started = requests.post(sim.url + PUBLISH, json={}, headers=headers, timeout=10).json()
    assert started["publishRunning"] is True
    again = requests.post(sim.url + PUBLISH, json={}, headers=headers, timeout=10).json()
    assert again == {"publishRunning": True, "statusMessage": "A publish is already running."} and sim.publish_count == 1
    running = status(sim, headers)
    assert running["publishRunning"] is True and running["numberOfChanges"] == 1 and running["publishId"]
    time.sleep(0.35)
    done = status(sim, headers)
    assert done["publishRunning"] is False and done["errorMessage"] == "" and done["publishId"] == running["publishId"]
    assert changes(sim, headers)["items"] == [] and sim.pending_changes == []


def test_a_failing_publish_reports_its_phase(sim_factory):
    sim = sim_factory(publish_seconds=0.1, publish_outcome="fail")
    headers = auth(sim)
    sim.note_publishable_change("siteSettings", "gw@siteUS")
    requests.post(sim.url + PUBLISH, json={}, headers=headers, timeout=10)
    time.sleep(0.15)
    body = status(sim, headers)
    assert body["errorPhase"] == 420 and body["errorMessage"] and body["publishRunning"] is False
    assert len(changes(sim, headers)["items"]) == 1


def test_the_publish_body_must_be_json(sim):
    headers = auth(sim)
    assert requests.post(sim.url + PUBLISH, data="x", headers=headers, timeout=10).status_code == 400
    assert requests.get(sim.url + PUBLISH + "/changes", params={"limit": "x"}, headers=headers, timeout=10).status_code == 400
