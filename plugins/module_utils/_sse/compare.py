# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The two sides an SSE sync compares: the declared local zips, and the remote zips it must download.

Local zips are checked and hashed before any request. Remote zips are downloaded only when the
listing and the remembered state cannot decide, a few at a time, each streamed to a temporary
file that is hashed and then removed.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import LocalFileError
from ansible_collections.commerce.admin.plugins.module_utils._local_files import (
    check_remote_name, check_zip, printable, relative_hint)
from ansible_collections.commerce.admin.plugins.module_utils._sse.plan import LocalSse, resolve
from ansible_collections.commerce.admin.plugins.module_utils._sse.text_diff import changed_entries, entry_diff
from ansible_collections.commerce.admin.plugins.module_utils._zip_content import content_digest, zip_manifest


def _zips_in(src):
    shown = printable(src)
    if not os.path.exists(src):
        raise LocalFileError("src %s does not exist%s" % (shown, relative_hint(src)))
    if not os.path.isdir(src):
        raise LocalFileError("src %s is not a directory: give a directory of *.zip files, or list files in files" % shown)
    found = sorted(path for path in glob.glob(os.path.join(glob.escape(src), "*.zip")) if os.path.isfile(path))
    if not found:
        raise LocalFileError("src %s holds no *.zip file, so it declares nothing: check the path (a sync of nothing "
                             "with purge would delete every SSE)" % shown)
    return found


def declared_zips(src, files, max_size):
    """name -> LocalSse for the zips in directory `src` and the paths in `files`; LocalFileError for bad input."""
    paths = (_zips_in(src) if src else []) + list(files or [])
    if not paths:
        raise LocalFileError("nothing is declared: give src (a directory of *.zip) or files")
    declared = {}
    for path in paths:
        name = check_remote_name(os.path.basename(path))
        size = check_zip(path, max_size)
        if name in declared and os.path.realpath(declared[name].path) != os.path.realpath(path):
            raise LocalFileError("two declared files are both called %s (%s and %s): the remote name is the file name"
                                 % (printable(name), printable(declared[name].path), printable(path)))
        declared[name] = LocalSse.from_path(name, path, size)
    return declared


def _download_digests(client, name, environment_type, directory, describe=None):
    """(sha256, manifest or None, note, diff lines) of the remote zip; manifest None when it is not a readable zip.

    `describe(path, manifest)` reads what it needs of the downloaded zip before it is removed (the diff mode's text diff).
    """
    digest = hashlib.sha256()
    target = os.path.join(directory, "remote-" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16])
    try:
        with open(target, "wb") as handle:
            for chunk in api.download_sse(client, name, environment_type):
                digest.update(chunk)
                handle.write(chunk)
        try:
            manifest = zip_manifest(target, "remote %s" % printable(name))
        except LocalFileError as exc:
            return digest.hexdigest(), None, str(exc), None
        return digest.hexdigest(), manifest, None, describe(target, manifest) if describe else None
    finally:
        if os.path.exists(target):
            os.unlink(target)


def remote_digests(client, names, environment_type, workers, describe=None):
    """name -> (sha256, manifest or None, note, diff lines) for each remote zip in `names`, at most `workers` downloads at once.

    `describe(name)` gives the reader of a downloaded zip (see `_download_digests`), or None.
    """
    if not names:
        return {}
    # Renew the token once before the downloads start rather than in every thread.
    client.ensure_token(min_validity=client.timeout * 2)
    directory = tempfile.mkdtemp(prefix="commerce-admin-sync-")
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(names)))) as pool:
            futures = {name: pool.submit(_download_digests, client, name, environment_type, directory, describe and describe(name))
                       for name in names}
            return {name: future.result() for name, future in futures.items()}
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _text_diff_reader(plan):
    """For the diff mode: the reader that diffs a downloaded remote zip against its declared one."""
    def reader(name):
        local = plan.local_of(name)

        def read(path, manifest):
            entries = changed_entries(local.manifest, manifest)
            return entry_diff(name, path, local.path, entries) if entries else None
        return read
    return reader


def compare_remote(client, plan, environment_type, workers, state=None, diffs=None):
    """Download what the listing (and the remembered state) cannot decide, decide it in `plan`, and
    remember in `state` what was seen; the names downloaded. With `diffs` (a dict), also the text
    diff of every replaced SSE, downloading those the remembered state decided without a download."""
    reader = _text_diff_reader(plan) if diffs is not None else None
    digests = remote_digests(client, plan.to_download, environment_type, workers, reader)
    for name, (sha256, manifest, note, lines) in sorted(digests.items()):
        if lines:
            diffs[name] = lines
        local, remote = plan.waiting(name)
        if manifest is None and plan.compare == "content" and sha256 != local.sha256:
            plan.decide("replace", local, remote, note)
            continue
        resolve(plan, name, sha256, manifest)
        if state is not None and manifest is not None and isinstance(remote.get("size"), int) and remote.get("checksum") is not None:
            state.remember(environment_type, name, remote["size"], remote["checksum"], sha256, content_digest(manifest), manifest)
    if diffs is not None:
        unseen = [step.name for step in plan.changes if step.action == "replace" and step.name not in digests]
        for name, (_sha, _manifest, _note, lines) in remote_digests(client, unseen, environment_type, workers, reader).items():
            if lines:
                diffs[name] = lines
    return sorted(digests)
