# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a contract run shows around its rows: the heading, the TLS line, and the rows as a module's result."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._contract.table import MISMATCH, render, summary

READ_ONLY = "Read-only: GETs, and POSTs only to login, refresh, verify and logout."
FIELDS = ("call", "request", "expected", "got", "result")


def tls_text(base_url, verify, words):
    """How the instance's certificate was checked; `verify` as the transport holds it (True, False or a CA path)."""
    if base_url.startswith("http:"):
        return "none: plain http, the key travels unencrypted (use https outside a test bench)"
    if isinstance(verify, str):
        return "verified against %s %s" % (words.ca_path, verify)
    if verify is False:
        return "NOT verified (%s)" % words.insecure
    return "verified against the default CA bundle (REQUESTS_CA_BUNDLE, else certifi)"


def heading(base_url, tls):
    return ["Contract check of %s against docs/api-model.md" % base_url, READ_ONLY, "TLS: " + tls]


def as_dict(row):
    return dict(zip(FIELDS, row.cells()))


def failure(mismatches):
    """The message of a run with MISMATCH rows: each call and what it got."""
    shown = "; ".join("%s (%s)" % (row["call"], row["got"]) for row in mismatches)
    return ("%d MISMATCH: %s. The instance deviates from docs/api-model.md: do not trust the collection here until "
            "the MISMATCH rows are understood" % (len(mismatches), shown))


def facts(rows, lines, width):
    """The result of commerce.admin.contract_info: every row, the MISMATCH ones, the summary, and the report as
    printable lines (the heading, the table `width` wide, the summary)."""
    text = summary(rows)
    return {
        "rows": [as_dict(row) for row in rows],
        "mismatches": [as_dict(row) for row in rows if row.result == MISMATCH],
        "summary": text,
        "report": list(lines) + [""] + render(rows, width).split("\n") + ["", text],
    }
