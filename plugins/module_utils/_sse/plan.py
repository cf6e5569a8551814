# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan of an SSE sync as a value: what to add, replace, keep and purge, and why.

`build_plan` decides everything the listing and the remembered state can decide; the names it
cannot decide without the remote bytes are left in `plan.to_download`, and `resolve` decides
each of them once it has been downloaded. No HTTP here, so every rule is testable on its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ansible_collections.commerce.admin.plugins.module_utils._sse.state import same_checksum
from ansible_collections.commerce.admin.plugins.module_utils._zip_content import (
    content_digest, describe_difference, file_digests, shown_name)

ACTIONS = ("add", "replace", "keep", "purge")
COMPARE_MODES = ("content", "bytes")
SYMBOLS = {"add": "+", "replace": "~", "keep": "=", "purge": "-", "undecided": "?"}
UNCHANGED = "unchanged"
UNDECIDED_REASON = "to be downloaded and compared"


@dataclass(frozen=True)
class LocalSse:
    """A declared local SSE zip and its digests."""

    name: str
    path: str
    size: int
    sha256: str
    content_digest: str
    manifest: dict = field(repr=False)

    @classmethod
    def from_path(cls, name, path, size=None):
        """Hash the zip at `path` (streamed); `size` defaults to the file's size (pass `check_zip`'s)."""
        sha256, manifest = file_digests(path)
        return cls(name, path, os.path.getsize(path) if size is None else size, sha256, content_digest(manifest), manifest)


@dataclass(frozen=True)
class Step:
    """One decision: `action` is one of ACTIONS; `local` is a LocalSse, `remote` the listing facts."""

    action: str
    name: str
    reason: str
    local: LocalSse | None = None
    remote: dict | None = None


class Plan:
    """Decided steps and the names still `to_download`; `steps` and `changes` are sorted by name."""

    def __init__(self, compare):
        self.compare = compare
        self._decided = {}
        self._undecided = {}  # name -> (local, remote) still to compare

    @property
    def steps(self):
        return [self._decided[name] for name in sorted(self._decided)]

    @property
    def changes(self):
        return [step for step in self.steps if step.action != "keep"]

    @property
    def to_download(self):
        return sorted(self._undecided)

    def decide(self, action, local, remote, reason):
        """Record and return the step for a name (it leaves `to_download` if it was there)."""
        if action not in ACTIONS:
            raise ValueError("action must be one of %s, got %r" % (", ".join(ACTIONS), action))
        name = local.name if local is not None else remote["name"]
        step = Step(action, name, reason, local, remote)
        self._decided[name] = step
        self._undecided.pop(name, None)
        return step

    def defer(self, local, remote):
        """Leave `local.name` undecided until its remote zip was downloaded."""
        self._undecided[local.name] = (local, remote)

    def local_of(self, name):
        """The declared LocalSse of `name`, decided or not."""
        if name in self._undecided:
            return self._undecided[name][0]
        return self._decided[name].local

    def waiting(self, name):
        """(local, remote) of an undecided name; ValueError when `name` is not waiting for a download."""
        if name not in self._undecided:
            raise ValueError("%s is not waiting for a download in this plan" % shown_name(name))
        return self._undecided[name]


def _trusted(entry, remote):
    """Whether a remembered entry still describes the remote file: the listing's size and checksum both equal it."""
    if not isinstance(entry, dict):
        return False
    size = remote.get("size")
    same_size = isinstance(size, int) and not isinstance(size, bool) and entry.get("size") == size
    return same_size and same_checksum(entry.get("checksum"), remote.get("checksum"))


def _decide_from_memory(plan, local, remote, entry):
    """The step a trusted remembered entry decides, or None when it cannot (an inconsistent entry)."""
    if plan.compare == "bytes":
        if not isinstance(entry.get("sha256"), str):
            return None
        if entry["sha256"] == local.sha256:
            return plan.decide("keep", local, remote, UNCHANGED)
        return plan.decide("replace", local, remote, "content differs")
    manifest = entry.get("manifest")
    # An entry whose manifest does not hash to its digest was damaged: download instead of trusting it.
    if not isinstance(manifest, dict) or content_digest(manifest) != entry.get("content_digest"):
        return None
    if entry["content_digest"] == local.content_digest:
        return plan.decide("keep", local, remote, UNCHANGED)
    return plan.decide("replace", local, remote, describe_difference(local.manifest, manifest))


def _plan_one(plan, local, remote, remembered, force):
    if remote is None:
        return plan.decide("add", local, None, "absent remotely")
    if force:
        return plan.decide("replace", local, remote, "force is set")
    # With compare=content a different size proves nothing: the same files recompressed have another size.
    if plan.compare == "bytes" and remote.get("size") != local.size:
        return plan.decide("replace", local, remote, "size differs (remote %s, local %s bytes)" % (remote.get("size"), local.size))
    entry = remembered(local.name)
    if _trusted(entry, remote):
        step = _decide_from_memory(plan, local, remote, entry)
        if step is not None:
            return step
    plan.defer(local, remote)
    return None


def build_plan(local, remote, remembered, compare="content", purge=False, force=False):
    """The plan for `local` (name -> LocalSse) against `remote` (name -> listing facts with name, size, checksum).

    `remembered(name)` returns the state entry remembered for `name` or None; it is trusted only
    when the listing's size and checksum both equal the remembered ones.
    """
    if compare not in COMPARE_MODES:
        raise ValueError("compare must be one of %s, got %r" % (", ".join(COMPARE_MODES), compare))
    plan = Plan(compare)
    for name in sorted(local):
        _plan_one(plan, local[name], remote.get(name), remembered, force)
    if purge:
        for name in sorted(set(remote) - set(local)):
            plan.decide("purge", None, remote[name], "not declared (purge)")
    return plan


def resolve(plan, name, remote_sha256, remote_manifest=None):
    """Decide `name` from `plan.to_download` once its remote zip was downloaded; return the Step.

    `remote_manifest` is required with compare=content (unless the bytes are equal).
    """
    local, remote = plan.waiting(name)
    if remote_sha256 == local.sha256:
        return plan.decide("keep", local, remote, UNCHANGED)
    if plan.compare == "bytes":
        return plan.decide("replace", local, remote, "content differs")
    if remote_manifest is None:
        raise ValueError("compare=content needs the manifest of the downloaded %s" % shown_name(name))
    if content_digest(remote_manifest) == local.content_digest:
        return plan.decide("keep", local, remote, UNCHANGED)
    return plan.decide("replace", local, remote, describe_difference(local.manifest, remote_manifest))


def _rows(plan):
    """(action, name, reason) of every step and every undecided name, sorted by name."""
    rows = [(step.action, step.name, step.reason) for step in plan.steps]
    rows += [("undecided", name, UNDECIDED_REASON) for name in plan.to_download]
    return sorted(rows, key=lambda row: row[1])


def render_lines(plan):
    """One line a name: "+ new.zip (absent remotely)", "~ orders.zip (index.js changed)", "= same.zip (unchanged)"."""
    return ["%s %s (%s)" % (SYMBOLS[action], shown_name(name), reason) for action, name, reason in _rows(plan)]


def as_dict(plan):
    """The plan for the module's result: a list of {action, name, reason}, sorted by name."""
    return [{"action": action, "name": name, "reason": reason} for action, name, reason in _rows(plan)]


def diff_of(plan, where, restart_reason=None, texts=None):
    """Before: the remote side of each SSE on `where` (the instance); after: the declared side, one line each with the
    reason on the changed side, and the restart that follows. `texts`: name -> diff lines inside a replaced zip."""
    before, after = [], []
    for step in plan.steps:
        if step.action in ("keep", "replace", "purge"):
            before.append("%s (%s)" % (step.name, "remote" if step.action != "purge" else "remote, " + step.reason))
        if step.action == "keep":
            after.append("%s (remote)" % step.name)
        elif step.action in ("add", "replace"):
            after.append("%s (%s)" % (step.name, step.reason))
    if restart_reason:
        after.append("(then one restart of the extension server: %s)" % restart_reason)
    diff = {"before": "".join(line + "\n" for line in before), "after": "".join(line + "\n" for line in after),
            "before_header": "remote SSEs on %s" % where, "after_header": "declared SSEs"}
    if texts:
        diff["prepared"] = "".join(line + "\n" for name in sorted(texts) for line in texts[name])
    return diff
