# -*- coding: utf-8 -*-
"""The extension lifecycle (extensions.py with handlers_admin.py): createExtension from the file store, the listing,
activation and deactivation (widget instances), delete (settings values), and the control-plane helpers."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
import requests

from simulator.probe import auth

EXT = "/ccadmin/v1/extensions"
FILES = "/ccadmin/v1/files"
SETTINGS = {"mySettings": {"values": [{"name": "apiUrl", "required": True, "defaultValue": "https://a"}, {"name": "retries"}]}}


def upload(sim, headers, file_name, path):
    """The three-call install's second step: the zip into /extensions/ in one base64 segment."""
    target = "/extensions/" + file_name
    token = requests.put(sim.url + FILES, json={"filename": target, "segments": 1}, headers=headers, timeout=10).json()["token"]
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    answer = requests.post(sim.url + FILES + "/" + token, json={"filename": target, "file": data, "index": 0}, headers=headers, timeout=10)
    assert answer.json()["result"]["hadSuccess"], answer.text


def create(sim, headers, file_name):
    return requests.post(sim.url + EXT, json={"name": file_name}, headers=headers, timeout=10)


def listed(sim, headers, extension_id):
    items = requests.get(sim.url + EXT, headers=headers, timeout=10).json()["items"]
    return next((item for item in items if item["repositoryId"] == extension_id), None)


def test_install_from_the_file_store(current_sim, make_extension_zip):
    sim = current_sim
    headers = auth(sim)
    ident = requests.post(sim.url + EXT + "/id", json={"name": "Reviews", "type": "extension"}, headers=headers, timeout=10).json()["id"]
    path = make_extension_zip(ident, name="Reviews", version=3, widgets=["reviewWidget"], settings=SETTINGS, timeCreated="2026-02-03")
    upload(sim, headers, "reviews-abc123.zip", path)
    answer = create(sim, headers, "reviews-abc123.zip")
    assert answer.status_code == 200
    assert answer.json() == {"success": True, "warnings": [], "errors": []}
    item = listed(sim, headers, ident)
    assert item["id"] == ident and item["enabled"] is True and item["name"] == "Reviews"
    assert item["version"] == "3" and item["zipPath"] == "extensions/reviews-abc123.zip"
    assert item["creationTime"] == "2026-02-03" and item["developerId"] == "sim-dev" and item["creator"] == "Simulator"
    assert item["origin"] == "upload" and item["items"] == [{"repositoryId": "reviewWidget"}]
    for field in ("installedTime", "installedBy", "installedByUserName", "modificationTime", "lastModifiedBy", "description", "readme"):
        assert field in item
    installed = sim.extension_state["installed"][ident]
    assert installed["manifest"]["name"] == "Reviews" and installed["widgets"] == ["reviewWidget"]
    assert installed["zip_sha256"] == hashlib.sha256(Path(path).read_bytes()).hexdigest()
    one = requests.get(sim.url + "/ccadmin/v1/applicationIds/" + ident, params={"type": "extension"}, headers=headers, timeout=10).json()
    assert one["inUse"] is True


def test_create_refusals_answer_200_with_errors(current_sim, make_extension_zip):
    sim = current_sim
    headers = auth(sim)
    ident = sim.generate_extension_id()
    cases = {
        "foreign.zip": make_extension_zip("generated-elsewhere"),
        "no-manifest.zip": make_extension_zip(manifest=None, entries={"readme.txt": "x"}),
        "bad-json.zip": make_extension_zip(manifest="{not json"),
        "no-version.zip": make_extension_zip(ident, version=None),
        "dotted-version.zip": make_extension_zip(ident, version="1.2.0"),
    }
    for file_name, path in cases.items():
        sim.put_file("/extensions/" + file_name, Path(path).read_bytes())
        answer = create(sim, headers, file_name)
        assert answer.status_code == 200, file_name
        body = answer.json()
        assert body["success"] is False and body["errors"] and "error" not in body, (file_name, body)
    assert listed(sim, headers, ident) is None
    sim.put_file("/extensions/not-a-zip.zip", b"plain text")
    assert create(sim, headers, "not-a-zip.zip").json()["success"] is False


def test_create_refuses_an_installed_id_and_a_widget_already_active(current_sim, make_extension_zip):
    sim = current_sim
    headers = auth(sim)
    first = sim.generate_extension_id()
    sim.install_extension(make_extension_zip(first, widgets=["sharedWidget"]), "first.zip")
    sim.put_file("/extensions/again.zip", Path(make_extension_zip(first)).read_bytes())
    again = create(sim, headers, "again.zip").json()
    assert again["success"] is False and "already installed" in again["errors"][0]
    other = sim.generate_extension_id()
    sim.put_file("/extensions/other.zip", Path(make_extension_zip(other, widgets=["sharedWidget"])).read_bytes())
    clash = create(sim, headers, "other.zip").json()
    assert clash["success"] is False and "sharedWidget" in clash["errors"][0]


def test_create_warns_about_an_informal_time_stamp(current_sim, make_extension_zip):
    sim = current_sim
    ident = sim.generate_extension_id()
    sim.put_file("/extensions/w.zip", Path(make_extension_zip(ident, timeCreated="last Tuesday")).read_bytes())
    body = create(sim, auth(sim), "w.zip").json()
    assert body["success"] is True and body["errors"] == [] and "timeCreated" in body["warnings"][0]


def test_create_missing_file_and_name(sim):
    headers = auth(sim)
    missing = create(sim, headers, "never-uploaded.zip")
    assert missing.status_code == 404 and missing.json()["errorCode"] == "20307"
    assert requests.post(sim.url + EXT, json={}, headers=headers, timeout=10).json()["errorCode"] == "13014"


def test_error_spelling_and_400_are_switches(sim_factory, make_extension_zip):
    example = sim_factory(create_errors_field="error")
    sim_ok = example.generate_extension_id()
    example.put_file("/extensions/ok.zip", Path(make_extension_zip(sim_ok)).read_bytes())
    assert create(example, auth(example), "ok.zip").json() == {"success": True, "warnings": [], "error": []}
    strict = sim_factory(extension_rejection="400")
    strict.put_file("/extensions/foreign.zip", Path(make_extension_zip("elsewhere")).read_bytes())
    refused = create(strict, auth(strict), "foreign.zip")
    assert refused.status_code == 400 and refused.json()["message"] == "HTTP 400 Bad Request"


def test_legacy_profile_uses_the_example_spelling(legacy_sim, make_extension_zip):
    legacy_sim.put_file("/extensions/foreign.zip", Path(make_extension_zip("elsewhere")).read_bytes())
    body = create(legacy_sim, auth(legacy_sim), "foreign.zip").json()
    assert body["success"] is False and body["error"] and "errors" not in body


@pytest.mark.parametrize("enabled", [True, False])
def test_control_plane_preloads_an_installed_extension(sim, make_extension_zip, enabled):
    ident = requests.post(sim.url + "/__sim__/extension-ids", json={"name": "pre"}, timeout=10).json()["id"]
    path = make_extension_zip(ident, name="Preloaded")
    assert requests.put(sim.url + "/__sim__/files/extensions/pre.zip", data=Path(path).read_bytes(), timeout=10).status_code == 204
    item = requests.post(sim.url + "/__sim__/extensions", json={"name": "pre.zip", "enabled": enabled}, timeout=10).json()
    assert item["repositoryId"] == ident and item["enabled"] is enabled
    refused = requests.post(sim.url + "/__sim__/extensions", json={"name": "pre.zip"}, timeout=10)
    assert refused.status_code == 400 and "already installed" in refused.json()["errors"][0]
    with pytest.raises(ValueError):
        sim.install_extension(path, "pre-again.zip")


def test_deactivation_drops_widget_instances_and_delete_needs_it(current_sim, make_extension_zip):
    sim = current_sim
    headers = auth(sim)
    ident = sim.generate_extension_id()
    sim.install_extension(make_extension_zip(ident, widgets=["promo"], settings=SETTINGS), "promo.zip")
    instance = sim.add_widget_instance(ident, "promo", "Home promo")
    assert sim.extension_state["widget_instances"][ident] == [instance]
    with pytest.raises(ValueError):
        sim.add_widget_instance(ident, "not-in-the-zip")
    put = requests.put(sim.url + "/ccadmin/v1/sitesettings/mySettings", json={"retries": 3}, headers=dict(headers, **{"x-ccsite": "siteUS"}),
                       timeout=10)
    assert put.status_code == 200
    deleted = requests.delete(sim.url + EXT + "/" + ident, headers=headers, timeout=10)
    assert deleted.status_code == 400 and deleted.json()["errorCode"] == "91018"
    assert requests.post(sim.url + EXT + "/" + ident, json={"op": "deactivate"}, headers=headers, timeout=10).status_code == 200
    assert ident not in sim.extension_state["widget_instances"]
    again = requests.post(sim.url + EXT + "/" + ident, json={"op": "deactivate"}, headers=headers, timeout=10)
    assert again.status_code == 400 and again.json()["errorCode"] == "91020"
    assert sim.extension_state["site_settings"]["mySettings"] == {"siteUS": {"retries": 3}}  # kept until the delete
    assert requests.delete(sim.url + EXT + "/" + ident, headers=headers, timeout=10).status_code == 204
    state = sim.extension_state
    assert ident not in state["installed"] and "mySettings" not in state["site_settings"]
    assert "/extensions/promo.zip" in state["files"]  # the zip stays
    assert next(item for item in state["extension_ids"] if item["id"] == ident)["inUse"] is False
    assert listed(sim, headers, ident) is None
    gone = requests.delete(sim.url + EXT + "/" + ident, headers=headers, timeout=10)
    assert gone.status_code == 404 and gone.json()["errorCode"] == "91017"
    # seen: the ID survives and is reused for the reinstall
    sim.put_file("/extensions/promo-2.zip", Path(make_extension_zip(ident, widgets=["promo"], version=2)).read_bytes())
    assert create(sim, headers, "promo-2.zip").json()["success"] is True
    assert listed(sim, headers, ident)["version"] == "2"


def test_widget_instances_and_state_through_the_control_plane(sim, make_extension_zip):
    ident = sim.generate_extension_id()
    sim.install_extension(make_extension_zip(ident, widgets=["w"]), "w.zip")
    made = requests.post(sim.url + "/__sim__/widget-instances", json={"extension": ident, "widget": "w", "name": "one"}, timeout=10)
    assert made.status_code == 200 and made.json()["widgetType"] == "w"
    assert requests.post(sim.url + "/__sim__/widget-instances", json={"extension": ident, "widget": "x"}, timeout=10).status_code == 400
    state = requests.get(sim.url + "/__sim__/state", timeout=10).json()
    assert state["widget_instances"][ident][0]["name"] == "one"
    assert state["installed"][ident]["manifest"]["extensionID"] == ident
    assert {"extension_ids", "site_settings", "files"} <= set(state)
