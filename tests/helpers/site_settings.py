# -*- coding: utf-8 -*-
"""An installed extension that defines site settings, for the tests of site_settings and publish."""

from __future__ import annotations

import os

from simulator.zips import extension_manifest, make_extension_zip

SETTINGS_ID = "gatewaySettings"
# the config an extension's zip declares: names, and the defaults the server fills in
CONFIG = {"values": [{"name": "apiUrl", "required": True, "defaultValue": "https://pay.example.com"},
                     {"name": "retries", "defaultValue": 3}, {"name": "live", "defaultValue": False},
                     {"name": "apiKey"}, {"name": "colour"}]}


def install_settings_extension(sim, settings_id=SETTINGS_ID, config=None, enabled=True):
    """Install (without a pending change: as if published already) an extension defining `settings_id`; its id."""
    ident = sim.generate_extension_id("Settings Extension")
    path = os.path.join(sim.store.state_dir, "settings-%s.zip" % ident)
    make_extension_zip(path, extension_manifest(ident, name="Settings Extension %s" % settings_id), settings={settings_id: config or CONFIG})
    sim.install_extension(path, "settings-%s.zip" % ident, enabled=enabled)
    return ident
