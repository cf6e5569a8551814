# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The extension_state module's body: enable or disable one installed extension, named by ID or name."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError, LookupFailed
from ansible_collections.commerce.admin.plugins.module_utils._extensions.facts import (
    NOT_FOUND, OPS, STATE_ENABLED, extension_facts, find_extension, set_enabled)
from ansible_collections.commerce.admin.plugins.module_utils._module import ModuleSpec, Unchanged


def lookup(module):
    return extension_facts(find_extension(api.list_extensions(module.client), module.params["id"], module.params["name"]))


def change_state(module, extension, op, wanted):
    """Post the operation, then read the extension back: the listing says whether it took."""
    try:
        if not set_enabled(module.client, extension["id"], wanted):
            return Unchanged(dict(extension, enabled=False), reason="deactivated meanwhile by someone else")
    except CommerceApiError as exc:
        if exc.error_code == NOT_FOUND:
            raise LookupFailed("extension not found: %s was removed while the task ran (%s)" % (extension["id"], exc),
                               facts={"error": exc.as_dict()}) from None
        raise
    after = lookup(module)
    if after["enabled"] != wanted:
        raise CommerceError("the server accepted %s for %s but lists it as %s" % (op, extension["id"], "enabled" if after["enabled"] else "disabled"),
                            facts={"enabled": after["enabled"], "extension": after}, changed=after["enabled"] != extension["enabled"])
    return after


def run(module):
    extension = lookup(module)
    wanted = module.params["state"] == STATE_ENABLED
    module.result.update(id=extension["id"], name=extension["name"], enabled=extension["enabled"],
                         previous_enabled=extension["enabled"], extension=extension)
    module.set_diff({"enabled": extension["enabled"]}, {"enabled": wanted})
    if extension["enabled"] == wanted:
        return
    op = OPS[module.params["state"]]
    # Both names: the one the playbook wrote (or the listing's, for an id) and the id the API acts on.
    outcome = module.change("%s extension %s (id %s)" % (op, extension["name"], extension["id"]), change_state, module, extension, op, wanted)
    if outcome.check_mode:
        module.result["enabled"] = wanted
        return
    module.result.update(enabled=outcome.value["enabled"], extension=outcome.value)


SPEC = ModuleSpec({
    "id": {"type": "str"},
    "name": {"type": "str"},
    "state": {"type": "str", "default": "enabled", "choices": ["enabled", "disabled"]},
}, run, mutually_exclusive=[("id", "name")], required_one_of=[("id", "name")])
