# -*- coding: utf-8 -*-
"""plugins/module_utils/_contract/report.py: the heading, the TLS line, and the rows as the module's result."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._contract.report import facts, failure, heading, tls_text
from ansible_collections.commerce.admin.plugins.module_utils._contract.table import MISMATCH, OK, Row
from ansible_collections.commerce.admin.plugins.module_utils._contract.words import COMMAND_LINE, MODULE


def test_the_tls_line_says_how_the_certificate_was_checked():
    assert tls_text("http://127.0.0.1:1", True, MODULE).startswith("none: plain http")
    assert tls_text("https://a", "/etc/ca.pem", COMMAND_LINE) == "verified against --ca-path /etc/ca.pem"
    assert tls_text("https://a", False, MODULE) == "NOT verified (validate_certs: false)"
    assert tls_text("https://a", True, MODULE).startswith("verified against the default CA bundle")


def test_facts_carry_rows_mismatches_summary_and_printable_lines():
    rows = [Row("login", "POST /l", "200", "200", OK), Row("verify", "POST /v", "200", "HTTP 405", MISMATCH)]
    result = facts(rows, heading("https://a", "x"), 100)
    assert result["rows"][0] == {"call": "login", "request": "POST /l", "expected": "200", "got": "200", "result": "OK"}
    assert result["mismatches"] == [result["rows"][1]]
    assert result["report"][:3] == ["Contract check of https://a against docs/api-model.md",
                                    "Read-only: GETs, and POSTs only to login, refresh, verify and logout.", "TLS: x"]
    assert "verify  MISMATCH" in result["report"] and result["report"][-1] == result["summary"]
    assert failure(result["mismatches"]).startswith("1 MISMATCH: verify (HTTP 405). The instance deviates")
