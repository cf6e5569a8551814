# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Content comparison of SSE zips: what a zip holds, not how it was packed.

Two zips have the same content when they hold the same set of file entry names and each name
has the same uncompressed bytes in both.

- Entry names are compared exactly as stored (decoded as UTF-8 when the entry's UTF-8 flag is
  set, else as CP437, as Python's zipfile does): case, separators and a leading C(./) count,
  so C(lib/a.js) and C(./lib/a.js) are different names.
- Directory entries (names ending in C(/)) carry no bytes and are ignored, so a zip with
  explicit directory entries and one without them have the same content.
- What does not count: timestamps, the order of the entries, the compression method and level,
  the zip comment and entry comments, extra fields, file permissions and other external
  attributes (a symbolic link entry counts as a file whose bytes are the link's target), and the
  size of the zip file itself.
- A zip that cannot be read completely (truncated, corrupt, an entry whose CRC does not match,
  an encrypted entry or an unsupported compression method) or that holds the same file name
  twice is an error, never "same" or "different".

Each entry is hashed with SHA-256 while it is decompressed, chunk by chunk, so memory use does
not grow with the size of an entry.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
import zlib

try:
    from lzma import LZMAError
except ImportError:  # Python built without lzma: zipfile then refuses LZMA entries with NotImplementedError
    LZMAError = NotImplementedError
from ansible_collections.commerce.admin.plugins.module_utils._local_files import LocalFileError, printable, sha256_handle

# How many names a description lists per kind of difference before it says "and N more".
SHOWN_NAMES = 5
# Bumped if the encoding below ever changes, so old digests can never match new ones.
DIGEST_PREFIX = b"commerce.admin zip content v1\n"
# Everything zipfile and zlib raise for an archive or entry that cannot be read to the end.
READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, LZMAError, OSError, EOFError, NotImplementedError,
               RuntimeError, UnicodeDecodeError)


def shown_name(name):
    """`name` safe for a one-line message: undecodable bytes and control characters as escapes."""
    text = printable(name)
    return "".join(char if ord(char) >= 32 and ord(char) != 127 else "\\x%02x" % ord(char) for char in text)


def _entry_sha256(archive, info):
    with archive.open(info) as entry:
        # Bounded by the entry's size: read() returns b"" at its end (and zipfile checks the CRC there).
        return sha256_handle(entry)


def _manifest_of(archive, label):
    manifest = {}
    for info in archive.infolist():
        if info.filename.endswith("/"):
            continue
        if info.filename in manifest:
            raise LocalFileError("%s holds the entry %s twice: its content is ambiguous; rebuild the zip"
                                 % (label, shown_name(info.filename)))
        manifest[info.filename] = _entry_sha256(archive, info)
    return manifest


def _read_manifest(source, label):
    """The manifest of `source` (a path or an open binary file), errors turned into LocalFileError."""
    try:
        with zipfile.ZipFile(source) as archive:
            return _manifest_of(archive, label)
    except READ_ERRORS as exc:
        raise LocalFileError("%s is not a readable zip (%s: %s); is it truncated or corrupt?"
                             % (label, type(exc).__name__, exc)) from None


def zip_manifest(path, label=None):
    """Entry name -> SHA-256 hex of its uncompressed bytes, for every file entry of the zip at `path`.

    `label` names the file in error messages (default: the path), e.g. "remote orders.zip".
    Raises LocalFileError for an unreadable zip or a duplicate entry name.
    """
    return _read_manifest(path, label or printable(path))


def content_digest(manifest):
    """One SHA-256 hex for a manifest: equal exactly when the manifests are equal.

    Names are sorted and every name and digest is length-prefixed, so no two different
    manifests share an encoding (no separator a name could contain).
    """
    digest = hashlib.sha256(DIGEST_PREFIX)
    digest.update(b"%d\n" % len(manifest))
    for name in sorted(manifest):
        for field in (name, manifest[name]):
            data = field.encode("utf-8", "surrogatepass")
            digest.update(b"%d:" % len(data))
            digest.update(data)
    return digest.hexdigest()


def _kind(names, verb):
    if len(names) == 1:
        return "%s %s" % (shown_name(names[0]), verb), False
    shown = ", ".join(shown_name(name) for name in names[:SHOWN_NAMES])
    more = " and %d more" % (len(names) - SHOWN_NAMES) if len(names) > SHOWN_NAMES else ""
    return "%d entries %s: %s%s" % (len(names), verb, shown, more), True


def describe_difference(local_manifest, remote_manifest):
    """What changes from the remote content to the local one, for humans: "index.js changed",
    "lib/a.js added, old.js removed", "3 entries changed: a.js, b.js, c.js", or "same content"."""
    changed = sorted(name for name in local_manifest if name in remote_manifest and local_manifest[name] != remote_manifest[name])
    added = sorted(name for name in local_manifest if name not in remote_manifest)
    removed = sorted(name for name in remote_manifest if name not in local_manifest)
    parts = [_kind(names, verb) for names, verb in ((changed, "changed"), (added, "added"), (removed, "removed")) if names]
    if not parts:
        return "same content"
    # Lists already use commas inside, so the kinds are then separated by semicolons.
    separator = "; " if any(is_list for _text, is_list in parts) else ", "
    return separator.join(text for text, _is_list in parts)


def file_digests(path):
    """(SHA-256 hex of the file's bytes, its manifest), both streamed.

    Two passes over one open file: zipfile reads the central directory at the end first and
    then seeks to each entry, so its reads cannot feed a sequential hash of the bytes. Using
    the same handle for both passes means both describe the same file even if `path` is
    replaced meanwhile; a change in place between the passes is detected and refused.
    """
    shown = printable(path)
    try:
        handle = open(path, "rb")  # pylint: disable=consider-using-with  # closed below, also on error
    except OSError as exc:
        raise LocalFileError("%s cannot be read (%s)" % (shown, exc.strerror or exc)) from None
    with handle:
        before = os.fstat(handle.fileno())
        try:
            sha256 = sha256_handle(handle)
        except OSError as exc:
            raise LocalFileError("%s cannot be read (%s)" % (shown, exc.strerror or exc)) from None
        handle.seek(0)
        manifest = _read_manifest(handle, shown)
        after = os.fstat(handle.fileno())
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise LocalFileError("%s changed while it was being read; try again once it is complete" % shown)
    return sha256, manifest
