# -*- coding: utf-8 -*-
"""The modules' decisions as pure functions: upload or not, which extension, roll back or not,
when a work request is done."""

from __future__ import annotations

import pytest

from ansible_collections.commerce.admin.plugins.module_utils._errors import LookupFailed
from ansible_collections.commerce.admin.plugins.module_utils._extensions.facts import (
    extension_facts, filter_extensions, find_extension)
from ansible_collections.commerce.admin.plugins.module_utils._sse.facts import sse_facts
from ansible_collections.commerce.admin.plugins.module_utils._storefront import site_versions
from ansible_collections.commerce.admin.plugins.module_utils._waiting import WaitError, normalize_status, wait_for_work_request


def test_sse_facts_shape():
    item = {"name": "a.zip", "path": "/serverExtensions/a.zip", "size": 3, "checksum": -1.5e18, "lastModified": "2026-01-01T00:00:00.000Z",
            "repositoryId": "x", "type": "file", "metadata": {}}
    assert sse_facts(item) == {"name": "a.zip", "path": "/serverExtensions/a.zip", "size": 3, "checksum": -1.5e18,
                               "last_modified": "2026-01-01T00:00:00.000Z"}
    assert sse_facts(None) is None


EXTENSIONS = [
    {"repositoryId": "1", "name": "Alpha", "enabled": True},
    {"repositoryId": "2", "name": "Twin", "enabled": False},
    {"repositoryId": "3", "name": "Twin", "enabled": True},
]


def test_find_by_id_and_by_unique_name():
    assert find_extension(EXTENSIONS, extension_id="2")["name"] == "Twin"
    assert find_extension(EXTENSIONS, name="Alpha")["repositoryId"] == "1"


def test_ambiguous_name_lists_the_ids():
    with pytest.raises(LookupFailed, match="ambiguous.*ids 2, 3"):
        find_extension(EXTENSIONS, name="Twin")


@pytest.mark.parametrize("kwargs", [{"extension_id": "9"}, {"name": "Nobody"}])
def test_unknown_extension(kwargs):
    with pytest.raises(LookupFailed, match="extension not found"):
        find_extension(EXTENSIONS, **kwargs)


def test_filters_and_facts():
    assert [item["repositoryId"] for item in filter_extensions(EXTENSIONS, name="Twin")] == ["2", "3"]
    assert filter_extensions(EXTENSIONS) == EXTENSIONS
    assert extension_facts(EXTENSIONS[1])["enabled"] is False and extension_facts(EXTENSIONS[1])["id"] == "2"


@pytest.mark.parametrize("previous", ["", None, '""'])
def test_every_spelling_of_no_previous_version(previous):
    versions = site_versions({"currentVersion": "17.1", "previousVersion": previous, "storefrontVersion": "17.1"}, "s")
    assert versions["previous_version"] is None and not versions["has_previous"]


@pytest.mark.parametrize("message,status", [("SUCCEEDED.", "SUCCEEDED"), ("Succeeded", "SUCCEEDED"), (" in_progress. ", "IN_PROGRESS"),
                                            ("FAILED!", "FAILED"), (None, "")])
def test_status_normalisation(message, status):
    assert normalize_status(message) == status


class FakeRestartClient:
    timeout = 1.0

    def __init__(self, messages):
        self.messages = list(messages)
        self.renewals = 0

    def ensure_token(self, min_validity):
        self.renewals += 1

    def get_json(self, path, params=None):
        assert params == {"workRequestId": "w1"}
        message = self.messages.pop(0) if len(self.messages) > 1 else self.messages[0]
        return {"workRequestId": "w1", "message": message, "completionPercentage": 100 if message.startswith("SUCC") else 40}


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_waits_until_succeeded_renewing_the_token_each_poll():
    clock, client = Clock(), FakeRestartClient(["ACCEPTED.", "IN_PROGRESS.", "SUCCEEDED"])
    result = wait_for_work_request(client, "w1", 60, 2, clock=clock, sleep=clock.sleep)
    assert result == {"work_request_id": "w1", "restart_status": "SUCCEEDED", "completion_percentage": 100, "elapsed": 4.0}
    assert client.renewals == 3


@pytest.mark.parametrize("final", ["FAILED.", "CANCELED"])
def test_failed_or_canceled_raise_with_the_status(final):
    clock = Clock()
    with pytest.raises(WaitError, match="ended %s" % normalize_status(final)) as info:
        wait_for_work_request(FakeRestartClient(["IN_PROGRESS.", final]), "w1", 60, 1, clock=clock, sleep=clock.sleep)
    assert info.value.result["restart_status"] == normalize_status(final)


def test_timeout_names_the_work_request_and_says_it_may_still_run():
    clock = Clock()
    with pytest.raises(WaitError) as info:
        wait_for_work_request(FakeRestartClient(["IN_PROGRESS."]), "w1", 5, 2, clock=clock, sleep=clock.sleep)
    message = str(info.value)
    assert "did not finish within wait_timeout (5 s)" in message and "w1" in message and "may still be running" in message
    assert clock.now == 5.0
