# -*- coding: utf-8 -*-
"""Reading an uploaded extension zip: its ext.json manifest, and the widgets, elements and settings it brings.

doc: ext.json holds extensionID, developerID, createdBy, name, description, version ("a single whole
number"), timeCreated ("iso-8601 is the recommended format; however, an informal time stamp is also
acceptable") and optional translations; "without the manifest file, the extension cannot be loaded".
assumed: every listed field but translations is required; ext.json sits at the zip's root; widgets are
widget/<type>/widget.json, elements element/<name>/element.json and site settings config/<id>/config.json
(the folders occ-tools treats as extension content), a config.json being the `config` that
GET /sitesettings/<id> answers: {"values": [{"name", "required", "defaultValue", ...}]}.
The error and warning texts are the simulator's own: no public source quotes the vendor's.
"""

from __future__ import annotations

import datetime
import json
import re
import zipfile
from dataclasses import dataclass, field

from .zips import entry_names

MANIFEST = "ext.json"
REQUIRED = ("extensionID", "developerID", "createdBy", "name", "description", "version", "timeCreated")
CONTENT = re.compile(r"^(widget|element|config)/([^/]+)/(widget|element|config)\.json$")


@dataclass
class Reading:
    """What a zip holds; `errors` non-empty means the extension cannot be installed."""

    manifest: dict | None = None
    widgets: list = field(default_factory=list)
    elements: list = field(default_factory=list)
    settings: dict = field(default_factory=dict)  # settings id -> config
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def whole_number(value):
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())


def iso_8601(value):
    try:
        datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def _json(archive, name, reading):
    try:
        return json.loads(archive.read(name).decode("utf-8"))
    except (ValueError, UnicodeError):
        reading.errors.append("%s is not valid JSON." % name)
        return None


def check_manifest(manifest, reading):
    if not isinstance(manifest, dict):
        reading.errors.append("ext.json must hold a JSON object.")
        return
    for name in REQUIRED:
        if manifest.get(name) in (None, "") and not (name == "description" and manifest.get(name) == ""):
            reading.errors.append("ext.json: missing required property %s." % name)
    if manifest.get("version") not in (None, "") and not whole_number(manifest["version"]):
        reading.errors.append("ext.json: version must be a single whole number, not %r." % manifest["version"])
    if manifest.get("timeCreated") not in (None, "") and not iso_8601(manifest["timeCreated"]):
        reading.warnings.append("ext.json: timeCreated %r is not in iso-8601 format." % manifest["timeCreated"])
    if reading.errors:
        return
    reading.manifest = manifest


def _content(archive, names, reading):
    for name in names:
        match = CONTENT.match(name)
        if not match or match.group(1) != match.group(3):
            continue
        kind, item = match.group(1), match.group(2)
        value = _json(archive, name, reading)
        if kind == "widget":
            reading.widgets.append(item)
        elif kind == "element":
            reading.elements.append(item)
        elif not (isinstance(value, dict) and isinstance(value.get("values"), list)
                  and all(isinstance(entry, dict) and isinstance(entry.get("name"), str) for entry in value["values"])):
            if value is not None:
                reading.errors.append("%s must hold {\"values\": [{\"name\": ...}, ...]}." % name)
        else:
            reading.settings[item] = value


def read_extension(path):
    """A Reading of the zip at `path`."""
    reading = Reading()
    names = entry_names(path)
    if names is None:
        reading.errors.append("The extension file is not a valid zip file.")
        return reading
    if MANIFEST not in names:
        reading.errors.append("The extension has no ext.json manifest at its root.")
        return reading
    with zipfile.ZipFile(path) as archive:
        manifest = _json(archive, MANIFEST, reading)
        if manifest is not None:
            check_manifest(manifest, reading)
        _content(archive, sorted(names), reading)
    if reading.errors:
        reading.manifest = None
    return reading
