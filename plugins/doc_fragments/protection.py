# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """The guardrail every module honours before it changes anything."""

    DOCUMENTATION = r"""
options:
  protection:
    description:
      - Guardrail against changing an environment by accident. Set it once per environment, for
        example with C(module_defaults) for C(group/commerce.admin.all) from an inventory variable.
      - V(none) allows every change.
      - V(no_delete) refuses deletions (M(commerce.admin.sse_delete), purges).
      - V(read_only) refuses every change.
      - The module first works out what it would change, then fails naming the refused action,
        before any request that changes something is sent. In check mode nothing is sent, so a
        refused action is reported as a warning instead of a failure.
      - The environment variable E(COMMERCE_PROTECTION) is used when the option is not set.
    type: str
    choices: [none, no_delete, read_only]
    default: none
"""
