# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module base: options, the client, the one write path, and results and failures.

A module reads remote state freely but changes it only through `change()`, which enforces
`protection` and check mode and records `changed` only when a write succeeded (or would have,
in check mode). Every CommerceError becomes a failed task in `run()`; anything else is a bug
and fails with its traceback.
"""

from __future__ import annotations

import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.commerce.admin.plugins.module_utils import _client as client_lib
from ansible_collections.commerce.admin.plugins.module_utils._connection import client_from_params
from ansible_collections.commerce.admin.plugins.module_utils._errors import ChangeFailed, CommerceError, ProtectionRefused
from ansible_collections.commerce.admin.plugins.module_utils._options import argument_spec, restart_mode


def refusal(protection, description, deletes):
    """Why `protection` forbids the action described, or None when it is allowed."""
    if protection == "read_only":
        return "protection is read_only: refused to %s" % description
    if protection == "no_delete" and deletes:
        return "protection is no_delete: refused to %s" % description
    return None


class Unchanged:
    """What an action returns when it found, once it ran, that there was nothing to do."""

    def __init__(self, value=None, reason=None):
        self.value = value
        self.reason = reason


class Outcome:
    """What `change()` did: the action's value, whether it changed something, whether check mode skipped it."""

    def __init__(self, changed, value=None, check_mode=False, reason=None):
        self.changed = changed
        self.value = value
        self.check_mode = check_mode
        self.reason = reason


class ModuleSpec:
    """What one module takes and does: its own options, the option groups it asks for, the rules between
    options (AnsibleModule's required_if, mutually_exclusive, ...) and its body, `body(module)`.

    Kept next to the body in its domain package, so the module file and commerce.admin.plan_info (which
    runs several bodies in check mode in one process) take the same options the same way.
    """

    def __init__(self, options, body, groups=(), **rules):
        self.options = options
        self.body = body
        self.groups = tuple(groups)
        self.rules = rules

    def argument_spec(self):
        return argument_spec(self.options, self.groups)

    def main(self):
        """The module's main(): build the module from the spec and run its body."""
        CommerceModule(self.options, groups=self.groups, **self.rules).run(self.body)


class CommerceModule:
    """An AnsibleModule with the collection's conventions."""

    def __init__(self, own_options, groups=(), **kwargs):
        self.ansible = AnsibleModule(argument_spec=argument_spec(own_options, groups), supports_check_mode=True, **kwargs)
        if not client_lib.HAS_LIBRARIES:
            self.ansible.fail_json(msg=missing_required_lib("requests and requests-toolbelt"), exception=client_lib.IMPORT_ERROR)
        self.params = self.ansible.params
        self.check_mode = self.ansible.check_mode
        self.diff_mode = self.ansible._diff  # pylint: disable=protected-access  # AnsibleModule keeps --diff only there
        self.result = {"changed": False}
        self._client = None

    @property
    def client(self):
        """Built on first use, so local input is checked before anything is sent."""
        if self._client is None:
            try:
                self._client = client_from_params(self.params, warn=self.warn)
            except ValueError as exc:
                self.fail_json(str(exc))
        return self._client

    def change(self, description, action, *args, deletes=False, predicted=None, **kwargs):
        """The one write path: run `action(*args, **kwargs)` unless protection or check mode stops it.

        Check mode returns an Outcome with `predicted` as its value. An action returns
        `Unchanged(...)` when it found nothing to do after all. A CommerceError from the action
        fails the task naming `description`; one marked `changed` (a partial change) still
        reports `changed`.
        """
        refused = refusal(self.params["protection"], description, deletes)
        if self.check_mode:
            if refused:
                self.warn(refused + " (check mode: nothing was sent)")
            self.result["changed"] = True
            return Outcome(True, predicted, check_mode=True)
        if refused:
            raise ProtectionRefused(refused)
        try:
            value = action(*args, **kwargs)
        except CommerceError as exc:
            raise ChangeFailed(description, exc) from exc
        if isinstance(value, Unchanged):
            return Outcome(False, value.value, reason=value.reason)
        self.result["changed"] = True
        return Outcome(True, value)

    def set_diff(self, before, after):
        self.result["diff"] = {"before": before, "after": after}

    def warn(self, message):
        self.ansible.warn(message)

    def _warn_about_retries(self):
        notes = self._client.retry_notes if self._client is not None else []
        if notes:
            shown = "; ".join(notes[:5]) + ("; ..." if len(notes) > 5 else "")
            self.warn("the server needed %d retr%s (%s): %s"
                      % (len(notes), "y" if len(notes) == 1 else "ies", shown, self._client.retry_verdict))

    def exit_json(self, **facts):
        self.result.update(facts)
        self._warn_about_retries()
        self.ansible.exit_json(**self.result)

    def fail_json(self, msg, **facts):
        result = dict(self.result)
        result.update(facts)
        result.pop("failed", None)
        self._warn_about_retries()
        self.ansible.fail_json(msg=msg, **result)

    def require_positive(self, *names):
        for name in names:
            value = self.params.get(name)
            if value is not None and value <= 0:
                self.fail_json("%s must be greater than 0, got %s" % (name, value))

    def restart_mode(self):
        """The `restart` option as auto, always or never; the boolean form still works, with a deprecation warning."""
        try:
            mode, deprecated = restart_mode(self.params["restart"])
        except ValueError as exc:
            self.fail_json(str(exc))
        if deprecated:
            self.ansible.deprecate("restart: %r is deprecated: write restart: %s (true means auto, false means never)"
                                   % (self.params["restart"], mode), version="1.0.0", collection_name="commerce.admin")
        return mode

    def run(self, body):
        """Call `body(self)`, then exit with the result; turn every failure into a clear failed task."""
        try:
            body(self)
        except CommerceError as exc:
            facts = exc.fail_facts()
            if exc.changed:
                facts["changed"] = True
            self.fail_json(str(exc), **facts)
        except Exception as exc:  # pylint: disable=broad-except
            # A bug, not a condition the module knows: say so, with the traceback for the report.
            self.fail_json("unexpected %s: %s (this is a bug in commerce.admin: please report it with the exception shown at -vvv)"
                           % (type(exc).__name__, exc), exception=traceback.format_exc())
        self.exit_json()
