# -*- coding: utf-8 -*-
"""The extension_sources lookup in a real run: a relative directory is taken from the playbook's directory,
an absolute one as it is, and a missing one fails naming it."""

from __future__ import annotations

from helpers.extensions import entries, write_directory, write_zip
from helpers.harness import run_tasks


def test_the_lookup_lists_zips_and_source_directories_and_names_a_missing_directory(sim, tmp_path):
    (tmp_path / "extensions").mkdir()
    write_zip(tmp_path / "extensions" / "widget.zip", entries())
    write_directory(tmp_path / "extensions" / "other", entries(name="Other"))
    query = "{{ query('commerce.admin.extension_sources', %r) }}"
    run = run_tasks(sim, [{"ansible.builtin.debug": {"msg": query % "extensions"}},
                          {"ansible.builtin.debug": {"msg": query % str(tmp_path / "extensions")}},
                          {"ansible.builtin.debug": {"msg": query % "no-such-dir"}}], tmp_path)
    expected = [str(tmp_path / "extensions" / "other"), str(tmp_path / "extensions" / "widget.zip")]
    assert run[0]["msg"] == expected and run[1]["msg"] == expected
    assert run[2]["failed"] and "the extensions directory %s does not exist" % (tmp_path / "no-such-dir") in run[2]["msg"]
    assert sim.journal == []
