# -*- coding: utf-8 -*-
"""plugins/module_utils/_settings/facts.py: reading and writing one settings ID, and what 33068 means."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, LookupFailed
from ansible_collections.commerce.admin.plugins.module_utils._settings import facts


class Client:
    """A client stand-in answering one settings GET (or raising), recording the headers and bodies."""

    def __init__(self, answer=None, error=None):
        self.answer, self.error, self.calls = answer, error, []

    def get_json(self, path, params=None, headers=None):
        self.calls.append(("GET", path, headers))
        if self.error:
            raise self.error
        return self.answer

    def put_json(self, path, body, headers=None, **_kwargs):
        self.calls.append(("PUT", path, headers, body))
        if self.error:
            raise self.error
        return {"data": body}


def test_the_data_object_with_the_site_header():
    client = Client({"data": {"a": 1}, "config": {}})
    assert facts.read_values(client, "gw", "siteUS") == {"a": 1}
    assert client.calls == [("GET", "/ccadmin/v1/sitesettings/gw", {"x-ccsite": "siteUS"})]
    assert facts.read_values(Client({"config": {}}), "gw", None) == {}


def test_the_default_site_sends_no_header():
    client = Client({"data": {}})
    facts.write_values(client, "gw", None, {"a": 2})
    assert client.calls == [("PUT", "/ccadmin/v1/sitesettings/gw", {}, {"a": 2})]
    assert facts.site_label(None) == "the default site" and facts.site_label("siteEU") == "site siteEU"


def test_33068_names_the_missing_extension_on_read_and_write():
    error = CommerceApiError("GET", "/ccadmin/v1/sitesettings/gw", 404, "33068", "Site settings gw does not exist.")
    with pytest.raises(LookupFailed) as caught:
        facts.read_values(Client(error=error), "gw", "siteUS")
    assert "the extension that defines these settings is not installed" in str(caught.value)
    assert caught.value.facts["error"]["error_code"] == "33068"
    with pytest.raises(LookupFailed):
        facts.write_values(Client(error=error), "gw", None, {})


def test_other_errors_and_a_data_that_is_not_an_object():
    error = CommerceApiError("GET", "/x", 500, "91004", "boom")
    with pytest.raises(CommerceApiError) as caught:
        facts.read_values(Client(error=error), "gw", None)
    assert caught.value is error
    with pytest.raises(CommerceApiError, match="data is not an object"):
        facts.read_values(Client({"data": [1]}), "gw", None)
