# -*- coding: utf-8 -*-
"""Profiles and switches: the presets, explicit overrides, the fixture's environment variable, links, validation."""

from __future__ import annotations

import ast
import pathlib

import pytest
import requests

import simulator
from simulator import PROFILES, Config, Simulator
from simulator.probe import RESTART, SSE, auth, status, upload, wait_final
from simulator.pytest_fixtures import PROFILE_VARIABLE


def test_profiles_are_exported_with_their_presets(tmp_path):
    assert set(PROFILES) == {"current", "legacy"}
    legacy = Simulator(str(tmp_path / "a"), profile="legacy").config
    assert (legacy.jwt_tokens, legacy.login_expires_in, legacy.success_status, legacy.links, legacy.status_period) == (False, 930, 200, False, False)
    assert (legacy.absent_delete, legacy.promote_rolled_back_field, legacy.checksum_format) == ("33115", "isPromotePhaseRolledBack", "int")
    current = Simulator(str(tmp_path / "b")).config
    assert all(getattr(current, key) == value for key, value in PROFILES["current"].items())
    assert Config() == current  # the defaults are the current record
    assert Simulator(str(tmp_path / "c"), profile="legacy", links=True, success_status=204).config.links is True
    with pytest.raises(ValueError):
        Simulator(str(tmp_path / "d"), profile="ancient")


def test_config_rejects_values_the_record_does_not_have():
    config = Config()
    for name, value in (("success_status", 201), ("absent_delete", "500"), ("promote_rolled_back_field", "rolledBack"),
                        ("reject_reason", "TOO_UGLY"), ("restart_outcome", "explode")):
        with pytest.raises(ValueError):
            setattr(config, name, value)
    with pytest.raises(AttributeError):
        config.colour = "blue"
    config.absent_delete = 33115
    config.success_status = "200"
    assert (config.absent_delete, config.success_status) == ("33115", 200)


def test_the_fixture_follows_the_environment_variable(sim_factory, monkeypatch):
    monkeypatch.setenv(PROFILE_VARIABLE, "legacy")
    assert sim_factory().profile == "legacy" and sim_factory().config.success_status == 200
    assert sim_factory(profile="current").config.success_status == 204
    monkeypatch.delenv(PROFILE_VARIABLE)
    assert sim_factory().profile == "current"


def test_links_are_left_out_everywhere_when_off(sim_factory, make_zip):
    sim = sim_factory(profile="legacy", restart_seconds=0.2)
    headers = auth(sim)
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    answers = [requests.get(sim.url + SSE, headers=headers, timeout=10).json(),
               requests.get(sim.url + "/ccadmin/v1/extensions", headers=headers, timeout=10).json(),
               upload(sim, headers, make_zip(size=20000), "b.zip").json(),
               requests.get(sim.url + SSE + "/preview", headers=headers, timeout=10).json(),
               requests.get(sim.url + SSE + "/promoteStatus", headers=headers, timeout=10).json()]
    tracked = requests.post(sim.url + RESTART, params={"trackProgress": "true"}, json={}, headers=headers, timeout=10).json()
    answers += [tracked, status(sim, headers, tracked["workRequestId"])]
    assert all("links" not in answer for answer in answers)
    assert wait_final(sim, headers, tracked["workRequestId"]) == "SUCCEEDED"
    assert status(sim, headers, tracked["workRequestId"])["message"] == "SUCCEEDED"  # legacy: the guide's form


def test_links_are_there_when_on(current_sim, make_zip):
    sim, headers = current_sim, auth(current_sim)
    assert requests.get(sim.url + SSE, headers=headers, timeout=10).json()["links"][0]["rel"] == "self"
    assert upload(sim, headers, make_zip(size=20000), "b.zip").json()["links"] == [{"rel": "self", "href": "/serverExtensions"}]


def test_the_simulator_imports_nothing_from_plugins():
    paths = sorted(pathlib.Path(simulator.__file__).parent.glob("*.py"))
    assert len(paths) > 10
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert not any(name.startswith(("plugins", "ansible_collections", "ansible")) for name in names), path.name
