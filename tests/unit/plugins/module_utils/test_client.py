# -*- coding: utf-8 -*-
"""CommerceClient against the simulator: login, token renewal, 401 handling, wire details."""

from __future__ import annotations

import time

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._client import USER_AGENT, CommerceClient
from client_checks import api_error  # pylint: disable=import-error

SSE = "/ccadmin/v1/serverExtensions"
LOGIN = "/ccadmin/v1/login"
REFRESH = "/ccadmin/v1/refresh"
PUSH = "/ccadminx/custom/v1/servers/push"


def make_client(sim, app_key=None, **kwargs):
    kwargs.setdefault("backoff_factor", 0.001)
    kwargs.setdefault("sleep", lambda seconds: None)
    return CommerceClient(sim.url, app_key or sim.app_key, **kwargs)


def paths(sim, method=None):
    return [entry["path"] for entry in sim.journal if method is None or entry["method"] == method]


def test_login_and_first_request(sim):
    client = make_client(sim)
    assert client.get_json(SSE) is not None
    assert paths(sim)[:2] == [LOGIN, SSE]
    assert client.request_count == 2
    login = sim.journal[0]
    assert login["wire_method"] == "POST"


def test_explicit_login_then_requests_reuse_the_token(sim):
    client = make_client(sim)
    client.login()
    client.get_json(SSE)
    client.get_json(SSE)
    assert paths(sim).count(LOGIN) == 1
    assert client.request_count == 3


def test_wrong_key_fails_with_a_hint_and_no_key(sim):
    wrong = "wrong-key-0123456789"
    client = make_client(sim, app_key=wrong)
    exc = api_error(client, client.get_json, SSE)
    assert exc.status == 401
    assert exc.path == LOGIN
    assert "authentication failed" in str(exc)
    assert "check app_key" in str(exc)
    assert wrong not in str(exc)
    assert sim.app_key not in str(exc)
    assert paths(sim) == [LOGIN]


def test_revoked_token_logs_in_again_once(sim):
    client = make_client(sim)
    client.get_json(SSE)
    sim.expire_tokens()
    sim.clear_journal()
    client.get_json(SSE)
    assert [(entry["path"], entry["status"]) for entry in sim.journal] == [(SSE, 401), (LOGIN, 200), (SSE, 200)]


def test_401_on_a_post_is_replayed_after_login(sim):
    client = make_client(sim)
    client.login()
    sim.faults.add("POST", PUSH, "expire_token")
    sim.clear_journal()
    client.post_json(PUSH)
    assert paths(sim) == [PUSH, LOGIN, PUSH]


def test_second_401_raises(sim):
    client = make_client(sim)
    client.login()
    sim.faults.add("GET", SSE, "status", times=2, status=401, error_code="00001000", message="The user is not authenticated")
    sim.clear_journal()
    exc = api_error(client, client.get_json, SSE)
    assert exc.status == 401
    assert exc.error_code == "00001000"
    assert paths(sim) == [SSE, LOGIN, SSE]


def test_expired_token_by_time(sim_factory):
    sim = sim_factory(token_ttl=1)
    client = make_client(sim)
    client.get_json(SSE)
    time.sleep(1.3)
    sim.clear_journal()
    client.get_json(SSE)
    assert LOGIN in paths(sim)
    assert [entry["status"] for entry in sim.journal][-1] == 200


def test_expired_token_unknown_to_the_client_clock(sim_factory):
    """The server's clock decides: a token it expired early is answered 401, and the client logs in again."""
    sim = sim_factory(token_ttl=1)
    now = [1000.0]
    client = make_client(sim, clock=lambda: now[0])
    client.get_json(SSE)
    time.sleep(1.3)
    sim.clear_journal()
    client.get_json(SSE)
    assert [(entry["path"], entry["status"]) for entry in sim.journal] == [(SSE, 401), (LOGIN, 200), (SSE, 200)]


def test_ensure_token_refreshes_before_expiry(sim):
    now = [1000.0]
    client = make_client(sim, clock=lambda: now[0])
    client.ensure_token()
    assert paths(sim) == [LOGIN]
    client.ensure_token(min_validity=60)
    assert paths(sim) == [LOGIN]
    # Half a minute before the expiry the login answer announced, the token has less than a minute left.
    now[0] = client._tokens.expires_at - 30  # pylint: disable=protected-access
    client.ensure_token(min_validity=60)
    assert paths(sim) == [LOGIN, REFRESH]
    assert sim.journal[-1]["status"] == 200
    client.get_json(SSE)
    assert paths(sim) == [LOGIN, REFRESH, SSE]
    assert sim.journal[-1]["status"] == 200


def test_refresh_falls_back_to_login(sim):
    client = make_client(sim)
    client.login()
    sim.faults.add("POST", REFRESH, "status", status=401)
    sim.clear_journal()
    client.refresh()
    assert paths(sim) == [REFRESH, LOGIN]
    client.get_json(SSE)
    assert sim.journal[-1]["status"] == 200


def test_ensure_token_logs_in_when_the_token_has_expired(sim):
    now = [1000.0]
    client = make_client(sim, clock=lambda: now[0])
    client.login()
    now[0] = client._tokens.expires_at + 1  # pylint: disable=protected-access
    client.ensure_token()
    assert paths(sim) == [LOGIN, LOGIN]


def test_refresh_without_token_logs_in(sim):
    client = make_client(sim)
    client.refresh()
    assert paths(sim) == [LOGIN]


def test_login_names_the_application_profile_and_refresh_sends_an_empty_json_body(sim):
    client = make_client(sim)
    client.login()
    client.refresh()
    login, refresh = sim.journal
    assert login["profile_type"] == "applicationAccess" and login["content_type"] == "application/x-www-form-urlencoded"
    assert refresh["content_type"] == "application/json" and refresh["json"] == {} and refresh["status"] == 200


def test_lifetime_comes_from_the_jwt_not_the_advertised_expires_in(sim_factory):
    sim = sim_factory(token_ttl=3, login_expires_in=930, jwt_tokens=True)
    now = [1000.0]
    client = make_client(sim, clock=lambda: now[0])
    client.login()
    assert client._tokens.expires_at - 1000.0 <= 3.0  # pylint: disable=protected-access


def test_opaque_token_lives_at_most_five_minutes(sim_factory):
    sim = sim_factory(jwt_tokens=False, login_expires_in=930)
    now = [1000.0]
    client = make_client(sim, clock=lambda: now[0])
    client.login()
    assert client._tokens.expires_at == 1300.0  # pylint: disable=protected-access


@pytest.mark.parametrize("jwt_tokens, expires_in", [(True, 930), (False, 6)])
def test_token_is_renewed_before_it_ends_so_no_request_meets_a_401(sim_factory, jwt_tokens, expires_in):
    """From the JWT's exp, or from an honest expires_in when the token is opaque."""
    sim = sim_factory(token_ttl=6, jwt_tokens=jwt_tokens, login_expires_in=expires_in)
    client = make_client(sim)
    client.get_json(SSE)
    time.sleep(4.3)  # past two thirds of the real lifetime, well before its end (a loaded machine may stall)
    sim.clear_journal()
    client.get_json(SSE)
    assert [(entry["path"], entry["status"]) for entry in sim.journal] == [(REFRESH, 200), (SSE, 200)]


def test_refused_delete_names_method_override(sim):
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    client = make_client(sim)
    sim.faults.add("DELETE", SSE + "/a.zip", "status", status=405, error_code="405", message="Method Not Allowed")
    exc = api_error(client, client.delete, SSE + "/a.zip")
    assert exc.status == 405 and "method_override: true" in str(exc)


def test_login_answered_404_says_base_url_is_not_the_admin_api(sim):
    sim.faults.add("POST", LOGIN, "status", status=404, error_code="404")
    client = make_client(sim)
    exc = api_error(client, client.login)
    assert exc.status == 404 and "does not look like a Commerce Admin API" in str(exc) and "check base_url" in str(exc)


def test_method_override_tunnels_delete(sim):
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    client = make_client(sim, method_override=True)
    client.login()
    sim.clear_journal()
    assert isinstance(client.delete(SSE + "/a.zip", params={"restartExtensionServer": "false"}), dict)  # {} for 204, the body for 200
    assert sim.sse_names() == []
    entry = sim.journal[-1]
    assert entry["wire_method"] == "POST"
    assert entry["method"] == "DELETE"
    assert entry["content_length"] == 0


def test_plain_delete_without_override(sim):
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    client = make_client(sim)
    client.delete(SSE + "/a.zip", params={"restartExtensionServer": "false"})
    assert sim.journal[-1]["wire_method"] == "DELETE"
    exc = api_error(client, client.delete, SSE + "/a.zip")
    assert exc.status in (400, 404) and exc.error_code


def test_bodiless_post_sends_content_length_zero(sim):
    client = make_client(sim)
    assert client.post_json(PUSH) == {}
    entry = sim.journal[-1]
    assert (entry["method"], entry["status"], entry["content_length"]) == ("POST", 204, 0)


def test_json_post_body(sim):
    client = make_client(sim)
    answer = client.post_json("/ccadminx/custom/v1/servers/restart", {}, params={"trackProgress": "true"})
    assert answer.get("workRequestId")
    entry = sim.journal[-1]
    assert entry["content_length"] == 2
    assert entry["query"].get("trackProgress") in ("true", ["true"])


def test_user_agent_and_accept_on_the_wire(sim):
    seen = {}

    def spy(request, *args, **kwargs):
        seen.update(request.headers)
        return original(request, *args, **kwargs)

    client = make_client(sim)
    original = client._transport.session.send  # pylint: disable=protected-access
    client._transport.session.send = spy  # pylint: disable=protected-access
    client.get_json(SSE)
    assert seen["User-Agent"] == USER_AGENT
    assert seen["Accept"] == "application/json"
    assert seen["Authorization"].startswith("Bearer ")
