# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """The site a storefront framework version change applies to."""

    DOCUMENTATION = r"""
options:
  site_id:
    description:
      - The site to change.
      - Without it the API changes every active site, but reports the versions of the default
        site only, so the module decides from the default site, says V(every active site) in RV(scope)
        and in its messages, and warns. Name the site to be exact.
    type: str
  allow_no_previous:
    description:
      - Treat a site without a previous version as nothing to do instead of a failure (only matters
        when moving to the previous version).
    type: bool
    default: false
"""
