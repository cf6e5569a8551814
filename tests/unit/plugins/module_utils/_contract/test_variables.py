# -*- coding: utf-8 -*-
"""plugins/module_utils/_contract/variables.py: the variables listing's shape, paged by next links; a value never shows."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._contract import calls, variables
from ansible_collections.commerce.admin.plugins.module_utils._contract.wire import Wire
from ansible_collections.commerce.admin.plugins.module_utils._contract.words import MODULE
from helpers.client_checks import make_client


def test_pages_duplicates_and_no_value(sim_factory):
    sim = sim_factory(page_cap=2)
    values = ["variables-row-value-%d" % number for number in range(3)]
    for number, value in enumerate(values):
        sim.put_variable("TWICE" if number < 2 else "ONCE", value)
    state = calls.Run(Wire(make_client(sim), MODULE), calls.Options(page_size=2), sim.app_key)
    calls.login(state)
    variables.list_variables(state)
    row = state.rows[-1]
    assert row.call == variables.CALL and row.result == "OK"
    assert "2 page(s); 3 variable(s); names stored more than once: TWICE" in row.got
    assert not any(value in row.got for value in values)
    assert state.wire.redact(" ".join(values)) == " ".join(["********"] * 3)
