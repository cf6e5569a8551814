# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A read-only contract check of a Commerce instance against docs/api-model.md: one implementation, run from a
clone by ``make contract URL=...`` (scripts/contract, its command line) and from an installed collection by the
module commerce.admin.contract_info (playbooks/contract.yml).

It sends what the model describes through the collection's own transport (TLS, CA, proxies, retries) and judges
every raw answer itself: GETs, and POSTs only to login, refresh, verify and logout.
"""

from __future__ import annotations
