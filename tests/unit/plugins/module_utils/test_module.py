# -*- coding: utf-8 -*-
"""What every module shares through CommerceModule: connection options, their warnings, and the failure of a bug."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api, _client
from ansible_collections.commerce.admin.plugins.modules import (
    extension_info, extension_state, restart_status_info, server_restart, sse_delete, sse_info, sse_promote, sse_upload,
    storefront_info, storefront_rollback, storefront_version)

from .module_runner import connection, mutating_requests, run_module

WHERE = "set it in the task, once for every module with module_defaults for group/commerce.admin.all, or in the %s environment variable"
ZIP = b"PK\x05\x06" + bytes(18)

# module, its own options besides the connection, and an _api function its run calls first.
MODULES = [
    (sse_upload, {"src": "{zip}"}, "find_sse"),
    (sse_delete, {"name": "a.zip"}, "list_sses"),
    (sse_info, {}, "list_sses"),
    (sse_promote, {}, "list_sses"),
    (extension_state, {"id": "ext-widget-0001"}, "list_extensions"),
    (extension_info, {}, "list_extensions"),
    (server_restart, {}, "restart_server"),
    (restart_status_info, {"work_request_id": "w1"}, "restart_status"),
    (storefront_rollback, {"site_id": "siteUS"}, "storefront_versions"),
    (storefront_info, {}, "storefront_versions"),
    (storefront_version, {"version": "latest"}, "storefront_versions"),
]
IDS = [module.__name__.rsplit(".", 1)[-1] for module, _options, _call in MODULES]


def own_options(options, tmp_path):
    if options.get("src") == "{zip}":
        path = tmp_path / "a.zip"
        path.write_bytes(ZIP)
        return dict(options, src=str(path))
    return dict(options)


@pytest.mark.parametrize("module, options, call", MODULES, ids=IDS)
def test_missing_base_url_names_the_option_its_variable_and_the_group(sim, tmp_path, module, options, call):
    del call
    result = run_module(module, dict(own_options(options, tmp_path), app_key=sim.app_key))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "base_url is not set: " + WHERE % "COMMERCE_ADMIN_URL"
    assert sim.journal == []


@pytest.mark.parametrize("module, options, call", MODULES, ids=IDS)
def test_missing_app_key_names_the_option_its_variable_and_the_group(sim, tmp_path, module, options, call):
    del call
    result = run_module(module, dict(own_options(options, tmp_path), base_url=sim.url))
    assert result["failed"] and result["msg"] == "app_key is not set: " + WHERE % "COMMERCE_APP_KEY" + " (keep it in a vault)"
    assert sim.journal == []


@pytest.mark.parametrize("module, options, call", MODULES, ids=IDS)
def test_an_unexpected_exception_is_reported_as_a_bug_with_its_traceback(sim, tmp_path, monkeypatch, module, options, call):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated defect")

    monkeypatch.setattr(_api, call, broken)
    result = run_module(module, connection(sim, **own_options(options, tmp_path)))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == ("unexpected RuntimeError: simulated defect (this is a bug in commerce.admin: "
                             "please report it with the exception shown at -vvv)")
    assert result["exception"].startswith("Traceback (most recent call last):")
    frames = result["exception"]
    assert "_module.py\", line" in frames and ", in run\n" in frames and ", in broken\n" in frames
    assert frames.rstrip().endswith("RuntimeError: simulated defect")
    assert mutating_requests(sim) == []


def test_connection_options_come_from_the_environment(sim, monkeypatch):
    monkeypatch.setenv("COMMERCE_ADMIN_URL", sim.url)
    monkeypatch.setenv("COMMERCE_APP_KEY", sim.app_key)
    monkeypatch.setenv("COMMERCE_PROTECTION", "read_only")
    listed = run_module(sse_info, {})
    assert not listed.get("failed") and listed["sses"] == []
    refused = run_module(server_restart, {"poll_interval": 0.05})
    assert refused["failed"] and refused["msg"] == "protection is read_only: refused to restart the extension server"
    assert mutating_requests(sim) == []


def test_plain_http_to_another_host_warns(sim):
    # 0.0.0.0 reaches the simulator on loopback but is not a loopback name, so the module must warn.
    base_url = "http://0.0.0.0:%d" % sim.port
    result = run_module(sse_info, connection(sim, base_url=base_url))
    assert not result.get("failed") and result["warnings"] == [
        "base_url %s uses http: the application key and tokens cross the network unencrypted; use https" % base_url]


@pytest.mark.parametrize("base_url", ["http://localhost:{port}", "http://127.0.0.1:{port}/"])
def test_plain_http_on_loopback_does_not_warn(sim, base_url):
    result = run_module(sse_info, connection(sim, base_url=base_url.format(port=sim.port)))
    assert not result.get("failed") and result["warnings"] == []


def test_validate_certs_false_warns_unless_ca_path_is_set(sim, tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("unused over http")
    bare = run_module(sse_info, connection(sim, validate_certs=False))
    assert bare["warnings"] == ["validate_certs is false: the server certificate is not verified, so the connection can be intercepted"]
    with_ca = run_module(sse_info, connection(sim, validate_certs=False, ca_path=str(bundle)))
    assert with_ca["warnings"] == ["validate_certs is false but ca_path is set: the server certificate is verified against ca_path"]


@pytest.mark.parametrize("options, message", [
    ({"base_url": "ftp://admin.example.com"}, "base_url 'ftp://admin.example.com' has scheme 'ftp': only http and https are supported"),
    ({"base_url": "https://admin.example.com/ccadmin/v1"}, "has a path (/ccadmin/v1)"),
    ({"timeout": 0}, "timeout must be greater than 0, got 0.0"),
    ({"retries": -1}, "retries must be 0 or more, got -1"),
    ({"ca_path": "/nonexistent/ca.pem"}, "ca_path /nonexistent/ca.pem is not a readable file"),
])
def test_bad_connection_options_fail_before_any_request(sim, options, message):
    result = run_module(sse_info, connection(sim, **options))
    assert result["failed"] and message in result["msg"] and sim.journal == []


def test_an_unreachable_server_fails_naming_it(sim):
    sim.stop()
    result = run_module(extension_info, connection(sim, retries=0))
    assert result["failed"] and result["msg"].startswith("GET /ccadmin/v1/extensions failed: cannot connect to %s" % sim.url)
    assert "check base_url and that the server is reachable" in result["msg"]


def test_https_with_the_ca_bundle_and_without_it(sim_factory, tls_material):
    sim = sim_factory(certfile=tls_material.cert, keyfile=tls_material.key)
    trusted = run_module(storefront_info, connection(sim, ca_path=tls_material.ca))
    assert not trusted.get("failed") and trusted["sites"][0]["current_version"] == "17.1"
    untrusted = run_module(storefront_info, connection(sim, retries=0))
    assert untrusted["failed"] and "set ca_path to the CA bundle that signed it" in untrusted["msg"]


def test_missing_libraries_fail_naming_them(sim, monkeypatch):
    monkeypatch.setattr(_client, "HAS_LIBRARIES", False)
    result = run_module(sse_info, connection(sim))
    assert result["failed"] and "requests and requests-toolbelt" in result["msg"] and sim.journal == []
