# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rows for what no public source settles: the instance's answer is reported as INFO, never judged.

Each one reads: GETs, and POSTs to refresh and verify only.
"""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._contract import shapes
from ansible_collections.commerce.admin.plugins.module_utils._contract.wire import ADMIN

# doc: the listing's item fields; seen: real listings also carry `id`
EXTENSION_FIELDS = ("repositoryId", "id", "name", "enabled", "version", "zipPath", "creationTime", "modificationTime", "installedTime",
                    "creator", "developerId", "origin", "description")
ID_FIELDS = ("repositoryId", "id", "name", "type", "inUse", "external", "creationTime", "createdBy")
# assumed: pending change items carry the fields of the documented publishingChanges items
CHANGE_FIELDS = ("id", "assetId", "assetType", "assetTypeDisplayName", "author", "changeTime")


def _fields(items, names):
    """`all: a, b; some: c; none: d` over the items' fields."""
    groups = {"all": [], "some": [], "none": []}
    for name in names:
        count = sum(1 for item in items if isinstance(item, dict) and name in item)
        groups["all" if count == len(items) else "none" if count == 0 else "some"].append(name)
    return "; ".join("%s: %s" % (group, ", ".join(found)) for group, found in groups.items() if found)


def old_token(run):
    """Whether the token a refresh replaced still works (nothing public says it is revoked)."""
    request = "POST %s/verify  with the token before the refresh" % ADMIN
    expected = "not stated: the old token may stay valid or be revoked"
    if run.before_refresh is None:
        return run.skip("token after refresh", request, expected, "the refresh gave no new token")
    response = run.wire.post("token after refresh", ADMIN + "/verify", run.before_refresh)
    if response.status_code == 200:
        got = "200: the old token still works after a refresh"
    elif response.status_code == 401:
        got = "401: a refresh revokes the old token"
    else:
        got = shapes.answer(response)
    run.info("token after refresh", request, expected, got)


def empty_form_refresh(run):
    """seen: clients refresh with an empty form-encoded body, though the registry records a JSON request."""
    request = "POST %s/refresh  Content-Type form, empty body" % ADMIN
    expected = "not stated: the registry records a JSON request"
    response = run.wire.post("empty-form refresh", ADMIN + "/refresh", run.token, data=b"",
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
    body = shapes.json_body(response)
    if response.status_code == 200 and isinstance(body, dict) and isinstance(body.get("access_token"), str):
        run.token = body["access_token"]  # the one before may be revoked now
        run.wire.hide(run.token)
        return run.info("empty-form refresh", request, expected, "200: taken, a new token")
    run.info("empty-form refresh", request, expected, "refused: " + shapes.answer(response))


def doubled_slashes(run):
    """seen: clients join paths into /ccadmin/v1//serverExtensions."""
    request = "GET %s//serverExtensions?limit=1" % ADMIN
    expected = "not stated: taken as one slash, or 404"
    response = run.wire.get("doubled slashes", ADMIN + "//serverExtensions", run.token, params={"limit": 1})
    body = shapes.json_body(response)
    if response.status_code == 200 and isinstance(body, dict) and "items" in body:
        got = "200: taken as /serverExtensions"
    else:
        got = "not taken: " + shapes.answer(response)
    run.info("doubled slashes", request, expected, got)


def extension_fields(run):
    """Which of the doc's listing fields this instance's extensions carry (the doc example is the only one)."""
    request = "(the GET %s/extensions answer)" % ADMIN
    expected = "doc fields " + ", ".join(EXTENSION_FIELDS[:6]) + ", ...; id is seen, not doc"
    items = run.extension_items
    if items is None:
        return run.skip("extension fields", request, expected, "the extension listing could not be read")
    if not items:
        return run.info("extension fields", request, expected, "no extension installed: nothing to show")
    text = "%d item(s); %s" % (len(items), _fields(items, EXTENSION_FIELDS))
    versions = sorted({shapes.kind_of(item.get("version")) for item in items if isinstance(item, dict) and "version" in item})
    if versions:
        text += "; version is " + "|".join(versions)
    zip_paths = [item["zipPath"] for item in items if isinstance(item, dict) and isinstance(item.get("zipPath"), str)]
    if zip_paths:
        text += "; zipPath like %s" % zip_paths[0]
    run.info("extension fields", request, expected, text)


def publish_changes(run):
    """GET /publish/changes (doc, rec): its answer's shape is not stated; read as {items, totalResults} like publishingChanges."""
    request = "GET %s/publish/changes" % ADMIN
    expected = "not stated: {items, totalResults} assumed (as publishingChanges); items " + ", ".join(CHANGE_FIELDS[:3]) + ", ..."
    response = run.wire.get("pending changes", ADMIN + "/publish/changes", run.token)
    body = shapes.json_body(response)
    if response.status_code != 200:
        return run.info("pending changes", request, expected, shapes.answer(response))
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        return run.info("pending changes", request, expected, "200 but no items list: %s" % shapes.kind_of(body))
    items = body["items"]
    text = "200 {items}; %d pending change(s), totalResults %s" % (len(items), body.get("totalResults", "absent"))
    if items:
        text += "; " + _fields(items, CHANGE_FIELDS)
    run.info("pending changes", request, expected, text)


def extension_ids(run):
    """GET /applicationIds?type=extension: {"items"} in the schema, a bare array in older examples; 403 seen from outside."""
    request = "GET %s/applicationIds?type=extension" % ADMIN
    expected = "doc: {items: [...]} (schema) or a bare array (examples); items " + ", ".join(ID_FIELDS[:5]) + ", ..."
    response = run.wire.get("extension IDs", ADMIN + "/applicationIds", run.token, params={"type": "extension"})
    body = shapes.json_body(response)
    if response.status_code != 200:
        return run.info("extension IDs", request, expected, shapes.answer(response))
    if isinstance(body, list):
        items, shape = body, "a bare array"
    elif isinstance(body, dict) and isinstance(body.get("items"), list):
        items, shape = body["items"], "{items}"
    else:
        return run.info("extension IDs", request, expected, "200 but neither {items} nor an array: %s" % shapes.kind_of(body))
    text = "200 %s; %d ID(s)" % (shape, len(items))
    if items:
        text += "; " + _fields(items, ID_FIELDS)
        text += "; %d in use" % sum(1 for item in items if isinstance(item, dict) and item.get("inUse") is True)
    run.info("extension IDs", request, expected, text)
