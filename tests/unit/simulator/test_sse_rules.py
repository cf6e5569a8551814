# -*- coding: utf-8 -*-
"""SSE files: paging, checksums, download, delete and deleteFiles by profile."""

from __future__ import annotations

import pytest
import requests

from simulator.probe import SSE, auth, upload

EMPTY_ZIP = b"PK\x05\x06" + bytes(18)


def test_paging_with_a_page_cap(sim_factory):
    sim = sim_factory(page_cap=2, links=True)
    for index in range(5):
        sim.put_sse("f%d.zip" % index, EMPTY_ZIP)
    headers = auth(sim)
    page = requests.get(sim.url + SSE, params={"limit": 250}, headers=headers, timeout=10).json()
    assert [item["name"] for item in page["items"]] == ["f0.zip", "f1.zip"]
    assert page["totalResults"] == 5 and page["offset"] == 0
    assert {link["rel"] for link in page["links"]} == {"self", "next"}
    last = requests.get(sim.url + SSE, params={"offset": 4}, headers=headers, timeout=10).json()
    assert [item["name"] for item in last["items"]] == ["f4.zip"]
    assert "next" not in {link["rel"] for link in last["links"]}
    assert requests.get(sim.url + SSE, params={"q": "name eq x"}, headers=headers, timeout=10).json()["errorCode"] == "33108"


def test_filter_and_item_shape(current_sim):
    sim = current_sim
    sim.put_sse("orders.zip", EMPTY_ZIP)
    sim.put_sse("reviews.zip", b"PK\x05\x06" + bytes(19))
    items = requests.get(sim.url + SSE, params={"filter": "ord"}, headers=auth(sim), timeout=10).json()["items"]
    assert len(items) == 1
    item = items[0]
    assert set(item) == {"name", "path", "size", "lastModified", "checksum", "repositoryId", "type", "metadata"}
    assert item["path"] == "/serverExtensions/orders.zip" and item["size"] == 22
    assert isinstance(item["checksum"], float) and item["lastModified"].endswith("Z")


def test_checksum_is_stable_for_content_and_can_be_an_integer(sim):
    sim.put_sse("a.zip", EMPTY_ZIP)
    sim.put_sse("b.zip", EMPTY_ZIP)
    sim.put_sse("c.zip", b"PK\x05\x06" + bytes(19))
    headers = auth(sim)
    items = {item["name"]: item["checksum"] for item in requests.get(sim.url + SSE, headers=headers, timeout=10).json()["items"]}
    assert items["a.zip"] == items["b.zip"] != items["c.zip"]
    sim.config.checksum_format = "int"
    items = requests.get(sim.url + SSE, headers=headers, timeout=10).json()["items"]
    assert all(isinstance(item["checksum"], int) for item in items)


def test_download_answers_the_recorded_type(sim, make_zip):
    headers = auth(sim)
    upload(sim, headers, make_zip(size=30000, seed=4), "a.zip", restartExtensionServer="false")
    download = requests.get(sim.url + SSE + "/a.zip", headers=headers, timeout=10)
    assert download.headers["Content-Type"] == "application/x-zip-compressed" and download.content == sim.sse_bytes("a.zip")
    assert requests.get(sim.url + SSE + "/nope.zip", headers=headers, timeout=10).status_code == 404


def test_delete_answers(current_sim):
    sim, headers = current_sim, auth(current_sim)
    for name in ("a.zip", "b.zip", "c.zip"):
        sim.put_sse(name, EMPTY_ZIP)
    assert requests.delete(sim.url + SSE + "/a.zip", headers=headers, timeout=10).status_code == 204
    tracked = requests.delete(sim.url + SSE + "/b.zip", params={"trackProgress": "true"}, headers=headers, timeout=10)
    assert tracked.status_code == 202 and set(tracked.json()) == {"message", "workRequestId"}
    # nothing restarts, so there is no work request to report
    untracked = requests.delete(sim.url + SSE + "/c.zip", params={"trackProgress": "true", "restartExtensionServer": "false"},
                                headers=headers, timeout=10)
    assert untracked.status_code == 204 and sim.sse_names() == [] and sim.restart_count == 1  # b.zip joined a.zip's restart


@pytest.mark.parametrize("setting,status,code", [("404", 404, "33116"), ("33115", 400, "33115")])
def test_delete_of_an_absent_file(sim_factory, setting, status, code):
    sim = sim_factory(absent_delete=setting)
    answer = requests.delete(sim.url + SSE + "/gone.zip", headers=auth(sim), timeout=10)
    assert (answer.status_code, answer.json()["errorCode"]) == (status, code)


def test_absent_delete_follows_the_profile(legacy_sim):
    answer = requests.delete(legacy_sim.url + SSE + "/gone.zip", headers=auth(legacy_sim), timeout=10)
    assert (answer.status_code, answer.json()["errorCode"], answer.json()["message"]) == (400, "33115", "File could not be deleted.")


def test_delete_files_codes_and_partial_failure(sim):
    headers = auth(sim)
    url = sim.url + SSE + "/deleteFiles"
    assert requests.post(url, json={}, headers=headers, timeout=10).json()["errorCode"] == "100301"
    assert requests.post(url, json={"paths": []}, headers=headers, timeout=10).json()["errorCode"] == "100302"
    for name in ("a.zip", "b.zip", "c.zip"):
        sim.put_sse(name, EMPTY_ZIP)
    sim.config.undeletable = {"b.zip"}
    answer = requests.post(url, json={"paths": ["/a.zip", "b.zip", "/c.zip"]}, headers=headers, timeout=10).json()
    assert answer["errorCode"] == "100307"
    assert [(error["errorCode"], error["o:errorPath"]) for error in answer["errors"]] == [("33115", "b.zip")]
    assert sim.sse_names() == ["b.zip"]


def test_delete_files_accepts_the_three_path_forms(sim):
    headers = auth(sim)
    for name in ("a.zip", "b.zip", "c d.zip"):
        sim.put_sse(name, EMPTY_ZIP)
    answer = requests.post(sim.url + SSE + "/deleteFiles", params={"restartExtensionServer": "false"},
                           json={"paths": ["/a.zip", "b.zip", "/serverExtensions/c%20d.zip"]}, headers=headers, timeout=10)
    assert answer.status_code in (200, 204) and sim.sse_names() == [] and sim.restart_count == 0


def test_preview_files_are_listed_apart(sim):
    headers = auth(sim)
    sim.put_sse("p.zip", EMPTY_ZIP, environment="preview")
    assert requests.get(sim.url + SSE, params={"environmentType": "preview"}, headers=headers, timeout=10).json()["totalResults"] == 1
    assert requests.get(sim.url + SSE, headers=headers, timeout=10).json()["totalResults"] == 0
    assert requests.get(sim.url + SSE, params={"environmentType": "staging"}, headers=headers, timeout=10).status_code == 400


@pytest.mark.parametrize("path", ["/serverExtensions/a.zip", "serverExtensions/a.zip", "/a.zip"])
def test_single_delete_takes_the_listing_path_as_delete_files_does(sim, path):
    """seen: clients DELETE SSE + "/" + item["path"]; the doubled slash and the folder are taken as the bare name."""
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    listed = requests.get(sim.url + SSE, headers=auth(sim), timeout=10).json()["items"][0]["path"]
    assert listed == "/serverExtensions/a.zip"
    answer = requests.delete(sim.url + SSE + "/" + path, params={"restartExtensionServer": "false"}, headers=auth(sim), timeout=10)
    assert answer.status_code in (200, 204) and sim.sse_names() == []
