# -*- coding: utf-8 -*-
"""pytest fixtures: simulators started per test, TLS material, test zips."""

from __future__ import annotations

import pytest

from .certs import make_tls_material
from .server import Simulator
from .zips import make_zip as write_zip

__all__ = ["sim_factory", "sim", "tls_material", "make_zip"]


@pytest.fixture
def sim_factory(tmp_path):
    started = []

    def make(**kwargs):
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
