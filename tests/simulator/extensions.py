# -*- coding: utf-8 -*-
"""Extensions as an instance holds them: the listing items, the IDs generated here, what each installed
zip brought, the widget instances made from its widgets, and the per-site values of its settings.

The caller holds the store lock. Marks are in docs/api-model.md ("Extensions").
"""

from __future__ import annotations

import copy

from .common import now_iso, random_id

# assumed: who the simulated instance says installed or created things
USER = {"firstName": "Sim", "lastName": "Admin", "repositoryId": "sim-admin", "id": "sim-admin"}


class Extensions:  # pylint: disable=too-many-instance-attributes
    def __init__(self, seed_items, stamp):
        self.items = []             # listing items, in install order (the Store's `extensions`)
        self.ids = {}               # id -> application/extension ID record
        self.content = {}           # extension id -> {"manifest", "zip_path", "zip_sha256", "widgets", "elements", "settings"}
        self.widget_instances = {}  # extension id -> [instance]
        self.settings_values = {}   # settings id -> {site id: {name: value}}
        for seed in seed_items:
            item = dict(seed)
            for key in ("creationTime", "modificationTime", "installedTime"):
                item.setdefault(key, stamp)
            item.setdefault("id", item["repositoryId"])  # seen: real listings carry id beside repositoryId
            self.items.append(item)
            # a seeded extension was installed here, so its ID was generated here
            self._add_id(item["repositoryId"], item["name"], "extension", stamp)
            self.content[item["repositoryId"]] = {"manifest": None, "zip_path": item.get("zipPath"), "zip_sha256": None,
                                                  "widgets": [], "elements": [], "settings": {}}

    # IDs (doc: createApplicationID's answer; seen: createExtensionID answers id and repositoryId)

    def _add_id(self, ident, name, kind, stamp=None):
        record = {"repositoryId": ident, "id": ident, "name": name, "type": kind, "external": False,
                  "creationTime": stamp or now_iso(), "createdBy": dict(USER)}
        if kind == "application":
            record["token"] = random_id(32)  # doc: only application IDs carry a token
        self.ids[ident] = record
        return record

    def generate_id(self, name, kind="extension"):
        # assumed: names are free text and need not be unique; ids look like the vendor's UUIDs
        ident = "%s-%s-%s-%s-%s" % tuple(random_id(length).lower() for length in (8, 4, 4, 4, 12))
        return self.id_item(self._add_id(ident, name, kind))

    def id_item(self, record):
        # seen: inUse is true while an installed extension has the ID
        return dict(record, inUse=self.find(record["id"]) is not None)

    # Listing and lookups

    def find(self, extension_id):
        return next((item for item in self.items if item["repositoryId"] == extension_id), None)

    def install_problems(self, manifest, widgets):
        """Why an extension with this manifest cannot be installed now; [] when it can (assumed texts)."""
        ident = str(manifest["extensionID"])
        record = self.ids.get(ident)
        if record is None or record["type"] != "extension":
            return ["The extension ID %s was not generated on this instance." % ident]
        if self.find(ident) is not None:
            return ["An extension with ID %s is already installed." % ident]
        # doc: "Commerce does not allow multiple versions of a widget to be uploaded at the same time"
        taken = {widget: item["repositoryId"] for item in self.items if item["enabled"]
                 for widget in self.content.get(item["repositoryId"], {}).get("widgets", [])}
        return ["Widget %s is already provided by the active extension %s." % (widget, taken[widget]) for widget in widgets if widget in taken]

    def install(self, reading, zip_path, zip_sha256):
        """The new listing item: enabled at once (seen); fields from the manifest as the doc example pairs them."""
        manifest = reading.manifest
        ident = str(manifest["extensionID"])
        stamp = now_iso()
        item = {"repositoryId": ident, "id": ident, "name": manifest["name"], "description": manifest.get("description", ""),
                "version": str(manifest["version"]).strip(), "enabled": True, "developerId": manifest["developerID"],
                "creator": manifest["createdBy"], "creationTime": str(manifest["timeCreated"]), "installedTime": stamp,
                "installedBy": USER["repositoryId"], "installedByUserName": "%s %s" % (USER["firstName"], USER["lastName"]),
                "modificationTime": stamp, "lastModifiedBy": USER["repositoryId"], "origin": "upload", "readme": "",
                "zipPath": zip_path.lstrip("/"),  # doc example: "extensions/<file>.zip", no leading slash
                "items": [{"repositoryId": name} for name in reading.widgets + reading.elements]}
        self.items.append(item)
        self.content[ident] = {"manifest": copy.deepcopy(manifest), "zip_path": item["zipPath"], "zip_sha256": zip_sha256,
                               "widgets": list(reading.widgets), "elements": list(reading.elements),
                               "settings": copy.deepcopy(reading.settings)}
        return item

    # Activation, deletion

    def set_enabled(self, item, enabled):
        item["enabled"] = enabled
        item["modificationTime"] = now_iso()
        if enabled:
            item["installedTime"] = item["modificationTime"]
        else:
            # doc: deactivation removes the extension's content, and with it the widget instances made from it
            self.widget_instances.pop(item["repositoryId"], None)

    def delete(self, item):
        """doc: it no longer exists; the brief and occ-tools' restores: its settings values go with it.
        seen: the ID stays and is reused (inUse turns false); assumed: the zip stays in the file store."""
        ident = item["repositoryId"]
        self.items.remove(item)
        content = self.content.pop(ident, {})
        for settings_id in content.get("settings", {}):
            self.settings_values.pop(settings_id, None)
        self.widget_instances.pop(ident, None)

    # Widget instances (made by merchants in the design UI: only the control plane creates them)

    def add_widget_instance(self, extension_id, widget, name=None):
        item = self.find(extension_id)
        if item is None or not item["enabled"] or widget not in self.content[extension_id]["widgets"]:
            raise ValueError("no active extension %s with widget %s" % (extension_id, widget))
        instance = {"repositoryId": "wi" + random_id(8).lower(), "widgetType": widget, "name": name or widget + " instance"}
        self.widget_instances.setdefault(extension_id, []).append(instance)
        return instance

    # Site settings

    def settings_config(self, settings_id):
        """The config of settings defined by an enabled extension, or None (seen: 33068 "does not exist")."""
        for item in self.items:
            settings = self.content.get(item["repositoryId"], {}).get("settings", {})
            if item["enabled"] and settings_id in settings:
                return settings[settings_id]
        return None

    def settings_data(self, settings_id, site):
        """assumed: defaults first, then what was set for the site."""
        config = self.settings_config(settings_id)
        data = {entry["name"]: entry["defaultValue"] for entry in config["values"] if "defaultValue" in entry}
        data.update(self.settings_values.get(settings_id, {}).get(site, {}))
        return data

    def snapshot(self):
        return {"installed": {ident: copy.deepcopy(content) for ident, content in self.content.items()},
                "extension_ids": [self.id_item(record) for record in self.ids.values()],
                "widget_instances": copy.deepcopy(self.widget_instances),
                "site_settings": copy.deepcopy(self.settings_values)}
