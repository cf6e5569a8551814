# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The report: one row per call, laid out as a table that fits the terminal."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

OK, MISMATCH, SKIPPED = "OK", "MISMATCH", "SKIPPED"
# What no public source settles: reported as found, never judged.
INFO = "INFO"
COLUMNS = ("call", "request", "expected (model)", "got", "result")
# Narrowest useful widths, and the natural cap of the request column.
MIN_WIDTHS = (10, 24, 22, 22, 8)
REQUEST_CAP = 48
# Below this terminal width the five columns get too thin: print one block per call instead.
STACK_BELOW = 110
COLORS = {OK: "\033[32m", MISMATCH: "\033[1;31m", SKIPPED: "\033[33m", INFO: "\033[36m"}
RESET = "\033[0m"


@dataclass
class Row:
    """One call: what was asked, what the model expects, what came back, and the verdict."""

    call: str
    request: str
    expected: str
    got: str
    result: str

    def cells(self):
        return (self.call, self.request, self.expected, self.got, self.result)


def wrap(text, width):
    """Lines of at most `width`; a word longer than a line (a path, a URL) breaks after / ? & , = ; | or hard."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in re.findall(r"\S+\s*", paragraph):
            while len(line) + len(word.rstrip()) > width:
                cut = _cut(word, width - len(line)) if len(word.rstrip()) > width else 0
                if line and not cut:
                    lines.append(line.rstrip())
                    line = ""
                    continue
                cut = cut or width
                lines.append((line + word[:cut]).rstrip())
                line, word = "", word[cut:]
            line += word
        lines.append(line.rstrip())
    return lines


def _cut(word, room):
    """Where to break a long word so that its head fits `room`: after the last break mark, 0 when none fits."""
    return max((word.rfind(mark, 0, room) + 1 for mark in "/?&,=;|"), default=0) if room > 0 else 0


def widths(rows, total):
    """Column widths: call and result as they are, request up to REQUEST_CAP, expected and got share the rest."""
    natural = [max([len(head)] + [max(len(line) for line in row.cells()[index].split("\n")) for row in rows])
               for index, head in enumerate(COLUMNS)]
    call, result = natural[0], natural[4]
    request = min(natural[1], REQUEST_CAP)
    room = total - call - result - 2 * (len(COLUMNS) - 1)
    # A narrow terminal takes room from the request column first: paths wrap well at their slashes.
    request = max(MIN_WIDTHS[1], min(request, room - MIN_WIDTHS[2] - MIN_WIDTHS[3]))
    rest = room - request
    expected = max(MIN_WIDTHS[2], min(natural[2], rest * 9 // 20))
    got = max(MIN_WIDTHS[3], min(natural[3], rest - expected))
    expected = max(MIN_WIDTHS[2], min(natural[2], rest - got))  # give back what got does not need
    return [call, request, expected, got, result]


def render(rows, total_width=None, color=False):
    """The table as text: a header, a rule, and each row's wrapped cells side by side (stacked when narrow)."""
    total = total_width or shutil.get_terminal_size((160, 24)).columns
    if total < STACK_BELOW:
        return stacked(rows, total, color)
    sizes = widths(rows, total)
    out = [_line(COLUMNS, sizes), _line(["-" * size for size in sizes], sizes)]
    for number, row in enumerate(rows):
        columns = [wrap(cell, size) for cell, size in zip(row.cells(), sizes)]
        height = max(len(column) for column in columns)
        for index in range(height):
            cells = [column[index] if index < len(column) else "" for column in columns]
            if color and index == 0 and row.result in COLORS:
                out.append(_line(cells[:-1], sizes[:-1]) + "  " + COLORS[row.result] + cells[-1] + RESET)
            else:
                out.append(_line(cells, sizes))
        if height > 1 and number < len(rows) - 1:
            out.append("")  # a blank line keeps multi-line rows apart
    return "\n".join(line.rstrip() for line in out)


def stacked(rows, total, color=False):
    """A narrow terminal: each call as a block, `call  RESULT` then request, expected and got indented."""
    out = []
    label = max(len(name) for name in COLUMNS[1:4]) + 4
    for row in rows:
        result = COLORS[row.result] + row.result + RESET if color and row.result in COLORS else row.result
        out.append("%s  %s" % (row.call, result))
        for name, text in zip(COLUMNS[1:4], row.cells()[1:4]):
            lines = wrap(text, max(20, total - label)) if text else [""]
            out.append(("  " + name).ljust(label) + lines[0])
            out.extend(" " * label + line for line in lines[1:])
        out.append("")
    return "\n".join(line.rstrip() for line in out).rstrip()


def _line(cells, sizes):
    return "  ".join(cell.ljust(size) for cell, size in zip(cells, sizes))


def summary(rows):
    """The last line: counts and the verdict."""
    counts = {result: sum(1 for row in rows if row.result == result) for result in (OK, MISMATCH, SKIPPED, INFO)}
    text = "%d calls: %d OK, %d MISMATCH, %d SKIPPED, %d INFO." % (len(rows), counts[OK], counts[MISMATCH], counts[SKIPPED], counts[INFO])
    if counts[MISMATCH]:
        return text + " The instance deviates from docs/api-model.md: do not trust the collection here until the MISMATCH rows are understood."
    return text + " The instance answers as docs/api-model.md says."
