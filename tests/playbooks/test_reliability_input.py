# -*- coding: utf-8 -*-
"""Bad input is refused with a message naming the problem, before any request that changes
something; input that can be checked locally is refused before any request at all."""

from __future__ import annotations

import os
import zipfile

import pytest

from helpers.harness import mutating_requests, run_tasks

UPLOAD = "commerce.admin.sse_upload"
DELETE = "commerce.admin.sse_delete"
RESTART = "commerce.admin.server_restart"


@pytest.fixture
def files(tmp_path, make_zip):
    """Local inputs, good and bad."""
    good = make_zip(size=20000)
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    text = tmp_path / "text.zip"
    text.write_text("this is not a zip\n")
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(open(good, "rb").read()[:5000])  # pylint: disable=consider-using-with
    fifo = tmp_path / "fifo.zip"
    os.mkfifo(fifo)
    directory = tmp_path / "adir.zip"
    directory.mkdir()
    return {"good": good, "empty": str(empty), "text": str(text), "truncated": str(truncated), "fifo": str(fifo),
            "dir": str(directory), "missing": str(tmp_path / "missing.zip")}


def local_cases(files):
    """(module, args, what the message must say): all refused before any request."""
    good = files["good"]
    return [
        (UPLOAD, {"src": files["missing"]}, "does not exist"),
        (UPLOAD, {"src": files["dir"]}, "is not a regular file"),
        # tests run as root, for whom file modes do not stop reading: a FIFO is the unreadable case
        (UPLOAD, {"src": files["fifo"]}, "is not a regular file"),
        (UPLOAD, {"src": files["empty"]}, "is empty, not a zip"),
        (UPLOAD, {"src": files["text"]}, "is not a zip file"),
        (UPLOAD, {"src": files["truncated"]}, "is not a readable zip"),
        (UPLOAD, {"src": good, "name": "dir/a.zip"}, "without path separators"),
        (UPLOAD, {"src": good, "name": "..a.zip"}, "without path separators or '..'"),
        (UPLOAD, {"src": good, "name": "a.jar"}, "must be a file name ending in .zip"),
        (UPLOAD, {"src": good, "name": ".zip"}, "must be a file name ending in .zip"),
        (UPLOAD, {"src": good, "max_size": 1000}, "more than max_size (1000)"),
        (UPLOAD, {"src": good, "max_size": "abc"}, "max_size"),
        (UPLOAD, {"src": good, "restart": "maybe"}, "restart"),
        (UPLOAD, {"src": good, "colour": "blue"}, "Unsupported parameters"),
        (UPLOAD, {"src": good, "poll_interval": 0}, "poll_interval must be greater than 0"),
        (UPLOAD, {"src": good, "wait_timeout": -1}, "wait_timeout must be greater than 0"),
        (UPLOAD, {"src": good, "environment_type": "staging"}, "environment_type"),
        (UPLOAD, {"src": good, "protection": "maybe"}, "protection"),
        (UPLOAD, {}, "missing required arguments: src"),
        (DELETE, {"names": []}, "names is empty"),
        (DELETE, {"name": "a/b.zip"}, "without path separators"),
        (DELETE, {"name": "a.zip", "names": ["b.zip"]}, "mutually exclusive"),
        (DELETE, {"name": "a.zip", "wait_timeout": 0}, "wait_timeout must be greater than 0"),
        (RESTART, {"wait_timeout": 0}, "wait_timeout must be greater than 0"),
        (RESTART, {"base_url": "admin.example.com"}, "has no scheme"),
        (RESTART, {"base_url": "https://admin.example.com/ccadmin/v1"}, "has a path"),
        (RESTART, {"base_url": "ftp://admin.example.com"}, "only http and https"),
        (RESTART, {"timeout": 0}, "timeout must be"),
        (RESTART, {"retries": -1}, "retries must be"),
        (RESTART, {"validate_certs": "perhaps"}, "validate_certs"),
        ("commerce.admin.extension_state", {"id": "x", "state": "on"}, "state"),
        ("commerce.admin.extension_state", {}, "one of the following is required: id, name"),
        ("commerce.admin.restart_status_info", {"work_request_id": " "}, "work_request_id is empty"),
        ("commerce.admin.sse_promote", {"names": []}, "names is empty"),
    ]


def test_local_input_is_refused_before_any_request(sim, files, tmp_path):
    cases = local_cases(files)
    run = run_tasks(sim, [{module: args} for module, args, dummy in cases], tmp_path)
    for (module, args, expected), result in zip(cases, run.results):
        assert result.get("failed"), (module, args, result)
        assert expected in result["msg"], (module, args, result["msg"])
        assert "Traceback" not in result["msg"]
    assert sim.journal == []
    assert len(cases) >= 30


def test_input_checked_against_the_server_is_refused_before_any_change(sim, files, tmp_path):
    sim.put_sse("a.zip", b"PK\x05\x06" + bytes(18))
    cases = [
        ("commerce.admin.extension_state", {"id": "no-such-id"}, "extension not found"),
        ("commerce.admin.extension_state", {"name": "Shared Name"}, "is ambiguous"),
        ("commerce.admin.storefront_rollback", {"site_id": "siteXX"}, "site not found: siteXX"),
        ("commerce.admin.storefront_info", {"site_ids": ["siteXX"]}, "site not found: siteXX"),
        ("commerce.admin.sse_promote", {"names": ["ghost.zip"]}, "not in the preview environment"),
        (UPLOAD, {"src": files["good"], "app_key": "wrong-key-for-this-test"}, "authentication failed: check app_key"),
        (UPLOAD, {"src": files["good"], "base_url": "http://no-such-host.invalid", "retries": 0}, "cannot connect to http://no-such-host.invalid"),
    ]
    run = run_tasks(sim, [{module: args} for module, args, dummy in cases], tmp_path)
    for (module, args, expected), result in zip(cases, run.results):
        assert result.get("failed") and expected in result["msg"], (module, args, result.get("msg"))
        assert "Traceback" not in result["msg"]
    assert mutating_requests(sim) == [] and sim.sse_names() == ["a.zip"]


def test_base_url_with_a_trailing_slash_works(sim, files, tmp_path):
    run = run_tasks(sim, [{UPLOAD: {"src": files["good"], "name": "a.zip", "restart": False, "base_url": sim.url + "/"}}], tmp_path)
    assert run[0]["uploaded"] and sim.sse_names() == ["a.zip"]


def test_non_utf8_file_name(sim, tmp_path):
    directory = tmp_path / "latin1"
    directory.mkdir()
    path = os.path.join(os.fsencode(directory), b"caf\xe9.zip")
    with open(path, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
        archive.writestr("x.txt", "x")
    # The playbook finds the file by glob: its name is not UTF-8, so it cannot be written in YAML.
    # ansible-core refuses to hand such a value to any module; the task must fail cleanly, sending nothing.
    # (A name that does reach the module is checked by check_remote_name: see the unit tests.)
    src = "{{ query('ansible.builtin.fileglob', '%s/*.zip') | first }}" % directory
    run = run_tasks(sim, [{UPLOAD: {"src": src, "restart": False}}, {UPLOAD: {"src": src, "name": "cafe.zip", "restart": False}}], tmp_path)
    for result in run.results:
        assert result["failed"] and "utf-8" in result["msg"].lower() and "Traceback" not in result["msg"]
    assert sim.journal == []
