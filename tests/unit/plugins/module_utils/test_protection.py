# -*- coding: utf-8 -*-
"""The guardrail decision that act() applies before any mutating request."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._module import refusal


@pytest.mark.parametrize("deletes", [False, True])
def test_none_allows_everything(deletes):
    assert refusal("none", "upload a.zip", deletes) is None


def test_no_delete_refuses_deletes_only():
    assert refusal("no_delete", "upload a.zip", False) is None
    assert refusal("no_delete", "delete a.zip", True) == "protection is no_delete: refused to delete a.zip"


@pytest.mark.parametrize("deletes", [False, True])
def test_read_only_refuses_every_change_and_names_it(deletes):
    assert refusal("read_only", "restart the extension server", deletes) == \
        "protection is read_only: refused to restart the extension server"
