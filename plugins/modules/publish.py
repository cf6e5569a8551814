#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: publish
short_description: Publish the pending changes of an instance, only when there are some
version_added: 0.3.0
description:
  - Extension installs and activations and site settings values reach shoppers only through a publish.
    This module reads the pending changes (C(GET /ccadmin/v1/publish/changes)) and publishes them
    (C(POST /ccadmin/v1/publish)) only when there are some, so the task reports C(changed) only when it
    published something. Nothing pending means no C(POST) at all.
  - The publish is followed to its end (C(GET /ccadmin/v1/publish?lastPublished=true)); the token is renewed
    between polls, so a publish may last longer than a token. A publish that ends with an C(errorMessage)
    or an C(errorPhase) fails the task with both.
  - A publish already running when the task starts (someone else's) is followed to its end first.
  - In check mode the module lists what would be published (RV(changes), RV(change_count)) and sends nothing.
author:
  - commerce.admin maintainers (@commerce-admin)
extends_documentation_fragment:
  - commerce.admin.connection
  - commerce.admin.protection
  - commerce.admin.action_group
attributes:
  check_mode:
    support: full
    description: Lists the pending changes that would be published; sends no POST.
  diff_mode:
    support: full
    description: One line per pending change.
options:
  wait:
    description:
      - Follow the publish until it ends. When V(false), the module returns once the server started it
        (RV(publish_running) is V(true)).
      - A publish already running when the task starts is followed to its end in either case.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait for a publish to end. The module fails when it has not ended by then,
        saying that it may still be running. Must be greater than 0.
    type: int
    default: 600
  poll_interval:
    description:
      - Seconds between two status requests while waiting. Must be greater than 0.
      - The access token is renewed between polls, so a publish can last longer than a token.
    type: float
    default: 2
notes:
  - The whole set of pending changes is published; selective publishing is not offered.
  - The shape of a pending change item is assumed (by analogy with the documented C(publishingChanges)
    items); the module relies only on the count of items and shows their ids and types.
seealso:
  - module: commerce.admin.site_settings
  - module: commerce.admin.extension
"""

EXAMPLES = r"""
- name: Publish what the tasks before changed
  commerce.admin.publish:
    wait_timeout: 1800
  register: published

- name: What a publish would take to shoppers
  commerce.admin.publish:
  check_mode: true
"""

RETURN = r"""
changes:
  description:
    - The pending change items the run found (and published, unless in check mode), each with C(id),
      C(asset_id), C(asset_type), C(asset_type_name), C(author) and C(change_time) as the server gives them.
  returned: always
  type: list
  elements: dict
change_count:
  description: How many changes were pending.
  returned: always
  type: int
plan_lines:
  description: One line per pending change, as the diff shows them.
  returned: always
  type: list
  elements: str
publish_id:
  description: The publish this run started and followed; null when nothing was published or when O(wait=false).
  returned: always
  type: str
previous_publish_id:
  description: The last publish before this run.
  returned: always
  type: str
publish_running:
  description: Whether the publish still runs when the module returns (only with O(wait=false)).
  returned: always
  type: bool
current_phase:
  description: The publish's phase when it ended.
  returned: when a publish was followed
  type: int
last_completed_phase:
  description: The last phase it completed.
  returned: when a publish was followed
  type: int
number_of_changes:
  description: The number of changes the server says the publish took.
  returned: when a publish was followed
  type: int
error_message:
  description: The server's C(errorMessage) (empty when it succeeded).
  returned: when a publish was followed
  type: str
error_phase:
  description: The server's C(errorPhase).
  returned: when a publish was followed
  type: int
status_message:
  description: The server's C(statusMessage).
  returned: when a publish was started
  type: str
elapsed:
  description: Seconds the module waited for the publish.
  returned: when a publish was followed
  type: float
"""

from ansible_collections.commerce.admin.plugins.module_utils._publish.sync import SPEC


def main():
    SPEC.main()


if __name__ == "__main__":
    main()
