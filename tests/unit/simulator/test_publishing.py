# -*- coding: utf-8 -*-
"""publishing.py: pending items per asset, phases that pass with time, success clears, failure keeps."""

from __future__ import annotations

import pytest

from simulator.config import PUBLISH_PHASES, Config
from simulator.publishing import Publishing


def book(**config):
    return Publishing(Config(publish_seconds=1.0, **config))


def test_one_pending_item_per_asset():
    publishing = book()
    first = publishing.note("extension", "e1")
    again = publishing.note("extension", "e1")
    publishing.note("siteSettings", "s@siteUS")
    assert again is first and [item["assetId"] for item in publishing.pending] == ["e1", "s@siteUS"]
    assert first["assetTypeDisplayName"] == "Extension" and first["id"].startswith("ci")


def test_phases_pass_and_a_success_clears_only_what_it_published():
    publishing = book()
    publishing.note("extension", "e1")
    publish = publishing.start()
    started = publish["started"]
    assert publishing.start() is None  # one at a time
    publishing.note("extension", "e2")  # noted while it runs: waits for the next publish
    middle = publishing.status_body(started + 0.5)
    assert middle["publishRunning"] is True and middle["numberOfChanges"] == 1
    assert middle["currentPhase"] == PUBLISH_PHASES[3] and middle["lastCompletedPhase"] == PUBLISH_PHASES[2]
    publishing.settle(started + 0.4)
    assert len(publishing.pending) == 2
    publishing.settle(started + 1.0)
    done = publishing.status_body(started + 1.0)
    assert done["publishRunning"] is False and done["errorMessage"] == "" and done["lastCompletedPhase"] == PUBLISH_PHASES[-1]
    assert [item["assetId"] for item in publishing.pending] == ["e2"]
    assert publishing.count == 1 and done["publishId"] == publish["publishId"]


def test_a_failure_names_its_phase_and_keeps_the_changes():
    publishing = book(publish_outcome="fail", publish_fail_phase=300)
    publishing.note("extension", "e1")
    started = publishing.start()["started"]
    publishing.settle(started + 5)
    body = publishing.status_body(started + 5)
    assert body["publishRunning"] is False and body["errorPhase"] == 300 and "300" in body["errorMessage"]
    assert body["lastCompletedPhase"] == 200
    assert len(publishing.pending) == 1


def test_before_any_publish_nothing_runs():
    body = book().status_body()
    assert body["publishRunning"] is False and body["publishId"] is None and body["numberOfChanges"] == 0


def test_the_fail_phase_must_be_a_phase():
    with pytest.raises(ValueError):
        Config(publish_fail_phase=421)
