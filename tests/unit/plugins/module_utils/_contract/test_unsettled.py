# -*- coding: utf-8 -*-
"""plugins/module_utils/_contract/unsettled.py: what no source settles is INFO, whatever the instance answers."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._contract import calls, unsettled
from ansible_collections.commerce.admin.plugins.module_utils._contract.wire import Wire
from ansible_collections.commerce.admin.plugins.module_utils._contract.words import MODULE
from helpers.client_checks import make_client


def logged_in(sim):
    state = calls.Run(Wire(make_client(sim), MODULE), calls.Options(), sim.app_key)
    calls.login(state)
    return state


def test_the_old_token_is_skipped_without_a_refresh_and_read_after_one(sim):
    state = logged_in(sim)
    unsettled.old_token(state)
    calls.refresh(state)
    unsettled.old_token(state)
    assert [row.result for row in state.rows] == ["OK", "SKIPPED", "OK", "INFO"]
    assert state.rows[-1].got in ("200: the old token still works after a refresh", "401: a refresh revokes the old token")


def test_a_refused_extension_id_listing_is_information(sim):
    sim.faults.add("GET", "/ccadmin/v1/applicationIds", "status", times=None, status=403, error_code="403", message="Forbidden")
    state = logged_in(sim)
    unsettled.extension_ids(state)
    unsettled.doubled_slashes(state)
    unsettled.publish_changes(state)
    assert [row.result for row in state.rows[1:]] == ["INFO", "INFO", "INFO"]
    assert state.rows[1].got == "HTTP 403 errorCode 403: Forbidden"


def test_extension_fields_without_a_listing_are_skipped(sim):
    state = logged_in(sim)
    unsettled.extension_fields(state)
    assert state.rows[-1].result == "SKIPPED"
