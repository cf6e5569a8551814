# -*- coding: utf-8 -*-
"""The site list (handlers_sites.py): production=true, items[].repositoryId, offset/limit paging."""

from __future__ import annotations

import requests

from simulator.probe import auth

URL = "/ccadmin/v1/sites"


def test_production_sites_are_listed_by_repository_id(sim):
    answer = requests.get(sim.url + URL, params={"production": "true"}, headers=auth(sim), timeout=10)
    assert answer.status_code == 200
    body = answer.json()
    assert [item["repositoryId"] for item in body["items"]] == list(sim.sites)
    assert body["totalResults"] == len(sim.sites) and body["offset"] == 0
    none = requests.get(sim.url + URL, params={"production": "false"}, headers=auth(sim), timeout=10).json()
    assert none["items"] == [] and none["totalResults"] == 0


def test_the_list_pages_and_refuses_a_bad_flag(sim):
    headers = auth(sim)
    first = requests.get(sim.url + URL, params={"offset": 0, "limit": 2}, headers=headers, timeout=10).json()
    rest = requests.get(sim.url + URL, params={"offset": 2, "limit": 2}, headers=headers, timeout=10).json()
    assert len(first["items"]) == 2 and first["totalResults"] == len(sim.sites)
    assert [item["id"] for item in first["items"] + rest["items"]] == list(sim.sites)
    bad = requests.get(sim.url + URL, params={"production": "maybe"}, headers=headers, timeout=10)
    assert bad.status_code == 400
    assert requests.get(sim.url + URL, timeout=10).status_code == 401
