# -*- coding: utf-8 -*-
"""plugins/module_utils/_publish/sync.py: start() posts once and follows, or reports that nothing was started."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api
from ansible_collections.commerce.admin.plugins.module_utils._module import Unchanged
from ansible_collections.commerce.admin.plugins.module_utils._publish import sync

PARAMS = {"wait": True, "wait_timeout": 10, "poll_interval": 0.01}


def test_start_posts_then_follows(monkeypatch):
    posts, followed = [], []
    monkeypatch.setattr(_api, "publish", lambda client: posts.append(client) or {"publishRunning": True, "statusMessage": "ok"})
    monkeypatch.setattr(sync, "wait_for_publish", lambda client, before, timeout, interval: followed.append((before, timeout)) or {"publish_id": "p2"})
    assert sync.start("client", "p1", PARAMS) == {"publish_id": "p2"}
    assert posts == ["client"] and followed == [("p1", 10)]
    assert sync.start("client", "p1", dict(PARAMS, wait=False)) == {"publish_running": True, "status_message": "ok"}
    assert len(followed) == 1


def test_a_post_that_starts_nothing_is_unchanged(monkeypatch):
    monkeypatch.setattr(_api, "publish", lambda client: {"publishRunning": False, "statusMessage": "There are no changes to publish."})
    answer = sync.start("client", None, PARAMS)
    assert isinstance(answer, Unchanged) and answer.reason == "There are no changes to publish."
    monkeypatch.setattr(_api, "publish", lambda client: None)
    assert isinstance(sync.start("client", None, PARAMS), Unchanged)
