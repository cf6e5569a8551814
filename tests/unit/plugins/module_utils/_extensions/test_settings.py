# -*- coding: utf-8 -*-
"""plugins/module_utils/_extensions/settings.py: the settings an extension defines, and putting values back."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError
from ansible_collections.commerce.admin.plugins.module_utils._extensions import settings

from helpers.extensions import entries, write_zip

CONFIG = {"values": [{"name": "apiKey", "required": False, "defaultValue": ""}]}


class Recorder:
    """A client stand-in: records the PUTs `restore_values` makes through _api."""

    def __init__(self):
        self.sent = []

    def put_json(self, path, body, headers=None, **_kwargs):
        self.sent.append(("PUT", path, body, headers))
        return {}


def test_settings_ids_are_the_config_folders(tmp_path):
    files = dict(entries(), **{"config/other/config.json": "{}", "config/readme.txt": "x"})
    assert settings.settings_ids(write_zip(tmp_path / "a.zip", files)) == ["gitSettings", "other"]
    assert settings.settings_ids(write_zip(tmp_path / "b.zip", entries(settings=()))) == []


def test_values_are_put_back_per_site_and_dropped_settings_are_named():
    client = Recorder()
    saved = {"gitSettings": {"siteUS": {"apiKey": "k"}, "siteEU": {"apiKey": "e"}}, "gone": {"siteUS": {"x": 1}}}
    restored, dropped = settings.restore_values(client, saved, ["gitSettings"])
    assert restored == ["gitSettings@siteEU", "gitSettings@siteUS"] and dropped == ["gone@siteUS"]
    assert client.sent == [("PUT", "/ccadmin/v1/sitesettings/gitSettings", {"apiKey": "e"}, {"x-ccsite": "siteEU"}),
                           ("PUT", "/ccadmin/v1/sitesettings/gitSettings", {"apiKey": "k"}, {"x-ccsite": "siteUS"})]


def test_values_on_every_listed_site_are_read_and_put_back(sim, make_extension_zip):
    sim.install_extension(make_extension_zip(sim.generate_extension_id(), settings={"gitSettings": CONFIG}), "s.zip")
    client = CommerceClient(sim.url, sim.app_key)
    api.put_site_settings(client, "gitSettings", "siteUS", {"apiKey": "us"})
    api.put_site_settings(client, "gitSettings", "siteEU", {"apiKey": "eu"})
    sites = settings.site_ids(client)
    assert sites == list(sim.sites)
    saved = settings.read_values(client, ["gitSettings"], sites)
    assert saved["gitSettings"]["siteUS"] == {"apiKey": "us"} and saved["gitSettings"]["siteEU"] == {"apiKey": "eu"}
    api.put_site_settings(client, "gitSettings", "siteUS", {"apiKey": ""})
    api.put_site_settings(client, "gitSettings", "siteEU", {"apiKey": ""})
    restored, dropped = settings.restore_values(client, saved, ["gitSettings"])
    assert {"gitSettings@siteUS", "gitSettings@siteEU"} <= set(restored) and dropped == []
    assert api.get_site_settings(client, "gitSettings", "siteUS")["data"]["apiKey"] == "us"
    assert api.get_site_settings(client, "gitSettings", "siteEU")["data"]["apiKey"] == "eu"


@pytest.mark.parametrize("answer", [CommerceApiError("GET", "/ccadmin/v1/sites", 403, None, "Forbidden"), [], [{"name": "no id"}]])
def test_a_site_list_that_cannot_be_read_or_names_no_site_fails(answer):
    class Sites:
        def paginate(self, path, params=None, **_kwargs):
            assert path == "/ccadmin/v1/sites" and params == {"production": "true"}
            if isinstance(answer, Exception):
                raise answer
            return iter(answer)

    with pytest.raises(CommerceError) as caught:
        settings.site_ids(Sites())
    assert "nothing was changed" in str(caught.value) and "site" in str(caught.value)
