# -*- coding: utf-8 -*-
"""plugins/module_utils/_extensions/settings.py: the settings an extension defines, and putting values back."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._extensions import settings

from helpers.extensions import entries, write_zip


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
