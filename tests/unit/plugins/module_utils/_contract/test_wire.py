# -*- coding: utf-8 -*-
"""plugins/module_utils/_contract/wire.py: the collection's transport, read-only, raw answers, secrets hidden, one-line failures."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._contract.wire import ReadOnlyViolation, Unreachable, Wire
from ansible_collections.commerce.admin.plugins.module_utils._contract.words import COMMAND_LINE, MODULE
from helpers.client_checks import make_client


def login(wire, sim):
    answer = wire.post("login", "/ccadmin/v1/login", sim.app_key, data={"grant_type": "client_credentials"})
    return answer.json()["access_token"]


@pytest.mark.parametrize("path", ["/ccadmin/v1/serverExtensions/x.zip", "/ccadminx/custom/v1/servers/restart", "/ccadmin/v1/publish"])
def test_a_post_that_could_change_something_is_never_sent(sim, path):
    wire = Wire(make_client(sim), MODULE)
    with pytest.raises(ReadOnlyViolation):
        wire.post("x", path, "token")
    assert sim.journal == []


def test_answers_come_back_raw_and_a_401_is_not_retried(sim):
    wire = Wire(make_client(sim), MODULE)
    refused = wire.get("list SSEs", "/ccadmin/v1/serverExtensions", "not-a-token")
    assert refused.status_code == 401
    assert [entry["path"] for entry in sim.journal] == ["/ccadmin/v1/serverExtensions"], "no login behind the caller's back"


def test_a_503_on_a_get_is_retried_as_the_modules_do(sim):
    wire = Wire(make_client(sim, backoff_factor=0.01), MODULE)
    token = login(wire, sim)
    sim.faults.add("GET", "/ccadmin/v1/extensions", "status", times=1, status=503)
    assert wire.get("list extensions", "/ccadmin/v1/extensions", token).status_code == 200
    assert [entry["status"] for entry in sim.journal if entry["path"] == "/ccadmin/v1/extensions"] == [503, 200]


def test_hidden_values_never_show_and_short_ones_are_left_alone(sim):
    wire = Wire(make_client(sim), MODULE)
    wire.hide("a-token-value")
    wire.hide("1")
    assert wire.redact("got a-token-value, 1 item") == "got ********, 1 item"


def test_drain_counts_without_keeping(sim):
    sim.put_sse("a.zip", b"PK\x03\x04" + bytes(5000))
    wire = Wire(make_client(sim), MODULE)
    response = wire.get("download SSE", "/ccadmin/v1/serverExtensions/a.zip", login(wire, sim), stream=True)
    assert wire.drain("download SSE", response) == (5004, b"PK\x03\x04")


@pytest.mark.parametrize("words, names", [(COMMAND_LINE, "--url"), (MODULE, "base_url")])
def test_a_refused_connection_is_one_line_in_the_callers_words(sim, words, names):
    sim.stop()
    wire = Wire(make_client(sim, retries=0), words)
    with pytest.raises(Unreachable) as caught:
        wire.get("list SSEs", "/ccadmin/v1/serverExtensions", "t")
    assert str(caught.value).startswith("connection refused by %s (during list SSEs): check the host and port in %s" % (sim.url, names))


def test_an_untrusted_certificate_names_the_ca_option(sim_factory, tls_material):
    sim = sim_factory(certfile=tls_material.cert, keyfile=tls_material.key)
    wire = Wire(make_client(sim), MODULE)
    with pytest.raises(Unreachable) as caught:
        wire.get("login", "/ccadmin/v1/serverExtensions", "t")
    assert "is not trusted: give ca_path the CA bundle" in str(caught.value) and "validate_certs: false" in str(caught.value)
