# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The extension's manifest, C(ext.json): reading it, zipping a source directory, writing the ID.

An extension ID belongs to one instance, so the zip that is uploaded is always a copy of the
declared one with the instance's ID written into C(ext.json). Every copy is streamed entry by
entry: memory use does not grow with the size of the zip.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile

from ansible_collections.commerce.admin.plugins.module_utils._errors import LocalFileError
from ansible_collections.commerce.admin.plugins.module_utils._extensions.zip_copy import copy_replacing
from ansible_collections.commerce.admin.plugins.module_utils._local_files import CHUNK_SIZE, printable
from ansible_collections.commerce.admin.plugins.module_utils._zip_content import READ_ERRORS

MANIFEST = "ext.json"
ID_FIELD = "extensionID"
# A fixed time and mode for every entry of a zipped directory, so the same files give the same bytes.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16
# More than any real manifest; a bigger ext.json is a packing mistake, not something to load.
MAX_MANIFEST = 1024 * 1024


def parse_manifest(data, label):
    """The manifest object of `data` (bytes); LocalFileError unless it is a JSON object with a name."""
    try:
        manifest = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise LocalFileError("%s: %s is not valid JSON (%s)" % (label, MANIFEST, exc)) from None
    if not isinstance(manifest, dict):
        raise LocalFileError("%s: %s must hold a JSON object, not %s" % (label, MANIFEST, type(manifest).__name__))
    name = manifest.get("name")
    if not isinstance(name, str) or not name.strip():
        raise LocalFileError("%s: %s has no name; the server needs one to install the extension" % (label, MANIFEST))
    return manifest


def _manifest_entry(archive, label):
    infos = [info for info in archive.infolist() if info.filename == MANIFEST]
    if not infos:
        raise LocalFileError("%s has no %s at its top level: without it the extension cannot be loaded" % (label, MANIFEST))
    if len(infos) > 1:
        raise LocalFileError("%s holds %s twice; rebuild the zip" % (label, MANIFEST))
    if infos[0].file_size > MAX_MANIFEST:
        raise LocalFileError("%s: %s has %d bytes, too many for a manifest" % (label, MANIFEST, infos[0].file_size))
    return infos[0]


def read_zip_manifest(path):
    """The manifest of the extension zip at `path`."""
    label = printable(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return parse_manifest(archive.read(_manifest_entry(archive, label)), label)
    except READ_ERRORS as exc:
        raise LocalFileError("%s is not a readable zip (%s: %s)" % (label, type(exc).__name__, exc)) from None


def read_directory_manifest(directory):
    """The manifest of an extension source directory."""
    path = os.path.join(directory, MANIFEST)
    label = printable(directory)
    if not os.path.isfile(path):
        raise LocalFileError("%s has no %s: an extension directory holds its manifest at the top" % (label, MANIFEST))
    if os.path.getsize(path) > MAX_MANIFEST:
        raise LocalFileError("%s: %s is too large for a manifest" % (label, MANIFEST))
    with open(path, "rb") as handle:
        return parse_manifest(handle.read(), label)


def directory_files(directory):
    """(entry name, path) of every regular file under `directory`, sorted by entry name.

    Symbolic links to files are followed; to directories they are not (a loop would never end).
    """
    found = []
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in files:
            path = os.path.join(root, name)
            if os.path.isfile(path):
                found.append((os.path.relpath(path, directory).replace(os.sep, "/"), path))
    return sorted(found)


def _fixed_info(name):
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = FILE_MODE
    info.create_system = 3  # Unix, whatever the machine that zips
    return info


def zip_directory(directory, target):
    """Write the files of `directory` to the zip `target` reproducibly: sorted names, fixed times
    and modes, one compression; the same files give the same bytes on any machine."""
    files = directory_files(directory)
    if not files:
        raise LocalFileError("%s holds no files" % printable(directory))
    with zipfile.ZipFile(target, "w") as archive:
        for name, path in files:
            with open(path, "rb") as source, archive.open(_fixed_info(name), "w", force_zip64=True) as entry:
                shutil.copyfileobj(source, entry, CHUNK_SIZE)
    return target


def manifest_with_id(manifest, extension_id):
    """The bytes of `manifest` with `extension_id` as its extensionID, the other fields as they were."""
    updated = dict(manifest)
    updated[ID_FIELD] = extension_id
    return (json.dumps(updated, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def copy_with_id(source, target, extension_id):
    """Copy the extension zip `source` to `target` with `extension_id` in its ext.json.

    Every other entry is copied as it is stored (no new compression): it keeps its name, bytes,
    time and compression.
    """
    label = printable(source)
    try:
        with zipfile.ZipFile(source) as original:
            manifest = parse_manifest(original.read(_manifest_entry(original, label)), label)
        return copy_replacing(source, target, MANIFEST, manifest_with_id(manifest, extension_id))
    except READ_ERRORS as exc:
        raise LocalFileError("%s is not a readable zip (%s: %s)" % (label, type(exc).__name__, exc)) from None
