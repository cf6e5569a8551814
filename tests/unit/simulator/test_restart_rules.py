# -*- coding: utf-8 -*-
"""Restarts: work requests, success codes by profile, and what the extension server RUNS."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import requests

from simulator.probe import RESTART, SSE, STATUS, auth, restart, status, upload, wait_final
from simulator.state import SEED_PATH


def test_restart_needs_json_and_progresses(current_sim):
    sim, headers = current_sim, auth(current_sim)
    assert requests.post(sim.url + RESTART, headers=headers, data=b"x", timeout=10).status_code == 415
    answer = requests.post(sim.url + RESTART, params={"trackProgress": "true"}, json={}, headers=headers, timeout=10)
    assert answer.status_code == 202
    body = answer.json()
    assert body["links"] == [{"rel": "self", "href": RESTART + "?trackProgress=true"}]
    assert status(sim, headers, body["workRequestId"])["message"] in ("ACCEPTED.", "IN_PROGRESS.")
    assert wait_final(sim, headers, body["workRequestId"]) == "SUCCEEDED"
    final = status(sim, headers, body["workRequestId"])
    assert (final["message"], final["completionPercentage"]) == ("SUCCEEDED.", 100) and final["links"]
    sim.config.status_period = False
    assert status(sim, headers, body["workRequestId"])["message"] == "SUCCEEDED"


@pytest.mark.parametrize("profile,code,body", [("current", 204, b""), ("legacy", 200, {"success": True})])
def test_untracked_changes_answer_by_profile(sim_factory, profile, code, body):
    sim = sim_factory(profile=profile, restart_seconds=0.2)
    headers = auth(sim)
    for name in ("a.zip", "b.zip"):
        sim.put_sse(name, b"PK\x05\x06" + bytes(18))
    answers = [requests.post(sim.url + RESTART, json={}, headers=headers, timeout=10),
               requests.delete(sim.url + SSE + "/a.zip", headers=headers, timeout=10),
               requests.post(sim.url + SSE + "/deleteFiles", json={"paths": ["b.zip"]}, headers=headers, timeout=10)]
    for answer in answers:
        assert answer.status_code == code
        assert (answer.content if code == 204 else answer.json()) == body


@pytest.mark.parametrize("outcome,final", [("fail", "FAILED"), ("cancel", "CANCELED"), ("hang", "IN_PROGRESS")])
def test_restart_outcomes(sim_factory, outcome, final):
    sim = sim_factory(restart_seconds=0.2, restart_outcome=outcome)
    headers = auth(sim)
    work_id = restart(sim, headers)
    time.sleep(0.3)
    assert status(sim, headers, work_id)["message"].rstrip(".") == final


def test_status_errors(sim):
    headers = auth(sim)
    assert requests.get(sim.url + STATUS, headers=headers, timeout=10).json()["errorCode"] == "14002"
    assert status(sim, headers, "unknown")["errorCode"] == "14000"
    assert requests.post(sim.url + RESTART, json={"environmentType": "staging"}, headers=headers, timeout=10).status_code == 400


def test_running_set_changes_only_after_a_succeeded_restart(sim_factory, make_zip):
    sim = sim_factory(restart_seconds=0.3)
    headers = auth(sim)
    answer = upload(sim, headers, make_zip(size=20000, seed=1), "a.zip", trackProgress="true").json()
    assert sim.sse_names() == ["a.zip"] and sim.running_names() == []
    assert wait_final(sim, headers, answer["workRequestId"]) == "SUCCEEDED"
    assert sim.running_names() == ["a.zip"]
    assert sim.running()["a.zip"] == requests.get(sim.url + "/__sim__/state", timeout=10).json()["sses"]["live"][0]["sha256"]
    upload(sim, headers, make_zip(size=20000, seed=2), "b.zip", restartExtensionServer="false")
    assert sim.running_names() == ["a.zip"]
    sim.config.restart_outcome = "fail"
    assert wait_final(sim, headers, restart(sim, headers)) == "FAILED"
    assert sim.running_names() == ["a.zip"]
    assert json.loads(requests.get(sim.url + "/__sim__/state", timeout=10).text)["running"]["live"] == sim.running()


def test_a_crashing_sse_fails_the_restart_and_keeps_what_ran(sim_factory, make_zip, make_entries_zip):
    sim = sim_factory(restart_seconds=0.2, crash_entry="crash.js")
    headers = auth(sim)
    good = upload(sim, headers, make_zip(size=20000), "good.zip", trackProgress="true").json()["workRequestId"]
    assert wait_final(sim, headers, good) == "SUCCEEDED" and sim.running_names() == ["good.zip"]
    bad = upload(sim, headers, make_entries_zip({"index.js": "x", "lib/crash.js": "boom"}), "bad.zip", trackProgress="true").json()
    assert bad["success"] is True and sim.sse_names() == ["bad.zip", "good.zip"]
    assert wait_final(sim, headers, bad["workRequestId"]) == "FAILED"
    assert sim.running_names() == ["good.zip"]
    assert sim.work_requests[bad["workRequestId"]]["crashing"] == ["bad.zip"]


def test_a_restart_requested_while_one_runs_joins_it(sim_factory, make_zip):
    sim = sim_factory(restart_seconds=0.4)
    headers = auth(sim)
    first = restart(sim, headers)
    joined = upload(sim, headers, make_zip(size=20000), "late.zip", trackProgress="true").json()["workRequestId"]
    assert joined == first == restart(sim, headers) and sim.restart_count == 1
    assert wait_final(sim, headers, first) == "SUCCEEDED"
    # the joined restart had loaded what was stored when it started: late.zip is stored, not running
    assert sim.sse_names() == ["late.zip"] and sim.running_names() == []
    second = restart(sim, headers)
    assert second != first and wait_final(sim, headers, second) == "SUCCEEDED"
    assert sim.running_names() == ["late.zip"] and sim.restart_count == 2


def test_restarts_are_per_environment(sim_factory, make_zip):
    sim = sim_factory(restart_seconds=0.2)
    headers = auth(sim)
    live = restart(sim, headers, "live")
    preview = upload(sim, headers, make_zip(size=20000), "p.zip", environmentType="preview", trackProgress="true").json()["workRequestId"]
    assert preview != live
    assert wait_final(sim, headers, preview) == "SUCCEEDED"
    assert sim.running_names("preview") == ["p.zip"] and sim.running_names("live") == []
    assert sim.work_requests[preview]["environment"] == "preview"


def test_the_seed_runs_at_start_and_put_sse_can_mark_running(sim_factory, tmp_path):
    seed = json.loads(Path(SEED_PATH).read_text(encoding="utf-8"))
    seed["sses"] = {"live": {"seeded.zip": "PK\u0005\u0006" + "\u0000" * 18}, "preview": {}}
    (tmp_path / "seed.json").write_text(json.dumps(seed), encoding="utf-8")
    sim = sim_factory(seed_path=str(tmp_path / "seed.json"))
    assert sim.running_names() == ["seeded.zip"] == sim.sse_names()
    sim.put_sse("extra.zip", b"PK\x05\x06" + bytes(18), running=True)
    sim.put_sse("stored.zip", b"PK\x05\x06" + bytes(19))
    assert sim.running_names() == ["extra.zip", "seeded.zip"]
