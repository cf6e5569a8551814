# -*- coding: utf-8 -*-
"""CommerceClient against an https simulator whose certificate a private CA signed."""

from __future__ import annotations

import warnings

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError

SSE = "/ccadmin/v1/serverExtensions"


@pytest.fixture
def https_sim(sim_factory, tls_material):
    return sim_factory(certfile=tls_material.cert, keyfile=tls_material.key)


def api_error(client, call, *args, **kwargs):
    with pytest.raises(CommerceApiError) as info:
        call(*args, **kwargs)
    exc = info.value
    text = " ".join([str(exc), repr(exc.args), repr(exc.as_dict()), str(exc.hint)])
    for secret in client._secrets:  # pylint: disable=protected-access
        assert secret not in text
    return exc


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
