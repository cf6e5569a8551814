# -*- coding: utf-8 -*-
"""Per-site settings of an installed extension (handlers_settings.py): x-ccsite, data and config, 33068."""

from __future__ import annotations

import requests

from simulator.probe import auth

URL = "/ccadmin/v1/sitesettings/"
CONFIG = {"values": [{"name": "apiUrl", "required": True, "defaultValue": "https://a"}, {"name": "retries", "required": False}]}


def site(headers, site_id):
    return dict(headers, **{"x-ccsite": site_id})


def test_values_per_site_with_defaults(sim, make_extension_zip):
    headers = auth(sim)
    ident = sim.generate_extension_id()
    sim.install_extension(make_extension_zip(ident, settings={"gatewaySettings": CONFIG}), "s.zip")
    first = requests.get(sim.url + URL + "gatewaySettings", headers=site(headers, "siteUS"), timeout=10)
    assert first.status_code == 200 and first.json() == {"data": {"apiUrl": "https://a"}, "config": CONFIG}
    put = requests.put(sim.url + URL + "gatewaySettings", json={"apiUrl": "https://b", "retries": 2}, headers=site(headers, "siteEU"),
                       timeout=10)
    assert put.status_code == 200 and put.json()["data"] == {"apiUrl": "https://b", "retries": 2}
    assert requests.get(sim.url + URL + "gatewaySettings", headers=site(headers, "siteUS"), timeout=10).json()["data"] == {"apiUrl": "https://a"}
    # seen: occ-tools also reads without x-ccsite (assumed: the default site)
    assert requests.get(sim.url + URL + "gatewaySettings", headers=headers, timeout=10).json()["data"] == {"apiUrl": "https://a"}
    assert sim.extension_state["site_settings"] == {"gatewaySettings": {"siteEU": {"apiUrl": "https://b", "retries": 2}}}


def test_unknown_settings_sites_and_names(sim, make_extension_zip):
    headers = auth(sim)
    answer = requests.get(sim.url + URL + "nothing", headers=site(headers, "siteUS"), timeout=10)
    assert answer.status_code == 404 and answer.json()["errorCode"] == "33068"
    assert requests.put(sim.url + URL + "nothing", json={"a": 1}, headers=headers, timeout=10).json()["errorCode"] == "33068"
    ident = sim.generate_extension_id()
    sim.install_extension(make_extension_zip(ident, settings={"s": CONFIG}), "s.zip", enabled=False)
    # doc: a deactivated extension's content is removed, so its settings are not there
    assert requests.get(sim.url + URL + "s", headers=headers, timeout=10).json()["errorCode"] == "33068"
    requests.post(sim.url + "/ccadmin/v1/extensions/" + ident, json={"op": "activate"}, headers=headers, timeout=10)
    assert requests.get(sim.url + URL + "s", headers=site(headers, "siteMars"), timeout=10).status_code == 400
    assert requests.put(sim.url + URL + "s", json={"colour": "red"}, headers=headers, timeout=10).status_code == 400
