# -*- coding: utf-8 -*-
"""Each protection level against each module that changes something, and the preview environment.

The modules that change something are every module of meta/runtime.yml but the *_info ones
(helpers.modules.changing_modules); the table below must cover exactly those."""

from __future__ import annotations

from helpers.harness import connection_defaults, mutating_requests, run_tasks
from helpers.modules import changing_modules
from helpers.site_settings import SETTINGS_ID, install_settings_extension

ZIP = b"PK\x05\x06" + bytes(18)


def release(tmp_path, make_zip):
    """A directory with one zip, for sse_sync."""
    directory = tmp_path / "release"
    directory.mkdir()
    make_zip(directory / "a.zip", size=20000)
    return str(directory)


# module: (its options, given make_zip and tmp_path; the change protection names; whether it deletes).
CHANGES = {
    "extension": (lambda make_zip, tmp_path: {"name": "Widget with Element", "state": "absent"}, "remove extension Widget with Element", True),
    "sse_upload": (lambda make_zip, tmp_path: {"src": make_zip(size=20000), "name": "new.zip"}, "upload new.zip", False),
    "sse_delete": (lambda make_zip, tmp_path: {"name": "old.zip"}, "delete old.zip", True),
    "sse_promote": (lambda make_zip, tmp_path: {}, "promote p.zip to live", False),
    "sse_sync": (lambda make_zip, tmp_path: {"src": release(tmp_path, make_zip)},
                 "sync the SSEs of live (+ a.zip (absent remotely))", False),
    "server_restart": (lambda make_zip, tmp_path: {}, "restart the extension server", False),
    "publish": (lambda make_zip, tmp_path: {"poll_interval": 0.2}, "publish 1 pending change", False),
    "site_settings": (lambda make_zip, tmp_path: {"settings_id": SETTINGS_ID, "site_id": "siteUS", "values": {"colour": "guarded"}},
                      "set colour of settings gatewaySettings on site siteUS", False),
    "sse_variables": (lambda make_zip, tmp_path: {"variables": {"NEW_VARIABLE": "guarded"}}, "set the SSE variables (+ NEW_VARIABLE)", False),
    "extension_state": (lambda make_zip, tmp_path: {"id": "ext-widget-0001"}, "activate extension Widget with Element (id ext-widget-0001)", False),
    "storefront_rollback": (lambda make_zip, tmp_path: {"site_id": "siteUS"}, "roll site siteUS back to 16.6", False),
    "storefront_version": (lambda make_zip, tmp_path: {"site_id": "siteEU", "version": "latest"}, "upgrade site siteEU to 17.1", False),
}


def test_the_table_covers_every_module_that_changes_something():
    assert sorted(CHANGES) == changing_modules()


def changing_tasks(make_zip, tmp_path):
    """(module, options, action, deletes) for every module that changes something, in runtime.yml's order."""
    return [("commerce.admin." + name, CHANGES[name][0](make_zip, tmp_path)) + CHANGES[name][1:]
            for name in changing_modules() if name in CHANGES]


def seed(sim):
    sim.put_sse("old.zip", ZIP)
    sim.put_sse("p.zip", ZIP + b"\0", environment="preview")
    install_settings_extension(sim)
    sim.note_publishable_change("extension", "ext-payments-0002")  # one change pending before the run


def test_read_only_refuses_every_change_naming_it(sim, make_zip, tmp_path):
    seed(sim)
    cases = changing_tasks(make_zip, tmp_path)
    run = run_tasks(sim, [{module: args} for module, args, dummy, dummy2 in cases], tmp_path,
                    defaults=connection_defaults(sim, protection="read_only"))
    for (module, dummy, action, dummy2), result in zip(cases, run.results):
        assert result["failed"] and result["msg"] == "protection is read_only: refused to " + action, (module, result.get("msg"))
    assert mutating_requests(sim) == []


def test_no_delete_refuses_only_deletions(sim, make_zip, tmp_path):
    seed(sim)
    cases = changing_tasks(make_zip, tmp_path)
    run = run_tasks(sim, [{module: args} for module, args, dummy, dummy2 in cases], tmp_path,
                    defaults=connection_defaults(sim, protection="no_delete"))
    for (module, dummy, action, deletes), result in zip(cases, run.results):
        if deletes:
            assert result["failed"] and result["msg"] == "protection is no_delete: refused to " + action
        else:
            assert not result.get("failed") and result["changed"], (module, result.get("msg"))
    assert "old.zip" in sim.sse_names()
    assert not any(entry["method"] == "DELETE" for entry in mutating_requests(sim))


def test_uploads_and_deletes_in_the_preview_environment(sim, make_zip, tmp_path):
    path = make_zip(size=20000)
    run = run_tasks(sim, [
        {"commerce.admin.sse_upload": {"src": path, "name": "pv.zip", "environment_type": "preview"}},
        {"commerce.admin.sse_upload": {"src": path, "name": "pv.zip", "environment_type": "preview"}},
        {"commerce.admin.server_restart": {"environment_type": "preview"}},
        {"commerce.admin.sse_delete": {"name": "pv.zip", "environment_type": "preview"}},
    ], tmp_path)
    assert run[0]["changed"] and not run[1]["changed"] and run[2]["restart_status"] == "SUCCEEDED" and run[3]["changed"]
    assert sim.sse_names("preview") == [] and sim.sse_names("live") == []
    upload = [entry for entry in sim.journal if entry["method"] == "POST" and entry["path"] == "/ccadmin/v1/serverExtensions"][0]
    assert upload["status"] == 200
    listing = [entry for entry in sim.journal if entry["method"] == "GET" and entry["path"] == "/ccadmin/v1/serverExtensions"]
    assert all(entry["query"].get("environmentType") == "preview" for entry in listing)
