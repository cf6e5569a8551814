# -*- coding: utf-8 -*-
"""The one conftest every suite under tests/ shares: the simulator's fixtures (`sim`, `sim_factory`,
`tls_material`, `make_zip`, ...) and `tests/` on the import path.

Helpers are imported one way everywhere, as plain absolute imports of packages in `tests/`:
`from helpers.module_runner import run_module`, `from helpers.harness import run_tasks`,
`from simulator.zips import make_zip`. pytest.ini puts `tests/` on the path for pytest; `ansible-test
units` reads its own pytest configuration instead, so this file, which both load, makes sure of it.
"""

from __future__ import annotations

import os
import sys

TESTS = os.path.dirname(os.path.abspath(__file__))
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)

from simulator.pytest_fixtures import *  # noqa: E402,F401,F403 pylint: disable=wildcard-import,unused-wildcard-import,wrong-import-position
