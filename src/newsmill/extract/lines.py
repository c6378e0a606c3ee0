"""Split flattened text into lines with offsets and blank-line blocks.

Offsets are kept so that every line of the input can be traced to where it
ended up (article or boilerplate), which the property tests check.
"""

from __future__ import annotations

import re
from itertools import accumulate
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
    raws = text.split("\n")
    stripped = list(map(str.strip, raws))
    starts = list(accumulate((len(r) + 1 for r in raws), initial=0))
    needs_fold = _NEEDS_FOLD.search
    sub = _SPACE.sub
    lines: list[Line] = []
    block = 0
    previous = -2
    for i, folded in enumerate(stripped):
        if not folded:
            continue
        if needs_fold(folded):
            folded = sub(" ", folded).strip()
            if not folded:
                continue
        if lines and i - previous > 1:
            block += 1
        previous = i
        lines.append(Line(len(lines), folded, starts[i], starts[i] + len(raws[i]), block))
    return lines
