# -*- coding: utf-8 -*-
"""Connection options: base URL checks, the argument spec in a real AnsibleModule, client construction, docs."""

from __future__ import annotations

import json

import pytest
from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.testing import patch_module_args

from ansible_collections.commerce.admin.plugins.module_utils._client import USER_AGENT, CommerceClient
from ansible_collections.commerce.admin.plugins.module_utils._connection import (
    client_from_params, connection_argument_spec, normalize_base_url)

ENV_VARS = ("COMMERCE_ADMIN_URL", "COMMERCE_APP_KEY", "COMMERCE_VALIDATE_CERTS", "COMMERCE_CA_PATH", "COMMERCE_TIMEOUT")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("url, expected", [
    ("https://admin.example.com", "https://admin.example.com"),
    ("https://admin.example.com/", "https://admin.example.com"),
    ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
    ("  HTTPS://Admin.Example.COM:8443  ", "https://admin.example.com:8443"),
    ("http://[::1]:9080", "http://[::1]:9080"),
])
def test_normalize_base_url_accepts(url, expected):
    assert normalize_base_url(url) == expected


@pytest.mark.parametrize("url, fault", [
    ("admin.example.com", "no scheme"),
    ("localhost:8080", "no scheme"),
    ("ftp://admin.example.com", "scheme 'ftp'"),
    ("https://", "no host"),
    ("https://admin.example.com/ccadmin/v1", "has a path (/ccadmin/v1)"),
    ("https://admin.example.com//", "has a path"),
    ("https://admin.example.com/?x=1", "query or fragment"),
    ("https://admin.example.com#top", "query or fragment"),
    ("https://admin.example.com:99999", "invalid port"),
    ("", "empty"),
    (None, "empty"),
])
def test_normalize_base_url_rejects(url, fault):
    with pytest.raises(ValueError) as info:
        normalize_base_url(url)
    assert "base_url" in str(info.value)
    assert fault in str(info.value)


def test_user_information_is_rejected_without_echoing_it():
    with pytest.raises(ValueError) as info:
        normalize_base_url("https://user:s3cr3t@admin.example.com")
    assert "s3cr3t" not in str(info.value)
    assert "base_url" in str(info.value)


def test_spec_is_fresh_each_time():
    spec = connection_argument_spec()
    spec["timeout"]["default"] = 1
    del spec["retries"]
    assert connection_argument_spec()["timeout"]["default"] == 30.0
    assert "retries" in connection_argument_spec()


def run_module(args, capsys):
    """An AnsibleModule with the connection spec: (params, None) or (None, failure result)."""
    with patch_module_args(args):
        try:
            module = AnsibleModule(argument_spec=connection_argument_spec(), supports_check_mode=True)
        except SystemExit:
            return None, json.loads(capsys.readouterr().out)
    return module, None


def test_defaults_through_ansible_module(capsys):
    module, failure = run_module({"base_url": "https://a.example.com", "app_key": "k1"}, capsys)
    assert failure is None
    assert module.params == {"base_url": "https://a.example.com", "app_key": "k1", "validate_certs": True, "ca_path": None,
                             "timeout": 30.0, "retries": 3, "method_override": False}
    assert "k1" in module.no_log_values


def test_env_fallbacks_satisfy_required_options(monkeypatch, capsys, tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("dummy")
    monkeypatch.setenv("COMMERCE_ADMIN_URL", "https://env.example.com/")
    monkeypatch.setenv("COMMERCE_APP_KEY", "env-key")
    monkeypatch.setenv("COMMERCE_VALIDATE_CERTS", "false")
    monkeypatch.setenv("COMMERCE_CA_PATH", str(bundle))
    monkeypatch.setenv("COMMERCE_TIMEOUT", "2.5")
    module, failure = run_module({}, capsys)
    assert failure is None
    assert module.params["base_url"] == "https://env.example.com/"
    assert module.params["app_key"] == "env-key"
    assert module.params["validate_certs"] is False
    assert module.params["ca_path"] == str(bundle)
    assert module.params["timeout"] == 2.5
    assert "env-key" in module.no_log_values


def test_explicit_values_win_over_env(monkeypatch, capsys):
    monkeypatch.setenv("COMMERCE_ADMIN_URL", "https://env.example.com")
    monkeypatch.setenv("COMMERCE_APP_KEY", "env-key")
    module, dummy = run_module({"base_url": "https://task.example.com", "app_key": "task-key"}, capsys)
    assert module.params["base_url"] == "https://task.example.com"
    assert module.params["app_key"] == "task-key"


@pytest.mark.parametrize("missing, variable", [("base_url", "COMMERCE_ADMIN_URL"), ("app_key", "COMMERCE_APP_KEY")])
def test_missing_connection_option_says_every_way_to_set_it(missing, variable):
    values = params()
    values[missing] = None
    with pytest.raises(ValueError) as info:
        client_from_params(values)
    text = str(info.value)
    assert "%s is not set" % missing in text and variable in text and "group/commerce.admin.all" in text


def test_plain_http_warns_unless_loopback():
    warnings = []
    client_from_params(params(base_url="http://admin.example.com"), warn=warnings.append)
    assert len(warnings) == 1 and "unencrypted" in warnings[0] and "https" in warnings[0]
    for url in ("http://127.0.0.1:8080", "http://localhost", "http://[::1]:9080", "https://admin.example.com"):
        client_from_params(params(base_url=url), warn=warnings.append)
    assert len(warnings) == 1


def params(**overrides):
    values = {"base_url": "https://a.example.com/", "app_key": "k", "validate_certs": True, "ca_path": None,
              "timeout": 30.0, "retries": 3, "method_override": False}
    values.update(overrides)
    return values


def test_client_from_params():
    client = client_from_params(params(timeout=7, retries=0, method_override=True))
    assert isinstance(client, CommerceClient)
    assert client.base_url == "https://a.example.com"
    assert client.timeout == 7.0
    transport = client._transport  # pylint: disable=protected-access
    assert (transport.retries, transport.method_override, transport.verify) == (0, True, True)
    assert client.request_count == 0


def test_client_from_params_warns_when_not_verifying():
    warnings = []
    client = client_from_params(params(validate_certs=False), warn=warnings.append)
    assert client._transport.verify is False
    assert len(warnings) == 1 and "validate_certs" in warnings[0]
    assert client_from_params(params(), warn=warnings.append) and len(warnings) == 1


def test_ca_path_wins(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("dummy")
    warnings = []
    client = client_from_params(params(ca_path=str(bundle), validate_certs=False), warn=warnings.append)
    assert client._transport.verify == str(bundle)
    assert "ca_path" in warnings[0]


@pytest.mark.parametrize("overrides, fault", [
    ({"timeout": 0}, "timeout must be greater than 0"),
    ({"timeout": -1.5}, "timeout must be greater than 0"),
    ({"retries": -1}, "retries must be 0 or more"),
    ({"base_url": "https://a.example.com/api"}, "base_url"),
    ({"ca_path": "/nonexistent/ca.pem"}, "ca_path"),
    ({"app_key": ""}, "app_key"),
])
def test_client_from_params_rejects(overrides, fault):
    with pytest.raises(ValueError) as info:
        client_from_params(params(**overrides))
    assert fault in str(info.value)


def test_user_agent_and_accept():
    client = CommerceClient("https://a.example.com", "unit-test-app-key")
    headers = client._transport.session.headers  # pylint: disable=protected-access
    assert headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("commerce.admin-ansible-collection/")
    assert headers["Accept"] == "application/json"
