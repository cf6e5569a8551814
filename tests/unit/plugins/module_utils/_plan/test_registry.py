# -*- coding: utf-8 -*-
"""The plannable modules: each module file runs the very spec the registry plans with, and a name is
taken short or as an FQCN."""

from __future__ import annotations

import importlib

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._plan.planned import PlanInputError
from ansible_collections.commerce.admin.plugins.module_utils._plan.registry import SPECS, module_name


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_module_file_runs_the_spec_its_plan_uses(name):
    module = importlib.import_module("ansible_collections.commerce.admin.plugins.modules.%s" % name)
    spec = [value for value in vars(module).values() if value is SPECS[name]]
    assert spec, "%s does not run the spec the plan uses" % name


def test_a_name_is_taken_short_or_as_an_fqcn_and_any_other_is_refused_naming_the_choices():
    assert module_name("sse_sync") == module_name("commerce.admin.sse_sync") == "sse_sync"
    with pytest.raises(PlanInputError, match="module commerce.admin.sse_upload cannot be planned: it must be one of extension, "):
        module_name("commerce.admin.sse_upload")
