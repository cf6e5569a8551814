# -*- coding: utf-8 -*-
"""_variables/apply.py: the writes in order, then push, restart or nothing; failures say what was written; what is owed
is recorded before the first write and cleared only by a push or restart that succeeded."""

from __future__ import annotations

import json

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._variables.apply import apply, reach_server, write
from ansible_collections.commerce.admin.plugins.module_utils._variables.facts import by_name
from ansible_collections.commerce.admin.plugins.module_utils._variables.plan import build_plan
from ansible_collections.commerce.admin.plugins.module_utils._variables.state import VariablesState
from helpers.client_checks import make_client
from helpers.module_runner import FAST_WAIT, mutating_requests

URL = "/ccadmin/v1/extensionEnvironmentVariables"
PUSH = "/ccadminx/custom/v1/servers/push"
PARAMS = dict(FAST_WAIT, wait=True, environment_type=None)


def plan_for(client, desired, purge=False):
    return build_plan(desired, by_name(_api.list_variables(client)), purge)


@pytest.fixture(name="state")
def state_fixture(tmp_path):
    return VariablesState.load(str(tmp_path / "variables.json"))


def requests_to_push(sim):
    return [entry for entry in sim.journal if entry["path"] == PUSH]


def saved_owed(state):
    return json.loads(open(state.path, encoding="utf-8").read())["owed"]


def test_write_sends_each_step_and_push_reaches_every_running_server(sim, state):
    old = sim.put_variable("A", "old-1")
    sim.put_variable("GONE", "gone-1")
    client = make_client(sim)
    desired = {"A": "new-1", "B": "new-2"}
    value = apply(client, plan_for(client, desired, purge=True), desired, "push", PARAMS, state)
    assert value == {"written": ["~ A (value changed)", "+ B (added)", "- GONE (removed: not declared (purge))"],
                     "applied_by": "push", "work_request_id": None, "restart_status": None}
    assert mutating_requests(sim)[0] == ("PUT", URL + "/" + old["id"]) and mutating_requests(sim)[-1] == ("POST", PUSH)
    assert sim.running_variables() == desired and sim.running_variables("preview") == desired
    assert state.owed() is None and saved_owed(state) is None


def test_the_debt_is_on_disk_before_the_first_write(sim, state, monkeypatch):
    client = make_client(sim)
    desired = {"A": "v-a"}
    plan = plan_for(client, desired)
    seen = []
    create = _api.create_variable
    monkeypatch.setattr(_api, "create_variable", lambda *args: seen.append(saved_owed(state)) or create(*args))
    apply(client, plan, desired, "push", PARAMS, state)
    assert seen[0]["names"] == ["A"] and seen[0]["environments"] == ["live", "preview"]
    assert "the run did not see the push succeed" in seen[0]["reason"]
    assert saved_owed(state) is None


def test_a_restart_pays_only_its_environment(sim, state):
    client = make_client(sim)
    state.owe(state.record("+ A", ["A"], "push", ("live", "preview")))
    value = apply(client, plan_for(client, {}), {}, "restart", dict(PARAMS, environment_type="preview"), state)
    assert value["restart_status"] == "SUCCEEDED" and state.owed()["environments"] == ["live"]


def test_none_records_nothing_owed(sim, state):
    client = make_client(sim)
    apply(client, plan_for(client, {"A": "v-a"}), {"A": "v-a"}, "none", PARAMS, state)
    assert state.owed() is None and sim.running_variables() == {}


def test_restart_of_one_environment(sim):
    sim.put_variable("A", "v-1")
    fields = reach_server(make_client(sim), "restart", dict(PARAMS, environment_type="preview"))
    assert fields["applied_by"] == "restart" and fields["restart_status"] == "SUCCEEDED"
    assert sim.running_variables("preview") == {"A": "v-1"} and sim.running_variables() == {}


def test_restart_without_wait_returns_accepted(sim):
    fields = reach_server(make_client(sim), "restart", dict(PARAMS, wait=False))
    assert fields["restart_status"] == "ACCEPTED" and fields["work_request_id"]


def test_none_sends_nothing(sim):
    client = make_client(sim)
    assert reach_server(client, "none", PARAMS)["applied_by"] is None
    assert mutating_requests(sim) == []


def test_a_failed_write_names_what_was_and_was_not_written(sim, monkeypatch):
    client = make_client(sim)
    desired = {"A": "v-a", "B": "v-b", "C": "v-c"}
    plan = plan_for(client, desired)
    calls = []

    def create(client_, name, value):
        calls.append(name)
        if name == "B":
            raise CommerceError("refused")
        return {}

    monkeypatch.setattr(_api, "create_variable", create)
    with pytest.raises(CommerceError) as caught:
        write(client, plan, desired)
    assert caught.value.changed and calls == ["A", "B"]
    assert str(caught.value) == "+ B (added) failed: refused; written before it: + A (added); not written: + B (added); + C (added)"
    assert "v-a" not in str(caught.value.facts)


def test_a_failed_push_after_the_writes_is_a_change_that_says_so(sim, state):
    sim.faults.add("POST", PUSH, "status", times=5, status=500)
    client = make_client(sim)
    desired = {"A": "v-1"}
    with pytest.raises(CommerceError) as caught:
        apply(client, plan_for(client, desired), desired, "push", dict(PARAMS), state)
    assert caught.value.changed and caught.value.facts["written"] == ["+ A (added)"]
    assert str(caught.value).startswith("the push: ") and "the next run of this module pushes" in str(caught.value)
    assert sim.running_variables() == {}
    assert saved_owed(state)["reason"].startswith("the push failed: ") and saved_owed(state)["names"] == ["A"]
    assert "v-1" not in json.dumps(saved_owed(state))


def test_a_failed_push_with_nothing_written_is_no_change(sim, state):
    state.owe(state.record("+ A", ["A"], "push", ("live", "preview")))
    sim.faults.add("POST", PUSH, "status", times=5, status=500)
    client = make_client(sim)
    with pytest.raises(CommerceError) as caught:
        apply(client, plan_for(client, {}), {}, "push", dict(PARAMS), state)
    assert not caught.value.changed and caught.value.facts["written"] == [] and state.owed()["names"] == ["A"]


def test_writes_that_all_failed_still_owe_the_push(sim, state):
    # an unanswered write may have landed, and the next listing would find nothing to write
    sim.faults.add("POST", URL, "drop", times=5)
    client = make_client(sim)
    with pytest.raises(CommerceError) as caught:
        apply(client, plan_for(client, {"A": "v-a"}), {"A": "v-a"}, "push", dict(PARAMS), state)
    assert not caught.value.changed and saved_owed(state)["names"] == ["A"] and requests_to_push(sim) == []
