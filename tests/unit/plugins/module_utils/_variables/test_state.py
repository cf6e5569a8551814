# -*- coding: utf-8 -*-
"""_variables/state.py: the owed push per instance, saved at once, merged with the fact and with other runs, never lost
for a file that cannot be read or written."""

from __future__ import annotations

import json
import os

from ansible_collections.commerce.admin.plugins.module_utils._variables.state import (
    FORMAT_VERSION, VariablesState, default_variables_state_path, reached_by)

BOTH = ("live", "preview")


def owing(state, names=("A",), environments=BOTH, mode="push"):
    state.owe(state.record("+ " + ", + ".join(names), names, mode, environments))


def test_default_path_is_the_instances_file_beside_the_sse_state(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    expected = os.path.join(str(tmp_path), ".ansible", "commerce.admin", "state", "admin.example.com_443.variables.json")
    assert default_variables_state_path("https://Admin.Example.com") == expected


def test_what_each_mode_reaches():
    assert reached_by("push", "preview") == BOTH
    assert reached_by("restart", None) == ("live",) and reached_by("restart", "preview") == ("preview",)
    assert reached_by("none", "live") == ()


def test_owe_saves_at_once_and_reached_clears(tmp_path):
    path = str(tmp_path / "v.json")
    state = VariablesState.load(path)
    assert state.owed() is None and not os.path.exists(path)
    owing(state, ("B", "A"))
    saved = json.loads(open(path, encoding="utf-8").read())
    assert saved["version"] == FORMAT_VERSION and saved["owed"]["names"] == ["A", "B"] and saved["owed"]["environments"] == ["live", "preview"]
    state.failed("push", "HTTP 500")
    assert VariablesState.load(path).owed()["reason"] == "the push failed: HTTP 500"
    state.reached(("live",))
    assert VariablesState.load(path).owed()["environments"] == ["preview"]
    assert VariablesState.load(path).owed_to(("live",)) is None and VariablesState.load(path).owed_to(BOTH) is not None
    state.reached(BOTH)
    assert VariablesState.load(path).owed() is None


def test_a_second_debt_keeps_the_first_since_and_every_name(tmp_path):
    state = VariablesState.load(str(tmp_path / "v.json"))
    owing(state, ("A",), ("preview",), "restart")
    since = state.owed()["since"]
    owing(state, ("B",), BOTH)
    assert state.owed()["since"] == since and state.owed()["names"] == ["A", "B"] and state.owed()["environments"] == ["live", "preview"]


def test_the_carried_fact_and_the_file_merge(tmp_path):
    path = str(tmp_path / "v.json")
    carrier = VariablesState.load(str(tmp_path / "elsewhere.json"))
    owing(carrier, ("FROM_FACT",), ("preview",), "restart")
    on_disk = VariablesState.load(path)
    owing(on_disk, ("FROM_FILE",), ("live",), "restart")
    merged = VariablesState.load(path, carried=carrier.document())
    assert merged.owed()["names"] == ["FROM_FACT", "FROM_FILE"] and merged.owed()["environments"] == ["live", "preview"]
    merged.reached(BOTH)
    assert VariablesState.load(path).owed() is None and merged.document() == {"version": FORMAT_VERSION, "owed": None}


def test_a_fact_alone_works_without_any_file(tmp_path):
    carrier = VariablesState.load(str(tmp_path / "gone.json"))
    owing(carrier)
    os.unlink(carrier.path)
    fresh = VariablesState.load(str(tmp_path / "new.json"), carried=carrier.document())
    assert fresh.owed()["names"] == ["A"] and fresh.warnings == []


def test_document_with_a_record_shows_it_without_saving(tmp_path):
    state = VariablesState.load(str(tmp_path / "v.json"))
    record = state.record("+ A", ["A"], "push", BOTH)
    assert state.document(record)["owed"]["names"] == ["A"] and state.owed() is None and not os.path.exists(state.path)


def test_a_debt_another_run_recorded_meanwhile_is_not_cleared(tmp_path):
    path = str(tmp_path / "v.json")
    ours = VariablesState.load(path)
    owing(ours, ("A",))
    theirs = VariablesState.load(path)
    owing(theirs, ("B",))  # another run writes B after ours read the file
    ours.reached(BOTH)
    assert VariablesState.load(path).owed()["names"] == ["A", "B"]
    assert ours.warnings == ["state file %s: another run recorded an owed push meanwhile (A, B): kept" % path]


def test_unusable_files_warn_and_count_as_nothing_owed(tmp_path):
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text("{not json")
    assert VariablesState.load(str(corrupt)).warnings[0].startswith("state file %s is not valid JSON" % corrupt)
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"version": 99, "owed": None}))
    assert VariablesState.load(str(old)).warnings == ["state file %s has format version 99, this collection reads version 1: ignored" % old]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 1, "owed": {"since": "x", "reason": "y", "names": ["A"], "environments": ["staging"]}}))
    state = VariablesState.load(str(bad))
    assert state.owed() is None and state.warnings == ["state file %s: the owed push is malformed: ignored" % bad]
    owing(state)
    assert VariablesState.load(str(bad)).owed()["names"] == ["A"]  # rewritten on the next save


def test_a_file_that_cannot_be_written_warns_and_the_fact_still_carries_it(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the directory should be")
    warned = []
    state = VariablesState.load(str(blocker / "v.json"), warn=warned.append)
    owing(state)
    assert len(warned) == 1 and warned[0].startswith("cannot save the state file %s/v.json (" % blocker)
    assert "the commerce_admin_variables_state fact still carries it" in warned[0]
    assert state.document()["owed"]["names"] == ["A"]


def test_a_restart_accepted_without_waiting_stays_owed_until_it_is_seen_to_succeed(tmp_path):
    path = str(tmp_path / "v.json")
    state = VariablesState.load(path)
    owing(state, ("A",), ("live",), "restart")
    state.accepted("w1", ("live",))
    loaded = VariablesState.load(path)
    assert loaded.restart_to_check() == {"work_request_id": "w1", "environments": ["live"]}
    assert loaded.owed()["reason"] == "a restart (work request w1) was requested without waiting for it"
    loaded.restart_ended("SUCCEEDED", save=False)
    assert loaded.owed() is None and VariablesState.load(path).restart_to_check() is not None
    VariablesState.load(path).restart_ended("SUCCEEDED")
    assert VariablesState.load(path).owed() is None


def test_a_restart_that_did_not_succeed_leaves_the_debt_saying_how_it_ended(tmp_path):
    path = str(tmp_path / "v.json")
    state = VariablesState.load(path)
    owing(state, ("A",), ("live",), "restart")
    state.accepted("w2", ("live",))
    state.restart_ended("FAILED")
    owed = VariablesState.load(path).owed()
    assert "restart" not in owed and owed["names"] == ["A"]
    assert owed["reason"] == "the restart (work request w2) an earlier run requested without waiting ended FAILED"
    state.accepted("w3", ("live",))
    state.restart_ended(None)
    assert VariablesState.load(path).owed()["reason"].endswith("without waiting did not end in time")


def test_writes_merged_after_a_restart_was_requested_are_not_paid_by_it(tmp_path):
    path = str(tmp_path / "v.json")
    state = VariablesState.load(path)
    owing(state, ("A",), ("live",), "restart")
    state.accepted("w4", ("live",))
    # the same record carried in the fact keeps the restart to check; another record merged in drops it
    assert VariablesState.load(path, carried=state.document()).restart_to_check()["work_request_id"] == "w4"
    other = VariablesState.load(str(tmp_path / "other.json"))
    owing(other, ("B",), ("live",), "restart")
    assert VariablesState.load(path, carried=other.document()).restart_to_check() is None


def test_a_malformed_restart_to_check_makes_the_record_unusable(tmp_path):
    path = tmp_path / "v.json"
    record = {"since": "2026-11-24T14:15:00+00:00", "reason": "r", "names": ["A"], "environments": ["live"],
              "restart": {"work_request_id": "", "environments": ["live"]}}
    path.write_text(json.dumps({"version": FORMAT_VERSION, "owed": record}))
    state = VariablesState.load(str(path))
    assert state.owed() is None and state.warnings == ["state file %s: the owed push is malformed: ignored" % path]
