# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What to do with one extension, as a value: printable, diffable, testable without HTTP."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ACTIONS = ("install", "reinstall", "enable", "disable", "remove", "keep")
# Actions that delete the installed extension first.
DESTRUCTIVE = ("reinstall", "remove")
# The vendor's words on deactivation, which a reinstall and a removal both start with.
LOSSES = ("deactivating removes all content contained in the extension from the system: its widget instances "
          "and the changes made to them, and their places in layouts; the values of the settings it defines are reset")
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ExtensionPlan:
    """One decision for one extension; `enabled` is the state after it, `version_from` the installed version."""

    action: str
    name: str
    reason: str
    extension_id: str | None = None
    enabled: bool = False
    version_from: str | None = None
    version_to: str | None = None

    def __post_init__(self):
        if self.action not in ACTIONS:
            raise ValueError("action must be one of %s, got %r" % (", ".join(ACTIONS), self.action))

    @property
    def changes(self):
        return self.action != "keep"

    @property
    def destructive(self):
        return self.action in DESTRUCTIVE

    def versions(self):
        if self.action == "reinstall":
            return "version %s -> %s" % (self.version_from or "unknown", self.version_to or "unknown")
        version = self.version_from if self.action == "remove" else (self.version_to or self.version_from)
        return "version %s" % (version or "unknown")

    def line(self):
        """"reinstall Foo (version 1 -> 2): content differs"; one line, for --diff and messages."""
        return "%s %s (%s): %s" % (self.action, self.name, self.versions(), self.reason)

    def as_dict(self):
        return asdict(self)


def _present(name, enabled, local, remote, remote_digest, extension_id):
    facts = dict(name=name, extension_id=extension_id, enabled=enabled, version_to=local.version)
    if remote is None:
        return ExtensionPlan("install", reason="absent" if enabled else "absent (installed, then disabled)", **facts)
    facts["version_from"] = remote.get("version")
    if remote_digest == local.digest:
        if bool(remote.get("enabled")) == enabled:
            return ExtensionPlan("keep", reason=UNCHANGED, **facts)
        return ExtensionPlan("enable" if enabled else "disable", reason="installed %s" % ("disabled" if enabled else "enabled"), **facts)
    if remote_digest is None:
        reason = "its zip (%s) carries no content digest of this collection: content cannot be compared" % remote.get("zip_path")
    else:
        reason = "content differs (installed %s, declared %s)" % (remote_digest, local.digest)
    return ExtensionPlan("reinstall", reason=reason, **facts)


def decide(name, state, enabled, local, remote, remote_digest, extension_id):
    """The plan for extension `name`.

    `local` is the declared LocalExtension (None with state absent), `remote` the listing facts
    of the installed extension with the resolved ID (None when none is installed), and
    `remote_digest` the content digest known for it (from its zipPath, or None).
    """
    if state == "absent":
        if remote is None:
            return ExtensionPlan("keep", name, "absent", extension_id)
        return ExtensionPlan("remove", name, "state is absent", extension_id, False, remote.get("version"))
    return _present(name, enabled, local, remote, remote_digest, extension_id)


def refusal(plan):
    """Why a reinstall needs allow_reinstall: what it loses, and that nothing was sent."""
    return ("%s: updating an installed extension means a reinstall (deactivate, delete, install with the same ID) and %s; "
            "nothing was sent: set allow_reinstall: true to reinstall (the settings values are backed up and restored)"
            % (plan.line(), LOSSES))
