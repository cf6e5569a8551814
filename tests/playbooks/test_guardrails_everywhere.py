# -*- coding: utf-8 -*-
"""Each protection level against each module that changes something, and the preview environment."""

from __future__ import annotations

from harness import connection_defaults, mutating_requests, run_tasks  # pylint: disable=import-error

ZIP = b"PK\x05\x06" + bytes(18)


def changing_tasks(make_zip):
    return [
        ("commerce.admin.sse_upload", {"src": make_zip(size=20000), "name": "new.zip"}, "upload new.zip", False),
        ("commerce.admin.sse_delete", {"name": "old.zip"}, "delete old.zip", True),
        ("commerce.admin.sse_promote", {}, "promote p.zip to live", False),
        ("commerce.admin.server_restart", {}, "restart the extension server", False),
        ("commerce.admin.extension_state", {"id": "ext-widget-0001"}, "activate extension ext-widget-0001", False),
        ("commerce.admin.storefront_rollback", {"site_id": "siteUS"}, "roll site siteUS back to 16.6", False),
    ]


def seed(sim):
    sim.put_sse("old.zip", ZIP)
    sim.put_sse("p.zip", ZIP + b"\0", environment="preview")


def test_read_only_refuses_every_change_naming_it(sim, make_zip, tmp_path):
    seed(sim)
    cases = changing_tasks(make_zip)
    run = run_tasks(sim, [{module: args} for module, args, dummy, dummy2 in cases], tmp_path,
                    defaults=connection_defaults(sim, protection="read_only"))
    for (module, dummy, action, dummy2), result in zip(cases, run.results):
        assert result["failed"] and result["msg"] == "protection is read_only: refused to " + action, (module, result.get("msg"))
    assert mutating_requests(sim) == []


def test_no_delete_refuses_only_deletions(sim, make_zip, tmp_path):
    seed(sim)
    cases = changing_tasks(make_zip)
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
