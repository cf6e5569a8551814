# -*- coding: utf-8 -*-
"""Fixtures of the tests of plugins/: a clean environment (no COMMERCE_* variable, ~ in a temporary
directory) and a quick simulator, for the modules run in-process and for module_utils alike."""

from __future__ import annotations

import os

import pytest

# The simulator's profile switch is the test harness's, not the modules': it stays.
KEPT = ("COMMERCE_SIM_PROFILE",)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path_factory):
    """No COMMERCE_* variable from the caller reaches a module, and ~ is a temporary directory
    (default backup and state directories live under ~/.ansible)."""
    for name in list(os.environ):
        if name.startswith("COMMERCE_") and name not in KEPT:
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")  # not in tmp_path, whose listing some tests check
    monkeypatch.setenv("HOME", str(home))


@pytest.fixture
def sim(sim_factory):
    """A simulator whose restarts and promotions take 0.2 s, so waiting modules finish quickly."""
    return sim_factory(restart_seconds=0.2, promote_seconds=0.2)
