# -*- coding: utf-8 -*-
"""plugins/module_utils/_logs/download.py: the whole log through a temporary zip, redacted, bounded, written atomically."""

from __future__ import annotations

import datetime
import os
import tempfile

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._logs.download import read_whole_log
from helpers.client_checks import make_client
from simulator.logs import LEAKED_API_KEY


def today():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")


def test_every_line_reaches_dest_redacted_and_the_result_keeps_the_end(sim, tmp_path):
    for number in range(200):
        sim.store.restarts.logs.append("live", "info", "line %03d apiKey=%s" % (number, LEAKED_API_KEY))
    out = tmp_path / "out"
    out.mkdir()
    dest = out / "info.log"
    bounded, size = read_whole_log(make_client(sim), "info", today(), None, 500, str(dest))
    written = dest.read_text(encoding="utf-8").splitlines()
    assert len(written) == 200 and size == os.path.getsize(dest) and LEAKED_API_KEY not in dest.read_text(encoding="utf-8")
    assert written[0].endswith("line 000 apiKey=********")
    assert list(bounded.lines) == written[-len(bounded.lines):] and bounded.truncated and bounded.size <= 500
    assert sorted(os.listdir(out)) == ["info.log"]  # no temporary zip or text left behind


def test_without_dest_nothing_is_written(sim, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(out))  # where the temporary zip goes
    sim.store.restarts.logs.append("preview", "error", "only line")
    bounded, size = read_whole_log(make_client(sim), "error", today(), "preview", 1000)
    assert [line.endswith("only line") for line in bounded.lines] == [True] and size is None and os.listdir(out) == []


def test_an_answer_that_is_not_a_zip_fails_and_leaves_dest_alone(sim, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dest = out / "kept.log"
    dest.write_text("before", encoding="utf-8")
    original = sim.app.dispatch

    def not_a_zip(request, method, entry):
        response = original(request, method, entry)
        if request.path == "/ccadminx/custom/v1/logs":
            response.set_data(b"plain text, not a zip")
        return response

    sim.app.dispatch = not_a_zip
    with pytest.raises(CommerceError, match="not a zip"):
        read_whole_log(make_client(sim), "error", today(), None, 1000, str(dest))
    assert dest.read_text(encoding="utf-8") == "before" and sorted(os.listdir(out)) == ["kept.log"]
