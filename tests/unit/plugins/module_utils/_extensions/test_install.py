# -*- coding: utf-8 -*-
"""plugins/module_utils/_extensions/install.py: the upload is opened while the ID is generated, once; and
opened again with the right segment count when writing the ID in moves the zip across a segment boundary."""

from __future__ import annotations

import os

from ansible_collections.commerce.admin.plugins.module_utils._extensions import install
from ansible_collections.commerce.admin.plugins.modules import extension

from helpers.extensions import entries, write_zip
from helpers.module_runner import connection, requests_to, run_module

FILES = "/ccadmin/v1/files"
QUICK = {"poll_interval": 0.05, "wait_timeout": 5}


def test_a_first_install_opens_one_upload_and_generates_one_id(sim, tmp_path):
    result = run_module(extension, connection(sim, src=write_zip(tmp_path / "w.zip", entries()), **QUICK))
    assert result["changed"] and result["extension"]["enabled"]
    assert [entry["json"]["segments"] for entry in requests_to(sim, "PUT", FILES)] == [1]
    assert len(requests_to(sim, "POST", "/ccadmin/v1/extensions/id")) == 1
    writes = [entry["path"] for entry in sim.journal if entry["method"] != "GET"]
    assert writes[-2].startswith(FILES + "/") and writes[-1] == "/ccadmin/v1/extensions"


def test_an_id_that_moves_the_zip_across_a_segment_boundary_opens_the_upload_again(sim, tmp_path, monkeypatch):
    # a one-character placeholder ID: the generated one is longer, so the copy is bigger than the source
    path = write_zip(tmp_path / "w.zip", entries(extensionID="x"))
    monkeypatch.setattr(install, "SEGMENT_SIZE", os.path.getsize(path))
    result = run_module(extension, connection(sim, src=path, **QUICK))
    assert result["changed"] and result["extension"]["enabled"], result.get("msg")
    assert [entry["json"]["segments"] for entry in requests_to(sim, "PUT", FILES)] == [1, 2]
    # both segments go through the second upload; the first, never sent to, is left to expire
    assert len([entry for entry in sim.journal if entry["method"] == "POST" and entry["path"].startswith(FILES + "/")]) == 2
