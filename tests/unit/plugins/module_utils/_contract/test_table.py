# -*- coding: utf-8 -*-
"""plugins/module_utils/_contract/table.py: rows laid out side by side when wide, stacked when narrow, and the verdict."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._contract.table import MISMATCH, OK, Row, render, summary, wrap

ROWS = [Row("login", "POST /ccadmin/v1/login", "200 {access_token str}", "200; JWT", OK),
        Row("list SSEs", "GET /ccadmin/v1/serverExtensions?offset=0,2&limit=2", "200 pages", "expected 200, got HTTP 500", MISMATCH)]


def test_wide_is_a_table_that_fits():
    text = render(ROWS, 140)
    assert text.splitlines()[0].split() == ["call", "request", "expected", "(model)", "got", "result"]
    assert all(len(line) <= 140 for line in text.splitlines()) and text.splitlines()[2].endswith("OK")


def test_narrow_is_one_block_per_call():
    text = render(ROWS, 80)
    assert "login  OK" in text.splitlines() and "list SSEs  MISMATCH" in text.splitlines()
    assert all(len(line) <= 80 for line in text.splitlines())


def test_long_words_break_after_a_slash():
    assert wrap("GET /ccadmin/v1/serverExtensions", 16) == ["GET /ccadmin/v1/", "serverExtensions"]
    assert all(len(line) <= 12 for line in wrap("GET /ccadmin/v1/serverExtensions/preview", 12))


def test_summary_counts_and_judges():
    assert summary(ROWS).startswith("2 calls: 1 OK, 1 MISMATCH, 0 SKIPPED, 0 INFO. The instance deviates")
    assert summary(ROWS[:1]).endswith("The instance answers as docs/api-model.md says.")
