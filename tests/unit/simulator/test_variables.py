# -*- coding: utf-8 -*-
"""SSE environment variables (handlers_variables.py, variables.py) and what the running servers see (push, restarts)."""

from __future__ import annotations

import time

import requests

from simulator.probe import FINAL, RESTART, STATUS, auth

URL = "/ccadmin/v1/extensionEnvironmentVariables"
PUSH = "/ccadminx/custom/v1/servers/push"
FIELDS = {"id", "name", "value", "creationTime", "modificationTime", "createdBy", "lastModifiedBy"}


def listing(sim, headers, **params):
    answer = requests.get(sim.url + URL, params=params, headers=headers, timeout=10)
    assert answer.status_code == 200
    return answer.json()


def wait_for(sim, headers, work_id):
    for dummy in range(200):
        message = requests.get(sim.url + STATUS, params={"workRequestId": work_id}, headers=headers, timeout=10).json()["message"]
        if message.rstrip(".") in FINAL:
            return message.rstrip(".")
        time.sleep(0.05)
    raise AssertionError("the restart did not end")


def test_create_update_delete_and_duplicates(current_sim):
    sim = current_sim
    headers = auth(sim)
    first = requests.post(sim.url + URL, json={"name": "API_URL", "value": "https://a"}, headers=headers, timeout=10)
    assert first.status_code == 200
    item = first.json()
    assert FIELDS | {"previewValue"} == set(item) and item["name"] == "API_URL" and item["value"] == "https://a"
    twin = requests.post(sim.url + URL, json={"name": "API_URL", "value": "https://b"}, headers=headers, timeout=10).json()
    assert twin["id"] != item["id"]  # duplicate names are allowed
    assert [(entry["name"], entry["value"]) for entry in listing(sim, headers)["items"]] == [("API_URL", "https://a"), ("API_URL", "https://b")]
    put = requests.put(sim.url + URL + "/" + item["id"], json={"name": "API_URL", "value": "https://c"}, headers=headers, timeout=10)
    assert put.status_code == 200 and put.json()["value"] == "https://c" and put.json()["modificationTime"] >= item["modificationTime"]
    gone = requests.delete(sim.url + URL + "/" + twin["id"], headers=headers, timeout=10)
    assert gone.status_code == 200 and gone.json() is None
    # doc: deleting an absent id succeeds the same way
    again = requests.delete(sim.url + URL + "/" + twin["id"], headers=headers, timeout=10)
    assert again.status_code == 200 and again.json() is None
    assert [entry["id"] for entry in sim.variables] == [item["id"]]


def test_legacy_items_have_no_preview_value(legacy_sim):
    sim = legacy_sim
    sim.put_variable("A", "1")
    items = listing(sim, auth(sim))["items"]
    assert set(items[0]) == FIELDS
    assert "links" in listing(sim, auth(sim))  # the record shows links for this listing on every page it cites


def test_paging_follows_links_without_total_results(sim_factory):
    sim = sim_factory(page_cap=2)
    for index in range(5):
        sim.put_variable("V%d" % index, "x")
    headers = auth(sim)
    first = listing(sim, headers, limit=10)
    assert "totalResults" not in first and len(first["items"]) == 2
    assert [link["rel"] for link in first["links"]] == ["self", "next"]
    names = []
    offset = 0
    while True:
        page = listing(sim, headers, offset=offset, limit=10)
        names += [item["name"] for item in page["items"]]
        nexts = [link for link in page["links"] if link["rel"] == "next"]
        if not nexts:
            break
        offset += len(page["items"])
    assert names == ["V0", "V1", "V2", "V3", "V4"]
    assert requests.get(sim.url + URL, params={"offset": "x"}, headers=headers, timeout=10).json()["errorCode"] == "13014"


def test_bad_bodies_and_unknown_ids(sim):
    headers = auth(sim)
    missing = requests.post(sim.url + URL, json={"value": "secret-value-1"}, headers=headers, timeout=10)
    assert missing.status_code == 400 and missing.json()["errorCode"] == "13014"
    number = requests.post(sim.url + URL, json={"name": "N", "value": 3}, headers=headers, timeout=10)
    assert number.status_code == 400 and number.json()["message"] == "Missing required property: value (a string)"
    unknown = requests.put(sim.url + URL + "/nope", json={"name": "N", "value": "secret-value-2"}, headers=headers, timeout=10)
    assert unknown.status_code == 404 and "secret-value-2" not in unknown.text
    assert requests.get(sim.url + URL, timeout=10).status_code == 401


def test_push_makes_every_running_server_see_the_current_values(sim):
    headers = auth(sim)
    sim.put_variable("A", "one")
    assert sim.running_variables() == {} and sim.running_variables("preview") == {}
    answer = requests.post(sim.url + PUSH, headers=headers, timeout=10)  # seen: sent without a body
    assert answer.status_code == 204
    assert sim.running_variables() == {"A": "one"} and sim.running_variables("preview") == {"A": "one"}
    state = requests.get(sim.url + "/__sim__/state", timeout=10).json()
    assert state["running_variables"]["live"] == {"A": "one"} and state["push_count"] == 1
    assert [item["name"] for item in state["variables"]] == ["A"]


def test_the_last_created_of_a_duplicated_name_wins(sim):
    sim.put_variable("A", "old")
    sim.put_variable("A", "new")
    requests.post(sim.url + PUSH, headers=auth(sim), timeout=10)
    assert sim.running_variables() == {"A": "new"}


def test_a_succeeded_restart_loads_the_values_of_its_start(sim):
    headers = auth(sim)
    sim.put_variable("A", "one")
    work_id = requests.post(sim.url + RESTART, params={"trackProgress": "true"}, json={}, headers=headers, timeout=10).json()["workRequestId"]
    sim.put_variable("B", "later")  # stored after the restart started: not loaded by it
    assert wait_for(sim, headers, work_id) == "SUCCEEDED"
    assert sim.running_variables() == {"A": "one"}
    assert sim.running_variables("preview") == {}  # another environment's server was not restarted


def test_a_failed_restart_leaves_what_the_server_sees(sim):
    headers = auth(sim)
    sim.put_variable("A", "one")
    requests.post(sim.url + PUSH, headers=headers, timeout=10)
    sim.put_variable("B", "two")
    requests.patch(sim.url + "/__sim__/config", json={"restart_outcome": "fail"}, timeout=10)
    work_id = requests.post(sim.url + RESTART, params={"trackProgress": "true"}, json={}, headers=headers, timeout=10).json()["workRequestId"]
    assert wait_for(sim, headers, work_id) == "FAILED"
    assert sim.running_variables() == {"A": "one"}
