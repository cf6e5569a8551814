# -*- coding: utf-8 -*-
"""plugins/module_utils/_settings/sync.py: the declared values, and the one write with its read-back."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._settings import sync
from ansible_collections.commerce.admin.plugins.module_utils._settings.plan import Plan


class Server:
    """A client stand-in holding one settings object; `keeps` False drops what is written."""

    def __init__(self, data, keeps=True):
        self.data, self.keeps, self.puts = dict(data), keeps, []

    def get_json(self, path, params=None, headers=None):
        return {"data": dict(self.data)}

    def put_json(self, path, body, headers=None, **_kwargs):
        self.puts.append(body)
        if self.keeps:
            self.data.update(body)
        return {"data": dict(self.data)}


def test_declared_merges_both_options_and_names_the_secrets():
    values, secret = sync.declared({"values": {"a": 1}, "secret_values": {"k": "s3cr3t-value"}})
    assert values == {"a": 1, "k": "s3cr3t-value"} and secret == {"k"}
    assert sync.declared({"values": None, "secret_values": None}) == ({}, set())
    with pytest.raises(CommerceError, match="a, b declared in both"):
        sync.declared({"values": {"a": 1, "b": 2}, "secret_values": {"a": "x", "b": "y"}})


def test_write_puts_the_body_once_and_reads_back():
    server = Server({"retries": 3, "colour": "red"})
    plan = Plan("gw", "siteUS", {"retries": "4"}, set(), server.data)
    assert sync.write(server, plan) == {"retries": 4, "colour": "red"}
    assert server.puts == [{"retries": 4}]


def test_a_write_that_does_not_take_fails_as_a_change():
    server = Server({"retries": 3}, keeps=False)
    with pytest.raises(CommerceError) as caught:
        sync.write(server, Plan("gw", None, {"retries": 4}, set(), server.data))
    assert caught.value.changed and "reads back different ones for retries" in str(caught.value)
