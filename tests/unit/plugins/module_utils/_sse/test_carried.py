# -*- coding: utf-8 -*-
"""plugins/module_utils/_sse/carried.py: the state document carried in a host fact, one per instance."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._sse.carried import before_apply
from ansible_collections.commerce.admin.plugins.module_utils._sse.state import SyncState
from ansible_collections.commerce.admin.plugins.module_utils._state_files import carried_document, instance_key, with_document


def test_one_document_per_instance_keyed_like_the_state_file():
    assert instance_key("https://Admin.Example.com") == "admin.example.com_443"
    fact = with_document({"other_443": {"version": 1}}, "admin.example.com_443", {"version": 1, "environments": {}})
    assert sorted(fact) == ["admin.example.com_443", "other_443"]
    assert carried_document(fact, "admin.example.com_443") == {"version": 1, "environments": {}}
    assert carried_document(None, "x") is None and carried_document({"x": "not a document"}, "x") is None


def test_before_apply_owes_a_restart_and_keeps_one_already_owed(tmp_path):
    state = SyncState.load(str(tmp_path / "s.json"))
    owed = before_apply(state.document(), "live", ["b.zip", "a.zip"])
    record = owed["environments"]["live"]["pending_restart"]
    assert record["names"] == ["a.zip", "b.zip"] and "was not seen to end" in record["reason"]
    assert state.pending_restart("live") is None  # the state itself is not changed
    assert before_apply(owed, "live", ["c.zip"])["environments"]["live"]["pending_restart"] == record


def test_a_restart_owed_in_the_fact_is_owed_by_the_state_and_survives_its_save(tmp_path):
    first = SyncState.load(str(tmp_path / "job1" / "s.json"))
    carried = before_apply(first.document(), "live", ["a.zip"])
    second = SyncState.load(str(tmp_path / "job2" / "s.json"), carried)  # a fresh controller: no file, only the fact
    assert second.pending_restart("live")["names"] == ["a.zip"]
    second.save()
    assert SyncState.load(second.path).pending_restart("live")["names"] == ["a.zip"]
