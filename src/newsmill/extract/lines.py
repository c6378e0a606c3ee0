"""Split flattened text into lines with offsets and blank-line blocks.

Offsets are kept so that every line of the input can be traced to where it
ended up (article or boilerplate), which the property tests check.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_NEEDS_FOLD = re.compile(r"  |[\t\u00a0\u2000-\u200b\u3000]")


class Line(NamedTuple):
    """One non-blank input line (a tuple: cheap to make by the hundred per page)."""

    number: int  # position among non-blank lines
    text: str  # stripped, inner whitespace folded
    start: int  # character offset of the raw line in the input
    end: int  # offset just past the raw line (before its newline)
    block: int  # number of the blank-line separated block


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    block = 0
    offset = 0
    gap = False
    sub = _SPACE.sub
    needs_fold = _NEEDS_FOLD.search
    for raw in text.split("\n"):
        start = offset
        offset += len(raw) + 1
        folded = raw.strip()
        if needs_fold(folded):
            folded = sub(" ", folded).strip()
        if not folded:
            gap = True
            continue
        if gap and lines:
            block += 1
        gap = False
        lines.append(Line(len(lines), folded, start, start + len(raw), block))
    return lines


def first_in_block(lines: list[Line]) -> list[bool]:
    return [i == 0 or lines[i - 1].block != line.block for i, line in enumerate(lines)]
