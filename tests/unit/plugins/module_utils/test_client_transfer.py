# -*- coding: utf-8 -*-
"""CommerceClient against the simulator: paging, streamed upload and download."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
import zipfile

import pytest


from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils import _client as client_module
from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient
from ansible_collections.commerce.admin.plugins.module_utils._errors import UploadRejected
from client_checks import api_error, make_client  # pylint: disable=import-error

SSE = "/ccadmin/v1/serverExtensions"
# The directory that holds `ansible_collections`, wherever this run imports the collection from
# (the repository's link under .venv, or ansible-test's copy): not resolved, links stay links.
COLLECTIONS = os.path.abspath(os.path.join(os.path.dirname(client_module.__file__), *[os.pardir] * 5))
MIB = 1024 * 1024


def stored_zip(path, size):
    """A valid zip of about `size` bytes of incompressible content, written in pieces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        with archive.open("payload.bin", "w", force_zip64=True) as member:
            left = size
            while left > 0:
                piece = os.urandom(min(left, MIB))
                member.write(piece)
                left -= len(piece)
    return path


def upload_fields(name):
    return {"filename": name, "uploadType": "extensions", "force": "true", "restartExtensionServer": "false"}


def sse_journal(sim, method, path=SSE):
    return [entry for entry in sim.journal if entry["method"] == method and entry["path"] == path]


def test_paging_across_pages(sim_factory):
    sim = sim_factory(page_cap=2)
    names = ["sse%02d.zip" % number for number in range(7)]
    for name in names:
        sim.put_sse(name, b"PK\x05\x06" + b"\x00" * 18)
    client = make_client(sim)
    items = list(client.paginate(SSE, params={"sort": "name:asc"}))
    assert sorted(item["name"] for item in items) == names
    pages = sse_journal(sim, "GET")
    assert len(pages) == 4
    offsets = [int(page["query"]["offset"] if not isinstance(page["query"]["offset"], list) else page["query"]["offset"][0])
               for page in pages]
    assert offsets == [0, 2, 4, 6]


def test_paging_with_a_small_page_size(sim):
    for number in range(5):
        sim.put_sse("p%d.zip" % number, b"PK\x05\x06" + b"\x00" * 18)
    client = make_client(sim)
    assert len(list(client.paginate(SSE, page_size=2))) == 5
    assert len(sse_journal(sim, "GET")) == 3


def test_paging_empty_list(sim):
    client = make_client(sim)
    assert not list(client.paginate(SSE))
    assert len(sse_journal(sim, "GET")) == 1


class FakePages:
    """A client stand-in whose get_json serves prepared pages, to test the paging rules alone."""

    def __init__(self, pages):
        self.pages = list(pages)
        self.asked = []

    def get_json(self, path, params=None):
        self.asked.append(dict(params))
        return self.pages.pop(0)


def test_paging_falls_back_to_total():
    fake = FakePages([{"items": [1, 2], "offset": 0, "total": 3}, {"items": [3], "offset": 2, "total": 3}])
    assert list(CommerceClient.paginate(fake, "/x")) == [1, 2, 3]
    assert [asked["offset"] for asked in fake.asked] == [0, 2]


def test_paging_without_any_total_stops_on_an_empty_page():
    fake = FakePages([{"items": [1, 2]}, {"items": [3]}, {"items": []}])
    assert list(CommerceClient.paginate(fake, "/x", page_size=2)) == [1, 2, 3]
    assert [asked["offset"] for asked in fake.asked] == [0, 2, 3]


def test_paging_stops_on_an_empty_page_even_below_total():
    fake = FakePages([{"items": [1], "totalResults": 10}, {"items": [], "totalResults": 10}])
    assert list(CommerceClient.paginate(fake, "/x")) == [1]


def test_upload_stores_the_file(sim, tmp_path):
    source = stored_zip(tmp_path / "small.zip", 300 * 1024)
    client = make_client(sim)
    answer = client.upload(SSE, str(source), "fileUpload", upload_fields("small.zip"), filename="small.zip")
    assert answer.get("success") is True
    assert sim.sse_bytes("small.zip") == source.read_bytes()
    entry = sse_journal(sim, "POST")[-1]
    assert entry["content_length"] > source.stat().st_size


def test_upload_dropped_midway_is_retried_from_the_file(sim, tmp_path):
    source = stored_zip(tmp_path / "drop.zip", 2 * MIB)
    client = make_client(sim)
    client.login()
    sim.faults.add("POST", SSE, "drop", after_bytes=MIB)
    client.upload(SSE, str(source), "fileUpload", upload_fields("drop.zip"), filename="drop.zip")
    assert sim.sse_bytes("drop.zip") == source.read_bytes()
    assert len(client.sleeps) == 1
    assert client.request_count == 3


def test_upload_not_idempotent_is_not_retried(sim, tmp_path):
    source = stored_zip(tmp_path / "once.zip", 2 * MIB)
    client = make_client(sim)
    client.login()
    sim.faults.add("POST", SSE, "drop", after_bytes=MIB)
    exc = api_error(client, client.upload, SSE, str(source), "fileUpload", upload_fields("once.zip"), idempotent=False)
    assert exc.status is None
    assert "not idempotent" in str(exc)
    assert "once.zip" not in sim.sse_names()


def test_upload_rejected_with_200_is_an_error_naming_each_files_reason(sim, tmp_path):
    """The record documents rejections as HTTP 200 with success false: the client hands the answer
    back, and the api layer turns it into UploadRejected before anyone counts it as stored."""
    source = tmp_path / "notzip.zip"
    source.write_bytes(b"this is not a zip file")
    client = make_client(sim)
    answer = client.upload(SSE, str(source), "fileUpload", upload_fields("notzip.zip"))
    assert answer["success"] is False and answer["result"]["failedFilesReasons"] == {"notzip.zip": "INVALID_CONTENT"}
    exc = api_error(client, api.upload_sse, client, str(source), "notzip.zip", True, False)
    assert isinstance(exc, UploadRejected) and exc.status == 200 and not exc.changed
    assert exc.reasons == {"notzip.zip": "INVALID_CONTENT"} and "notzip.zip: INVALID_CONTENT" in str(exc)
    assert "HTTP 200" not in str(exc) and "nothing was stored" in str(exc)
    assert sim.sse_names() == []


@pytest.mark.parametrize("answer, expected", [
    ({"success": True, "result": {"failedFiles": 0, "allFilesFailed": False}}, None),
    ({"success": True, "result": {"failedFiles": 1, "failedFilesReasons": {"a.zip": "VIRUS_DETECTED"}}}, "a.zip: VIRUS_DETECTED"),
    ({"success": True, "result": {"allFilesFailed": True}}, "no reason given"),
    ({"success": False}, "no reason given"),
    ({"errorCode": "33000", "message": "quota exceeded"}, "quota exceeded"),
    ({}, None),
    ({"success": True, "result": {"failedFiles": True}}, None),
])
def test_upload_rejection_rules(answer, expected):
    rejection = api.upload_rejection(answer, "a.zip")
    if expected is None:
        assert rejection is None
    else:
        assert expected in rejection["message"]


def test_upload_missing_file(sim, tmp_path):
    client = make_client(sim)
    exc = api_error(client, client.upload, SSE, str(tmp_path / "absent.zip"), "fileUpload", upload_fields("absent.zip"))
    assert "cannot read" in str(exc)


def test_upload_after_401_rebuilds_the_body(sim, tmp_path):
    source = stored_zip(tmp_path / "auth.zip", 100 * 1024)
    client = make_client(sim)
    client.login()
    sim.expire_tokens()
    client.upload(SSE, str(source), "fileUpload", upload_fields("auth.zip"))
    assert sim.sse_bytes("auth.zip") == source.read_bytes()


CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient

    def peak_kib():
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])

    if sys.argv[2] == "upload":
        client = CommerceClient(sys.argv[3], sys.argv[4])
        fields = {"filename": "big.zip", "uploadType": "extensions", "force": "true", "restartExtensionServer": "false"}
        client.upload("/ccadmin/v1/serverExtensions", sys.argv[5], "fileUpload", fields, filename="big.zip")
    print(peak_kib())
""")


def child_peak_kib(*args):
    done = subprocess.run([sys.executable, "-c", CHILD, COLLECTIONS] + list(args), capture_output=True, text=True, check=True, timeout=300)
    return int(done.stdout.strip().splitlines()[-1])


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(MIB), b""):
            digest.update(block)
    return digest.hexdigest()


def test_upload_of_100_mib_is_streamed(sim_factory, tmp_path):
    size = 100 * MIB
    sim = sim_factory(max_upload_bytes=size + 10 * MIB)
    source = stored_zip(tmp_path / "big.zip", size)
    baseline = child_peak_kib("import-only")
    peak = child_peak_kib("upload", sim.url, sim.app_key, str(source))
    assert (peak - baseline) < 60 * 1024, "upload raised peak RSS by %d KiB" % (peak - baseline)
    assert hashlib.sha256(sim.sse_bytes("big.zip")).hexdigest() == sha256(source)


def test_download_streams_in_chunks(sim):
    content = os.urandom(3 * MIB + 17)
    sim.put_sse("down.zip", content)
    client = make_client(sim)
    chunks = client.download(SSE + "/down.zip", chunk_size=256 * 1024)
    assert client.request_count == 0  # nothing is sent before the first chunk is asked for
    first = next(chunks)
    assert len(first) <= 256 * 1024
    rest = list(chunks)
    assert first + b"".join(rest) == content
    assert len(rest) >= 12


def test_download_absent_file(sim):
    client = make_client(sim)
    exc = api_error(client, client.download, SSE + "/absent.zip")
    assert exc.status == 404


def test_download_retried_before_the_first_byte(sim):
    sim.put_sse("retry.zip", b"z" * 1000)
    client = make_client(sim)
    sim.faults.add("GET", SSE + "/retry.zip", "status", status=503, retry_after=1)
    sim.faults.add("GET", SSE + "/retry.zip", "drop")
    assert b"".join(client.download(SSE + "/retry.zip")) == b"z" * 1000
    assert len(client.sleeps) == 2
    assert client.sleeps[0] == 1.0


class BreakingBody:
    """A response whose body breaks after `good` chunks, to test the download's rules alone."""

    def __init__(self, good, status_code=200):
        self.good = good
        self.status_code = status_code
        self.closed = False

    def iter_content(self, chunk_size):
        import requests  # pylint: disable=import-outside-toplevel
        for dummy in range(self.good):
            yield b"x" * 10
        raise requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead")

    def close(self):
        self.closed = True


def test_download_breaking_before_the_first_byte_is_sent_again(monkeypatch):
    client = CommerceClient("http://127.0.0.1:9", "unit-test-app-key", sleep=lambda seconds: None)
    answers = [BreakingBody(0), BreakingBody(0), BreakingBody(2)]
    monkeypatch.setattr(client, "_call", lambda *args, **kwargs: answers.pop(0))
    chunks = client.download("/f.zip")
    assert next(chunks) == b"x" * 10
    assert next(chunks) == b"x" * 10
    exc = api_error(client, list, chunks)
    assert "broke after 20 bytes" in str(exc)
    assert not answers


def test_download_breaking_every_time_gives_up(monkeypatch):
    client = CommerceClient("http://127.0.0.1:9", "unit-test-app-key", retries=2, sleep=lambda seconds: None)
    answers = [BreakingBody(0) for dummy in range(3)]
    monkeypatch.setattr(client, "_call", lambda *args, **kwargs: answers.pop(0))
    exc = api_error(client, client.download, "/f.zip")
    assert "gave up after 3 attempts" in str(exc)
    assert not answers
