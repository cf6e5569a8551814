# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The modules a plan can stand for: each one that declares state and plans it read-only in check mode."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _storefront
from ansible_collections.commerce.admin.plugins.module_utils._extensions import state as extension_state, sync as extension
from ansible_collections.commerce.admin.plugins.module_utils._plan.planned import PlanInputError
from ansible_collections.commerce.admin.plugins.module_utils._publish import sync as publish
from ansible_collections.commerce.admin.plugins.module_utils._settings import sync as site_settings
from ansible_collections.commerce.admin.plugins.module_utils._sse import sync as sse_sync
from ansible_collections.commerce.admin.plugins.module_utils._variables import sync as sse_variables

COLLECTION = "commerce.admin."

SPECS = {
    "extension": extension.SPEC,
    "extension_state": extension_state.SPEC,
    "publish": publish.SPEC,
    "site_settings": site_settings.SPEC,
    "sse_sync": sse_sync.SPEC,
    "sse_variables": sse_variables.SPEC,
    "storefront_version": _storefront.VERSION_SPEC,
}


def module_name(name):
    """The short name of a module given as `sse_sync` or `commerce.admin.sse_sync`; PlanInputError for any other."""
    short = name[len(COLLECTION):] if name.startswith(COLLECTION) else name
    if short not in SPECS:
        raise PlanInputError("module %s cannot be planned: it must be one of %s" % (name, ", ".join(sorted(SPECS))))
    return short
