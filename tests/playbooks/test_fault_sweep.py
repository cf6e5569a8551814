# -*- coding: utf-8 -*-
"""The fault sweep (tests/helpers/fault_sweep.py): after every run, faulty, clean or no-op, the server
runs the set it ran before or the declared set; the clean run repairs; the no-op run sends nothing.

`make test` runs a handful of trials; `make soak` runs SWEEP_TRIALS (default 100). SWEEP_SEED picks
the seed (default: a fixed one, so a failure is repeatable with the seed the output names)."""

from __future__ import annotations

import os

from helpers.fault_sweep import sweep

TRIALS = int(os.environ.get("SWEEP_TRIALS", "4"))
SEED = int(os.environ.get("SWEEP_SEED", "2312"))


def test_the_server_never_runs_a_set_nobody_declared(sim_factory, tmp_path, capsys):
    figures, seconds = sweep(sim_factory, tmp_path, SEED, TRIALS)
    with capsys.disabled():
        print("\n" + figures.line(SEED, seconds))
    assert figures.trials == TRIALS and not figures.failures, "\n".join(figures.failures)
    assert figures.held == TRIALS
    # A sweep whose faults never strike proves nothing: most trials must meet theirs.
    assert figures.struck >= max(1, TRIALS // 2)
