# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the caller names what the user sets, so that every message says what to change where the check was started."""

from __future__ import annotations

from collections import namedtuple

Words = namedtuple("Words", "url key ca_path insecure timeout work_request_id")

# python scripts/contract (make contract)
COMMAND_LINE = Words(url="--url", key="COMMERCE_APP_KEY or --key-file", ca_path="--ca-path", insecure="--insecure",
                     timeout="--timeout", work_request_id="--work-request-id")
# commerce.admin.contract_info (and so playbooks/contract.yml)
MODULE = Words(url="base_url", key="app_key", ca_path="ca_path", insecure="validate_certs: false", timeout="timeout",
               work_request_id="work_request_id")
