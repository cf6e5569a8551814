# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Options of modules that follow server work (a restart, a promotion) to its end."""

    DOCUMENTATION = r"""
options:
  wait:
    description:
      - Follow the work the module started (an extension server restart, or a promotion) until it ends.
      - When V(false), the module returns as soon as the server accepted the work; a restart's
        RV(work_request_id) can be followed with M(commerce.admin.restart_status_info).
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait for the work to end. The module fails when it has not ended by
        then, saying that it may still be running (and naming a restart's work request).
      - Must be greater than 0.
    type: int
    default: 600
  poll_interval:
    description:
      - Seconds between two status requests while waiting. Must be greater than 0.
      - The access token is renewed between polls, so a wait can last longer than a token.
    type: float
    default: 2
"""
