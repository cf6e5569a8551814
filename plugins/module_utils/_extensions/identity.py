# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The content identity of an extension, and the upload name that carries it.

The listing has no checksum and no size, so the only way to know what is installed without
downloading it is the file name the collection chose for the upload, which the listing returns
as `zipPath`. That name carries a digest of the content that is the same:
- on every instance, although each writes its own extensionID into ext.json;
- for every build from the same sources (ext.json's timeCreated stamp and the zip's own
  timestamps, order and compression do not count: see _zip_content);
and differs whenever a file, or any other manifest field (the version included), differs.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from ansible_collections.commerce.admin.plugins.module_utils._extensions.manifest import MANIFEST, read_zip_manifest
from ansible_collections.commerce.admin.plugins.module_utils._zip_content import content_digest, zip_manifest

# Fields each instance or each build writes on its own.
VOLATILE_FIELDS = ("extensionID", "timeCreated")
DIGEST_LENGTH = 16
UPLOAD_FOLDER = "extensions"
_DIGEST_IN_NAME = re.compile(r"-([0-9a-f]{%d})\.zip\Z" % DIGEST_LENGTH)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_LENGTH = 40


@dataclass(frozen=True)
class LocalExtension:
    """A declared extension zip: its manifest, content digest and the name it is uploaded as."""

    path: str
    name: str
    manifest: dict = field(repr=False)
    digest: str

    @property
    def version(self):
        version = self.manifest.get("version")
        return None if version is None else str(version)

    @property
    def declared_id(self):
        return self.manifest.get("extensionID")

    @property
    def upload_name(self):
        return upload_name(self.name, self.digest)


def normalised_manifest_digest(manifest):
    """SHA-256 of the manifest without the fields each instance or build sets (keys sorted)."""
    kept = {key: value for key, value in manifest.items() if key not in VOLATILE_FIELDS}
    return hashlib.sha256(json.dumps(kept, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")).hexdigest()


def extension_digest(path, manifest=None):
    """The content digest of the extension zip at `path`, streamed (each entry hashed in chunks)."""
    manifest = read_zip_manifest(path) if manifest is None else manifest
    entries = zip_manifest(path)
    entries[MANIFEST] = "manifest:" + normalised_manifest_digest(manifest)
    return content_digest(entries)[:DIGEST_LENGTH]


def local_extension(path, name=None):
    """The LocalExtension of the zip at `path`; `name` defaults to the manifest's."""
    manifest = read_zip_manifest(path)
    return LocalExtension(path, name or manifest["name"], manifest, extension_digest(path, manifest))


def slug(name):
    """`name` as a short, safe file-name stem: "Widget with Element" -> "widget-with-element"."""
    text = _NOT_SLUG.sub("-", name.lower()).strip("-")[:SLUG_LENGTH].strip("-")
    return text or "extension"


def upload_name(name, digest):
    return "%s-%s.zip" % (slug(name), digest)


def upload_path(file_name):
    """Where the file store keeps the upload (what PUT /files wants as filename)."""
    return "/%s/%s" % (UPLOAD_FOLDER, file_name)


def digest_of_zip_path(zip_path):
    """The digest an installed extension's zipPath carries, or None when another tool chose the name."""
    if not isinstance(zip_path, str):
        return None
    match = _DIGEST_IN_NAME.search(zip_path)
    return match.group(1) if match else None
