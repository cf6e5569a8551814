# -*- coding: utf-8 -*-
"""Relative paths in a real ansible-playbook run: modules resolve them against the playbook's directory."""

from __future__ import annotations

from helpers.harness import run_tasks

UPLOAD = "commerce.admin.sse_upload"


def test_a_relative_src_is_found_next_to_the_playbook_whatever_the_working_directory(sim, make_zip, tmp_path):
    # run_tasks writes the playbook into tmp_path and runs ansible-playbook from the repository root.
    (tmp_path / "dist").mkdir()
    make_zip(tmp_path / "dist" / "orders.zip")
    run = run_tasks(sim, [{UPLOAD: {"src": "dist/orders.zip", "restart": "never"}},
                          {UPLOAD: {"src": "dist/missing.zip", "restart": "never"}}], tmp_path)
    assert run[0]["changed"] and sim.sse_names() == ["orders.zip"]
    assert run[1]["failed"]
    assert "resolves against the playbook's directory, where Ansible runs the module: %s;" % tmp_path in run[1]["msg"]
