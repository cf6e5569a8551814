# -*- coding: utf-8 -*-
"""plan_info in-process: every kind planned in one run decides as its module in check mode does, an
unchanged environment is in sync with one login and no change sent, one changed kind differs alone,
a plan that fails counts as differing without failing the task, bad input fails before any request,
and secrets never appear in the result."""

from __future__ import annotations

import json

from ansible_collections.commerce.admin.plugins.modules import (
    extension, plan_info, publish, site_settings, sse_sync, sse_variables, storefront_version)

from helpers.extensions import entries, write_zip
from helpers.module_runner import FAST_WAIT, connection, mutating_requests, run_module
from helpers.sse_sync import release

SECRET_VARIABLE = "plan-secret-variable-value"
SECRET_SETTING = "plan-secret-setting-value"
KINDS = {"sses": sse_sync, "variables": sse_variables, "extensions": extension, "settings": site_settings,
         "storefront": storefront_version, "publish": publish}


def declared(sim, tmp_path):
    """Each kind's task args (no connection options), as the environment role gives them."""
    zip_path = write_zip(tmp_path / "git-widget.zip", entries())
    return {
        "sses": dict(src=release(tmp_path, "v1", ("a.zip", "b.zip")), purge=True, state_file=str(tmp_path / "state.json"),
                     backup_dir=str(tmp_path / "backups"), **FAST_WAIT),
        "variables": {"variables": {"PLAN_URL": "https://plan.example.com", "PLAN_TOKEN": SECRET_VARIABLE}, "apply": "none",
                      "state_file": str(tmp_path / "variables-state.json")},
        "extensions": [dict(src=zip_path, **FAST_WAIT)],
        "settings": [{"settings_id": "gitSettings", "site_id": "siteUS", "values": {"mode": "live"},
                      "secret_values": {"apiKey": SECRET_SETTING}}],
        "storefront": [{"site_id": "siteUS", "version": "latest"}],
        "publish": dict(FAST_WAIT),
    }


def as_loop(args):
    return args if isinstance(args, list) else [args]


def converge(sim, args):
    """Run each kind's module for real, in the environment role's order; then nothing is left to do."""
    for name in ("variables", "sses", "extensions", "settings", "storefront", "publish"):
        for one in as_loop(args[name]):
            result = run_module(KINDS[name], connection(sim, **one))
            assert not result.get("failed"), (name, result.get("msg"))


def plan(sim, args, check_mode=False, diff=False, **options):
    tasks = [{"name": name, "module": KINDS[name].__name__.rsplit(".", 1)[-1], "args": value} for name, value in args.items()]
    return run_module(plan_info, connection(sim, tasks=tasks, **options), check_mode=check_mode, diff=diff)


def test_an_unchanged_environment_is_in_sync_with_one_login_and_nothing_sent(sim_factory, tmp_path):
    sim = sim_factory(restart_seconds=0.2, publish_seconds=0.2)
    args = declared(sim, tmp_path)
    converge(sim, args)
    sim.clear_journal()
    result = plan(sim, args)
    assert not result.get("failed"), result.get("msg")
    assert result["in_sync"] and result["differ"] == [] and not result["changed"]
    assert result["summary"] == "in sync: extensions, publish, settings, sses, storefront, variables"
    assert sorted(result["plans"]) == sorted(KINDS)
    assert mutating_requests(sim) == []
    assert [entry["path"] for entry in sim.journal if entry["path"].endswith("/login")] == ["/ccadmin/v1/login"]
    assert result["requests"] == len(sim.journal)
    assert not [entry for entry in sim.journal if entry["method"] == "GET" and entry["path"].endswith(".zip")]


def test_each_plan_decides_as_its_module_in_check_mode_and_one_changed_kind_differs_alone(sim_factory, tmp_path):
    sim = sim_factory(restart_seconds=0.2, publish_seconds=0.2)
    args = declared(sim, tmp_path)
    converge(sim, args)
    changed = dict(args, variables=dict(args["variables"], variables=dict(args["variables"]["variables"], PLAN_URL="https://new.example.com")),
                   settings=[dict(args["settings"][0], values={"mode": "test"})])
    sim.clear_journal()
    result = plan(sim, changed)
    assert result["differ"] == ["settings", "variables"] and not result["in_sync"]
    for name, value in changed.items():
        alone = [run_module(KINDS[name], connection(sim, **one), check_mode=True)["changed"] for one in as_loop(value)]
        assert result["plans"][name]["changed"] == any(alone), name
        assert [entry["changed"] for entry in result["plans"][name]["results"]] == alone, name
    assert mutating_requests(sim) == []


def test_a_plan_that_fails_counts_as_differing_and_the_task_still_reports_every_plan(sim_factory, tmp_path):
    sim = sim_factory(restart_seconds=0.2, publish_seconds=0.2)
    args = declared(sim, tmp_path)
    result = plan(sim, args)
    assert not result.get("failed"), result.get("msg")
    settings = result["plans"]["settings"]
    assert settings["failed"] and "not installed" in settings["results"][0]["msg"]
    assert "settings (could not be planned: " in result["summary"]
    assert result["differ"] == ["extensions", "settings", "sses", "variables"]
    assert result["plans"]["extensions"]["results"][0]["result"]["action"] == "install"
    assert mutating_requests(sim) == []


def test_a_loop_differs_when_one_of_its_runs_does(sim_factory, tmp_path):
    sim = sim_factory()
    args = declared(sim, tmp_path)
    second = write_zip(tmp_path / "other.zip", entries(name="Other Widget", widget="otherWidget", settings=()))
    run_module(extension, connection(sim, **args["extensions"][0]))
    result = plan(sim, {"extensions": args["extensions"] + [dict(src=second)]})
    runs = result["plans"]["extensions"]["results"]
    assert [(entry["label"], entry["changed"]) for entry in runs] == [("extensions[0]", False), ("extensions[1]", True)]
    assert result["differ"] == ["extensions"]


def test_secret_values_never_appear_in_the_result_even_with_diff(sim_factory, tmp_path):
    sim = sim_factory()
    args = declared(sim, tmp_path)
    result = plan(sim, {"variables": args["variables"], "settings": args["settings"]}, diff=True)
    text = json.dumps(result)
    assert SECRET_VARIABLE not in text and SECRET_SETTING not in text
    assert result["plans"]["variables"]["changed"] and "diff" in result["plans"]["variables"]["results"][0]


def test_a_wrong_option_fails_naming_the_task_before_any_request(sim):
    tasks = [{"name": "publish", "module": "publish"},
             {"name": "variables", "module": "commerce.admin.sse_variables", "args": {"variables": {}, "apply": "sometimes"}}]
    result = run_module(plan_info, connection(sim, tasks=tasks))
    assert result["failed"] and result["msg"].startswith("variables (sse_variables): ")
    assert "apply" in result["msg"] and "sometimes" in result["msg"]
    assert sim.journal == []


def test_a_name_given_twice_and_args_that_are_not_a_mapping_fail_before_any_request(sim):
    twice = run_module(plan_info, connection(sim, tasks=[{"name": "p", "module": "publish"}, {"name": "p", "module": "publish"}]))
    assert twice["failed"] and "the name p is given twice" in twice["msg"]
    loop = run_module(plan_info, connection(sim, tasks=[{"name": "s", "module": "site_settings", "args": ["siteUS"]}]))
    assert loop["failed"] and loop["msg"] == "s[0]: args must be a mapping of site_settings's options, got str"
    assert sim.journal == []


def test_null_means_not_given_and_protection_reaches_every_plan(sim, tmp_path):
    args = declared(sim, tmp_path)
    result = plan(sim, {"variables": dict(args["variables"], state_file=None, purge=None)}, protection="read_only")
    assert not result.get("failed"), result.get("msg")
    assert result["plans"]["variables"]["changed"]
    assert any(warning.startswith("variables: protection is read_only: refused to") for warning in result["warnings"])
    assert mutating_requests(sim) == []
