# -*- coding: utf-8 -*-
"""The simulator's request rules: authentication, tokens, Content-Length: 0, method override, journal."""

from __future__ import annotations

import http.client
import time
from urllib.parse import urlsplit

import requests

from simulator.probe import SSE, auth, token


def test_every_endpoint_but_login_needs_a_valid_bearer(sim):
    answer = requests.get(sim.url + SSE, timeout=10)
    assert answer.status_code == 401
    assert answer.json() == {"errorCode": "00001000", "message": "The user is not authenticated", "status": "401", "type": "about:blank"}
    assert requests.get(sim.url + SSE, headers={"Authorization": "Bearer forged"}, timeout=10).status_code == 401
    assert requests.get(sim.url + SSE, headers=auth(sim), timeout=10).status_code == 200


def test_login_rules(sim):
    url = sim.url + "/ccadmin/v1/login"
    good = {"Authorization": "Bearer " + sim.app_key}
    assert requests.post(url, data={"grant_type": "client_credentials"}, headers={"Authorization": "Bearer wrong"}, timeout=10).status_code == 401
    assert requests.post(url, data={"grant_type": "password"}, headers=good, timeout=10).status_code == 400
    assert requests.post(url, json={"grant_type": "client_credentials"}, headers=good, timeout=10).status_code == 400
    answer = requests.post(url, data={"grant_type": "client_credentials"}, headers=good, timeout=10).json()
    assert answer["token_type"] == "bearer" and answer["expires_in"] == 300
    assert answer["access_token"].count(".") == 2


def test_login_without_expires_in(sim_factory):
    sim = sim_factory(login_expires_in=False)
    answer = requests.post(sim.url + "/ccadmin/v1/login", data={"grant_type": "client_credentials"},
                           headers={"Authorization": "Bearer " + sim.app_key}, timeout=10).json()
    assert "expires_in" not in answer


def test_tokens_expire_and_refresh_replaces_them(sim_factory):
    sim = sim_factory(token_ttl=0.5)
    first = token(sim)
    refreshed = requests.post(sim.url + "/ccadmin/v1/refresh", headers={"Authorization": "Bearer " + first, "Content-Length": "0"}, timeout=10)
    second = refreshed.json()["access_token"]
    assert requests.get(sim.url + SSE, headers={"Authorization": "Bearer " + first}, timeout=10).status_code == 401
    assert requests.get(sim.url + SSE, headers={"Authorization": "Bearer " + second}, timeout=10).status_code == 200
    time.sleep(0.6)
    assert requests.get(sim.url + SSE, headers={"Authorization": "Bearer " + second}, timeout=10).status_code == 401


def test_logout_revokes(sim):
    headers = auth(sim)
    assert requests.post(sim.url + "/ccadmin/v1/logout", headers=dict(headers, **{"Content-Length": "0"}), timeout=10).json() == {"result": True}
    assert requests.get(sim.url + SSE, headers=headers, timeout=10).status_code == 401


def test_bodiless_post_needs_content_length_zero(sim):
    headers = auth(sim)
    # http.client sends exactly the headers given: no Content-Length, no body
    connection = http.client.HTTPConnection(urlsplit(sim.url).netloc, timeout=10)
    connection.putrequest("POST", "/ccadmin/v1/servers/push")
    connection.putheader("Authorization", headers["Authorization"])
    connection.endheaders()
    answer = connection.getresponse()
    assert answer.status == 411
    connection.close()
    answer = requests.post(sim.url + "/ccadmin/v1/servers/push", headers=dict(headers, **{"Content-Length": "0"}), timeout=10)
    assert answer.status_code == 204


def test_method_override_header_and_parameter_which_wins(sim):
    headers = dict(auth(sim), **{"Content-Length": "0"})
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    answer = requests.post(sim.url + SSE + "/a.zip", headers=dict(headers, **{"x-dw-http-method-override": "DELETE"}), timeout=10)
    assert answer.status_code == 204 and sim.sse_names() == []
    sim.put_sse("b.zip", b"PK\x05\x06" + bytes(18))
    # the parameter wins over the header: PUT would be refused with 405, DELETE deletes
    answer = requests.post(sim.url + SSE + "/b.zip?method=DELETE", headers=dict(headers, **{"x-dw-http-method-override": "PUT"}), timeout=10)
    assert answer.status_code == 204 and sim.sse_names() == []
    entries = [entry for entry in sim.journal if entry["path"].startswith(SSE + "/")]
    assert [(entry["wire_method"], entry["method"]) for entry in entries] == [("POST", "DELETE"), ("POST", "DELETE")]


def test_journal_records_requests_without_secrets(sim):
    requests.get(sim.url + SSE, headers=auth(sim), timeout=10)
    entries = sim.journal
    assert [(entry["method"], entry["path"], entry["status"]) for entry in entries] == [
        ("POST", "/ccadmin/v1/login", 200), ("GET", SSE, 200)]
    assert entries[0]["auth"] == "app-key" and entries[1]["auth"] == "bearer"
    assert sim.app_key not in repr(entries)
    sim.clear_journal()
    assert sim.journal == []


def test_unknown_route_and_wrong_method(sim):
    headers = auth(sim)
    assert requests.get(sim.url + "/ccadmin/v1/nothing", headers=headers, timeout=10).status_code == 404
    assert requests.put(sim.url + SSE, headers=headers, data=b"x", timeout=10).status_code == 405


def test_verify_probe(sim):
    answer = requests.get(sim.url + "/ccadmin/v1/verify", headers=auth(sim), timeout=10)
    assert answer.headers["oraclecommercecloud-version"]
