# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a publish would take to shoppers: the pending change items, one line each."""

from __future__ import annotations


def change_line(change):
    kind = change.get("asset_type_name") or change.get("asset_type") or "change"
    author = " (by %s)" % change["author"] if change.get("author") else ""
    return "+ %s %s%s" % (kind, change.get("asset_id") or change.get("id") or "(no id)", author)


class Plan:
    def __init__(self, changes):
        self.changes = list(changes)

    @property
    def count(self):
        return len(self.changes)

    def description(self):
        return "publish %d pending change%s" % (self.count, "" if self.count == 1 else "s")

    def lines(self):
        return [change_line(change) for change in self.changes]

    def diff(self):
        text = "\n".join(self.lines()) if self.changes else "nothing to publish"
        return {"prepared": text + "\n"}
