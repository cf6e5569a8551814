# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Options of modules that can follow an extension server restart to its end."""

    DOCUMENTATION = r"""
options:
  wait:
    description:
      - Follow the restart's work request until it ends.
      - When V(false), the module returns as soon as the server accepted the restart, with its
        RV(work_request_id) for M(commerce.admin.restart_status_info).
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait for the restart to end. The module fails when it has not ended
        by then, saying that the restart may still be running and naming its work request.
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
