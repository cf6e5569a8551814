# -*- coding: utf-8 -*-
"""plugins/module_utils/_extensions/sync.py: the two listings are read side by side (the module's runs are in
tests/unit/plugins/modules/test_extension.py)."""

from __future__ import annotations

import threading

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError
from ansible_collections.commerce.admin.plugins.module_utils._extensions import sync


class SideBySide:
    """Each listing waits until the other one was asked for: only concurrent reads finish without a timeout."""

    def __init__(self, fail=None):
        self.asked = {"/ccadmin/v1/extensions": threading.Event(), "/ccadmin/v1/applicationIds": threading.Event()}
        self.overlapped = []
        self.fail = fail

    def get_json(self, path, params=None, headers=None):
        self.asked[path].set()
        other = next(event for key, event in self.asked.items() if key != path)
        self.overlapped.append(other.wait(10))
        if path == self.fail:
            raise CommerceApiError("GET", path, 500, None, "broken")
        return {"items": [{"repositoryId": path}]}


def test_both_listings_are_in_flight_at_once():
    client = SideBySide()
    listing, generated = sync.listings(client)
    assert listing == [{"repositoryId": "/ccadmin/v1/extensions"}] and generated == [{"repositoryId": "/ccadmin/v1/applicationIds"}]
    assert client.overlapped == [True, True]


@pytest.mark.parametrize("fail", ["/ccadmin/v1/extensions", "/ccadmin/v1/applicationIds"])
def test_a_failing_listing_fails_the_read(fail):
    with pytest.raises(CommerceApiError, match="broken"):
        sync.listings(SideBySide(fail))
