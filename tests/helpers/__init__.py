# -*- coding: utf-8 -*-
"""What the tests share and that is not a test: imported as `helpers.<module>` (tests/ is on the path).

- `module_runner`: run a module's main() in-process (tests/unit).
- `client_checks`: a client that records its waits, error checks that prove no secret leaked.
- `sse_sync`: releases of zips and sse_sync arguments for the in-process sse_sync tests.
- `modules`: every module, read from meta/runtime.yml, and the minimal options each one needs.
- `restart_log`: what a failed restart must show of the server's error log (server_restart, sse_upload, sse_sync).
- `harness`: run tasks through ansible-playbook (tests/playbooks and tests/tooling).
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
