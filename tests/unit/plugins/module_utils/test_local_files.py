# -*- coding: utf-8 -*-
"""Local checks that run before any request: zip checks, remote names, printable paths, hashing."""

from __future__ import annotations

import hashlib
import os
import zipfile

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._local_files import (
    LocalFileError, check_remote_name, check_zip, printable, sha256_chunks, sha256_handle)


def write_zip(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "a" * 1000)
    return str(path)


def test_a_good_zip_passes_and_returns_its_size(tmp_path):
    path = write_zip(tmp_path / "ok.zip")
    assert check_zip(path, 10 ** 6) == os.path.getsize(path)


@pytest.mark.parametrize("content,message", [
    (b"", "is empty"),
    (b"hello world", "no zip signature"),
    (b"PK\x03\x04" + bytes(100), "not a readable zip"),
])
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.zip"
    path.write_bytes(content)
    with pytest.raises(LocalFileError, match=message):
        check_zip(str(path), 10 ** 6)


def test_missing_directory_and_size_limit(tmp_path):
    with pytest.raises(LocalFileError, match="does not exist"):
        check_zip(str(tmp_path / "nope.zip"), 10)
    with pytest.raises(LocalFileError, match="not a regular file"):
        check_zip(str(tmp_path), 10)
    with pytest.raises(LocalFileError, match="more than max_size \\(10\\)"):
        check_zip(write_zip(tmp_path / "big.zip"), 10)


def test_paths_that_are_not_utf8_print_as_escapes(tmp_path):
    name = os.fsdecode(b"caf\xe9.zip")
    assert printable(name) == "caf\\xe9.zip"
    with pytest.raises(LocalFileError, match="does not exist") as info:
        check_zip(os.path.join(str(tmp_path), name), 10)
    str(info.value).encode("utf-8")  # printable: no lone surrogates left


@pytest.mark.parametrize("name", ["a/b.zip", "a\\\\b.zip", "..zip", "x/../y.zip", "a.jar", ".zip", "", "a\\n.zip"])
def test_bad_remote_names(name):
    with pytest.raises(LocalFileError):
        check_remote_name(name)


def test_remote_name_must_be_utf8():
    with pytest.raises(LocalFileError, match="not valid UTF-8"):
        check_remote_name(os.fsdecode(b"caf\xe9.zip"))


def test_good_remote_name():
    assert check_remote_name("orders-v2.zip") == "orders-v2.zip"


def test_hashes_are_chunked_and_correct(tmp_path):
    data = os.urandom(3 * 1024 * 1024 + 17)
    path = tmp_path / "data.bin"
    path.write_bytes(data)
    expected = hashlib.sha256(data).hexdigest()
    with open(str(path), "rb") as handle:
        assert sha256_handle(handle) == expected
    assert sha256_chunks([data[:10], data[10:]]) == expected


def test_sha256_of_chunks_overlaps_reading_and_hashing_and_reports_a_broken_stream():
    assert sha256_chunks(iter([b"ab", b"", b"c"])) == hashlib.sha256(b"abc").hexdigest()
    assert sha256_chunks(iter([])) == hashlib.sha256(b"").hexdigest()

    def broken():
        yield b"first"
        raise OSError("connection reset")

    with pytest.raises(OSError, match="connection reset"):
        sha256_chunks(broken())


def test_a_missing_relative_path_names_the_directory_it_was_looked_for_in(tmp_path, monkeypatch):
    """Ansible runs a local module in the playbook's directory: the message says so and names it."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LocalFileError) as raised:
        check_zip("dist/orders.zip", 10 ** 6)
    message = str(raised.value)
    assert "resolves against the playbook's directory, where Ansible runs the module: %s;" % tmp_path in message
    assert "{{ playbook_dir }}/dist/orders.zip" in message and "ansible-playbook runs in" not in message
    with pytest.raises(LocalFileError) as absolute:
        check_zip(str(tmp_path / "absent.zip"), 10 ** 6)
    assert str(absolute.value).endswith("absent.zip does not exist")


def test_the_size_limit_message_says_mb_for_the_api_and_the_exact_default(tmp_path):
    with pytest.raises(LocalFileError) as raised:
        check_zip(write_zip(tmp_path / "big.zip"), 10)
    assert "the API documents a limit of 25 MB, the default max_size is 26214400 bytes (25 MiB)" in str(raised.value)
    assert "accepts at most 25 MiB" not in str(raised.value)
