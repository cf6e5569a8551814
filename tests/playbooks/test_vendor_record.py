# -*- coding: utf-8 -*-
"""The modules against a server that behaves as the vendor's record says (docs/api-model.md, "What changed").

Each test fails on a collection that shares the first model's reading of the API.
"""

from __future__ import annotations

import zipfile

from helpers.harness import mutating_requests, run_tasks

UPLOAD = "commerce.admin.sse_upload"
DELETE = "commerce.admin.sse_delete"
RESTART = "commerce.admin.server_restart"
SSE = "/ccadmin/v1/serverExtensions"


def zip_with(path, entries):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return str(path)


def test_restarts_use_the_custom_path_that_real_instances_have(sim, tmp_path):
    run = run_tasks(sim, [{RESTART: {}}], tmp_path)
    assert run[0]["restart_status"] == "SUCCEEDED"
    paths = {entry["path"] for entry in sim.journal}
    assert "/ccadminx/custom/v1/servers/restart" in paths and "/ccadminx/custom/v1/servers/restartWorkRequestStatus" in paths
    assert not [path for path in paths if path.startswith("/ccadmin/v1/servers/")]


def test_a_rejected_upload_fails_unchanged_naming_the_reason_and_keeps_the_old_file(sim, tmp_path):
    """The server answers 200 with success false: a same-size replacement used to pass as a success."""
    sim.config.reject_entry = "EICAR.txt"
    good = zip_with(tmp_path / "good.zip", {"index.js": "exports.a = 1;\n", "EICAR.tx_": "x"})
    bad = zip_with(tmp_path / "bad.zip", {"index.js": "exports.a = 2;\n", "EICAR.txt": "x"})
    assert (tmp_path / "good.zip").stat().st_size == (tmp_path / "bad.zip").stat().st_size
    run = run_tasks(sim, [
        {UPLOAD: {"src": good, "name": "orders.zip", "restart": False}},
        {UPLOAD: {"src": bad, "name": "orders.zip", "restart": False}},
        {UPLOAD: {"src": bad, "name": "new.zip", "restart": False}},
    ], tmp_path)
    assert run[0]["changed"] and not run[0].get("failed")
    for result, name in ((run[1], "orders.zip"), (run[2], "new.zip")):
        assert result["failed"] and result["changed"] is False and not result["uploaded"]
        assert "%s: VIRUS_DETECTED" % name in result["msg"] and "%s was not stored" % name in result["msg"]
        assert result["error"]["reasons"] == {name: "VIRUS_DETECTED"} and result["error"]["status"] == 200
    assert sim.sse_bytes("orders.zip") == (tmp_path / "good.zip").read_bytes() and sim.sse_names() == ["orders.zip"]


def test_delete_answered_405_by_a_gateway_names_method_override_and_override_works(sim, tmp_path):
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    sim.faults.add("DELETE", SSE + "/a.zip", "status", status=405, error_code="405", message="Method Not Allowed")
    run = run_tasks(sim, [{DELETE: {"name": "a.zip", "restart": False}}], tmp_path)
    assert run[0]["failed"] and "method_override: true" in run[0]["msg"] and sim.sse_names() == ["a.zip"]
    sim.faults.clear()
    run = run_tasks(sim, [{DELETE: {"name": "a.zip", "restart": False, "method_override": True}}], tmp_path)
    assert run[0]["changed"] and run[0]["deleted"] == ["a.zip"] and sim.sse_names() == []
    assert mutating_requests(sim)[-1]["wire_method"] == "POST"


def test_any_2xx_is_success_for_delete_deletefiles_and_restart(sim_factory, tmp_path):
    for status in (200, 204):
        sim = sim_factory(success_status=status)
        for name in ("a.zip", "b.zip", "c.zip"):
            sim.put_sse(name, b"PK\x05\x06" + bytes(18))
        run = run_tasks(sim, [
            {DELETE: {"name": "a.zip", "restart": False}},
            {DELETE: {"names": ["b.zip", "c.zip"], "restart": False}},
        ], tmp_path)
        assert all(result["changed"] and not result.get("failed") for result in run.results), (status, run.results)
        assert sim.sse_names() == []
        codes = {entry["status"] for entry in mutating_requests(sim)}
        assert codes == {status}


def test_a_run_longer_than_the_real_token_lifetime_never_meets_a_401(sim_factory, tmp_path):
    """Tokens live 3 s here while the login answer advertises 930 s; the JWT's exp decides."""
    sim = sim_factory(token_ttl=3, login_expires_in=930, jwt_tokens=True, restart_seconds=5)
    run = run_tasks(sim, [{RESTART: {"poll_interval": 0.5}}], tmp_path)
    assert run[0]["restart_status"] == "SUCCEEDED"
    assert [entry for entry in sim.journal if entry["status"] == 401] == []
    assert any(entry["path"] == "/ccadmin/v1/refresh" and entry["json"] == {} for entry in sim.journal)
    logins = [entry for entry in sim.journal if entry["path"] == "/ccadmin/v1/login"]
    assert logins and all(entry["profile_type"] == "applicationAccess" for entry in logins)
