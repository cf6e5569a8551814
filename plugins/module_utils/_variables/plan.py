# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The set of SSE variables as a value: what to add, update and delete, and why; names only, never a value.

A name stored more than once converges to one item: the one that already holds the declared value
if any, else the first listed; the others are deleted. Every decision comes from the listing.
"""

from __future__ import annotations

from dataclasses import dataclass

ADD, UPDATE, DELETE = "add", "update", "delete"
SYMBOLS = {ADD: "+", UPDATE: "~", DELETE: "-"}
ABSENT = "added"
CHANGED = "value changed"
UNDECLARED = "removed: not declared (purge)"
DUPLICATE = "duplicate removed: the name is stored more than once"


@dataclass(frozen=True)
class Step:
    """One write: `variable_id` is the item updated or deleted (None for an add)."""

    action: str
    name: str
    reason: str
    variable_id: str | None = None

    def line(self):
        return "%s %s (%s)" % (SYMBOLS[self.action], self.name, self.reason)


@dataclass(frozen=True)
class VariablesPlan:
    steps: tuple
    unchanged: tuple

    def _names(self, action, reason=None):
        return sorted({step.name for step in self.steps if step.action == action and reason in (None, step.reason)})

    @property
    def added(self):
        return self._names(ADD)

    @property
    def updated(self):
        return self._names(UPDATE)

    @property
    def removed(self):
        return self._names(DELETE, UNDECLARED)

    @property
    def deduplicated(self):
        return self._names(DELETE, DUPLICATE)

    @property
    def changes(self):
        return bool(self.steps)

    @property
    def deletes(self):
        return any(step.action == DELETE for step in self.steps)

    def lines(self):
        return [step.line() for step in self.steps]

    def summary(self):
        """"+ A, ~ B, - C": what the change does, one mark per name (for messages and protection refusals)."""
        seen = []
        for step in self.steps:
            mark = "%s %s" % (SYMBOLS[step.action], step.name)
            if mark not in seen:
                seen.append(mark)
        return ", ".join(seen)

    def diff(self, then=None):
        """Ansible's prepared diff: one line per write, names and reasons only, and `then`, a line for what follows them."""
        return {"prepared": "".join(line + "\n" for line in self.lines() + ([then] if then else [])) or "(no change)\n"}


def _converge(name, wanted, stored):
    """Steps that leave one item called `name` holding `wanted`."""
    keep = next((facts for facts in stored if facts["value"] == wanted), stored[0])
    steps = [Step(DELETE, name, DUPLICATE, facts["id"]) for facts in stored if facts is not keep]
    if keep["value"] != wanted:
        steps.insert(0, Step(UPDATE, name, CHANGED, keep["id"]))
    return steps


def build_plan(desired, remote, purge):
    """The plan from `desired` ({name: value}) and `remote` (facts.by_name of the listing)."""
    steps, unchanged = [], []
    for name in sorted(desired):
        stored = remote.get(name) or []
        if not stored:
            steps.append(Step(ADD, name, ABSENT))
            continue
        converging = _converge(name, desired[name], stored)
        if converging:
            steps.extend(converging)
        else:
            unchanged.append(name)
    if purge:
        for name in sorted(set(remote) - set(desired)):
            steps.extend(Step(DELETE, name, UNDECLARED, facts["id"]) for facts in remote[name])
    return VariablesPlan(tuple(steps), tuple(unchanged))
