# -*- coding: utf-8 -*-
"""Extension IDs (handlers_extension_ids.py): /extensions/id, /applicationIds, inUse, and instances without /extensions/id."""

from __future__ import annotations

import requests

from simulator.probe import auth

IDS = "/ccadmin/v1/applicationIds"
NEW_ID = "/ccadmin/v1/extensions/id"
NOT_FOUND = {"message": "HTTP 404 not found", "type": "HTTP://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4", "status": "404"}


def test_extensions_id_generates_an_id_and_is_not_process_extension(current_sim):
    sim = current_sim
    headers = dict(auth(sim), **{"X-CCProfileType": "applicationAccess", "X-CCAsset-Language": "en"})
    answer = requests.post(sim.url + NEW_ID, json={"name": "My ext requested on 2026-01-01", "type": "extension"}, headers=headers, timeout=10)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"id", "repositoryId"} and body["id"] == body["repositoryId"]
    listed = requests.get(sim.url + IDS, params={"type": "extension"}, headers=headers, timeout=10).json()["items"]
    mine = [item for item in listed if item["id"] == body["id"]]
    assert mine and mine[0]["inUse"] is False and mine[0]["name"] == "My ext requested on 2026-01-01"
    assert {"repositoryId", "name", "type", "inUse", "external", "creationTime", "createdBy"} <= set(mine[0])


def test_extensions_id_rules(current_sim):
    sim = current_sim
    headers = auth(sim)
    assert requests.post(sim.url + NEW_ID, json={"type": "extension"}, headers=headers, timeout=10).json()["errorCode"] == "13014"
    assert requests.post(sim.url + NEW_ID, json={"name": "x", "type": "application"}, headers=headers, timeout=10).status_code == 400
    assert requests.post(sim.url + NEW_ID, data="name=x", headers=headers, timeout=10).status_code == 415


def test_instance_without_extensions_id_answers_404(sim_factory):
    sim = sim_factory(extension_id_endpoint=False)
    headers = auth(sim)
    answer = requests.post(sim.url + NEW_ID, json={"name": "x", "type": "extension"}, headers=headers, timeout=10)
    assert answer.status_code == 404 and answer.json() == NOT_FOUND
    # the fallback works
    created = requests.post(sim.url + IDS, json={"name": "x", "type": "extension"}, headers=headers, timeout=10)
    assert created.status_code == 200 and created.json()["type"] == "extension" and created.json()["inUse"] is False


def test_legacy_profile_lacks_extensions_id_and_lists_a_bare_array(legacy_sim):
    headers = auth(legacy_sim)
    assert requests.post(legacy_sim.url + NEW_ID, json={"name": "x", "type": "extension"}, headers=headers, timeout=10).status_code == 404
    listed = requests.get(legacy_sim.url + IDS, params={"type": "extension"}, headers=headers, timeout=10).json()
    assert isinstance(listed, list) and listed


def test_application_ids_create_get_delete(current_sim):
    sim = current_sim
    headers = auth(sim)
    assert requests.post(sim.url + IDS, json={"name": "x"}, headers=headers, timeout=10).json()["errorCode"] == "13014"
    assert requests.post(sim.url + IDS, json={"type": "extension"}, headers=headers, timeout=10).json()["errorCode"] == "13014"
    assert requests.post(sim.url + IDS, json={"name": "x", "type": "widget"}, headers=headers, timeout=10).status_code == 400
    app = requests.post(sim.url + IDS, json={"name": "ci key", "type": "application", "lifetimeDays": 30}, headers=headers, timeout=10).json()
    assert app["token"] and app["type"] == "application"
    ext = requests.post(sim.url + IDS, json={"name": "ext", "type": "extension"}, headers=headers, timeout=10).json()
    assert "token" not in ext and ext["id"] == ext["repositoryId"]
    assert {"firstName", "lastName", "repositoryId", "id"} <= set(ext["createdBy"])
    one = requests.get(sim.url + IDS + "/" + ext["id"], params={"type": "extension"}, headers=headers, timeout=10)
    assert one.status_code == 200 and one.json()["inUse"] is False
    assert requests.get(sim.url + IDS + "/" + ext["id"], headers=headers, timeout=10).status_code == 400  # doc: type required
    assert requests.get(sim.url + IDS + "/" + ext["id"], params={"type": "application"}, headers=headers, timeout=10).status_code == 404
    every = requests.get(sim.url + IDS, headers=headers, timeout=10).json()["items"]
    assert {item["type"] for item in every} == {"application", "extension"} and all("token" not in item for item in every)
    only = requests.get(sim.url + IDS, params={"type": "application"}, headers=headers, timeout=10).json()["items"]
    assert [item["id"] for item in only] == [app["id"]]
    deleted = requests.delete(sim.url + IDS + "/" + ext["id"], params={"type": "extension"}, headers=headers, timeout=10)
    assert deleted.status_code == 200 and deleted.content == b""
    assert requests.get(sim.url + IDS + "/" + ext["id"], params={"type": "extension"}, headers=headers, timeout=10).status_code == 404


def test_seeded_extensions_have_ids_in_use(current_sim):
    listed = requests.get(current_sim.url + IDS, params={"type": "extension"}, headers=auth(current_sim), timeout=10).json()["items"]
    seeded = {item["id"]: item["inUse"] for item in listed}
    assert seeded["ext-widget-0001"] is True and seeded["ext-payments-0002"] is True


def test_control_plane_generates_ids(sim):
    made = requests.post(sim.url + "/__sim__/extension-ids", json={"name": "from a test"}, timeout=10).json()
    assert made["type"] == "extension" and made["inUse"] is False
    assert any(item["id"] == made["id"] for item in sim.extension_state["extension_ids"])
    assert sim.generate_extension_id("helper") != made["id"]
