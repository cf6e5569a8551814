# -*- coding: utf-8 -*-
"""Simulators pinned to one profile, for the tests that check that profile's answers.

The `sim` fixture follows COMMERCE_SIM_PROFILE; these do not, so this suite passes under either.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def current_sim(sim_factory):
    return sim_factory(profile="current")


@pytest.fixture
def legacy_sim(sim_factory):
    return sim_factory(profile="legacy")
