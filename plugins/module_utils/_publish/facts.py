# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What is pending and how the last publish went, in the collection's snake_case shape."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api

# doc: getPublishStatus; the fields the module decides on and returns
STATUS_FIELDS = (("publishRunning", "publish_running"), ("publishId", "publish_id"), ("currentPhase", "current_phase"),
                 ("lastCompletedPhase", "last_completed_phase"), ("numberOfChanges", "number_of_changes"),
                 ("errorMessage", "error_message"), ("errorPhase", "error_phase"), ("statusMessage", "status_message"))
# assumed: a change item's fields, by analogy with the documented getPublishingChanges items
CHANGE_FIELDS = (("id", "id"), ("assetId", "asset_id"), ("assetType", "asset_type"), ("assetTypeDisplayName", "asset_type_name"),
                 ("author", "author"), ("changeTime", "change_time"))


def _snake(answer, fields):
    answer = answer if isinstance(answer, dict) else {}
    return dict((snake, answer.get(camel)) for camel, snake in fields)


def status(client):
    """The last publish (the running one while it runs)."""
    return status_of(api.publish_status(client))


def status_of(answer):
    """A getPublishStatus answer in the collection's shape; publish_running is a plain bool."""
    facts = _snake(answer, STATUS_FIELDS)
    facts["publish_running"] = facts["publish_running"] is True
    return facts


def pending(client):
    """Every pending change item."""
    return [_snake(item, CHANGE_FIELDS) for item in api.publish_changes(client) if isinstance(item, dict)]


def failure(facts):
    """What the server says went wrong in an ended publish, or None: a non-empty errorMessage, or an errorPhase."""
    message, phase = facts.get("error_message"), facts.get("error_phase")
    if not message and phase in (None, 0, "", "0"):
        return None
    shown_phase = phase if phase not in (None, "") else "unknown"
    return "the publish %s failed in phase %s: %s" % (facts.get("publish_id") or "(no id)", shown_phase, message or "the server gave no message")
