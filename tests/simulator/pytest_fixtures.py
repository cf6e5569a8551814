# -*- coding: utf-8 -*-
"""pytest fixtures: simulators started per test, TLS material, test zips.

COMMERCE_SIM_PROFILE (default "current") names the profile every simulator starts with, so a whole
suite can run against each variation of the record; a test's own `profile=` wins.
"""

from __future__ import annotations

import os

import pytest

from .certs import make_tls_material
from .server import Simulator
from .zips import extension_manifest, make_extension_zip as write_extension_zip, make_zip as write_zip, make_zip_with

__all__ = ["sim_factory", "sim", "tls_material", "make_zip", "make_entries_zip", "make_extension_zip", "PROFILE_VARIABLE"]
PROFILE_VARIABLE = "COMMERCE_SIM_PROFILE"


@pytest.fixture
def sim_factory(tmp_path):
    started = []

    def make(**kwargs):
        kwargs.setdefault("profile", os.environ.get(PROFILE_VARIABLE) or "current")
        kwargs.setdefault("restart_seconds", 0.5)
        kwargs.setdefault("promote_seconds", 0.3)
        simulator = Simulator(str(tmp_path / ("sim-state-%d" % len(started))), **kwargs).start()
        started.append(simulator)
        return simulator

    yield make
    for simulator in started:
        simulator.stop()


@pytest.fixture
def sim(sim_factory):
    return sim_factory()


@pytest.fixture(scope="session")
def tls_material(tmp_path_factory):
    return make_tls_material(str(tmp_path_factory.mktemp("tls")))


@pytest.fixture
def make_zip(tmp_path):
    def make(path=None, size=64 * 1024, seed=0):
        return write_zip(path or tmp_path / ("zip-%d-%d.zip" % (size, seed)), size, seed)
    return make


@pytest.fixture
def make_entries_zip(tmp_path):
    """A zip with the given entries, e.g. make_entries_zip({"index.js": "x", "EICAR.txt": "y"})."""
    counter = []

    def make(entries, path=None):
        counter.append(1)
        return make_zip_with(path or tmp_path / ("entries-%d.zip" % len(counter)), entries)
    return make


@pytest.fixture
def make_extension_zip(tmp_path):
    """An extension zip's path: make_extension_zip(sim.generate_extension_id(), widgets=["w"], settings={"s": {"values": [...]}},
    name=..., version=...); `manifest=` replaces the whole ext.json (a dict, a str, or None for no ext.json)."""
    counter = []

    def make(extension_id=None, widgets=(), settings=None, entries=None, path=None, manifest="default", **fields):
        counter.append(1)
        if manifest == "default":
            manifest = extension_manifest(extension_id, **fields)
        return write_extension_zip(path or tmp_path / ("extension-%d.zip" % len(counter)), manifest, widgets, settings, entries)
    return make
