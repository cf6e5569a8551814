# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SSE environment variables: the listing in the collection's shape, and the declared set checked.

A fact holds the value, because the plan compares it; no fact ever goes into a result (values are
secrets): results and diffs carry names only.
"""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._errors import CommerceError


def variable_facts(item):
    return {
        "id": item.get("id"),
        "name": item.get("name"),
        "value": item.get("value"),
        "creation_time": item.get("creationTime"),
        "modification_time": item.get("modificationTime"),
    }


def by_name(items):
    """{name: [facts, ...]} in listing order (a name may be stored more than once); items without a name or id are skipped."""
    grouped = {}
    for item in items:
        facts = variable_facts(item)
        if isinstance(facts["name"], str) and facts["name"] and facts["id"] is not None:
            grouped.setdefault(facts["name"], []).append(facts)
    return grouped


def declared(variables):
    """{name: value as text} of the `variables` option; numbers become text, anything else is refused naming the name only."""
    result = {}
    for name, value in (variables or {}).items():
        if not isinstance(name, str) or not name.strip():
            raise CommerceError("every variable needs a name: %r is not one" % (name,))
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise CommerceError("the value of variable %s must be a string (quote it): it is %s" % (
                name, "null" if value is None else type(value).__name__))
        result[name] = value if isinstance(value, str) else str(value)
    return result
