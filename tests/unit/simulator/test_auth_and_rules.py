# -*- coding: utf-8 -*-
"""The simulator's request rules: authentication, tokens, routes, Content-Length: 0, method override, journal."""

from __future__ import annotations

import base64
import http.client
import json
import time
from urllib.parse import urlsplit

import requests

from simulator.probe import SSE, auth, token

LOGIN = "/ccadmin/v1/login"
REFRESH = "/ccadmin/v1/refresh"
FORM = {"grant_type": "client_credentials"}


def claims(jwt):
    payload = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def login(sim, **headers):
    return requests.post(sim.url + LOGIN, data=FORM, headers=dict({"Authorization": "Bearer " + sim.app_key}, **headers), timeout=10)


def test_every_endpoint_but_login_needs_a_valid_bearer(sim):
    answer = requests.get(sim.url + SSE, timeout=10)
    assert answer.status_code == 401
    # doc: the 401 example, exactly
    assert answer.json() == {"errorCode": "00001000", "message": "The user is not authenticated", "status": "401"}
    assert requests.get(sim.url + SSE, headers={"Authorization": "Bearer forged"}, timeout=10).status_code == 401
    assert requests.get(sim.url + SSE, headers=auth(sim), timeout=10).status_code == 200


def test_login_rules(sim):
    url = sim.url + LOGIN
    good = {"Authorization": "Bearer " + sim.app_key}
    assert requests.post(url, data=FORM, headers={"Authorization": "Bearer wrong"}, timeout=10).status_code == 401
    assert requests.post(url, data={"grant_type": "password"}, headers=good, timeout=10).status_code == 400
    assert requests.post(url, json=FORM, headers=good, timeout=10).status_code == 400
    assert requests.post(url + "/", data=FORM, headers=good, timeout=10).status_code == 200  # seen: the DCU's /login/
    answer = login(sim).json()
    assert answer["token_type"] == "bearer" and answer["access_token"]


def test_jwt_exp_is_the_real_lifetime_while_expires_in_says_930(sim_factory):
    sim = sim_factory(profile="current")
    answer = login(sim).json()
    assert answer["expires_in"] == 930
    payload = claims(answer["access_token"])
    assert payload["exp"] - payload["iat"] == 300 == sim.config.token_ttl
    assert isinstance(payload["exp"], int) and payload["sub"] and abs(payload["iat"] - time.time()) < 5
    short = sim_factory(profile="current", token_ttl=0.5)
    jwt = login(short).json()["access_token"]
    assert claims(jwt)["exp"] <= time.time() + 0.5  # rounded down: never later than the real expiry
    headers = {"Authorization": "Bearer " + jwt}
    assert requests.get(short.url + SSE, headers=headers, timeout=10).status_code == 200
    time.sleep(0.6)
    assert requests.get(short.url + SSE, headers=headers, timeout=10).status_code == 401


def test_opaque_tokens_and_expires_in_left_out(sim_factory):
    sim = sim_factory(jwt_tokens=False, login_expires_in=None)
    answer = login(sim).json()
    assert "expires_in" not in answer and "." not in answer["access_token"]
    assert requests.get(sim.url + SSE, headers={"Authorization": "Bearer " + answer["access_token"]}, timeout=10).status_code == 200


def test_refresh_needs_json_and_replaces_the_token(sim_factory):
    sim = sim_factory(token_ttl=0.5)
    first = token(sim)
    bearer = {"Authorization": "Bearer " + first}
    assert requests.post(sim.url + REFRESH, data="{}", headers=dict(bearer, **{"Content-Type": "text/plain"}), timeout=10).status_code == 415
    refreshed = requests.post(sim.url + REFRESH, json={}, headers=bearer, timeout=10)
    assert refreshed.status_code == 200 and refreshed.json()["token_type"] == "bearer"
    second = refreshed.json()["access_token"]
    assert requests.get(sim.url + SSE, headers=bearer, timeout=10).status_code == 401
    assert requests.get(sim.url + SSE, headers={"Authorization": "Bearer " + second}, timeout=10).status_code == 200
    assert requests.post(sim.url + REFRESH, json={}, headers=bearer, timeout=10).status_code == 401
    time.sleep(0.6)
    assert requests.get(sim.url + SSE, headers={"Authorization": "Bearer " + second}, timeout=10).status_code == 401
    assert sim.issued_tokens == [first, second]


def test_logout_revokes(sim):
    headers = auth(sim)
    assert requests.post(sim.url + "/ccadmin/v1/logout", headers=dict(headers, **{"Content-Length": "0"}), timeout=10).json() == {"result": True}
    assert requests.get(sim.url + SSE, headers=headers, timeout=10).status_code == 401


def test_restarts_exist_only_under_ccadminx_custom(sim):
    headers = auth(sim)
    for method, path in (("POST", "restart"), ("GET", "restartWorkRequestStatus"), ("POST", "push")):
        answer = requests.request(method, sim.url + "/ccadmin/v1/servers/" + path, json={}, headers=headers, timeout=10)
        assert answer.status_code == 404, path
    answer = requests.request("POST", sim.url + "/ccadmin/v1/servers/restart", json={}, headers=headers, timeout=10).json()
    assert answer == {"message": "HTTP 404 not found", "type": "HTTP://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4", "status": "404"}
    bodiless = dict(headers, **{"Content-Length": "0"})
    assert requests.post(sim.url + "/ccadminx/custom/v1/servers/push", headers=bodiless, timeout=10).status_code == 204


def test_verify_is_a_post_with_the_version_header(sim):
    headers = auth(sim)
    answer = requests.post(sim.url + "/ccadmin/v1/verify", headers=dict(headers, **{"Content-Length": "0"}), timeout=10)
    assert answer.status_code == 200 and answer.json() == {"success": True}
    assert answer.headers["oraclecommercecloud-version"]
    assert requests.get(sim.url + "/ccadmin/v1/verify", headers=headers, timeout=10).status_code == 405


def bodiless_post(sim, path, headers):
    """http.client sends exactly the headers given: no Content-Length, no body."""
    connection = http.client.HTTPConnection(urlsplit(sim.url).netloc, timeout=10)
    try:
        connection.putrequest("POST", path)
        connection.putheader("Authorization", headers["Authorization"])
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def test_bodiless_post_without_content_length_is_taken_unless_the_gateway_is_strict(sim_factory):
    push = "/ccadminx/custom/v1/servers/push"
    lenient = sim_factory()
    assert bodiless_post(lenient, push, auth(lenient)) == 204  # seen: real clients send it; only seed 003 (Salesforce) says 411
    strict = sim_factory(strict_gateway=True)
    headers = auth(strict)
    assert bodiless_post(strict, push, headers) == 411
    assert requests.post(strict.url + push, headers=dict(headers, **{"Content-Length": "0"}), timeout=10).status_code == 204


def test_method_override_header_and_parameter_which_wins(sim_factory):
    sim = sim_factory(success_status=204)
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


def test_journal_records_json_and_profile_type_never_a_credential(sim):
    answer = login(sim, **{"X-CCProfileType": "applicationAccess"})
    headers = {"Authorization": "Bearer " + answer.json()["access_token"]}
    requests.get(sim.url + SSE, headers=headers, timeout=10)
    requests.post(sim.url + SSE + "/deleteFiles", params={"restartExtensionServer": "false"},
                  json={"paths": ["/x.zip"], "note": headers["Authorization"][7:]}, headers=headers, timeout=10)
    requests.post(sim.url + LOGIN, json={"grant_type": "client_credentials", "key": sim.app_key}, headers=headers, timeout=10)
    entries = sim.journal
    assert [(entry["method"], entry["path"], entry["status"]) for entry in entries] == [
        ("POST", LOGIN, 200), ("GET", SSE, 200), ("POST", SSE + "/deleteFiles", 400), ("POST", LOGIN, 400)]
    assert entries[0]["auth"] == "app-key" and entries[1]["auth"] == "bearer"
    assert entries[0]["profile_type"] == "applicationAccess" and entries[1]["profile_type"] is None
    assert entries[0]["json"] is None and entries[1]["json"] is None and entries[3]["json"] is None
    assert entries[2]["json"] == {"paths": ["/x.zip"], "note": "<redacted>"}
    text = repr(entries)
    assert sim.app_key not in text and all(issued not in text for issued in sim.issued_tokens) and sim.issued_tokens
    sim.clear_journal()
    assert sim.journal == []


def test_unknown_route_and_wrong_method(sim):
    headers = auth(sim)
    assert requests.get(sim.url + "/ccadmin/v1/nothing", headers=headers, timeout=10).status_code == 404
    assert requests.put(sim.url + SSE, headers=headers, data=b"x", timeout=10).status_code == 405


def test_what_real_clients_send_is_taken(sim):
    """seen: doubled slashes, an empty form-encoded refresh, grant_type in the login's query string."""
    headers = auth(sim)
    assert requests.get(sim.url + "/ccadmin/v1//serverExtensions", headers=headers, timeout=10).status_code == 200
    doubled = requests.post(sim.url + "//ccadmin/v1//serverExtensions//deleteFiles", params={"restartExtensionServer": "false"},
                            json={"paths": ["/none.zip"]}, headers=headers, timeout=10)
    assert doubled.json()["errorCode"] == "100307"  # routed to deleteFiles, not a 404
    refreshed = requests.post(sim.url + REFRESH, data="", headers=dict(headers, **{"Content-Type": "application/x-www-form-urlencoded"}),
                              timeout=10)
    assert refreshed.status_code == 200 and refreshed.json()["access_token"]
    bare = requests.post(sim.url + REFRESH, headers={"Authorization": "Bearer " + refreshed.json()["access_token"], "Content-Length": "0"},
                         timeout=10)
    assert bare.status_code == 200
    query_login = requests.post(sim.url + LOGIN, params=FORM, headers={"Authorization": "Bearer " + sim.app_key, "Content-Length": "0"},
                                timeout=10)
    assert query_login.status_code == 200 and query_login.json()["access_token"]
    form_type = requests.post(sim.url + LOGIN + "?grant_type=client_credentials", data="",
                              headers={"Authorization": "Bearer " + sim.app_key, "Content-Type": "application/x-www-form-urlencoded"}, timeout=10)
    assert form_type.status_code == 200
    assert requests.post(sim.url + LOGIN, params={"grant_type": "password"}, headers={"Authorization": "Bearer " + sim.app_key},
                         timeout=10).status_code == 400
    assert [entry["path"] for entry in sim.journal][1:3] == ["/ccadmin/v1//serverExtensions", "/ccadmin/v1//serverExtensions//deleteFiles"]


def test_faults_match_the_collapsed_path(sim):
    sim.faults.add("GET", SSE, "status", status=503)
    assert requests.get(sim.url + "/ccadmin/v1//serverExtensions", headers=auth(sim), timeout=10).status_code == 503
