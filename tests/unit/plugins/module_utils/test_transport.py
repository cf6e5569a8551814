# -*- coding: utf-8 -*-
"""plugins/module_utils/_transport.py, through CommerceClient against the simulator: what is retried, how
long it waits, the errors after the budget, TLS against a private CA, the method override and bodies, redirects
and ~/.netrc."""

from __future__ import annotations

import http.server
import socket
import threading
import warnings

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient
from ansible_collections.commerce.admin.plugins.module_utils._transport import Transport
from helpers.client_checks import api_error, make_client

SSE = "/ccadmin/v1/serverExtensions"
RESTART = "/ccadmin/v1/servers/restart"
PUSH = "/ccadminx/custom/v1/servers/push"


def calls(sim, path):
    return [entry["status"] for entry in sim.journal if entry["path"] == path]


@pytest.fixture
def client(sim):
    client = make_client(sim)
    client.login()
    sim.clear_journal()
    return client


def test_503_with_retry_after_waits_exactly_that(sim, client):
    sim.faults.add("GET", SSE, "status", times=1, status=503, retry_after=2)
    sim.faults.add("GET", SSE, "status", times=1, status=503, retry_after=5)
    assert "items" in client.get_json(SSE)
    assert calls(sim, SSE) == [503, 503, 200]
    assert client.sleeps == [2.0, 5.0]


def test_retry_after_is_capped_at_backoff_max(sim):
    client = make_client(sim, backoff_max=1.5)
    sim.faults.add("GET", SSE, "status", status=503, retry_after=60)
    client.get_json(SSE)
    assert client.sleeps == [1.5]


def test_429_is_retried(sim, client):
    sim.faults.add("GET", SSE, "status", times=2, status=429)
    client.get_json(SSE)
    assert calls(sim, SSE) == [429, 429, 200]
    assert len(client.sleeps) == 2
    assert all(0 < delay <= 0.01 for delay in client.sleeps)


@pytest.mark.parametrize("status", [502, 504])
def test_gateway_errors_are_retried(sim, client, status):
    sim.faults.add("GET", SSE, "status", status=status)
    client.get_json(SSE)
    assert calls(sim, SSE) == [status, 200]


def test_backoff_grows_without_retry_after(sim):
    client = make_client(sim, backoff_factor=1.0, backoff_max=100.0, retries=4)
    sim.faults.add("GET", SSE, "status", times=4, status=502)
    client.get_json(SSE)
    ceilings = [1.0, 2.0, 4.0, 8.0]
    assert len(client.sleeps) == 4
    for delay, ceiling in zip(client.sleeps, ceilings):
        assert ceiling / 2 <= delay <= ceiling


def test_dropped_connection_on_get_is_retried(sim, client):
    sim.faults.add("GET", SSE, "drop")
    before = client.request_count
    client.get_json(SSE)
    assert calls(sim, SSE)[-1] == 200
    assert len(client.sleeps) == 1
    assert client.request_count == before + 2


def test_500_is_not_retried(sim, client):
    sim.faults.add("GET", SSE, "status", status=500, error_code="91004", message="internal error")
    exc = api_error(client, client.get_json, SSE)
    assert (exc.status, exc.error_code, exc.message) == (500, "91004", "internal error")
    assert calls(sim, SSE) == [500]
    assert client.sleeps == []


def test_other_4xx_is_not_retried(sim, client):
    sim.faults.add("GET", SSE, "status", status=409)
    exc = api_error(client, client.get_json, SSE)
    assert exc.status == 409
    assert calls(sim, SSE) == [409]


def test_non_idempotent_post_on_503_is_not_retried(sim, client):
    sim.faults.add("POST", RESTART, "status", status=503, retry_after=1)
    exc = api_error(client, client.post_json, RESTART, {})
    assert exc.status == 503
    assert "not idempotent" in str(exc)
    assert calls(sim, RESTART) == [503]
    assert client.sleeps == []


def test_non_idempotent_post_dropped_is_not_retried(sim, client):
    sim.faults.add("POST", RESTART, "drop")
    before = client.request_count
    exc = api_error(client, client.post_json, RESTART, {})
    assert exc.status is None
    assert "dropped" in str(exc)
    assert "not idempotent" in str(exc)
    assert len([entry for entry in sim.journal if entry["path"] == RESTART]) <= 1
    assert client.request_count == before + 1
    assert client.sleeps == []


def test_post_marked_idempotent_is_retried(sim, client):
    sim.put_sse("present.zip", b"PK\x05\x06" + bytes(18))
    sim.faults.add("POST", SSE + "/deleteFiles", "status", status=503)
    client.post_json(SSE + "/deleteFiles", {"paths": ["/present.zip"]}, idempotent=True)
    assert sim.sse_names() == []
    assert len(calls(sim, SSE + "/deleteFiles")) == 2


def test_retries_exhausted(sim):
    client = make_client(sim, retries=2)
    sim.faults.add("GET", SSE, "status", times=10, status=503, error_code="14000", message="extension server down")
    exc = api_error(client, client.get_json, SSE)
    assert exc.status == 503
    assert calls(sim, SSE) == [503, 503, 503]
    assert "gave up after 3 attempts" in str(exc)
    assert "extension server down" in str(exc)


def test_drops_exhausted(sim):
    client = make_client(sim, retries=1)
    sim.faults.add("GET", SSE, "drop", times=5)
    exc = api_error(client, client.get_json, SSE)
    assert exc.status is None
    assert "dropped" in str(exc)
    assert "gave up after 2 attempts" in str(exc)


def test_retries_zero_disables_retries(sim):
    client = make_client(sim, retries=0)
    sim.faults.add("GET", SSE, "status", status=503)
    exc = api_error(client, client.get_json, SSE)
    assert exc.status == 503
    assert client.sleeps == []


def test_timeout_gives_a_hint(sim):
    client = make_client(sim, timeout=0.3, retries=1)
    sim.faults.add("GET", SSE, "slow", times=2, seconds=1.5)
    exc = api_error(client, client.get_json, SSE)
    assert exc.status is None
    assert "no answer within 0.3 s: raise timeout" in str(exc)
    assert "gave up after 2 attempts" in str(exc)


def test_timeout_then_success(sim):
    client = make_client(sim, timeout=0.3)
    sim.faults.add("GET", SSE, "slow", seconds=1.5)
    assert "items" in client.get_json(SSE)
    assert len(client.sleeps) == 1


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_connection_refused_gives_a_hint():
    sleeps = []
    client = CommerceClient("http://127.0.0.1:%d" % free_port(), "sim-app-key-4c1e8b2f", sleep=sleeps.append, backoff_factor=0.001)
    exc = api_error(client, client.get_json, SSE)
    assert exc.status is None
    assert exc.method == "GET" and exc.path == SSE
    assert str(exc).startswith("GET %s failed: cannot connect to http://127.0.0.1:" % SSE)
    assert "Connection refused" in str(exc)
    assert "check base_url and that the server is reachable" in str(exc)
    # Nothing reached a server, so the attempts were repeated within the budget.
    assert client.request_count == 4
    assert len(sleeps) == 3


def test_unknown_host_gives_a_hint():
    client = CommerceClient("http://no-such-host.invalid", "unit-test-app-key", retries=0)
    exc = api_error(client, client.get_json, SSE)
    assert "cannot connect to http://no-such-host.invalid" in str(exc)
    assert "check base_url" in str(exc)


def test_refused_delete_names_method_override(sim):
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    client = make_client(sim)
    sim.faults.add("DELETE", SSE + "/a.zip", "status", status=405, error_code="405", message="Method Not Allowed")
    exc = api_error(client, client.delete, SSE + "/a.zip")
    assert exc.status == 405 and "method_override: true" in str(exc)


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


@pytest.fixture
def https_sim(sim_factory, tls_material):
    return sim_factory(certfile=tls_material.cert, keyfile=tls_material.key)


def test_default_verification_fails_with_the_certificate_hint(https_sim, monkeypatch):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    client = CommerceClient(https_sim.url, https_sim.app_key, sleep=lambda seconds: None)
    exc = api_error(client, client.get_json, SSE)
    assert exc.status is None
    assert "certificate verify failed" in str(exc)
    assert "set ca_path to the CA bundle that signed it, or validate_certs: false" in str(exc)
    # A certificate that fails once fails every time: not retried.
    assert client.request_count == 1


def test_ca_path_verifies(https_sim, tls_material):
    client = CommerceClient(https_sim.url, https_sim.app_key, ca_path=str(tls_material.ca))
    assert "items" in client.get_json(SSE)
    assert client._transport.verify == str(tls_material.ca)


def test_validate_certs_false_connects_without_warnings(https_sim):
    client = CommerceClient(https_sim.url, https_sim.app_key, validate_certs=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert "items" in client.get_json(SSE)
    assert not [warning for warning in caught if "Unverified HTTPS" in str(warning.message)]


def test_the_warning_filter_does_not_leak(https_sim):
    """Silencing urllib3's warning for this client must not change the filters other code sees."""
    client = CommerceClient(https_sim.url, https_sim.app_key, validate_certs=False)
    before = list(warnings.filters)
    client.get_json(SSE)
    assert warnings.filters == before


def test_plain_http_to_an_https_server(https_sim):
    client = CommerceClient(https_sim.url.replace("https://", "http://"), https_sim.app_key, retries=0)
    exc = api_error(client, client.get_json, SSE)
    assert exc.status is None or exc.status >= 400


def test_each_kind_of_retry_has_its_own_verdict(sim, client):
    """A busy answer, a refused connection and a broken one mean different things to the reader."""
    client.get_json(SSE)
    assert client.retry_verdict == ""
    sim.faults.add("GET", SSE, "status", times=1, status=429, retry_after=0)
    client.get_json(SSE)
    assert client.retry_verdict == "the instance may be overloaded or flaky"
    sim.faults.add("GET", SSE, "drop")
    client.get_json(SSE)
    assert client.retry_verdict == ("the instance may be overloaded or flaky; "
                                    "connections broke or timed out: the network or the instance may be flaky")


def test_refused_connections_are_called_unreachable():
    client = CommerceClient("http://127.0.0.1:%d" % free_port(), "sim-app-key-4c1e8b2f", sleep=lambda _: None, backoff_factor=0.001, retries=1)
    api_error(client, client.get_json, SSE)
    assert client.retry_verdict.startswith("the server was not reachable")


@pytest.fixture
def recorder():
    """A bare HTTP server on loopback: /moved redirects to /target; every request's Authorization header is kept."""
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server name)
            seen.append((self.path, self.headers.get("Authorization")))
            self.send_response(302 if self.path == "/moved" else 200)
            if self.path == "/moved":
                self.send_header("Location", "/target")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_port, seen
    server.shutdown()
    server.server_close()


def test_redirects_are_followed_unless_asked_not_to(recorder):
    url, seen = recorder
    transport = Transport(url, retries=0)
    followed, dummy = transport.send("GET", "/moved")
    assert followed.status_code == 200 and [path for path, dummy in seen] == ["/moved", "/target"]
    del seen[:]
    kept, dummy = transport.send("GET", "/moved", follow_redirects=False)
    assert kept.status_code == 302 and kept.headers["Location"] == "/target" and [path for path, dummy in seen] == ["/moved"]


def test_netrc_credentials_never_replace_the_bearer_header(recorder, tmp_path, monkeypatch):
    url, seen = recorder
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password from-netrc\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    Transport(url, retries=0).send("GET", "/target", headers={"Authorization": "Bearer the-token"})
    Transport(url, retries=0).send("GET", "/target")
    assert [header for dummy, header in seen] == ["Bearer the-token", None]
