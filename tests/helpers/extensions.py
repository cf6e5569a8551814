# -*- coding: utf-8 -*-
"""Extension zips and source directories for the extension tests: an ext.json with every field the
simulator requires, widgets, and site settings (config/<id>/config.json)."""

from __future__ import annotations

import json
import os
import zipfile

BASE_MANIFEST = {
    "extensionID": "00000000-0000-0000-0000-000000000000",
    "developerID": "dev-git",
    "createdBy": "ci",
    "name": "Git Widget",
    "description": "An extension kept in Git",
    "version": "1",
    "timeCreated": "2026-11-30",
}


def manifest(**fields):
    return dict(BASE_MANIFEST, **fields)


def settings_config(*names):
    return json.dumps({"values": [{"name": name, "required": False, "defaultValue": ""} for name in names]})


def entries(version="1", body="widget code v1", settings=("apiKey", "mode"), widget="gitWidget", **fields):
    """The entries of a small extension: ext.json, one widget, and one settings ID `gitSettings`."""
    found = {
        "ext.json": json.dumps(manifest(version=version, **fields), indent=2),
        "widget/%s/widget.json" % widget: json.dumps({"name": widget, "version": int(version)}),
        "widget/%s/js/%s.js" % (widget, widget): body,
    }
    if settings:
        found["config/gitSettings/config.json"] = settings_config(*settings)
    return found


def write_zip(path, files, compression=zipfile.ZIP_DEFLATED, date_time=(2026, 1, 1, 0, 0, 0), order=None):
    """A zip of `files` ({name: str or bytes}) packed as told: another compression, time or order gives other bytes."""
    with zipfile.ZipFile(str(path), "w") as archive:
        for name in order or list(files):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = compression
            archive.writestr(info, files[name])
    return str(path)


def write_directory(path, files):
    for name, data in files.items():
        target = os.path.join(str(path), *name.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def zip_manifest(path):
    with zipfile.ZipFile(str(path)) as archive:
        return json.loads(archive.read("ext.json"))
