#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: extension_state
short_description: Enable or disable an extension
version_added: 0.1.0
description:
  - Brings an extension to the desired state. V(enabled) is the API's C(activate) operation,
    V(disabled) its C(deactivate) (C(POST /ccadmin/v1/extensions/<id>)).
  - Reads the extension's C(enabled) flag first and posts the operation only when it differs;
    activating an active extension would re-install it.
  - Deactivating removes the extension's content from the system but keeps its zip; activating
    validates and installs it again.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
attributes:
  check_mode:
    support: full
    description: Reads the extension and reports whether its state would change.
  diff_mode:
    support: full
    description: Shows C(enabled) before and after.
options:
  id:
    description:
      - The extension's id (C(repositoryId)). Give O(id) or O(name).
    type: str
  name:
    description:
      - The extension's name. It must match exactly one extension; when several share it the
        module fails listing their ids.
    type: str
  state:
    description: Desired state.
    type: str
    choices: [enabled, disabled]
    default: enabled
seealso:
  - module: commerce.admin.extension_info
"""

EXAMPLES = r"""
- name: Enable an extension by name
  commerce.admin.extension_state:
    name: Widget with Element

- name: Disable an extension by id
  commerce.admin.extension_state:
    id: 021be6f7-9b84-43ed-9d16-59358443d29f
    state: disabled
"""

RETURN = r"""
id:
  description: The extension's id.
  returned: always
  type: str
name:
  description: The extension's name.
  returned: always
  type: str
enabled:
  description: Whether the extension is enabled after the run (as it would be, in check mode).
  returned: always
  type: bool
previous_enabled:
  description: Whether it was enabled before.
  returned: always
  type: bool
extension:
  description: The extension as listed after the change (before it, in check mode), in snake_case.
  returned: always
  type: dict
  contains:
    id:
      description: The extension's id (the listing's C(repositoryId)).
      type: str
      sample: 021be6f7-9b84-43ed-9d16-59358443d29f
    name:
      description: The extension's name.
      type: str
      sample: Widget with Element
    enabled:
      description: Whether the extension is active.
      type: bool
    version:
      description: The version the extension was uploaded with (the listing's C(version)).
      type: str
      sample: "3"
    zip_path:
      description: Where the server keeps the extension's zip (the listing's C(zipPath)).
      type: str
    origin:
      description: How the extension reached the server (the listing's C(origin)), for example C(upload).
      type: str
    creation_time:
      description: When the extension was created (the listing's C(creationTime)).
      type: str
    modification_time:
      description: When the extension was last changed (the listing's C(modificationTime)).
      type: str
    installed_time:
      description: When the extension was last installed (the listing's C(installedTime)).
      type: str
"""

from ansible_collections.commerce.admin.plugins.module_utils._extensions.state import SPEC


def main():
    SPEC.main()


if __name__ == "__main__":
    main()
