# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a site_settings run would write, as a value: the names that differ, the one body, the diff.

Secret values never leave this value unmasked: the diff and every result show a secret name with
REDACTED, and say only whether its value changes.
"""

from __future__ import annotations

from ansible_collections.commerce.admin.plugins.module_utils._errors import REDACTED
from ansible_collections.commerce.admin.plugins.module_utils._settings import compare
from ansible_collections.commerce.admin.plugins.module_utils._settings.facts import site_label

CHANGED_SECRET = REDACTED + " (changed)"


def masked(values, secret):
    """`values` with every secret name's value replaced by REDACTED."""
    return dict((name, REDACTED if name in secret else value) for name, value in values.items())


class Plan:
    """One settings ID on one site: `changes` (sorted names) and `body`, the declared values in the server's types."""

    def __init__(self, settings_id, site_id, declared, secret, current):
        self.settings_id = settings_id
        self.site_id = site_id
        self.secret = frozenset(secret)
        self.body = compare.normalised(declared, current)
        self.changes = compare.differing(declared, current)
        self.undeclared = sorted(set(current) - set(declared))
        self._before = dict((name, current[name]) for name in declared if name in current)

    def description(self):
        names = ", ".join("%s (secret)" % name if name in self.secret else name for name in self.changes)
        return "set %s of settings %s on %s" % (names, self.settings_id, site_label(self.site_id))

    def line(self):
        where = "%s on %s" % (self.settings_id, site_label(self.site_id))
        if not self.changes:
            return "= %s: unchanged" % where
        return "~ %s: %s" % (where, ", ".join("%s (secret)" % name if name in self.secret else name for name in self.changes))

    def before(self):
        """The declared names' values before (secrets masked; a name without a value is left out)."""
        return masked(self._before, self.secret)

    def after(self):
        """The declared values once written: a changed secret says so, its value never shows."""
        shown = masked(self.body, self.secret)
        for name in self.secret & set(self.changes):
            shown[name] = CHANGED_SECRET
        return shown

    def diff(self):
        return {"before": self.before(), "after": self.after(), "prepared": self.line() + "\n"}
