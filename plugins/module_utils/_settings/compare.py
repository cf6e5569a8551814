# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Declared settings values against the server's, after giving each declared value the server's type.

YAML and templating turn `2` into "2" and `true` into "True"; the server keeps JSON types. A declared
value is converted to the type of the value the server holds for that name when it converts without
loss, so `retries: "2"` equals a stored 2 and is written as 2. Values that do not convert, and names
the server holds no value for, are compared and written as declared.
"""

from __future__ import annotations

from ansible.module_utils.parsing.convert_bool import boolean


def _as_bool(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        try:
            return boolean(value.strip(), strict=True)
        except TypeError:
            return value
    return value


def _as_int(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return value
    return value


def _as_float(value):
    if isinstance(value, int):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return value
    return value


def _as_str(value):
    if isinstance(value, bool):
        return "true" if value else "false"  # JSON's spelling, as the server would write it
    if isinstance(value, (int, float)):
        return str(value)
    return value


def normalise(declared, current):
    """`declared` in the type of `current` (the server's value) where it converts; else unchanged."""
    if declared is None or current is None:
        return declared
    if isinstance(current, bool):
        return _as_bool(declared)
    if isinstance(current, int) and not isinstance(declared, bool):
        return _as_int(declared)
    if isinstance(current, float) and not isinstance(declared, bool):
        return _as_float(declared)
    if isinstance(current, str):
        return _as_str(declared)
    if isinstance(current, dict) and isinstance(declared, dict):
        return dict((key, normalise(value, current.get(key))) for key, value in declared.items())
    if isinstance(current, list) and isinstance(declared, list) and len(current) == len(declared):
        return [normalise(value, held) for value, held in zip(declared, current)]
    return declared


def normalised(declared, current):
    """Every declared value in the server's types: what is compared, and what a change writes."""
    return dict((name, normalise(value, current.get(name))) for name, value in declared.items())


def differing(declared, current):
    """The sorted names whose declared value differs from the server's (a name it lacks differs)."""
    wanted = normalised(declared, current)
    return sorted(name for name, value in wanted.items() if name not in current or not _same(value, current[name]))


def _same(left, right):
    """Equal and of the same JSON type, at every depth: 1 is not true; 1.0 and 1 are the same number."""
    if isinstance(left, dict) and isinstance(right, dict):
        return sorted(left) == sorted(right) and all(_same(left[key], right[key]) for key in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(_same(one, other) for one, other in zip(left, right))
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    return left == right
