# -*- coding: utf-8 -*-
"""plugins/module_utils/_client.py, CommerceClient against the simulator: login, token renewal, 401
handling, the headers it sends, paging, streamed upload and download."""

from __future__ import annotations

import hashlib
import http.server
import os
import subprocess
import sys
import textwrap
import threading
import time
import zipfile

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _client as client_module
from ansible_collections.commerce.admin.plugins.module_utils._client import USER_AGENT, CommerceClient
from helpers.client_checks import api_error, make_client, upload_fields

SSE = "/ccadmin/v1/serverExtensions"
LOGIN = "/ccadmin/v1/login"
REFRESH = "/ccadmin/v1/refresh"
PUSH = "/ccadminx/custom/v1/servers/push"
# The directory that holds `ansible_collections`, wherever this run imports the collection from
# (the repository's link under .venv, or ansible-test's copy): not resolved, links stay links.
COLLECTIONS = os.path.abspath(os.path.join(os.path.dirname(client_module.__file__), *[os.pardir] * 5))
MIB = 1024 * 1024


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


def test_login_answered_404_says_base_url_is_not_the_admin_api(sim):
    sim.faults.add("POST", LOGIN, "status", status=404, error_code="404")
    client = make_client(sim)
    exc = api_error(client, client.login)
    assert exc.status == 404 and "does not look like a Commerce Admin API" in str(exc) and "check base_url" in str(exc)


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


def stored_zip(path, size):
    """A valid zip of about `size` bytes of incompressible content, written in pieces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        with archive.open("payload.bin", "w", force_zip64=True) as member:
            left = size
            while left > 0:
                piece = os.urandom(min(left, MIB))
                member.write(piece)
                left -= len(piece)
    return path


def sse_journal(sim, method, path=SSE):
    return [entry for entry in sim.journal if entry["method"] == method and entry["path"] == path]


def test_paging_across_pages(sim_factory):
    sim = sim_factory(page_cap=2)
    names = ["sse%02d.zip" % number for number in range(7)]
    for name in names:
        sim.put_sse(name, b"PK\x05\x06" + b"\x00" * 18)
    client = make_client(sim)
    items = list(client.paginate(SSE, params={"sort": "name:asc"}))
    assert sorted(item["name"] for item in items) == names
    pages = sse_journal(sim, "GET")
    assert len(pages) == 4
    offsets = [int(page["query"]["offset"] if not isinstance(page["query"]["offset"], list) else page["query"]["offset"][0])
               for page in pages]
    assert offsets == [0, 2, 4, 6]


def test_paging_with_a_small_page_size(sim):
    for number in range(5):
        sim.put_sse("p%d.zip" % number, b"PK\x05\x06" + b"\x00" * 18)
    client = make_client(sim)
    assert len(list(client.paginate(SSE, page_size=2))) == 5
    assert len(sse_journal(sim, "GET")) == 3


def test_paging_empty_list(sim):
    client = make_client(sim)
    assert not list(client.paginate(SSE))
    assert len(sse_journal(sim, "GET")) == 1


class FakePages:
    """A client stand-in whose get_json serves prepared pages, to test the paging rules alone."""

    def __init__(self, pages):
        self.pages = list(pages)
        self.asked = []

    def get_json(self, path, params=None):
        self.asked.append(dict(params))
        return self.pages.pop(0)


def test_paging_falls_back_to_total():
    fake = FakePages([{"items": [1, 2], "offset": 0, "total": 3}, {"items": [3], "offset": 2, "total": 3}])
    assert list(CommerceClient.paginate(fake, "/x")) == [1, 2, 3]
    assert [asked["offset"] for asked in fake.asked] == [0, 2]


def test_paging_without_any_total_stops_on_an_empty_page():
    fake = FakePages([{"items": [1, 2]}, {"items": [3]}, {"items": []}])
    assert list(CommerceClient.paginate(fake, "/x", page_size=2)) == [1, 2, 3]
    assert [asked["offset"] for asked in fake.asked] == [0, 2, 3]


def test_paging_stops_on_an_empty_page_even_below_total():
    fake = FakePages([{"items": [1], "totalResults": 10}, {"items": [], "totalResults": 10}])
    assert list(CommerceClient.paginate(fake, "/x")) == [1]


def test_paging_by_links_alone_stops_where_no_next_link_is():
    """The SSE variables listing answers items and links, no total: one request for a set that fits one page."""
    fake = FakePages([{"items": [1, 2], "links": [{"rel": "self", "href": "/x"}, {"rel": "next", "href": "/x?offset=2"}]},
                      {"items": [3], "links": [{"rel": "self", "href": "/x?offset=2"}]}])
    assert list(CommerceClient.paginate(fake, "/x", page_size=2)) == [1, 2, 3]
    assert [asked["offset"] for asked in fake.asked] == [0, 2]


def test_secrets_added_to_a_session_are_masked_in_its_errors(sim):
    client = make_client(sim)
    client.add_secrets(["variable-value-31f", None, ""])
    sim.faults.add("GET", SSE, "status", status=500, message="echoing variable-value-31f")
    with pytest.raises(client_module.CommerceApiError) as caught:
        client.get_json(SSE)
    assert "variable-value-31f" not in str(caught.value) and "echoing" in str(caught.value)


def test_upload_stores_the_file(sim, tmp_path):
    source = stored_zip(tmp_path / "small.zip", 300 * 1024)
    client = make_client(sim)
    answer = client.upload(SSE, str(source), "fileUpload", upload_fields("small.zip"), filename="small.zip")
    assert answer.get("success") is True
    assert sim.sse_bytes("small.zip") == source.read_bytes()
    entry = sse_journal(sim, "POST")[-1]
    assert entry["content_length"] > source.stat().st_size


def test_upload_dropped_midway_is_retried_from_the_file(sim, tmp_path):
    source = stored_zip(tmp_path / "drop.zip", 2 * MIB)
    client = make_client(sim)
    client.login()
    sim.faults.add("POST", SSE, "drop", after_bytes=MIB)
    client.upload(SSE, str(source), "fileUpload", upload_fields("drop.zip"), filename="drop.zip")
    assert sim.sse_bytes("drop.zip") == source.read_bytes()
    assert len(client.sleeps) == 1
    assert client.request_count == 3


def test_upload_not_idempotent_is_not_retried(sim, tmp_path):
    source = stored_zip(tmp_path / "once.zip", 2 * MIB)
    client = make_client(sim)
    client.login()
    sim.faults.add("POST", SSE, "drop", after_bytes=MIB)
    exc = api_error(client, client.upload, SSE, str(source), "fileUpload", upload_fields("once.zip"), idempotent=False)
    assert exc.status is None
    assert "not idempotent" in str(exc)
    assert "once.zip" not in sim.sse_names()


def test_upload_missing_file(sim, tmp_path):
    client = make_client(sim)
    exc = api_error(client, client.upload, SSE, str(tmp_path / "absent.zip"), "fileUpload", upload_fields("absent.zip"))
    assert "cannot read" in str(exc)


def test_upload_after_401_rebuilds_the_body(sim, tmp_path):
    source = stored_zip(tmp_path / "auth.zip", 100 * 1024)
    client = make_client(sim)
    client.login()
    sim.expire_tokens()
    client.upload(SSE, str(source), "fileUpload", upload_fields("auth.zip"))
    assert sim.sse_bytes("auth.zip") == source.read_bytes()


CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient

    def peak_kib():
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])

    if sys.argv[2] == "upload":
        client = CommerceClient(sys.argv[3], sys.argv[4])
        fields = {"filename": "big.zip", "uploadType": "extensions", "force": "true", "restartExtensionServer": "false"}
        client.upload("/ccadmin/v1/serverExtensions", sys.argv[5], "fileUpload", fields, filename="big.zip")
    print(peak_kib())
""")


def child_peak_kib(*args):
    done = subprocess.run([sys.executable, "-c", CHILD, COLLECTIONS] + list(args), capture_output=True, text=True, check=True, timeout=300)
    return int(done.stdout.strip().splitlines()[-1])


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(MIB), b""):
            digest.update(block)
    return digest.hexdigest()


def test_upload_of_100_mib_is_streamed(sim_factory, tmp_path):
    size = 100 * MIB
    sim = sim_factory(max_upload_bytes=size + 10 * MIB)
    source = stored_zip(tmp_path / "big.zip", size)
    baseline = child_peak_kib("import-only")
    peak = child_peak_kib("upload", sim.url, sim.app_key, str(source))
    assert (peak - baseline) < 60 * 1024, "upload raised peak RSS by %d KiB" % (peak - baseline)
    assert hashlib.sha256(sim.sse_bytes("big.zip")).hexdigest() == sha256(source)


def test_download_streams_in_chunks(sim):
    content = os.urandom(3 * MIB + 17)
    sim.put_sse("down.zip", content)
    client = make_client(sim)
    chunks = client.download(SSE + "/down.zip", chunk_size=256 * 1024)
    assert client.request_count == 0  # nothing is sent before the first chunk is asked for
    first = next(chunks)
    assert len(first) <= 256 * 1024
    rest = list(chunks)
    assert first + b"".join(rest) == content
    assert len(rest) >= 12


def test_download_absent_file(sim):
    client = make_client(sim)
    exc = api_error(client, client.download, SSE + "/absent.zip")
    assert exc.status == 404


def test_download_retried_before_the_first_byte(sim):
    sim.put_sse("retry.zip", b"z" * 1000)
    client = make_client(sim)
    sim.faults.add("GET", SSE + "/retry.zip", "status", status=503, retry_after=1)
    sim.faults.add("GET", SSE + "/retry.zip", "drop")
    assert b"".join(client.download(SSE + "/retry.zip")) == b"z" * 1000
    assert len(client.sleeps) == 2
    assert client.sleeps[0] == 1.0


class BreakingBody:
    """A response whose body breaks after `good` chunks, to test the download's rules alone."""

    def __init__(self, good, status_code=200):
        self.good = good
        self.status_code = status_code
        self.closed = False

    def iter_content(self, chunk_size):
        import requests  # pylint: disable=import-outside-toplevel
        for dummy in range(self.good):
            yield b"x" * 10
        raise requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead")

    def close(self):
        self.closed = True


def test_download_breaking_before_the_first_byte_is_sent_again(monkeypatch):
    client = CommerceClient("http://127.0.0.1:9", "unit-test-app-key", sleep=lambda seconds: None)
    answers = [BreakingBody(0), BreakingBody(0), BreakingBody(2)]
    monkeypatch.setattr(client, "_call", lambda *args, **kwargs: answers.pop(0))
    chunks = client.download("/f.zip")
    assert next(chunks) == b"x" * 10
    assert next(chunks) == b"x" * 10
    exc = api_error(client, list, chunks)
    assert "broke after 20 bytes" in str(exc)
    assert not answers


def test_download_breaking_every_time_gives_up(monkeypatch):
    client = CommerceClient("http://127.0.0.1:9", "unit-test-app-key", retries=2, sleep=lambda seconds: None)
    answers = [BreakingBody(0) for dummy in range(3)]
    monkeypatch.setattr(client, "_call", lambda *args, **kwargs: answers.pop(0))
    exc = api_error(client, client.download, "/f.zip")
    assert "gave up after 3 attempts" in str(exc)
    assert not answers


@pytest.mark.parametrize("handler_methods", [{}, {"do_POST": lambda self: self.send_error(405)}])
def test_a_plain_web_server_that_refuses_post_gets_the_not_an_admin_api_hint(handler_methods):
    """http.server answers 501 'Error response' (405 with do_POST refusing): no JSON, so not the Admin API."""
    handler = type("Handler", (http.server.BaseHTTPRequestHandler,), dict(handler_methods, log_message=lambda self, *args: None))
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = "http://127.0.0.1:%d" % server.server_address[1]
        client = CommerceClient(url, "unit-test-app-key", retries=0)
        exc = api_error(client, client.login)
    finally:
        server.shutdown()
        server.server_close()
    assert exc.status in (405, 501)
    assert ("%s answered %d to the login: it does not look like a Commerce Admin API" % (url, exc.status)) in str(exc)
