# -*- coding: utf-8 -*-
"""sse_upload in-process: compare, upload, restart, check and diff mode, guardrails, backups and failures."""

from __future__ import annotations

import os
import zipfile

import pytest

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.modules import sse_upload

from helpers.module_runner import FAST_WAIT, connection, mutating_requests, requests_to, run_module
from helpers.restart_log import assert_explained, assert_unreadable_log_keeps_the_failure, break_log, flood

SSE = "/ccadmin/v1/serverExtensions"
STATUS = "/ccadminx/custom/v1/servers/restartWorkRequestStatus"
# Compressible, so a stored and a deflated zip of these entries differ in size.
ENTRIES = {"index.js": "module.exports = 1;\n", "lib/util.js": "exports.x = 2;\n" * 200}


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def deflated_zip(path, entries):
    """The same entries as make_entries_zip writes (stored), but deflated: other bytes and size, same content."""
    with zipfile.ZipFile(str(path), "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return str(path)


def upload(sim, src, **options):
    return connection(sim, src=str(src), name=options.pop("name", "a.zip"), **dict(FAST_WAIT, **options))


def test_absent_zip_is_uploaded_and_restarted_then_left_alone(sim, make_entries_zip):
    src = make_entries_zip(ENTRIES)
    first = run_module(sse_upload, upload(sim, src), diff=True)
    assert first["changed"] and first["uploaded"] and first["reason"] == "absent remotely"
    assert first["restart_status"] == "SUCCEEDED" and first["work_request_id"] in sim.work_requests
    assert first["size"] == os.path.getsize(src) and first["remote_checksum"] is not None
    assert first["diff"] == {"before": {"state": "absent"},
                             "after": {"state": "present", "size": first["size"], "sha256": first["sha256"], "reason": "absent remotely"}}
    assert sim.sse_bytes("a.zip") == read(src) and sim.running_names() == ["a.zip"]
    assert mutating_requests(sim) == [("POST", SSE)]
    sim.clear_journal()
    second = run_module(sse_upload, upload(sim, src), diff=True)
    assert not second["changed"] and not second["uploaded"] and second["reason"] is None and second["work_request_id"] is None
    assert second["diff"]["before"] == second["diff"]["after"]
    assert mutating_requests(sim) == [] and len(requests_to(sim, "GET", SSE + "/a.zip")) == 1
    assert sim.restart_count == 1


def test_same_content_packed_otherwise_is_kept_unless_compare_is_bytes(sim, make_entries_zip, tmp_path):
    sim.put_sse("a.zip", read(make_entries_zip(ENTRIES)))
    repacked = deflated_zip(tmp_path / "repacked.zip", ENTRIES)
    kept = run_module(sse_upload, upload(sim, repacked, restart=False))
    assert not kept["changed"] and kept["reason"] is None
    replaced = run_module(sse_upload, upload(sim, repacked, restart=False, compare="bytes"))
    assert replaced["changed"] and replaced["reason"].startswith("size differs (remote ")
    assert sim.sse_bytes("a.zip") == read(repacked) and sim.restart_count == 0 and replaced["work_request_id"] is None


def test_a_changed_entry_is_named_and_check_mode_sends_nothing(sim, make_entries_zip):
    sim.put_sse("a.zip", read(make_entries_zip(ENTRIES)))
    remote = sim.sse_bytes("a.zip")
    src = make_entries_zip(dict(ENTRIES, **{"index.js": "module.exports = 3;\n"}))
    result = run_module(sse_upload, upload(sim, src), check_mode=True, diff=True)
    assert result["changed"] and not result["uploaded"] and result["reason"] == "index.js changed"
    before = result["diff"]["before"]
    # No listing checksum beside a sha256: its algorithm is not public, it would only mislead a reviewer.
    assert before["state"] == "present" and before["size"] == len(remote) and set(before) == {"state", "size", "last_modified"}
    assert mutating_requests(sim) == [] and sim.sse_bytes("a.zip") == remote and sim.restart_count == 0


def test_compare_bytes_with_another_size_uploads_without_downloading(sim, make_zip):
    sim.put_sse("a.zip", read(make_zip(size=4000)))
    result = run_module(sse_upload, upload(sim, make_zip(size=4001), compare="bytes", restart=False))
    assert result["changed"] and result["reason"] == "size differs (remote 4000, local 4001 bytes)"
    assert requests_to(sim, "GET", SSE + "/a.zip") == []


def test_compare_bytes_with_the_same_size_downloads_and_compares(sim, make_zip):
    sim.put_sse("a.zip", read(make_zip(size=4000, seed=1)))
    result = run_module(sse_upload, upload(sim, make_zip(size=4000, seed=2), compare="bytes", restart=False))
    assert result["changed"] and result["reason"] == "content differs"
    assert len(requests_to(sim, "GET", SSE + "/a.zip")) == 1


def test_an_unreadable_remote_zip_is_replaced(sim, make_entries_zip):
    sim.put_sse("a.zip", b"PK\x03\x04 this is not really a zip")
    src = make_entries_zip(ENTRIES)
    result = run_module(sse_upload, upload(sim, src, restart=False))
    assert result["changed"] and result["reason"].startswith("remote a.zip is not a readable zip")
    assert sim.sse_bytes("a.zip") == read(src)


def test_force_uploads_the_same_content(sim, make_entries_zip):
    src = make_entries_zip(ENTRIES)
    sim.put_sse("a.zip", read(src))
    result = run_module(sse_upload, upload(sim, src, force=True, restart=False))
    assert result["changed"] and result["reason"] == "force is set"
    assert mutating_requests(sim) == [("POST", SSE)]


def test_no_wait_returns_the_accepted_work_request(sim, make_entries_zip):
    result = run_module(sse_upload, upload(sim, make_entries_zip(ENTRIES), wait=False))
    assert result["changed"] and result["restart_status"] == "ACCEPTED" and result["work_request_id"] in sim.work_requests
    assert requests_to(sim, "GET", STATUS) == []


def test_preview_and_the_name_option(sim, make_entries_zip):
    result = run_module(sse_upload, upload(sim, make_entries_zip(ENTRIES), name="orders.zip", environment_type="preview"))
    assert result["changed"] and result["name"] == "orders.zip"
    assert sim.sse_names("preview") == ["orders.zip"] and sim.sse_names() == []
    assert sim.running_names("preview") == ["orders.zip"]


@pytest.mark.parametrize("protection", ["none", "no_delete"])
def test_protection_that_allows_uploads(sim, make_entries_zip, protection):
    result = run_module(sse_upload, upload(sim, make_entries_zip(ENTRIES), restart=False, protection=protection))
    assert result["changed"] and sim.sse_names() == ["a.zip"]


def test_read_only_refuses_before_any_change(sim, make_entries_zip):
    result = run_module(sse_upload, upload(sim, make_entries_zip(ENTRIES), protection="read_only"))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "protection is read_only: refused to upload a.zip"
    assert mutating_requests(sim) == [] and sim.sse_names() == []


def test_read_only_in_check_mode_is_a_warning(sim, make_entries_zip):
    result = run_module(sse_upload, upload(sim, make_entries_zip(ENTRIES), protection="read_only"), check_mode=True)
    assert result["changed"] and not result.get("failed")
    assert result["warnings"] == ["protection is read_only: refused to upload a.zip (check mode: nothing was sent)"]
    assert mutating_requests(sim) == []


def test_a_rejected_upload_fails_with_the_reasons_and_changes_nothing(sim, make_entries_zip):
    sim.config.reject_entry = "EICAR.txt"
    result = run_module(sse_upload, upload(sim, make_entries_zip(dict(ENTRIES, **{"EICAR.txt": "X5O!P%@AP"}))))
    assert result["failed"] and result["changed"] is False and result["uploaded"] is False
    assert result["error"]["reasons"] == {"a.zip": "VIRUS_DETECTED"}
    assert "the server rejected a.zip (a.zip: VIRUS_DETECTED)" in result["msg"] and "a.zip was not stored" in result["msg"]
    assert sim.sse_names() == [] and sim.restart_count == 0


def test_an_api_error_names_the_upload(sim, make_entries_zip):
    sim.faults.add("POST", SSE, "status", status=400, error_code="33114", message="not a valid zip")
    result = run_module(sse_upload, upload(sim, make_entries_zip(ENTRIES)))
    assert result["failed"] and not result["changed"]
    assert result["msg"] == "upload a.zip: POST %s failed: HTTP 400, errorCode 33114: not a valid zip" % SSE
    assert result["error"]["error_code"] == "33114"


def test_a_dropped_upload_is_sent_again_and_reported(sim, make_entries_zip):
    src = make_entries_zip(ENTRIES)
    sim.faults.add("POST", SSE, "drop")
    result = run_module(sse_upload, upload(sim, src, restart=False))
    assert result["changed"] and sim.sse_bytes("a.zip") == read(src)
    assert len(result["warnings"]) == 1 and result["warnings"][0].startswith("the server needed 1 retry (POST %s: " % SSE)


def test_listing_that_disagrees_after_the_upload_fails_as_changed(sim, make_entries_zip, monkeypatch):
    real_find = _api.find_sse
    calls = []

    def find_then_lose(client, name, environment_type=None):
        calls.append(name)
        return real_find(client, name, environment_type) if len(calls) == 1 else None

    monkeypatch.setattr(_api, "find_sse", find_then_lose)
    result = run_module(sse_upload, upload(sim, make_entries_zip(ENTRIES), restart=False))
    assert result["failed"] and result["changed"]
    assert result["msg"] == "upload of a.zip was accepted but the server lists no such file afterwards"


@pytest.mark.parametrize("case, message", [
    ("missing", "src missing.zip does not exist (a relative path resolves against the playbook's directory, where Ansible runs the module"),
    ("not_a_zip", "is not a zip file (no zip signature)"),
    ("too_large", "more than max_size (10)"),
    ("bad_name", "name 'a.txt' must be a file name ending in .zip"),
    ("control_name", "name 'a\\x01.zip' contains control characters"),
    ("directory", "is not a regular file"),
    ("zero_wait", "wait_timeout must be greater than 0, got 0"),
])
def test_local_input_is_checked_before_any_request(sim, make_entries_zip, tmp_path, case, message):
    src = make_entries_zip(ENTRIES)
    options = {}
    if case == "missing":
        src = "missing.zip"
    elif case == "not_a_zip":
        src = tmp_path / "text.zip"
        src.write_text("hello")
    elif case == "too_large":
        options["max_size"] = 10
    elif case == "bad_name":
        options["name"] = "a.txt"
    elif case == "control_name":
        options["name"] = "a\x01.zip"
    elif case == "directory":
        src = tmp_path
    else:
        options["wait_timeout"] = 0
    result = run_module(sse_upload, upload(sim, src, **options))
    assert result["failed"] and not result["changed"] and message in result["msg"]
    assert sim.journal == []


def test_a_restart_that_fails_fails_the_task_as_changed(sim, make_entries_zip):
    sim.config.crash_entry = "crash.js"
    result = run_module(sse_upload, upload(sim, make_entries_zip(dict(ENTRIES, **{"crash.js": "throw 1"}))))
    assert result["failed"] and result["changed"] and result["uploaded"]
    assert result["msg"].startswith("restart work request %s ended FAILED; " % result["work_request_id"])
    assert result["restart_status"] == "FAILED" and sim.sse_names() == ["a.zip"] and sim.running_names() == []


CRASHING = dict(ENTRIES, **{"crash.js": "throw 1"})


@pytest.mark.parametrize("restart", ["auto", "always"])
def test_a_failed_restart_shows_the_log_lines_that_explain_it(sim, make_entries_zip, restart):
    sim.config.crash_entry = "crash.js"
    src = make_entries_zip(CRASHING)
    if restart == "always":  # stored already: the task changes nothing but the restart it is told to make
        run_module(sse_upload, upload(sim, src, name="orders.zip", restart="never"))
    flood(sim)
    result = run_module(sse_upload, upload(sim, src, name="orders.zip", restart=restart))
    assert result["failed"] and result["changed"] and result["restart_status"] == "FAILED"
    assert result["uploaded"] is (restart == "auto")
    assert result["msg"].startswith("restart work request %s ended FAILED; " % result["work_request_id"])
    assert_explained(result, "orders.zip", [sim.app_key] + sim.issued_tokens)


@pytest.mark.parametrize("how", ["500", "timeout"])
def test_a_log_that_cannot_be_read_keeps_the_failure_message(sim, make_entries_zip, how):
    sim.config.crash_entry = "crash.js"
    break_log(sim, how)
    result = run_module(sse_upload, upload(sim, make_entries_zip(CRASHING), timeout=0.5, retries=0))
    assert result["changed"] and result["uploaded"] and result["restart_status"] == "FAILED"
    assert_unreadable_log_keeps_the_failure(result, "restart work request %s ended FAILED; " % result["work_request_id"])


def test_a_restart_that_never_ends_fails_at_wait_timeout(sim, make_entries_zip):
    sim.config.restart_outcome = "hang"
    result = run_module(sse_upload, upload(sim, make_entries_zip(ENTRIES), wait_timeout=1))
    assert result["failed"] and result["changed"]
    assert "did not finish within wait_timeout (1 s); last status IN_PROGRESS at 50%" in result["msg"]
    assert "commerce.admin.server_restart work_request_id=%s" % result["work_request_id"] in result["msg"]


def test_an_expired_token_during_the_wait_is_renewed(sim, make_entries_zip):
    sim.faults.add("GET", STATUS, "expire_token")
    result = run_module(sse_upload, upload(sim, make_entries_zip(ENTRIES)))
    assert result["restart_status"] == "SUCCEEDED" and not result.get("failed")
    assert len(requests_to(sim, "POST", "/ccadmin/v1/login")) == 2
    assert requests_to(sim, "GET", STATUS)[0]["status"] == 401


def test_backup_keeps_the_replaced_file(sim, make_entries_zip, tmp_path):
    old = read(make_entries_zip(ENTRIES))
    sim.put_sse("a.zip", old)
    backups = tmp_path / "backups"
    result = run_module(sse_upload, upload(sim, make_entries_zip({"index.js": "new"}), restart=False, backup=True, backup_dir=str(backups)))
    assert result["changed"] and os.path.dirname(result["backup_file"]) == str(backups)
    assert os.path.basename(result["backup_file"]).startswith("a.") and read(result["backup_file"]) == old
    assert os.listdir(str(backups)) == [os.path.basename(result["backup_file"])]


def test_backup_defaults_to_a_directory_per_server_under_home(sim, make_entries_zip):
    sim.put_sse("a.zip", read(make_entries_zip(ENTRIES)))
    result = run_module(sse_upload, upload(sim, make_entries_zip({"index.js": "new"}), restart=False, backup=True))
    expected = os.path.join(os.environ["HOME"], ".ansible", "commerce.admin", "backups", "127.0.0.1_%d" % sim.port)
    assert os.path.dirname(result["backup_file"]) == expected


def test_backup_of_an_absent_file_is_nothing(sim, make_entries_zip, tmp_path):
    result = run_module(sse_upload, upload(sim, make_entries_zip(ENTRIES), restart=False, backup=True, backup_dir=str(tmp_path / "b")))
    assert result["changed"] and "backup_file" not in result and not (tmp_path / "b").exists()


def test_an_unwritable_backup_dir_fails_naming_it_before_the_upload(sim, make_entries_zip, tmp_path):
    old = read(make_entries_zip(ENTRIES))
    sim.put_sse("a.zip", old)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    backup_dir = str(blocker / "backups")
    result = run_module(sse_upload, upload(sim, make_entries_zip({"index.js": "new"}), backup=True, backup_dir=backup_dir))
    assert result["failed"] and not result["changed"]
    assert result["msg"].startswith("cannot write backups to backup_dir %s: " % backup_dir)
    assert result["msg"].endswith("set backup_dir to a writable directory")
    assert mutating_requests(sim) == [] and sim.sse_bytes("a.zip") == old


def test_restart_always_restarts_an_unchanged_upload_and_the_boolean_form_is_deprecated(sim, tmp_path):
    from helpers.sse_sync import build  # pylint: disable=import-outside-toplevel
    src = build(tmp_path / "same.zip", {"index.js": "// same\n"})
    with open(src, "rb") as handle:
        sim.put_sse("same.zip", handle.read(), running=True)
    args = connection(sim, src=src, restart="always", **FAST_WAIT)
    result = run_module(sse_upload, args)
    assert result["changed"] and not result["uploaded"] and result["restart_status"] == "SUCCEEDED" and sim.restart_count == 1
    legacy = run_module(sse_upload, dict(args, restart=False))
    assert not legacy["changed"] and sim.restart_count == 1
    assert legacy["deprecations"] == [
        "restart: False is deprecated: write restart: never (true means auto, false means never)"]
