# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Attributes and the guardrail option of the read-only *_info modules."""

    DOCUMENTATION = r"""
options:
  protection:
    description:
      - Accepted so that one C(module_defaults) entry for C(group/commerce.admin.all) can set the
        guardrail for every module of the collection, this one included.
      - This module only reads, so the value has no effect here.
      - The environment variable E(COMMERCE_PROTECTION) is used when the option is not set.
    type: str
    choices: [none, no_delete, read_only]
    default: none
attributes:
  check_mode:
    support: full
    description: The module only reads; it runs the same in check mode.
  diff_mode:
    support: none
    description: The module changes nothing, so there is no diff.
"""
