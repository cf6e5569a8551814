# -*- coding: utf-8 -*-
"""Releases of zips, sse_sync arguments and what to look at afterwards, for the in-process tests of sse_sync
(tests/unit/plugins/modules/test_sse_sync.py) and of its transaction (tests/unit/plugins/module_utils/_sse/test_transaction.py)."""

from __future__ import annotations

import json
import os
import zipfile

from helpers.module_runner import FAST_WAIT, connection

SSE = "/ccadmin/v1/serverExtensions"
RESTART = "/ccadminx/custom/v1/servers/restart"
STATUS = "/ccadminx/custom/v1/servers/restartWorkRequestStatus"
STAMP = (2026, 1, 1, 0, 0, 0)
CRASH = "CRASH_ME"


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def build(path, files, stamp=STAMP, method=zipfile.ZIP_DEFLATED):
    """A zip of `files` (name -> text); another stamp or method gives other bytes with the same content."""
    with zipfile.ZipFile(str(path), "w", method) as archive:
        for name in sorted(files):
            archive.writestr(zipfile.ZipInfo(name, stamp), files[name], compress_type=method)
    return str(path)


def release(tmp_path, label, names, crashing=(), version=None, **options):
    """A directory `label` of zips, one per name, whose release.txt says `version` (default: the label);
    `crashing` ones make a restart fail."""
    directory = tmp_path / label
    directory.mkdir()
    for name in names:
        files = {"index.js": "// %s\n" % name, "release.txt": version or label}
        if name in crashing:
            files[CRASH] = "boom"
        build(directory / name, files, **options)
    return str(directory)


def deployed(sim, tmp_path, names=("a.zip", "b.zip")):
    """Release v1 of `names`, stored and running as after a restart that SUCCEEDED; {name: bytes}."""
    src = release(tmp_path, "v1", names)
    stored = {}
    for name in names:
        stored[name] = read(os.path.join(src, name))
        sim.put_sse(name, stored[name], running=True)
    return stored


def sync(sim, tmp_path, src=None, **options):
    """sse_sync arguments: quick waits, the state file and backups under tmp_path."""
    args = connection(sim, state_file=str(tmp_path / "state.json"), backup_dir=str(tmp_path / "backups"), **FAST_WAIT)
    if src is not None:
        args["src"] = src
    args.update(options)
    return args


def saved_state(tmp_path, environment="live"):
    """The live (or preview) section of the state file."""
    with open(str(tmp_path / "state.json"), encoding="utf-8") as handle:
        return json.load(handle)["environments"][environment]


def downloads(sim):
    """Names of the remote zips downloaded, in order."""
    return [entry["path"][len(SSE) + 1:] for entry in sim.journal if entry["method"] == "GET" and entry["path"].endswith(".zip")]


def on_request(sim, method, path, action):
    """Call `action(count)` before the simulator handles the count-th `method` `path` request (to add a fault just then)."""
    original = sim.app.dispatch
    seen = []

    def dispatch(request, effective, entry):
        if effective == method and request.path == path:
            seen.append(1)
            action(len(seen))
        return original(request, effective, entry)

    sim.app.dispatch = dispatch


def backups(tmp_path):
    """The backup files kept, as "a.zip" for "a.<stamp>.zip"."""
    directory = tmp_path / "backups"
    return sorted(name.split(".")[0] + ".zip" for name in os.listdir(str(directory))) if directory.exists() else []
