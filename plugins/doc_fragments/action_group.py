# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Every module belongs to the action group that sets connection options once."""

    DOCUMENTATION = r"""
attributes:
  action_group:
    support: full
    description: Use C(group/commerce.admin.all) in O(ignore:module_defaults) to set the connection options once.
    membership:
      - commerce.admin.all
"""
