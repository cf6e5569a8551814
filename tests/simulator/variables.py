# -*- coding: utf-8 -*-
"""SSE environment variables: what the instance stores, and what each running extension server SEES.

Record (docs/api-model.md, "SSE environment variables"): items carry id, name, value, previewValue
(current pages), creationTime, modificationTime, createdBy, lastModifiedBy; names may be duplicated;
a running extension server sees new values after POST .../servers/push or a restart.

Assumed: a restart reads the values current when it starts (the rule restarts.py keeps for SSEs) and
only one that ends SUCCEEDED changes what its environment sees; a push (its body names no environment)
reaches every environment's server at once; where a name is duplicated, the item created last wins;
previewValue mirrors value unless a request sets it, and the preview server sees previewValue.
"""

from __future__ import annotations

from .common import ENVIRONMENTS, now_iso, random_id

# assumed: who created or changed an item (the record names the fields, not their shape)
ACTOR = "applicationAccess"


class Variables:
    """The stored items in creation order; the caller holds the store lock."""

    def __init__(self, config):
        self.config = config
        self.items = {}
        self.pushes = 0

    def listing_item(self, item):
        shown = dict(item)
        if not self.config.variable_preview_value:  # only the current pages show previewValue
            shown.pop("previewValue", None)
        return shown

    def listing(self):
        return [self.listing_item(item) for item in self.items.values()]

    def create(self, name, value, preview_value=None):
        stamp = now_iso()
        item = {"id": "ev" + random_id(8).lower(), "name": name, "value": value,
                "previewValue": value if preview_value is None else preview_value,
                "creationTime": stamp, "modificationTime": stamp, "createdBy": ACTOR, "lastModifiedBy": ACTOR}
        self.items[item["id"]] = item
        return self.listing_item(item)

    def update(self, variable_id, name, value, preview_value=None):
        """The updated item, or None for an unknown id."""
        item = self.items.get(variable_id)
        if item is None:
            return None
        item.update(name=name, value=value, previewValue=value if preview_value is None else preview_value,
                    modificationTime=now_iso(), lastModifiedBy=ACTOR)
        return self.listing_item(item)

    def delete(self, variable_id):
        self.items.pop(variable_id, None)

    def view(self, env):
        """{name: value} as a server of `env` would read it now (the last created item of a name wins)."""
        field = "previewValue" if env == "preview" else "value"
        return {item["name"]: item[field] for item in self.items.values()}

    def push(self, running):
        """Every environment's server picks up the current values (`running` is the restarts' running_variables)."""
        self.pushes += 1
        for env in ENVIRONMENTS:
            running[env] = self.view(env)
