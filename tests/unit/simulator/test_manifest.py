# -*- coding: utf-8 -*-
"""Reading an extension zip (manifest.py): the manifest's fields, and the content it brings."""

from __future__ import annotations

import json

import pytest

from simulator.manifest import read_extension
from simulator.zips import extension_manifest, make_extension_zip, make_zip_with


def test_a_complete_extension(tmp_path):
    path = make_extension_zip(tmp_path / "a.zip", extension_manifest("id-1", version="4"), widgets=["w1", "w2"],
                              settings={"s": {"values": [{"name": "x"}]}}, entries={"element/e1/element.json": "{}", "widget/w1/js/a.js": "x"})
    reading = read_extension(path)
    assert reading.errors == [] and reading.warnings == []
    assert reading.manifest["extensionID"] == "id-1"
    assert reading.widgets == ["w1", "w2"] and reading.elements == ["e1"] and reading.settings == {"s": {"values": [{"name": "x"}]}}


@pytest.mark.parametrize("fields, says", [
    ({"extensionID": None}, "extensionID"), ({"developerID": None}, "developerID"), ({"createdBy": None}, "createdBy"),
    ({"name": ""}, "name"), ({"timeCreated": None}, "timeCreated"), ({"version": 1.5}, "whole number"), ({"version": True}, "whole number"),
])
def test_manifest_errors(tmp_path, fields, says):
    manifest = {key: value for key, value in dict(extension_manifest("id-1"), **fields).items() if value is not None}
    reading = read_extension(make_extension_zip(tmp_path / "b.zip", manifest))
    assert reading.manifest is None and any(says in error for error in reading.errors), reading.errors


def test_an_empty_description_is_fine_an_informal_time_warns(tmp_path):
    reading = read_extension(make_extension_zip(tmp_path / "c.zip", extension_manifest("id", description="", timeCreated="May 2020")))
    assert reading.errors == [] and len(reading.warnings) == 1


def test_no_zip_no_manifest_bad_json_bad_config(tmp_path):
    (tmp_path / "plain.zip").write_bytes(b"not a zip")
    assert read_extension(tmp_path / "plain.zip").errors
    assert "no ext.json" in read_extension(make_zip_with(tmp_path / "d.zip", {"folder/ext.json": "{}"})).errors[0]
    assert "not valid JSON" in read_extension(make_zip_with(tmp_path / "e.zip", {"ext.json": "{"})).errors[0]
    assert read_extension(make_zip_with(tmp_path / "f.zip", {"ext.json": json.dumps([1])})).errors == ["ext.json must hold a JSON object."]
    bad = read_extension(make_extension_zip(tmp_path / "g.zip", extension_manifest("id"), settings={"s": {"values": "x"}}))
    assert bad.manifest is None and "config/s/config.json" in bad.errors[0]
