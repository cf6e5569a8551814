# -*- coding: utf-8 -*-
"""SSE endpoints: paging, checksums, upload rejections, download, delete, deleteFiles, promotion."""

from __future__ import annotations

import time

import pytest
import requests

from simulator.probe import SSE, auth, upload


def test_paging_with_a_page_cap(sim_factory):
    sim = sim_factory(page_cap=2)
    for index in range(5):
        sim.put_sse("f%d.zip" % index, b"PK\x05\x06" + bytes(18))
    headers = auth(sim)
    page = requests.get(sim.url + SSE, params={"limit": 250}, headers=headers, timeout=10).json()
    assert [item["name"] for item in page["items"]] == ["f0.zip", "f1.zip"]
    assert page["totalResults"] == 5 and page["offset"] == 0
    assert {link["rel"] for link in page["links"]} == {"self", "next"}
    last = requests.get(sim.url + SSE, params={"offset": 4}, headers=headers, timeout=10).json()
    assert [item["name"] for item in last["items"]] == ["f4.zip"]
    assert "next" not in {link["rel"] for link in last["links"]}


def test_filter_and_item_shape(sim):
    sim.put_sse("orders.zip", b"PK\x05\x06" + bytes(18))
    sim.put_sse("reviews.zip", b"PK\x05\x06" + bytes(19))
    items = requests.get(sim.url + SSE, params={"filter": "ord"}, headers=auth(sim), timeout=10).json()["items"]
    assert len(items) == 1
    item = items[0]
    assert set(item) == {"name", "path", "size", "lastModified", "checksum", "repositoryId", "type", "metadata"}
    assert item["path"] == "/serverExtensions/orders.zip" and item["size"] == 22
    assert isinstance(item["checksum"], float) and item["lastModified"].endswith("Z")


def test_checksum_is_stable_for_content_and_can_be_an_integer(sim):
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    sim.put_sse("b.zip", b"PK\x05\x06" + bytes(18))
    sim.put_sse("c.zip", b"PK\x05\x06" + bytes(19))
    headers = auth(sim)
    items = {item["name"]: item["checksum"] for item in requests.get(sim.url + SSE, headers=headers, timeout=10).json()["items"]}
    assert items["a.zip"] == items["b.zip"] != items["c.zip"]
    sim.config.checksum_format = "int"
    items = requests.get(sim.url + SSE, headers=headers, timeout=10).json()["items"]
    assert all(isinstance(item["checksum"], int) for item in items)


def test_upload_store_download_and_track(sim, make_zip):
    path = make_zip(size=50000, seed=3)
    headers = auth(sim)
    answer = upload(sim, headers, path, "a.zip", trackProgress="true")
    assert answer.status_code == 200
    body = answer.json()
    assert body["success"] is True and body["workRequestId"]
    with open(path, "rb") as handle:
        assert sim.sse_bytes("a.zip") == handle.read()
    download = requests.get(sim.url + SSE + "/a.zip", headers=headers, timeout=10)
    assert download.headers["Content-Type"] == "application/zip" and download.content == sim.sse_bytes("a.zip")
    assert sim.restart_count == 1


@pytest.mark.parametrize("content,code,status", [
    (b"not a zip at all", "33114", 400),
    (b"PK\x03\x04truncated", "33114", 400),
])
def test_upload_rejects_bad_zips_and_stores_nothing(sim, tmp_path, content, code, status):
    path = tmp_path / "bad.zip"
    path.write_bytes(content)
    answer = upload(sim, auth(sim), str(path), "bad.zip")
    assert (answer.status_code, answer.json()["errorCode"]) == (status, code)
    assert sim.sse_names() == [] and sim.restart_count == 0


def test_upload_over_the_limit_is_refused(sim_factory, make_zip):
    sim = sim_factory(max_upload_bytes=100000)
    answer = upload(sim, auth(sim), make_zip(size=200000), "big.zip")
    assert (answer.status_code, answer.json()["errorCode"]) == (413, "33112")
    assert sim.sse_names() == []


def test_existing_name_needs_force(sim, make_zip):
    headers = auth(sim)
    first, second = make_zip(size=30000, seed=1), make_zip(size=30000, seed=2)
    assert upload(sim, headers, first, "a.zip").status_code == 200
    refused = upload(sim, headers, second, "a.zip")
    assert (refused.status_code, refused.json()["errorCode"]) == (400, "33113")
    assert upload(sim, headers, second, "a.zip", force="true").status_code == 200
    with open(second, "rb") as handle:
        assert sim.sse_bytes("a.zip") == handle.read()


def test_upload_form_rules(sim, make_zip):
    headers = auth(sim)
    path = make_zip(size=20000)
    assert upload(sim, headers, path, "a.zip", colour="blue").json()["message"] == "unknown form field(s): colour"
    answer = upload(sim, headers, path, "a.zip", uploadType="images")
    assert answer.status_code == 400
    answer = requests.post(sim.url + SSE, headers=headers, json={"filename": "a.zip"}, timeout=10)
    assert answer.status_code == 415
    assert upload(sim, headers, path, "../a.zip").status_code == 400
    assert sim.sse_names() == []


def test_delete_answers(sim):
    headers = auth(sim)
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    sim.put_sse("b.zip", b"PK\x05\x06" + bytes(18))
    assert requests.delete(sim.url + SSE + "/a.zip", headers=headers, timeout=10).status_code == 204
    assert requests.delete(sim.url + SSE + "/a.zip", headers=headers, timeout=10).status_code == 404
    tracked = requests.delete(sim.url + SSE + "/b.zip", params={"trackProgress": "true"}, headers=headers, timeout=10)
    assert tracked.status_code == 202 and tracked.json()["workRequestId"]


def test_delete_files_codes_and_partial_failure(sim):
    headers = auth(sim)
    url = sim.url + SSE + "/deleteFiles"
    assert requests.post(url, json={}, headers=headers, timeout=10).json()["errorCode"] == "100301"
    assert requests.post(url, json={"paths": []}, headers=headers, timeout=10).json()["errorCode"] == "100302"
    for name in ("a.zip", "b.zip", "c.zip"):
        sim.put_sse(name, b"PK\x05\x06" + bytes(18))
    sim.config.undeletable = {"b.zip"}
    answer = requests.post(url, json={"paths": ["/a.zip", "b.zip", "/c.zip"]}, headers=headers, timeout=10).json()
    assert answer["errorCode"] == "100307"
    assert [error["message"] for error in answer["errors"]] == ["the file b.zip could not be deleted"]
    assert sim.sse_names() == ["b.zip"]


def test_preview_environment_and_promotion(sim_factory):
    sim = sim_factory(promote_seconds=0.3)
    headers = auth(sim)
    sim.put_sse("p.zip", b"PK\x05\x06" + bytes(18), environment="preview")
    assert requests.get(sim.url + SSE, params={"environmentType": "preview"}, headers=headers, timeout=10).json()["totalResults"] == 1
    assert requests.get(sim.url + SSE, headers=headers, timeout=10).json()["totalResults"] == 0
    status = sim.url + SSE + "/promoteStatus"
    assert requests.get(status, headers=headers, timeout=10).json() == {"status": "COMPLETED"}
    unknown = requests.post(sim.url + SSE + "/promoteFiles", json={"paths": ["/nope.zip"]}, headers=headers, timeout=10)
    assert unknown.status_code == 400
    started = requests.post(sim.url + SSE + "/promoteFiles", json={"paths": ["/p.zip"]}, headers=headers, timeout=10)
    assert (started.status_code, started.json()) == (202, {"promoteInitiated": True})
    assert requests.get(status, headers=headers, timeout=10).json() == {"status": "IN_PROGRESS"}
    time.sleep(0.5)
    assert requests.get(status, headers=headers, timeout=10).json() == {"status": "COMPLETED"}
    assert sim.sse_names() == ["p.zip"]


def test_streamed_upload_of_a_large_file(sim_factory, make_zip):
    sim = sim_factory(max_upload_bytes=120 * 1024 * 1024)
    path = make_zip(size=100 * 1024 * 1024)
    answer = upload(sim, auth(sim), path, "large.zip", restartExtensionServer="false")
    assert answer.status_code == 200
    assert len(sim.sse_bytes("large.zip")) == 100 * 1024 * 1024
