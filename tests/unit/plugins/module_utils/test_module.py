# -*- coding: utf-8 -*-
"""plugins/module_utils/_module.py, CommerceModule, through every module's main(): connection options,
their warnings, the failure of a bug, and the protection decision applied before any change.

"Every module" is meta/runtime.yml's action group (helpers.modules.every_module), so a new module is
covered here as soon as it is declared, and fails until the tables below know it."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api, _client
from ansible_collections.commerce.admin.plugins.module_utils._contract import calls as contract_calls
from ansible_collections.commerce.admin.plugins.module_utils._module import refusal
from ansible_collections.commerce.admin.plugins.module_utils._plan import run as plan_run
from ansible_collections.commerce.admin.plugins.modules import extension_info, server_restart, sse_info, storefront_info
from helpers.module_runner import connection, mutating_requests, run_module
from helpers.modules import MINIMAL_OPTIONS_FOR, every_module, import_module, minimal_options, module_files, runtime_modules

WHERE = "set it in the task, once for every module with module_defaults for group/commerce.admin.all, or in the %s environment variable"

# The _api function each module's run calls first, with its minimal options (helpers.modules); a
# (module, name) pair where the first call is not an _api function (the contract check sends raw requests).
FIRST_API_CALL = {
    "contract_info": (contract_calls, "login"),
    "extension": "list_extensions",
    "extension_info": "list_extensions",
    "extension_state": "list_extensions",
    "restart_status_info": "restart_status",
    # a plan's own failures are reported in its entry; what is a bug is a failure of the planning itself
    "plan_info": (plan_run, "prepared"),
    "publish": "publish_status",
    "server_restart": "restart_server",
    "site_settings": "get_site_settings",
    "sse_delete": "list_sses",
    "sse_info": "list_sses",
    "sse_logs_info": "server_log_tail",
    "sse_promote": "list_sses",
    "sse_sync": "list_sses",
    "sse_upload": "find_sse",
    "sse_variables": "list_variables",
    "storefront_info": "storefront_versions",
    "storefront_rollback": "storefront_versions",
    "storefront_version": "storefront_versions",
}
MODULES = every_module()


def test_every_module_file_is_in_the_action_group_of_runtime_yml():
    """module_defaults for group/commerce.admin.all reaches only the modules meta/runtime.yml lists."""
    assert runtime_modules() == module_files()


def test_every_module_has_its_minimal_options_and_first_call():
    """The per-module tables cover exactly the modules of meta/runtime.yml (which every_module checks against plugins/modules/)."""
    assert MINIMAL_OPTIONS_FOR == MODULES
    assert sorted(FIRST_API_CALL) == MODULES


@pytest.mark.parametrize("name", MODULES)
def test_missing_base_url_names_the_option_its_variable_and_the_group(sim, tmp_path, name):
    result = run_module(import_module(name), dict(minimal_options(name, tmp_path), app_key=sim.app_key))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "base_url is not set: " + WHERE % "COMMERCE_ADMIN_URL"
    assert sim.journal == []


@pytest.mark.parametrize("name", MODULES)
def test_missing_app_key_names_the_option_its_variable_and_the_group(sim, tmp_path, name):
    result = run_module(import_module(name), dict(minimal_options(name, tmp_path), base_url=sim.url))
    assert result["failed"] and result["msg"] == "app_key is not set: " + WHERE % "COMMERCE_APP_KEY" + " (keep it in a vault)"
    assert sim.journal == []


@pytest.mark.parametrize("name", MODULES)
def test_an_unexpected_exception_is_reported_as_a_bug_with_its_traceback(sim, tmp_path, monkeypatch, name):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated defect")

    first = FIRST_API_CALL[name]
    monkeypatch.setattr(*(first if isinstance(first, tuple) else (_api, first)), broken)
    result = run_module(import_module(name), connection(sim, **minimal_options(name, tmp_path)))
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
