# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Extension IDs belong to one instance: find the one this instance has for an extension, or make one."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils import _api as api
from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceApiError, CommerceError, LookupFailed

# What an instance without createExtensionID answers (DCU falls back on the same condition).
NO_ENDPOINT = (404, 405, 501)


def _id_of(item):
    return item.get("repositoryId") or item.get("id")


def resolve(installed, generated, name, declared_id):
    """(extension ID, how it was found) on this instance, or (None, None) when it has none yet.

    `installed` is the extension listing, `generated` the listing of extension IDs. In order:
    the manifest's extensionID when this instance generated it; the one ID called `name`;
    the one installed extension called `name` (installed by another tool).
    """
    known = {_id_of(item) for item in generated}
    if declared_id and declared_id in known:
        return declared_id, "the manifest's extensionID, generated on this instance"
    named = [_id_of(item) for item in generated if item.get("name") == name]
    installed_ids = {item.get("repositoryId") for item in installed}
    if len(named) > 1:
        # Several IDs share the name (names are free text): the installed one is the extension's.
        named = [extension_id for extension_id in named if extension_id in installed_ids] or named
    if len(named) > 1:
        raise LookupFailed("%d extension IDs are called %r (%s) and none or several are installed: "
                           "delete the extra ones under Settings > Extensions > Developer, or set name to tell them apart"
                           % (len(named), name, ", ".join(sorted(named))))
    if named:
        return named[0], "the extension ID called %r" % name
    listed = [item.get("repositoryId") for item in installed if item.get("name") == name]
    if len(listed) > 1:
        raise LookupFailed("%d installed extensions are called %r (%s): set name to tell them apart" % (len(listed), name, ", ".join(sorted(listed))))
    if listed:
        return listed[0], "the installed extension called %r" % name
    return None, None


def create(client, name):
    """A new extension ID called `name`: createExtensionID, or createApplicationID where the instance lacks it."""
    try:
        answer = api.create_extension_id(client, name)
    except CommerceApiError as exc:
        if exc.status not in NO_ENDPOINT:
            raise
        answer = api.create_application_id(client, name)
    extension_id = _id_of(answer) if isinstance(answer, dict) else None
    if not extension_id:
        raise CommerceError("the server generated an extension ID for %r but its answer names none: %r" % (name, answer))
    return extension_id
