#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: extension
short_description: Install, update and remove an extension from Git, idempotently
version_added: 0.3.0
description:
  - Brings one admin or storefront extension (widgets, elements, site settings) to the declared
    state from a zip, or from a directory holding C(ext.json), as it is kept in Git.
  - "Extension IDs belong to one instance: the ID is resolved on each instance and written into
    C(ext.json) of the zip that is uploaded, so the same zip installs unchanged on every environment.
    The ID is, in order: the manifest's C(extensionID) when this instance generated it; the
    extension ID called O(name); the installed extension called O(name); else a new one, generated
    with C(POST /ccadmin/v1/extensions/id) (or C(POST /ccadmin/v1/applicationIds) where the instance
    lacks it). The same ID is reused on every later run, and returned as RV(extension_id)."
  - "Identity: the listing has no checksum, so the module uploads the zip under a name that carries a
    digest of its content, C(<name>-<digest>.zip), and reads it back as the listing's C(zipPath). The
    digest is the same on every instance (the per-instance C(extensionID) does not count), for every
    rebuild from the same sources (the manifest's C(timeCreated), the zip's timestamps, entry order and
    compression do not count), and differs when any file or any other manifest field (its
    C(version) too) differs. An unchanged run reads two listings and sends nothing else."
  - "Install: the zip goes into the file store (C(PUT /ccadmin/v1/files), then the file as streamed base64
    segments), then C(POST /ccadmin/v1/extensions) installs it, and the listing is read again until it
    shows the extension installed and enabled. A rejection fails naming the server's C(errors); its
    C(warnings) become task warnings. Memory use does not grow with the zip's size."
  - "An update is a reinstall, because the API has no update call, and it is destructive: deactivating an
    extension removes all content it contains (its widget instances and the changes made to them) and
    deleting it drops the values of the site settings it defines. So when the installed content
    differs, the module fails naming what a reinstall loses and sends nothing, unless
    O(allow_reinstall=true). Then it keeps the installed zip and the values of the extension's settings
    on every site in O(backup_dir), deactivates, deletes, installs the declared zip with the same ID,
    puts the settings values back, and returns what was lost (RV(lost)). When the install fails after
    the delete, the failure says that the extension is now absent and how to put the previous version
    back from its kept zip."
  - When only the enabled state differs, the extension is activated or deactivated, as
    M(commerce.admin.extension_state) does.
  - With O(state=absent) an enabled extension is deactivated, then deleted; an absent one is left alone.
    Its extension ID is kept, as every public client does, so a later install reuses it.
  - Widgets and settings reach shoppers after a publish.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
attributes:
  check_mode:
    support: full
    description: Reads the two listings and reports the plan; generates no ID, uploads, installs, activates and deletes nothing.
  diff_mode:
    support: full
    description: One line per extension that names the action, the versions and the reason, for example C(reinstall Foo, version 1 -> 2, content differs).
options:
  src:
    description:
      - The extension, a zip with C(ext.json) at its top, or a directory holding C(ext.json), which the
        module zips reproducibly (sorted names, fixed times and modes).
      - Required with O(state=present). With O(state=absent) it only supplies the default O(name).
      - "A relative path resolves against the playbook's directory (Ansible runs the module there with C(connection: local));
        for a playbook of an installed collection that is inside the collection, so use C({{ inventory_dir }}/...) or an absolute path."
    type: path
  name:
    description:
      - The extension's identity across instances, the name its extension ID is generated with.
      - Defaults to the C(name) in the manifest of O(src). Required when O(src) is not given.
    type: str
  state:
    description: Whether the extension should be installed.
    type: str
    choices: [present, absent]
    default: present
  enabled:
    description: Whether an installed extension should be enabled (active). Ignored with O(state=absent).
    type: bool
    default: true
  allow_reinstall:
    description:
      - Allow replacing an installed extension whose content differs, by deactivating, deleting and
        installing it again; this loses its widget instances and the changes made to them (see the
        description).
      - When V(false), a differing extension fails the task and nothing is sent.
    type: bool
    default: false
  wait:
    description:
      - After each change, read the listing again until it shows the change (installed and enabled,
        activated, deactivated, or deleted), for at most O(wait_timeout) seconds.
      - When V(false), the listing is read once after each change.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for the listing to show a change. Must be greater than 0.
    type: int
    default: 600
  poll_interval:
    description: Seconds between two listings while waiting. Must be greater than 0.
    type: float
    default: 2
  backup:
    description:
      - Before O(state=absent) deletes the extension, keep its zip and the values of its site settings in
        O(backup_dir) (returned as RV(backup_file) and RV(settings_backup_file)).
      - A reinstall always keeps them, whatever this option says.
      - Check mode keeps nothing.
    type: bool
    default: false
  backup_dir:
    description:
      - Directory for kept zips and settings values on the host that runs the module (the controller
        with a local connection), named C(<name>.version-<version>.<UTC timestamp>.zip) and
        C(.settings.json).
      - Defaults to C(~/.ansible/commerce.admin/backups/<host of base_url>), one directory per environment.
    type: path
notes:
  - The installed zip is kept by downloading C(/file/<zipPath>) from the admin host, which public
    clients do but the vendor does not document. When it cannot be downloaded, a reinstall fails before
    it changes anything.
  - The site settings an extension defines are the C(config/<settings id>/config.json) entries of its zip.
  - When the extension defines site settings, their values are read on every site of the production site
    list (C(GET /ccadmin/v1/sites?production=true)) before a reinstall, or a removal with O(backup),
    deactivates anything; when that list cannot be read or names no site, the task fails and nothing is changed.
  - The role C(commerce.admin.extensions) installs every extension of a directory with this module.
seealso:
  - module: commerce.admin.extension_state
  - module: commerce.admin.extension_info
"""

EXAMPLES = r"""
- name: Install or update an extension from Git (refused when it would need a reinstall)
  commerce.admin.extension:
    src: "{{ playbook_dir }}/extensions/widget-with-element.zip"

- name: Allow the destructive reinstall; settings values are kept and restored
  commerce.admin.extension:
    src: "{{ playbook_dir }}/extensions/payment-gateway"
    allow_reinstall: true
    backup_dir: /var/backups/commerce/prod
  register: payments

- name: Say what the reinstall lost
  ansible.builtin.debug:
    var: payments.lost

- name: Installed but disabled
  commerce.admin.extension:
    src: "{{ playbook_dir }}/extensions/beta-widget.zip"
    enabled: false

- name: Remove an extension, keeping its zip and settings values first
  commerce.admin.extension:
    name: Old Widget
    state: absent
    backup: true
"""

RETURN = r"""
extension_id:
  description: The extension ID on this instance (null in check mode when one would be generated, or when absent without one).
  returned: always
  type: str
  sample: 0a1b2c3d-4e5f-6789-abcd-ef0123456789
name:
  description: The extension's identity (O(name), or the manifest's name).
  returned: always
  type: str
action:
  description: What the run did (would do, in check mode).
  returned: always
  type: str
  choices: [install, reinstall, enable, disable, remove, keep]
reason:
  description: Why, for example C(absent) or C(content differs (installed <digest>, declared <digest>\)).
  returned: always
  type: str
plan:
  description: The decision, with C(action), C(name), C(reason), C(extension_id), C(enabled), C(version_from) and C(version_to).
  returned: always
  type: dict
found_by:
  description: How the extension ID was found on this instance; null when there was none.
  returned: always
  type: str
digest:
  description: The content digest of the declared extension; null without O(src).
  returned: always
  type: str
upload_name:
  description: The file name the declared zip is (or would be) uploaded as, C(<name>-<digest>.zip); null without O(src).
  returned: always
  type: str
version:
  description: The version installed after the run (as it would be, in check mode); null when absent.
  returned: always
  type: str
previous_version:
  description: The version installed before the run; null when none was.
  returned: always
  type: str
enabled:
  description: Whether the extension is enabled after the run (as it would be, in check mode).
  returned: always
  type: bool
extension:
  description: The extension as listed after the run, in the shape of M(commerce.admin.extension_info)'s items; null when absent.
  returned: always
  type: dict
lost:
  description: What a reinstall or removal lost, in the vendor's words, and settings the new version no longer defines.
  returned: always
  type: list
  elements: str
backup_file:
  description: Where the previous zip was kept (a reinstall, or a removal with O(backup)).
  returned: when a zip was kept
  type: str
settings_backup_file:
  description: Where the values of the previous version's site settings were kept, per settings ID and site.
  returned: when a zip was kept
  type: str
restored_settings:
  description: The settings values put back after a reinstall, as C(<settings id>@<site id>).
  returned: after a reinstall
  type: list
  elements: str
state:
  description: C(absent) when a reinstall failed after the delete (the failure says how to put the previous version back).
  returned: on that failure
  type: str
"""

from ansible_collections.commerce.admin.plugins.module_utils._extensions.sync import SPEC


def main():
    SPEC.main()


if __name__ == "__main__":
    main()
