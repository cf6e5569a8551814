# -*- coding: utf-8 -*-
"""The sync plan's rules, each on its own, without HTTP."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._sse.plan import (
    LocalSse, Step, as_dict, build_plan, render_lines, resolve)
from ansible_collections.commerce.admin.plugins.module_utils._sse.state import SyncState
from ansible_collections.commerce.admin.plugins.module_utils._zip_content import content_digest

CHECKSUM = -5.7900684961208023e+18
OLD = {"index.js": "1" * 64, "old.js": "2" * 64}
NEW = {"index.js": "3" * 64, "lib/a.js": "4" * 64}


def local_sse(name="orders.zip", size=100, sha256="l" * 64, manifest=None):
    manifest = NEW if manifest is None else manifest
    return LocalSse(name, "/dist/" + name, size, sha256, content_digest(manifest), manifest)


def listing(name="orders.zip", size=100, checksum=CHECKSUM):
    return {"name": name, "size": size, "checksum": checksum}


def memory_of(size=100, checksum=CHECKSUM, sha256="r" * 64, manifest=None):
    manifest = OLD if manifest is None else manifest
    return {"size": size, "checksum": checksum, "sha256": sha256, "content_digest": content_digest(manifest), "manifest": manifest}


def nothing(_name):
    return None


def remembering(entry):
    return lambda name: entry


def plan_one(local, remote, remembered=nothing, compare="content", **kwargs):
    return build_plan({local.name: local}, {remote["name"]: remote} if remote else {}, remembered, compare, **kwargs)


def only_step(plan):
    assert len(plan.steps) == 1 and plan.to_download == []
    return plan.steps[0]


def test_absent_remotely_is_added():
    step = only_step(plan_one(local_sse(), None))
    assert (step.action, step.reason, step.remote) == ("add", "absent remotely", None)
    assert step.local.name == "orders.zip"


@pytest.mark.parametrize("compare", ["content", "bytes"])
def test_force_replaces_without_download(compare):
    same = memory_of(sha256="l" * 64, manifest=NEW)
    step = only_step(plan_one(local_sse(), listing(), remembering(same), compare, force=True))
    assert (step.action, step.reason) == ("replace", "force is set")


def test_force_still_adds_what_is_absent():
    assert only_step(plan_one(local_sse(), None, force=True)).action == "add"


def test_content_remembered_and_unchanged_is_kept_without_download():
    step = only_step(plan_one(local_sse(), listing(), remembering(memory_of(manifest=NEW))))
    assert (step.action, step.reason) == ("keep", "unchanged")


def test_content_remembered_and_different_is_replaced_with_what_differs():
    step = only_step(plan_one(local_sse(), listing(), remembering(memory_of(manifest=OLD))))
    assert (step.action, step.reason) == ("replace", "index.js changed, lib/a.js added, old.js removed")


def test_content_with_a_different_size_is_not_a_difference():
    # The same files recompressed: the listed size differs, the content may be the same.
    plan = plan_one(local_sse(size=100), listing(size=90))
    assert plan.steps == [] and plan.to_download == ["orders.zip"]
    assert resolve(plan, "orders.zip", "r" * 64, dict(NEW)).action == "keep"


def test_content_remembered_with_a_different_size_still_keeps():
    step = only_step(plan_one(local_sse(size=100), listing(size=90), remembering(memory_of(size=90, manifest=NEW))))
    assert step.action == "keep"


@pytest.mark.parametrize("stale", [{"checksum": 123.0}, {"size": 101}, {"checksum": -5790068496120802304}])
@pytest.mark.parametrize("compare", ["content", "bytes"])
def test_a_stale_remembered_entry_means_download(stale, compare):
    # The listing no longer shows what was remembered (another deployer replaced it): never trust it.
    entry = memory_of(sha256="l" * 64, manifest=NEW)
    entry.update(stale)
    plan = plan_one(local_sse(), listing(), remembering(entry), compare)
    assert plan.steps == [] and plan.to_download == ["orders.zip"]


def test_a_listing_without_checksum_means_download():
    plan = plan_one(local_sse(), listing(checksum=None), remembering(memory_of(checksum=None, manifest=NEW)))
    assert plan.to_download == ["orders.zip"]


def test_a_damaged_remembered_manifest_means_download():
    entry = memory_of(manifest=NEW)
    entry["manifest"] = dict(NEW, **{"index.js": "9" * 64})  # no longer hashes to the remembered digest
    plan = plan_one(local_sse(), listing(), remembering(entry))
    assert plan.to_download == ["orders.zip"]


def test_nothing_remembered_means_download():
    plan = plan_one(local_sse(), listing())
    assert plan.steps == [] and plan.to_download == ["orders.zip"]


def test_bytes_remembered_decides_by_sha256():
    keep = only_step(plan_one(local_sse(), listing(), remembering(memory_of(sha256="l" * 64)), "bytes"))
    assert (keep.action, keep.reason) == ("keep", "unchanged")
    # The same manifest does not matter with compare=bytes: the bytes do.
    replace = only_step(plan_one(local_sse(), listing(), remembering(memory_of(sha256="r" * 64, manifest=NEW)), "bytes"))
    assert (replace.action, replace.reason) == ("replace", "content differs")


def test_bytes_with_a_different_size_is_replaced_without_download():
    step = only_step(plan_one(local_sse(size=100), listing(size=90), compare="bytes"))
    assert (step.action, step.reason) == ("replace", "size differs (remote 90, local 100 bytes)")


def test_resolve_with_bytes():
    plan = build_plan({"a.zip": local_sse("a.zip"), "b.zip": local_sse("b.zip")},
                      {"a.zip": listing("a.zip"), "b.zip": listing("b.zip")}, nothing, "bytes")
    assert plan.to_download == ["a.zip", "b.zip"]
    assert resolve(plan, "a.zip", "l" * 64) == plan.steps[0]
    assert (plan.steps[0].action, plan.steps[0].reason) == ("keep", "unchanged")
    assert plan.to_download == ["b.zip"]
    step = resolve(plan, "b.zip", "r" * 64, dict(NEW))  # same content, other bytes: bytes decide
    assert (step.action, step.reason) == ("replace", "content differs")
    assert plan.to_download == [] and [s.name for s in plan.changes] == ["b.zip"]


def test_resolve_with_content():
    plan = build_plan({"a.zip": local_sse("a.zip"), "b.zip": local_sse("b.zip")},
                      {"a.zip": listing("a.zip"), "b.zip": listing("b.zip")}, nothing)
    assert resolve(plan, "a.zip", "r" * 64, dict(NEW)).action == "keep"
    step = resolve(plan, "b.zip", "r" * 64, {"index.js": "3" * 64})
    assert (step.action, step.reason) == ("replace", "lib/a.js added")
    assert step.remote == listing("b.zip") and step.local.name == "b.zip"


def test_resolve_refuses_a_name_not_waiting_and_content_without_manifest():
    plan = build_plan({"a.zip": local_sse("a.zip"), "n.zip": local_sse("n.zip")}, {"a.zip": listing("a.zip")}, nothing)
    with pytest.raises(ValueError, match="n.zip is not waiting"):
        resolve(plan, "n.zip", "x")
    with pytest.raises(ValueError, match="needs the manifest"):
        resolve(plan, "a.zip", "r" * 64, None)
    assert resolve(plan, "a.zip", "l" * 64, None).action == "keep"  # equal bytes need no manifest


def test_purge_plans_every_undeclared_remote_name():
    remote = {"orders.zip": listing(), "old.zip": listing("old.zip"), "older.zip": listing("older.zip")}
    plan = build_plan({"orders.zip": local_sse()}, remote, remembering(memory_of(manifest=NEW)), purge=True)
    assert [(s.action, s.name, s.reason) for s in plan.steps] == [
        ("purge", "old.zip", "not declared (purge)"), ("purge", "older.zip", "not declared (purge)"), ("keep", "orders.zip", "unchanged")]
    assert plan.steps[0].remote == listing("old.zip") and plan.steps[0].local is None


def test_without_purge_undeclared_names_are_left_out():
    remote = {"orders.zip": listing(), "old.zip": listing("old.zip")}
    plan = build_plan({"orders.zip": local_sse()}, remote, remembering(memory_of(manifest=NEW)), purge=False)
    assert [s.name for s in plan.steps] == ["orders.zip"] and plan.to_download == []


def test_steps_are_sorted_and_changes_leave_out_keeps():
    local = {name: local_sse(name) for name in ("c.zip", "a.zip", "b.zip")}
    remote = {"b.zip": listing("b.zip"), "c.zip": listing("c.zip"), "d.zip": listing("d.zip")}
    plan = build_plan(local, remote, lambda name: memory_of(manifest=NEW) if name == "b.zip" else None, purge=True)
    assert [s.name for s in plan.steps] == ["a.zip", "b.zip", "d.zip"]
    assert [s.name for s in plan.changes] == ["a.zip", "d.zip"]
    assert plan.to_download == ["c.zip"]


def test_render_lines_and_as_dict():
    local = {"new.zip": local_sse("new.zip"), "orders.zip": local_sse("orders.zip"), "same.zip": local_sse("same.zip")}
    remote = {"orders.zip": listing("orders.zip"), "same.zip": listing("same.zip"), "old.zip": listing("old.zip")}
    memory = {"orders.zip": memory_of(manifest={"index.js": "0" * 64, "lib/a.js": "4" * 64}), "same.zip": memory_of(manifest=NEW)}
    plan = build_plan(local, remote, memory.get, purge=True)
    assert render_lines(plan) == ["+ new.zip (absent remotely)", "- old.zip (not declared (purge))",
                                  "~ orders.zip (index.js changed)", "= same.zip (unchanged)"]
    rows = as_dict(plan)
    assert rows[0] == {"action": "add", "name": "new.zip", "reason": "absent remotely"}
    assert [row["action"] for row in rows] == ["add", "purge", "replace", "keep"]
    assert json.loads(json.dumps(rows)) == rows


def test_undecided_names_are_shown_until_resolved():
    plan = plan_one(local_sse(), listing())
    assert render_lines(plan) == ["? orders.zip (to be downloaded and compared)"]
    assert as_dict(plan) == [{"action": "undecided", "name": "orders.zip", "reason": "to be downloaded and compared"}]


def test_a_bad_compare_mode_is_refused():
    with pytest.raises(ValueError, match="compare"):
        plan_one(local_sse(), listing(), compare="checksum")


def test_a_step_is_a_value():
    assert Step("keep", "a.zip", "unchanged") == Step("keep", "a.zip", "unchanged")
    assert Step("keep", "a.zip", "unchanged").local is None


def test_local_sse_from_a_zip_and_the_state_round_trip(tmp_path):
    # The whole decision without HTTP: remember what was compared, then a re-run decides from memory.
    path = tmp_path / "orders.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("index.js", b"exports.a = 1;\n")
    local = LocalSse.from_path("orders.zip", str(path))
    assert local.size == path.stat().st_size and local.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    state = SyncState.load(str(tmp_path / "state.json"))
    plan = plan_one(local, listing(size=local.size), lambda name: state.remembered("live", name))
    assert plan.to_download == ["orders.zip"]
    assert resolve(plan, "orders.zip", local.sha256, local.manifest).action == "keep"
    state.remember("live", "orders.zip", local.size, CHECKSUM, local.sha256, local.content_digest, local.manifest)
    state.save()
    state = SyncState.load(str(tmp_path / "state.json"))
    again = plan_one(local, listing(size=local.size), lambda name: state.remembered("live", name))
    assert only_step(again).action == "keep"
