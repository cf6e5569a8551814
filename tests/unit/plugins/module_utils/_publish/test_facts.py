# -*- coding: utf-8 -*-
"""plugins/module_utils/_publish/facts.py: the status and change items in snake_case, and what counts as a failure."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._client import CommerceClient
from ansible_collections.commerce.admin.plugins.module_utils._publish import facts

DOC_EXAMPLE = {"errorMessage": "", "statusMessage": "", "publishId": "publish10002", "publishInitiator": "admin",
               "publishRunning": True, "currentPhase": 500, "lastCompletedPhase": 420, "numberOfChanges": 3}


def test_status_of_the_documented_example():
    status = facts.status_of(DOC_EXAMPLE)
    assert status == {"publish_running": True, "publish_id": "publish10002", "current_phase": 500, "last_completed_phase": 420,
                      "number_of_changes": 3, "error_message": "", "error_phase": None, "status_message": ""}
    assert facts.status_of(None)["publish_running"] is False
    assert facts.status_of({"publishRunning": "true"})["publish_running"] is False  # only a JSON true runs


class Client:
    """Answers pages in turn, paged by the real client's paginate."""

    paginate = CommerceClient.paginate

    def __init__(self, pages):
        self.pages, self.asked = list(pages), []

    def get_json(self, path, params=None, headers=None):
        self.asked.append((path, params))
        return self.pages.pop(0)


def test_pending_reads_every_page():
    client = Client([{"items": [{"id": "c1", "assetId": "e1", "assetType": "extension"}], "totalResults": 2, "offset": 0},
                     {"items": [{"id": "c2", "assetTypeDisplayName": "Site Settings"}, "junk"], "totalResults": 2, "offset": 1}])
    changes = facts.pending(client)
    assert [change["id"] for change in changes] == ["c1", "c2"] and changes[1]["asset_type_name"] == "Site Settings"
    assert changes[0] == {"id": "c1", "asset_id": "e1", "asset_type": "extension", "asset_type_name": None, "author": None,
                          "change_time": None}
    assert [params["offset"] for path, params in client.asked] == [0, 1] and client.asked[0][0] == "/ccadmin/v1/publish/changes"


@pytest.mark.parametrize("status, expected", [
    ({"error_message": "", "error_phase": 0}, None),
    ({"error_message": None, "error_phase": None}, None),
    ({"publish_id": "p1", "error_message": "boom", "error_phase": 420}, "the publish p1 failed in phase 420: boom"),
    ({"publish_id": "p1", "error_message": "", "error_phase": 300}, "the publish p1 failed in phase 300: the server gave no message"),
    ({"error_message": "boom", "error_phase": None}, "the publish (no id) failed in phase unknown: boom"),
])
def test_failure(status, expected):
    assert facts.failure(status) == expected
