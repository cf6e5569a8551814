# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The entry point of contract_info: the contract check through the module's own client. Changes nothing remote."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._contract import report
from ansible_collections.commerce.admin.plugins.module_utils._contract.calls import Options, run_all
from ansible_collections.commerce.admin.plugins.module_utils._contract.wire import Wire
from ansible_collections.commerce.admin.plugins.module_utils._contract.words import MODULE
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError

# Below table.STACK_BELOW: one block per call, which reads well in a job's output however wide its window is.
REPORT_WIDTH = 100


def run(module):
    params = module.params
    module.require_positive("page_size")
    client = module.client
    options = Options(page_size=params["page_size"], site_id=params["site_id"], environment_type=params["environment_type"],
                      work_request_id=params["work_request_id"])
    rows = run_all(Wire(client, MODULE), options, params["app_key"])
    lines = report.heading(client.base_url, report.tls_text(client.base_url, client.transport.verify, MODULE))
    facts = report.facts(rows, lines, REPORT_WIDTH)
    module.result.update(facts)
    if facts["mismatches"] and params["fail_on_mismatch"]:
        raise CommerceError(report.failure(facts["mismatches"]), facts=facts)
