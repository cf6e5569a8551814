# -*- coding: utf-8 -*-
"""extension in-process: install per instance, identity across rebuilds, reinstall with settings, removal,
enabled state, protection, check and diff mode, and failures, each judged by the simulator's journal."""

from __future__ import annotations

import json
import os
import zipfile

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient
from ansible_collections.commerce.admin.plugins.modules import extension

from helpers.extensions import entries, write_directory, write_zip
from helpers.module_runner import connection, mutating_requests, requests_to, run_module

QUICK = {"poll_interval": 0.05, "wait_timeout": 5}
CREATE = "/ccadmin/v1/extensions"


def args(sim, src=None, **options):
    if src is not None:
        options["src"] = str(src)
    return connection(sim, **dict(QUICK, **options))


def listed(sim, extension_id):
    return next((item for item in sim.extensions if item["repositoryId"] == extension_id), None)


def downloads(sim):
    return [entry for entry in sim.journal if entry["method"] == "GET" and entry["path"].startswith("/file/")]


def site_client(sim):
    return CommerceClient(sim.url, sim.app_key)


@pytest.fixture
def v1(tmp_path):
    return write_zip(tmp_path / "v1.zip", entries())


@pytest.fixture
def v2(tmp_path):
    return write_zip(tmp_path / "v2.zip", entries(version="2", body="widget code v2"))


def test_install_writes_this_instance_id_and_an_unchanged_rerun_sends_nothing(sim, v1):
    first = run_module(extension, args(sim, v1), diff=True)
    extension_id = first["extension_id"]
    assert first["changed"] and first["action"] == "install" and first["reason"] == "absent" and first["enabled"]
    assert first["diff"] == {"prepared": "install Git Widget (version 1): absent\n"}
    item = listed(sim, extension_id)
    assert item["enabled"] and item["version"] == "1" and item["zipPath"] == "extensions/" + first["upload_name"]
    assert sim.extension_state["installed"][extension_id]["manifest"]["extensionID"] == extension_id
    assert first["extension"]["id"] == extension_id and first["previous_version"] is None
    sim.clear_journal()
    second = run_module(extension, args(sim, v1), diff=True)
    assert not second["changed"] and second["action"] == "keep" and second["extension_id"] == extension_id
    assert second["found_by"] == "the extension ID called 'Git Widget'"
    assert mutating_requests(sim) == [] and downloads(sim) == []


def test_one_zip_installs_on_two_instances_with_their_own_ids(sim_factory, v1):
    dev, prod = sim_factory(), sim_factory()
    on_dev = run_module(extension, args(dev, v1))
    on_prod = run_module(extension, args(prod, v1))
    assert on_dev["changed"] and on_prod["changed"] and on_dev["extension_id"] != on_prod["extension_id"]
    for sim, result in ((dev, on_dev), (prod, on_prod)):
        assert listed(sim, result["extension_id"])["enabled"]
        assert sim.extension_state["installed"][result["extension_id"]]["manifest"]["extensionID"] == result["extension_id"]
    # Both instances read the same digest from the upload name.
    assert on_dev["upload_name"] == on_prod["upload_name"]


def test_a_ci_rebuild_and_the_source_directory_change_nothing(sim, v1, tmp_path):
    run_module(extension, args(sim, v1))
    rebuilt = write_zip(tmp_path / "rebuilt.zip", entries(timeCreated="2026-12-01T09:00:00Z"), compression=zipfile.ZIP_STORED,
                        date_time=(2026, 12, 1, 9, 0, 0), order=sorted(entries(), reverse=True))
    directory = write_directory(tmp_path / "source", entries())
    sim.clear_journal()
    for src in (rebuilt, directory):
        result = run_module(extension, args(sim, src))
        assert not result["changed"] and result["action"] == "keep"
    assert mutating_requests(sim) == [] and downloads(sim) == []


def test_changed_content_without_allow_reinstall_fails_and_sends_nothing(sim, v1, v2):
    run_module(extension, args(sim, v1))
    sim.clear_journal()
    result = run_module(extension, args(sim, v2))
    assert result["failed"] and not result["changed"] and result["action"] == "reinstall"
    assert "widget instances" in result["msg"] and "allow_reinstall: true" in result["msg"] and "version 1 -> 2" in result["msg"]
    assert mutating_requests(sim) == []


def test_reinstall_keeps_the_id_and_puts_the_settings_values_back(sim, v1, v2, tmp_path):
    installed = run_module(extension, args(sim, v1))
    extension_id = installed["extension_id"]
    _api.put_site_settings(site_client(sim), "gitSettings", "siteUS", {"apiKey": "secret-us", "mode": "live"})
    _api.put_site_settings(site_client(sim), "gitSettings", "siteEU", {"apiKey": "secret-eu", "mode": "test"})
    sim.add_widget_instance(extension_id, "gitWidget")
    backups = tmp_path / "backups"
    result = run_module(extension, args(sim, v2, allow_reinstall=True, backup_dir=str(backups)), diff=True)
    assert result["changed"] and result["action"] == "reinstall" and result["extension_id"] == extension_id
    assert result["version"] == "2" and result["previous_version"] == "1" and result["enabled"]
    assert result["diff"]["prepared"].startswith("reinstall Git Widget (version 1 -> 2): content differs")
    # Every site the instance lists has its values back.
    assert {"gitSettings@siteUS", "gitSettings@siteEU"} <= set(result["restored_settings"])
    assert any("widget instances" in text for text in result["lost"])
    assert requests_to(sim, "GET", "/ccadmin/v1/sites")
    for site_id, key, mode in (("siteUS", "secret-us", "live"), ("siteEU", "secret-eu", "test")):
        values = _api.get_site_settings(site_client(sim), "gitSettings", site_id)["data"]
        assert values["apiKey"] == key and values["mode"] == mode
    assert listed(sim, extension_id)["version"] == "2" and sim.extension_state["widget_instances"].get(extension_id) in (None, [])
    with open(result["backup_file"], "rb") as handle:
        assert handle.read() == sim.file_bytes("/" + installed["extension"]["zip_path"])
    with open(result["settings_backup_file"], encoding="utf-8") as handle:
        kept = json.load(handle)["settings"]["gitSettings"]
    assert kept["siteUS"]["apiKey"] == "secret-us" and kept["siteEU"]["apiKey"] == "secret-eu"


def test_a_site_list_that_cannot_be_read_fails_before_anything_is_deactivated(sim, v1, v2, tmp_path):
    extension_id = run_module(extension, args(sim, v1))["extension_id"]
    sim.faults.add("GET", "/ccadmin/v1/sites", "status", status=403, error_code="20042", message="Forbidden")
    sim.clear_journal()
    result = run_module(extension, args(sim, v2, allow_reinstall=True, backup_dir=str(tmp_path / "b")))
    assert result["failed"] and not result["changed"]
    assert "cannot list the sites" in result["msg"] and "nothing was changed" in result["msg"]
    assert mutating_requests(sim) == [] and listed(sim, extension_id)["enabled"] and listed(sim, extension_id)["version"] == "1"


def test_an_install_that_fails_after_the_delete_says_absent_and_how_back(sim, v1, v2, tmp_path):
    run_module(extension, args(sim, v1))
    sim.faults.add("POST", CREATE, "status", status=500, error_code="91004", message="Extension internal error")
    result = run_module(extension, args(sim, v2, allow_reinstall=True, backup_dir=str(tmp_path / "b")))
    assert result["failed"] and result["changed"] and result["state"] == "absent" and result["extension"] is None
    assert "now absent" in result["msg"] and result["backup_file"] in result["msg"] and "version 1 back" in result["msg"]
    assert listed(sim, result["extension_id"]) is None and os.path.isfile(result["backup_file"])
    # The way back the message names works: the kept zip installs again, with the same ID.
    back = run_module(extension, args(sim, result["backup_file"], name="Git Widget"))
    assert back["changed"] and back["extension_id"] == result["extension_id"] and back["version"] == "1"


def test_a_rejection_names_the_servers_errors_and_installs_nothing(sim, tmp_path):
    files = entries()
    manifest = json.loads(files["ext.json"])
    del manifest["developerID"]
    files["ext.json"] = json.dumps(manifest)
    result = run_module(extension, args(sim, write_zip(tmp_path / "bad.zip", files)))
    assert result["failed"] and "rejected the extension" in result["msg"] and "developerID" in result["msg"]
    assert sim.extensions == [item for item in sim.extensions if item["name"] != "Git Widget"]


def test_enabled_alone_activates_or_deactivates(sim, v1):
    disabled = run_module(extension, args(sim, v1, enabled=False))
    assert disabled["changed"] and disabled["action"] == "install" and not disabled["enabled"]
    assert not listed(sim, disabled["extension_id"])["enabled"]
    sim.clear_journal()
    enabled = run_module(extension, args(sim, v1), diff=True)
    assert enabled["changed"] and enabled["action"] == "enable" and enabled["enabled"]
    assert enabled["diff"] == {"prepared": "enable Git Widget (version 1): installed disabled\n"}
    assert mutating_requests(sim) == [("POST", "/ccadmin/v1/extensions/" + disabled["extension_id"])]
    again = run_module(extension, args(sim, v1, enabled=False))
    assert again["action"] == "disable" and not listed(sim, disabled["extension_id"])["enabled"]


def test_absent_deactivates_then_deletes_and_then_is_ok(sim, v1):
    installed = run_module(extension, args(sim, v1))
    sim.clear_journal()
    removed = run_module(extension, args(sim, name="Git Widget", state="absent"), diff=True)
    path = "/ccadmin/v1/extensions/" + installed["extension_id"]
    assert removed["changed"] and removed["action"] == "remove" and removed["extension"] is None and not removed["enabled"]
    assert mutating_requests(sim) == [("POST", path), ("DELETE", path)]
    assert removed["diff"] == {"prepared": "remove Git Widget (version 1): state is absent\n"}
    again = run_module(extension, args(sim, name="Git Widget", state="absent"))
    assert not again["changed"] and again["action"] == "keep"


def test_absent_with_backup_keeps_the_zip(sim, v1, tmp_path):
    run_module(extension, args(sim, v1))
    removed = run_module(extension, args(sim, v1, state="absent", backup=True, backup_dir=str(tmp_path / "keep")))
    assert removed["changed"] and os.path.isfile(removed["backup_file"]) and removed["backup_file"].startswith(str(tmp_path / "keep"))


def test_check_mode_sends_no_mutating_request_on_any_path(sim, v1, v2):
    predicted = run_module(extension, args(sim, v1), check_mode=True)
    assert predicted["changed"] and predicted["action"] == "install" and predicted["extension_id"] is None
    assert mutating_requests(sim) == [] and sim.extension_state["extension_ids"] == [
        record for record in sim.extension_state["extension_ids"] if record["name"] != "Git Widget"]
    installed = run_module(extension, args(sim, v1))
    sim.clear_journal()
    for options, action in ((dict(src=v2, allow_reinstall=True), "reinstall"), (dict(src=v1, enabled=False), "disable"),
                            (dict(name="Git Widget", state="absent"), "remove")):
        result = run_module(extension, args(sim, **options), check_mode=True)
        assert result["changed"] and result["action"] == action, result
    run_module(extension, args(sim, v1, enabled=False))
    sim.clear_journal()
    assert run_module(extension, args(sim, v1), check_mode=True)["action"] == "enable"
    assert mutating_requests(sim) == [] and listed(sim, installed["extension_id"])["version"] == "1"


@pytest.mark.parametrize("protection, options, refused", [
    ("read_only", {}, "install"),
    ("no_delete", {"state": "absent"}, "remove"),
    ("no_delete", {"allow_reinstall": True}, "reinstall"),
])
def test_protection_refuses_before_anything_is_sent(sim, v1, v2, protection, options, refused):
    if refused != "install":
        run_module(extension, args(sim, v1))
    sim.clear_journal()
    result = run_module(extension, args(sim, v2 if refused == "reinstall" else v1, protection=protection, **options))
    assert result["failed"] and ("protection is %s" % protection) in result["msg"] and result["action"] == refused
    assert mutating_requests(sim) == []


def test_no_delete_still_installs_and_enables(sim, v1):
    result = run_module(extension, args(sim, v1, protection="no_delete"))
    assert result["changed"] and result["action"] == "install"


def test_instances_without_create_extension_id_fall_back_to_application_ids(sim_factory, v1):
    sim = sim_factory(extension_id_endpoint=False)
    result = run_module(extension, args(sim, v1))
    assert result["changed"] and listed(sim, result["extension_id"])["enabled"]
    assert len(requests_to(sim, "POST", "/ccadmin/v1/applicationIds")) == 1


def test_the_manifest_id_is_reused_when_this_instance_generated_it(sim, tmp_path):
    extension_id = sim.generate_extension_id("named otherwise")
    result = run_module(extension, args(sim, write_zip(tmp_path / "own.zip", entries(extensionID=extension_id))))
    assert result["extension_id"] == extension_id and result["found_by"].startswith("the manifest's extensionID")


def test_local_input_is_checked_before_any_request(sim, tmp_path):
    missing = run_module(extension, args(sim, tmp_path / "nope.zip"))
    no_manifest = run_module(extension, args(sim, write_zip(tmp_path / "x.zip", {"a.js": "x"})))
    assert "does not exist" in missing["msg"] and "has no ext.json" in no_manifest["msg"]
    assert sim.journal == []
    assert "state is present but all of the following are missing: src" in run_module(extension, args(sim, name="x"))["msg"]
