# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks and hashes of local SSE zips: everything here runs before any request."""

from __future__ import annotations

import hashlib
import os
import queue
import threading
import zipfile

from ansible_collections.commerce.admin.plugins.module_utils._errors import LocalFileError

CHUNK_SIZE = 1024 * 1024
# A zip starts with a local file header, or with the end-of-central-directory record when empty.
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def printable(text):
    """`text` safe to print and return as JSON: bytes that are not UTF-8 shown as escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def relative_hint(path):
    """For a relative path: where it was looked for, and how to anchor it.

    With connection: local (and delegate_to: localhost) Ansible starts the module in the directory of
    the playbook, so that is what a relative path resolves against; the module cannot see the
    directory ansible-playbook was started in.
    """
    if os.path.isabs(path):
        return ""
    return (" (a relative path resolves against the playbook's directory, where Ansible runs the module: %s; "
            "write {{ playbook_dir }}/%s to make that explicit, or, for a playbook that ships in an installed "
            "collection, anchor it with {{ inventory_dir }} or give it absolute)" % (printable(os.getcwd()), printable(path)))


def check_zip(path, max_size):
    """Raise LocalFileError unless `path` is a readable zip of at most `max_size` bytes; return its size."""
    shown = printable(path)
    if not os.path.exists(path):
        raise LocalFileError("src %s does not exist%s" % (shown, relative_hint(path)))
    if not os.path.isfile(path):
        raise LocalFileError("src %s is not a regular file" % shown)
    if not os.access(path, os.R_OK):
        raise LocalFileError("src %s is not readable" % shown)
    size = os.path.getsize(path)
    if size == 0:
        raise LocalFileError("src %s is empty, not a zip" % shown)
    if size > max_size:
        raise LocalFileError("src %s has %d bytes, more than max_size (%d); the API documents a limit of 25 MB, "
                             "the default max_size is 26214400 bytes (25 MiB)" % (shown, size, max_size))
    with open(path, "rb") as handle:
        if handle.read(4) not in ZIP_MAGIC:
            raise LocalFileError("src %s is not a zip file (no zip signature)" % shown)
    try:
        # Opening reads the central directory from the end of the file, not the whole file.
        with zipfile.ZipFile(path) as archive:
            archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise LocalFileError("src %s is not a readable zip (%s); is it truncated?" % (shown, exc))
    return size


def check_remote_name(name):
    """Raise LocalFileError unless `name` is a plain `<something>.zip` file name."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise LocalFileError("name %s is not valid UTF-8: set name to a UTF-8 file name ending in .zip" % printable(name)) from None
    if not name or not name.endswith(".zip") or name == ".zip":
        raise LocalFileError("name %r must be a file name ending in .zip" % (name,))
    if "/" in name or "\\" in name or ".." in name:
        raise LocalFileError("name %r must be a plain file name, without path separators or '..'" % (name,))
    if any(ord(char) < 32 for char in name):
        raise LocalFileError("name %r contains control characters" % (name,))
    return name


def sha256_handle(handle):
    """SHA-256 hex of what is left to read in an open binary file, read in chunks."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK_SIZE), b""):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_chunks(chunks):
    """SHA-256 of a stream of chunks, read in a second thread so that receiving and hashing overlap.

    Both socket reads and hashlib release the GIL on large buffers; the queue holds a few chunks
    at most, so memory stays bounded. An error while reading is raised here.
    """
    pending = queue.Queue(maxsize=4)
    failure = []

    def read():
        try:
            for chunk in chunks:
                pending.put(chunk)
        except BaseException as exc:  # pylint: disable=broad-except
            failure.append(exc)
        finally:
            pending.put(None)

    reader = threading.Thread(target=read, name="commerce-admin-download", daemon=True)
    reader.start()
    digest = hashlib.sha256()
    for chunk in iter(pending.get, None):
        digest.update(chunk)
    reader.join()
    if failure:
        raise failure[0]
    return digest.hexdigest()
