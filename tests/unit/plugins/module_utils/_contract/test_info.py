# -*- coding: utf-8 -*-
"""plugins/module_utils/_contract/info.py: the module's entry point fills the result and fails on a MISMATCH when asked."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._contract import info
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError
from helpers.client_checks import make_client


class Module:
    """What info.run uses of CommerceModule."""

    def __init__(self, sim, **params):
        self.params = dict(dict(page_size=2, site_id=None, environment_type=None, work_request_id=None, fail_on_mismatch=True,
                                app_key=sim.app_key), **params)
        self.client = make_client(sim)
        self.result = {"changed": False}

    def require_positive(self, *names):
        assert names == ("page_size",)


def test_the_result_is_filled_and_the_report_is_stacked(sim):
    module = Module(sim)
    info.run(module)
    assert module.result["mismatches"] == [] and module.result["changed"] is False
    assert "login  OK" in module.result["report"] and max(len(line) for line in module.result["report"][4:-2]) <= info.REPORT_WIDTH


@pytest.mark.parametrize("fail_on_mismatch", [True, False])
def test_a_mismatch_fails_only_when_asked(sim, fail_on_mismatch):
    sim.faults.add("POST", "/ccadmin/v1/verify", "status", times=None, status=405, error_code="405")
    module = Module(sim, fail_on_mismatch=fail_on_mismatch)
    if fail_on_mismatch:
        with pytest.raises(CommerceError) as caught:
            info.run(module)
        assert str(caught.value).startswith("1 MISMATCH: verify") and caught.value.facts["mismatches"][0]["call"] == "verify"
    else:
        info.run(module)
    assert [row["call"] for row in module.result["mismatches"]] == ["verify"]
