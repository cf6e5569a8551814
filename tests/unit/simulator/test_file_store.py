# -*- coding: utf-8 -*-
"""The file store API (handlers_files.py): segmented base64 uploads, multipart uploads, /file/ downloads."""

from __future__ import annotations

import base64
import hashlib

import pytest
import requests

from simulator.probe import auth

FILES = "/ccadmin/v1/files"


def start(sim, headers, filename, segments=1):
    return requests.put(sim.url + FILES, json={"filename": filename, "segments": segments}, headers=headers, timeout=10)


def segment(sim, headers, upload_token, filename, data, index, **extra):
    body = dict({"filename": filename, "file": base64.b64encode(data).decode("ascii"), "index": index}, **extra)
    return requests.post(sim.url + FILES + "/" + upload_token, json=body, headers=headers, timeout=10)


def test_one_segment_upload_lands_under_its_path(sim):
    headers = auth(sim)
    started = start(sim, headers, "/extensions/a.zip")
    assert started.status_code == 200
    token = started.json()["token"]
    assert started.json()["segmentsNeeded"] == [0]
    # seen: clients also send the token in the body
    done = segment(sim, headers, token, "/extensions/a.zip", b"PK-bytes", 0, **{"token": token})
    assert done.status_code == 200
    body = done.json()
    assert body["success"] is True and body["result"]["hadSuccess"] is True
    assert body["result"]["fileResults"][0]["destination"] == "/extensions/a.zip"
    assert sim.file_bytes("/extensions/a.zip") == b"PK-bytes"
    files = sim.extension_state["files"]
    assert files["/extensions/a.zip"]["sha256"] == hashlib.sha256(b"PK-bytes").hexdigest()


def test_segments_in_any_order_only_the_last_has_a_result(sim):
    headers = auth(sim)
    name = "extensions/b.zip"  # seen: without the leading slash too
    token = start(sim, headers, name, 3).json()["token"]
    first = segment(sim, headers, token, name, b"one-", 2)
    assert first.json()["success"] is True and "result" not in first.json()
    resumed = requests.put(sim.url + FILES + "/" + token, json={"filename": name, "segments": 3}, headers=headers, timeout=10)
    assert resumed.json() == {"token": token, "segmentsNeeded": [0, 1]}
    assert "result" not in segment(sim, headers, token, name, b"AAA", 0).json()
    last = segment(sim, headers, token, name, b"BB", 1)
    assert last.json()["result"]["fileResults"][0]["destination"] == "/extensions/b.zip"
    assert sim.file_bytes("/extensions/b.zip") == b"AAABBone-"
    # a finished token is gone
    assert segment(sim, headers, token, name, b"x", 0).status_code == 404


def test_changecontext_query_and_replacing_a_file(sim):
    headers = auth(sim)
    for data, status in ((b"v1", "new"), (b"v2", "modified")):
        token = start(sim, headers, "/extensions/c.zip").json()["token"]
        answer = requests.post(sim.url + FILES + "/" + token, params={"changeContext": "designStudio"}, headers=headers, timeout=10,
                               json={"filename": "/extensions/c.zip", "file": base64.b64encode(data).decode(), "index": 0})
        assert answer.json()["result"]["fileResults"][0]["status"] == status
    assert sim.file_bytes("/extensions/c.zip") == b"v2"


@pytest.mark.parametrize("body, code", [
    ({"segments": 1}, "13014"),
    ({"filename": "/extensions/x.zip"}, "13014"),
    ({"filename": "/extensions/../x.zip", "segments": 1}, "20306"),
    ({"filename": "/extensions/", "segments": 1}, "20306"),
    ({"filename": "/extensions/x.zip", "segments": 0}, "13014"),
])
def test_start_errors(sim, body, code):
    answer = requests.put(sim.url + FILES, json=body, headers=auth(sim), timeout=10)
    assert answer.status_code == 400 and answer.json()["errorCode"] == code


def test_segment_errors(sim):
    headers = auth(sim)
    token = start(sim, headers, "/extensions/d.zip", 2).json()["token"]
    url = sim.url + FILES + "/" + token
    assert requests.post(url, json={"filename": "/extensions/d.zip", "index": 0}, headers=headers, timeout=10).json()["errorCode"] == "13014"
    bad = requests.post(url, json={"filename": "/extensions/d.zip", "file": "***", "index": 0}, headers=headers, timeout=10)
    assert bad.status_code == 400
    assert segment(sim, headers, token, "/extensions/d.zip", b"x", 2).status_code == 400
    assert segment(sim, headers, token, "/extensions/other.zip", b"x", 0).status_code == 400
    assert segment(sim, headers, "nope_1", "/extensions/d.zip", b"x", 0).status_code == 404


def test_multipart_upload(sim):
    headers = auth(sim)
    # seen (Adyen): fileUpload and filename, no uploadType
    answer = requests.post(sim.url + FILES, files={"fileUpload": ("z.zip", b"PKzip", "application/zip")},
                           data={"filename": "/extensions/1700000000_zip-client.zip"}, headers=headers, timeout=10)
    assert answer.status_code == 200 and answer.json()["result"]["hadSuccess"] is True
    assert sim.file_bytes("/extensions/1700000000_zip-client.zip") == b"PKzip"
    # doc: "extensions" is not one of this call's upload types
    refused = requests.post(sim.url + FILES, files={"fileUpload": ("z.zip", b"PK", "application/zip")},
                            data={"filename": "/extensions/z.zip", "uploadType": "extensions"}, headers=headers, timeout=10)
    assert refused.status_code == 400
    missing = requests.post(sim.url + FILES, files={"other": ("z.zip", b"PK")}, data={"filename": "/extensions/z.zip"},
                            headers=headers, timeout=10)
    assert missing.json()["errorCode"] == "13014"


def test_download_through_file_path(sim):
    headers = auth(sim)
    sim.put_file("/extensions/e.zip", b"PKdata")
    answer = requests.get(sim.url + "/file/extensions/e.zip", headers=headers, timeout=10)
    assert answer.status_code == 200 and answer.content == b"PKdata"
    assert answer.headers["Content-Type"] == "application/zip"
    assert requests.get(sim.url + "/file/extensions/none.zip", headers=headers, timeout=10).status_code == 404
    assert requests.get(sim.url + "/file/extensions/e.zip", timeout=10).status_code == 401


def test_control_plane_puts_files(sim):
    assert requests.put(sim.url + "/__sim__/files/extensions/f.zip", data=b"PKf", timeout=10).status_code == 204
    assert sim.file_bytes("/extensions/f.zip") == b"PKf"
    assert "/extensions/f.zip" in requests.get(sim.url + "/__sim__/state", timeout=10).json()["files"]
