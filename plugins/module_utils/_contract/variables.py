# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SSE environment variables listing: its shape only. Values are secrets: none is ever shown, and each
one read is hidden by the run's wire, so that no later row (nor an error of the client) can print it either."""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._contract import shapes
from ansible_collections.commerce.admin.plugins.module_utils._contract.wire import ADMIN

PATH = ADMIN + "/extensionEnvironmentVariables"
CALL = "list SSE variables"
# doc: the item fields; previewValue only on the current pages
FIELDS = ("id", "name", "value", "previewValue", "creationTime", "modificationTime", "createdBy", "lastModifiedBy")
MAX_PAGES = 1000


def _has_next(body):
    links = body.get("links")
    return isinstance(links, list) and any(isinstance(link, dict) and link.get("rel") == "next" for link in links)


def _item_problems(item, where):
    """Type problems of one item, named by field, never by value."""
    if not isinstance(item, dict):
        return ["%sa %s, not an object" % (where, shapes.kind_of(item))]
    found = ["%s%s missing or not a string" % (where, name) for name in ("id", "name") if not isinstance(item.get(name), str)]
    if "value" not in item:
        found.append("%svalue missing" % where)
    elif not isinstance(item["value"], str):
        found.append("%svalue is a %s, not a string" % (where, shapes.kind_of(item["value"])))
    return found


def _page(run, offset, size, seen):
    """Read one page into `seen`; (problems, whether a next page is announced)."""
    response = run.wire.get(CALL, PATH, run.token, params={"offset": offset, "limit": size})
    body = shapes.json_body(response)
    if response.status_code != 200:
        return ["expected 200, got %s" % shapes.answer(response)], False
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        return ["page at offset %d: no items list (%s)" % (offset, shapes.kind_of(body))], False
    problems = shapes.Shape([], [("links", shapes.LINKS)]).problems(body, "page at offset %d: " % offset)
    for index, item in enumerate(body["items"]):
        if isinstance(item, dict):
            run.wire.hide(item.get("value"))
            run.wire.hide(item.get("previewValue"))
        problems += _item_problems(item, "items[%d] " % (offset + index))
    seen["items"] += [item for item in body["items"] if isinstance(item, dict)]
    seen["links"] = seen["links"] or "links" in body
    seen["total"] = seen["total"] or "totalResults" in body
    return problems, _has_next(body) and bool(body["items"])


def list_variables(run):
    """Page through the variables following next links; report counts, duplicated names and which fields items carry."""
    size = run.options.page_size
    request = "GET %s?offset=..&limit=%d" % (PATH, size)
    expected = "200 {items, links}; items id, name, value str (+ previewValue on current pages); follow rel=next; values never shown"
    seen = {"items": [], "links": False, "total": False}
    pages, offset, problems, more = 0, 0, [], True
    while more and not problems and pages < MAX_PAGES:
        page_problems, more = _page(run, offset, size, seen)
        problems += page_problems
        pages += 1
        offset = len(seen["items"])
    names = [item.get("name") for item in seen["items"]]
    twice = sorted({name for name in names if names.count(name) > 1 and isinstance(name, str)})
    carried = [name for name in FIELDS if seen["items"] and all(name in item for item in seen["items"])]
    got = "%d page(s); %d variable(s); %s; links %s, totalResults %s; fields on every item: %s" % (
        pages, len(names), "names stored more than once: %s" % ", ".join(twice) if twice else "no duplicated name",
        "present" if seen["links"] else "absent", "present" if seen["total"] else "absent", ", ".join(carried) or "none")
    run.row(CALL, request, expected, ("200; " + got) if not problems else got, problems)
