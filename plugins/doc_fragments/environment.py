# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """The extension server environment an SSE operation applies to."""

    DOCUMENTATION = r"""
options:
  environment_type:
    description:
      - The extension server environment to act on (API parameter C(environmentType)).
      - When not set the API's default applies, which is V(live).
    type: str
    choices: [live, preview]
"""
