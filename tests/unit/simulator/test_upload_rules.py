# -*- coding: utf-8 -*-
"""Uploads: the documented success shape, rejections as HTTP 200 success:false, the size limit, form rules."""

from __future__ import annotations

import pytest
import requests

from simulator.probe import SSE, auth, upload


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def rejected(answer, name, reason):
    """The record's rejection: HTTP 200, success false, every file failed, the reason by name."""
    body = answer.json()
    result = body["result"]
    assert answer.status_code == 200 and body["success"] is False
    assert (result["allFilesFailed"], result["failedFiles"], result["hadSuccess"]) == (True, 1, False)
    assert result["failedFilesReasons"] == {name: reason}
    assert "workRequestId" not in body
    return body


def test_upload_success_shape_and_tracking(current_sim, make_zip):
    sim = current_sim
    path = make_zip(size=50000, seed=3)
    headers = auth(sim)
    answer = upload(sim, headers, path, "a.zip", trackProgress="true", force="true")
    assert answer.status_code == 200
    body = answer.json()
    assert body["success"] is True and body["workRequestId"] and body["token"] and body["links"]
    assert body["message"] == "The extension has been uploaded. Please use the workRequestId to track the restart status."
    result = body["result"]
    assert (result["newFiles"], result["modifiedFiles"], result["failedFiles"]) == (1, 0, 0)
    assert (result["allFilesFailed"], result["hadSuccess"], result["failedFilesReasons"], result["unzipped"]) == (False, True, {}, False)
    assert result["fileResults"][0]["name"] == "a.zip"
    assert sim.sse_bytes("a.zip") == read(path) and sim.restart_count == 1
    again = upload(sim, headers, make_zip(size=50000, seed=4), "a.zip", force="true", trackProgress="true", restartExtensionServer="false").json()
    assert (again["result"]["newFiles"], again["result"]["modifiedFiles"]) == (0, 1) and "workRequestId" not in again
    assert sim.restart_count == 1


def test_a_rejected_upload_answers_200_and_keeps_the_old_bytes(sim_factory, make_zip, make_entries_zip):
    sim = sim_factory(reject_entry="EICAR.txt")
    headers = auth(sim)
    good = make_zip(size=30000, seed=1)
    assert upload(sim, headers, good, "a.zip", restartExtensionServer="false").json()["success"] is True
    infected = make_entries_zip({"index.js": "x", "test/EICAR.txt": "X5O!P%@AP"})
    rejected(upload(sim, headers, infected, "a.zip", force="true", trackProgress="true"), "a.zip", "VIRUS_DETECTED")
    assert sim.sse_bytes("a.zip") == read(good) and sim.restart_count == 0
    sim.config.reject_reason = "VIRUS_SCAN_FAILED"
    rejected(upload(sim, headers, infected, "b.zip"), "b.zip", "VIRUS_SCAN_FAILED")
    assert sim.sse_names() == ["a.zip"]


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04truncated"])
def test_upload_rejects_bad_zips_and_stores_nothing(sim, tmp_path, content):
    path = tmp_path / "bad.zip"
    path.write_bytes(content)
    rejected(upload(sim, auth(sim), str(path), "bad.zip", trackProgress="true"), "bad.zip", "INVALID_CONTENT")
    assert sim.sse_names() == [] and sim.restart_count == 0


@pytest.mark.parametrize("name,reason", [("../a.zip", "INVALID_NAME"), ("a\\b.zip", "INVALID_NAME"), ("a.txt", "INVALID_EXTENSION")])
def test_upload_rejects_bad_names(sim, make_zip, name, reason):
    rejected(upload(sim, auth(sim), make_zip(size=20000), name), name, reason)
    assert sim.sse_names() == []


def test_upload_over_the_limit_is_refused(sim_factory, make_zip):
    sim = sim_factory(max_upload_bytes=100000)
    answer = upload(sim, auth(sim), make_zip(size=200000), "big.zip")
    assert answer.status_code == 413
    assert sim.sse_names() == []


def test_existing_name_without_force_is_rejected(sim, make_zip):
    headers = auth(sim)
    first, second = make_zip(size=30000, seed=1), make_zip(size=30000, seed=2)
    assert upload(sim, headers, first, "a.zip").json()["success"] is True
    rejected(upload(sim, headers, second, "a.zip"), "a.zip", "UNKNOWN_REASON")
    assert sim.sse_bytes("a.zip") == read(first)
    assert upload(sim, headers, second, "a.zip", force="true").json()["success"] is True
    assert sim.sse_bytes("a.zip") == read(second)


def test_upload_form_rules(sim, make_zip):
    headers = auth(sim)
    path = make_zip(size=20000)
    assert upload(sim, headers, path, "a.zip", colour="blue").json()["message"] == "unknown form field(s): colour"
    assert upload(sim, headers, path, "a.zip", uploadType="images").status_code == 400
    assert requests.post(sim.url + SSE, headers=headers, json={"filename": "a.zip"}, timeout=10).status_code == 415
    assert sim.sse_names() == []


def test_streamed_upload_of_a_large_file(sim_factory, make_zip):
    sim = sim_factory(max_upload_bytes=120 * 1024 * 1024)
    path = make_zip(size=100 * 1024 * 1024)
    answer = upload(sim, auth(sim), path, "large.zip", restartExtensionServer="false")
    assert answer.status_code == 200 and answer.json()["success"] is True
    assert len(sim.sse_bytes("large.zip")) == 100 * 1024 * 1024
