# -*- coding: utf-8 -*-
"""sse_info in-process: listing, name filter, environments, paging, retries and API failures."""

from __future__ import annotations

import socket

from ansible_collections.commerce.admin.plugins.modules import sse_info

from helpers.module_runner import connection, mutating_requests, requests_to, run_module

SSE = "/ccadmin/v1/serverExtensions"
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)


def test_lists_every_sse_sorted_by_name(sim):
    sim.put_sse("b.zip", EMPTY_ZIP + b"more")
    sim.put_sse("a.zip", EMPTY_ZIP)
    result = run_module(sse_info, connection(sim))
    assert not result["changed"] and "exists" not in result
    assert [item["name"] for item in result["sses"]] == ["a.zip", "b.zip"]
    first = result["sses"][0]
    assert first["size"] == len(EMPTY_ZIP) and first["path"] == "/serverExtensions/a.zip"
    assert set(first) == {"name", "path", "size", "checksum", "last_modified"}
    assert result["warnings"] == [] and mutating_requests(sim) == []


def test_name_is_matched_exactly_although_the_filter_is_a_substring(sim):
    sim.put_sse("a.zip", EMPTY_ZIP)
    sim.put_sse("aa.zip", EMPTY_ZIP)
    result = run_module(sse_info, connection(sim, name="a.zip"))
    assert result["exists"] is True and [item["name"] for item in result["sses"]] == ["a.zip"]
    assert requests_to(sim, "GET", SSE)[0]["query"]["filter"] == "a.zip"
    missing = run_module(sse_info, connection(sim, name="ghost.zip"))
    assert missing["exists"] is False and missing["sses"] == []


def test_preview_environment_is_listed_on_its_own(sim):
    sim.put_sse("live.zip", EMPTY_ZIP)
    sim.put_sse("preview.zip", EMPTY_ZIP, environment="preview")
    result = run_module(sse_info, connection(sim, environment_type="preview"))
    assert [item["name"] for item in result["sses"]] == ["preview.zip"]
    assert requests_to(sim, "GET", SSE)[0]["query"]["environmentType"] == "preview"


def test_pages_are_followed_to_the_end(sim_factory):
    sim = sim_factory(page_cap=2)
    names = ["s%d.zip" % number for number in range(5)]
    for name in names:
        sim.put_sse(name, EMPTY_ZIP)
    result = run_module(sse_info, connection(sim))
    assert [item["name"] for item in result["sses"]] == names
    assert [entry["query"]["offset"] for entry in requests_to(sim, "GET", SSE)] == ["0", "2", "4"]


def test_check_mode_reads_the_same(sim):
    sim.put_sse("a.zip", EMPTY_ZIP)
    result = run_module(sse_info, connection(sim), check_mode=True)
    assert [item["name"] for item in result["sses"]] == ["a.zip"] and not result["changed"]


def test_retries_are_reported_as_a_warning_naming_them(sim):
    sim.put_sse("a.zip", EMPTY_ZIP)
    sim.faults.add("GET", SSE, "status", times=2, status=503, retry_after=0)
    result = run_module(sse_info, connection(sim))
    assert [item["name"] for item in result["sses"]] == ["a.zip"]
    assert len(result["warnings"]) == 1
    warning = result["warnings"][0]
    assert warning.startswith("the server needed 2 retries (GET %s: HTTP 503, sent again after 0.0 s; GET %s: HTTP 503" % (SSE, SSE))
    assert warning.endswith("the instance may be overloaded or flaky")


def test_one_retry_is_singular(sim):
    sim.faults.add("GET", SSE, "status", times=1, status=429, retry_after=0)
    result = run_module(sse_info, connection(sim))
    assert result["warnings"] == ["the server needed 1 retry (GET %s: HTTP 429, sent again after 0.0 s): "
                                  "the instance may be overloaded or flaky" % SSE]


def test_many_retries_show_the_first_five(sim):
    sim.faults.add("GET", SSE, "status", times=6, status=502, retry_after=0)
    result = run_module(sse_info, connection(sim, retries=6))
    assert not result.get("failed")
    assert result["warnings"][0].startswith("the server needed 6 retries (")
    assert result["warnings"][0].count("HTTP 502") == 5 and "; ...)" in result["warnings"][0]


def test_retries_run_out_and_the_failure_says_so(sim):
    sim.faults.add("GET", SSE, "status", times=3, status=503, retry_after=0)
    result = run_module(sse_info, connection(sim, retries=2))
    assert result["failed"] and not result["changed"]
    assert result["msg"].startswith("GET %s failed: HTTP 503" % SSE)
    assert "gave up after 3 attempts" in result["msg"]
    assert result["error"]["status"] == 503 and result["error"]["path"] == SSE
    assert "the server needed 2 retries" in result["warnings"][0]


def test_an_expired_token_is_replaced_by_a_new_login(sim):
    sim.put_sse("a.zip", EMPTY_ZIP)
    sim.faults.add("GET", SSE, "expire_token")
    result = run_module(sse_info, connection(sim))
    assert [item["name"] for item in result["sses"]] == ["a.zip"]
    assert len(requests_to(sim, "POST", "/ccadmin/v1/login")) == 2
    assert [entry["status"] for entry in requests_to(sim, "GET", SSE)] == [401, 200]


def test_a_wrong_app_key_fails_naming_app_key(sim):
    result = run_module(sse_info, connection(sim, app_key="not-the-key"))
    assert result["failed"] and "authentication failed: check app_key" in result["msg"]
    assert result["error"]["path"] == "/ccadmin/v1/login" and result["error"]["status"] == 401
    assert "not-the-key" not in str(result)


def test_an_api_error_fails_with_its_fields(sim):
    sim.faults.add("GET", SSE, "status", status=500, error_code="99999", message="Broken listing")
    result = run_module(sse_info, connection(sim))
    assert result["failed"] and result["msg"] == "GET %s failed: HTTP 500, errorCode 99999: Broken listing" % SSE
    assert result["error"] == {"method": "GET", "path": SSE, "status": 500, "error_code": "99999", "message": "Broken listing", "errors": []}


def test_a_server_that_refuses_connections_is_called_unreachable_not_overloaded():
    """Retries of refused connections say the server is not reachable: nothing answered 'busy'."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_module(sse_info, {"base_url": "http://127.0.0.1:%d" % port, "app_key": "unit-test-app-key", "retries": 1})
    assert result["failed"] and "Connection refused" in result["msg"]
    warning = result["warnings"][0]
    assert warning.startswith("the server needed 1 retry (POST /ccadmin/v1/login: Connection refused")
    assert warning.endswith("the server was not reachable (those attempts sent nothing): check that it is up and that base_url is right")
    assert "overloaded" not in warning


def test_retries_after_503_and_after_a_refusal_say_both(sim):
    sim.faults.add("GET", SSE, "status", times=1, status=503, retry_after=0)
    result = run_module(sse_info, connection(sim))
    assert result["warnings"][0].endswith(": the instance may be overloaded or flaky")
