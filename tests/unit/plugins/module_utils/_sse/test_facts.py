# -*- coding: utf-8 -*-
"""plugins/module_utils/_sse/facts.py: what the modules report of a stored SSE."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._sse.facts import sse_facts


def test_sse_facts_shape():
    item = {"name": "a.zip", "path": "/serverExtensions/a.zip", "size": 3, "checksum": -1.5e18, "lastModified": "2026-01-01T00:00:00.000Z",
            "repositoryId": "x", "type": "file", "metadata": {}}
    assert sse_facts(item) == {"name": "a.zip", "path": "/serverExtensions/a.zip", "size": 3, "checksum": -1.5e18,
                               "last_modified": "2026-01-01T00:00:00.000Z"}
    assert sse_facts(None) is None
