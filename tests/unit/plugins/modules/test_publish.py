# -*- coding: utf-8 -*-
"""publish in-process: changed only when changes are pending, followed to the end past a token's
lifetime, failure with errorMessage/errorPhase, check mode, protection, an earlier publish."""

from __future__ import annotations

import time

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.modules import extension_state, publish, site_settings

from helpers.module_runner import FAST_WAIT, connection, mutating_requests, requests_to, run_module
from helpers.site_settings import SETTINGS_ID, install_settings_extension

PUBLISH = "/ccadmin/v1/publish"
WIDGET = "ext-widget-0001"  # seeded disabled


def quick_sim(sim_factory, **config):
    config.setdefault("publish_seconds", 0.3)
    return sim_factory(restart_seconds=0.2, promote_seconds=0.2, **config)


def test_nothing_pending_sends_no_post(sim):
    result = run_module(publish, connection(sim, **FAST_WAIT), diff=True)
    assert not result["changed"] and result["change_count"] == 0 and result["changes"] == []
    assert result["diff"]["prepared"] == "nothing to publish\n" and result["publish_id"] is None
    assert mutating_requests(sim) == [] and sim.publish_count == 0
    assert [entry["path"] for entry in sim.journal if entry["method"] == "GET"] == [PUBLISH, PUBLISH + "/changes"]


def test_what_other_modules_changed_is_published_then_nothing_is_pending(sim_factory):
    sim = quick_sim(sim_factory)
    install_settings_extension(sim)
    assert run_module(extension_state, connection(sim, id=WIDGET))["changed"]
    assert run_module(site_settings, connection(sim, settings_id=SETTINGS_ID, site_id="siteUS", values={"retries": 7}))["changed"]
    sim.clear_journal()
    result = run_module(publish, connection(sim, **FAST_WAIT), diff=True)
    assert result["changed"] and result["change_count"] == 2
    assert [(change["asset_type"], change["asset_id"]) for change in result["changes"]] == [
        ("extension", WIDGET), ("siteSettings", SETTINGS_ID + "@siteUS")]
    assert result["plan_lines"] == ["+ Extension %s (by sim-admin)" % WIDGET, "+ Site Settings %s@siteUS (by sim-admin)" % SETTINGS_ID]
    assert result["publish_running"] is False and result["publish_id"] == "publish10001" and result["previous_publish_id"] is None
    assert result["number_of_changes"] == 2 and result["error_message"] == "" and result["last_completed_phase"] == 600
    assert mutating_requests(sim) == [("POST", PUBLISH)]
    assert requests_to(sim, "POST", PUBLISH)[0]["json"] == {}
    assert sim.pending_changes == []
    again = run_module(publish, connection(sim, **FAST_WAIT))
    assert not again["changed"] and again["previous_publish_id"] == "publish10001" and sim.publish_count == 1


def test_a_publish_longer_than_a_token_is_followed_with_fresh_tokens(sim_factory):
    sim = quick_sim(sim_factory, token_ttl=1.0, publish_seconds=2.6)
    sim.note_publishable_change("extension", WIDGET)
    started = time.monotonic()
    result = run_module(publish, connection(sim, poll_interval=0.2, wait_timeout=20))
    assert result["changed"] and not result.get("failed"), result.get("msg")
    assert time.monotonic() - started > 2 * sim.config.token_ttl and result["elapsed"] > 2 * sim.config.token_ttl
    statuses = [entry for entry in sim.journal if entry["path"] == PUBLISH and entry["method"] == "GET"]
    assert all(entry["status"] == 200 for entry in sim.journal), [entry for entry in sim.journal if entry["status"] != 200]
    assert len(statuses) >= 5 and len(sim.issued_tokens) >= 3  # the token was renewed while waiting
    assert sim.pending_changes == []


def test_a_failed_publish_fails_with_the_server_error_message_and_phase(sim_factory):
    sim = quick_sim(sim_factory, publish_outcome="fail", publish_fail_phase=300)
    sim.note_publishable_change("siteSettings", "gatewaySettings@siteUS")
    result = run_module(publish, connection(sim, **FAST_WAIT))
    assert result["failed"]
    assert result["msg"].startswith("the publish publish10001 failed in phase 300: Publishing failed in phase 300 (simulated).")
    assert "still pending" in result["msg"]
    assert result["error_phase"] == 300 and result["error_message"] == "Publishing failed in phase 300 (simulated)."
    assert len(sim.pending_changes) == 1


def test_check_mode_lists_what_would_be_published_and_sends_no_post(sim):
    sim.note_publishable_change("extension", WIDGET)
    result = run_module(publish, connection(sim, **FAST_WAIT), check_mode=True, diff=True)
    assert result["changed"] and result["change_count"] == 1 and result["changes"][0]["asset_id"] == WIDGET
    assert result["diff"]["prepared"] == "+ Extension %s (by sim-admin)\n" % WIDGET
    assert mutating_requests(sim) == [] and sim.publish_count == 0


def test_read_only_refuses_only_when_something_is_pending(sim):
    quiet = run_module(publish, connection(sim, protection="read_only", **FAST_WAIT))
    assert not quiet.get("failed") and not quiet["changed"]
    sim.note_publishable_change("extension", WIDGET)
    refused = run_module(publish, connection(sim, protection="read_only", **FAST_WAIT))
    assert refused["failed"] and refused["msg"] == "protection is read_only: refused to publish 1 pending change"
    assert mutating_requests(sim) == [] and len(sim.pending_changes) == 1


def test_without_wait_the_publish_is_left_running(sim_factory):
    sim = quick_sim(sim_factory, publish_seconds=5)
    sim.note_publishable_change("extension", WIDGET)
    result = run_module(publish, connection(sim, wait=False))
    assert result["changed"] and result["publish_running"] is True and result["status_message"] == "Publish started."
    assert len(requests_to(sim, "GET", PUBLISH)) == 1


def test_a_publish_already_running_is_followed_first(sim_factory):
    sim = quick_sim(sim_factory, publish_seconds=0.4)
    sim.note_publishable_change("extension", "first")
    with sim.store.lock:
        sim.store.publishing.start()
    sim.note_publishable_change("extension", "second")
    result = run_module(publish, connection(sim, **FAST_WAIT))
    assert result["changed"] and [change["asset_id"] for change in result["changes"]] == ["second"]
    assert result["previous_publish_id"] == "publish10001" and result["publish_id"] == "publish10002"
    assert any("was running: followed it to its end" in warning for warning in result["warnings"])
    assert sim.pending_changes == []


def test_a_publish_that_does_not_end_in_time_says_it_may_still_run(sim_factory):
    sim = quick_sim(sim_factory, publish_seconds=30)
    sim.note_publishable_change("extension", WIDGET)
    result = run_module(publish, connection(sim, poll_interval=0.05, wait_timeout=1))
    assert result["failed"] and "did not finish within wait_timeout (1 s)" in result["msg"]
    assert "it may still be running" in result["msg"] and result["publish_running"] is True


def test_a_publish_someone_else_started_meanwhile_is_not_a_change(sim, monkeypatch):
    sim.note_publishable_change("extension", WIDGET)
    monkeypatch.setattr(_api, "publish", lambda client: {"publishRunning": False, "statusMessage": "There are no changes to publish."})
    result = run_module(publish, connection(sim, **FAST_WAIT))
    assert not result["changed"] and result["change_count"] == 0 and result["status_message"] == "There are no changes to publish."
