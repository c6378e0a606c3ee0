"""Split flattened text into lines with offsets and blank-line blocks.

Offsets are kept so that every line of the input can be traced to where it
ended up (article or boilerplate), which the property tests check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import compress, count, repeat
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")


class Line(NamedTuple):
    """One non-blank input line (a tuple: cheap to make by the hundred per page)."""

    number: int  # position among non-blank lines
    text: str  # stripped, inner whitespace folded
    start: int  # character offset of the raw line in the input
    end: int  # offset just past the raw line (before its newline)
    block: int  # number of the blank-line separated block


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, inner whitespace folded to one space.

    Built column by column with C-level maps rather than line by line: the characters
    that need folding are found for the whole page at once and only the lines holding
    one are folded (folding a line that needs none changes nothing), and the tuples
    are made by ``tuple.__new__``.
    """
    raws = text.split("\n")
    stripped = list(map(str.strip, raws))
    kept = list(compress(count(), stripped))  # raw numbers of the non-blank lines
    if not kept:
        return []
    texts = list(map(stripped.__getitem__, kept))
    lengths = np.fromiter(map(len, raws), dtype=np.int64, count=len(raws))
    raw_starts = np.zeros(len(raws), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=raw_starts[1:])
    to_fold = set(np.searchsorted(raw_starts, _needing_fold(text), side="right").tolist())
    if to_fold:
        emptied = False
        sub = _SPACE.sub
        for at, number in enumerate(kept):
            if number + 1 in to_fold:  # searchsorted counts the lines starting at or before
                texts[at] = sub(" ", texts[at]).strip()
                emptied = emptied or not texts[at]
        if emptied:  # a line of nothing but zero-width spaces
            pairs = [(n, t) for n, t in zip(kept, texts, strict=True) if t]
            kept, texts = [n for n, _ in pairs], [t for _, t in pairs]
            if not kept:
                return []
    numbers = np.asarray(kept, dtype=np.int64)
    starts = raw_starts[numbers]
    ends = starts + lengths[numbers]
    blocks = np.zeros(len(kept), dtype=np.int64)
    np.cumsum(np.diff(numbers) > 1, out=blocks[1:])
    rows = zip(
        range(len(kept)), texts, starts.tolist(), ends.tolist(), blocks.tolist(), strict=True
    )
    return list(map(_new_tuple, repeat(Line), rows))


def _needing_fold(text: str) -> npt.NDArray[np.intp]:
    """Where ``text`` has a tab, a no-break, wide or zero-width space, or two spaces in a
    row: what ``_SPACE`` would change. Found with numpy; a regex scan of the page costs
    several times more, as no literal prefix lets it skip ahead."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    odd = (codes == 0x09) | (codes == 0xA0) | ((codes - 0x2000) <= 0x0B) | (codes == 0x3000)
    space = codes == 0x20
    odd[:-1] |= space[:-1] & space[1:]
    found: npt.NDArray[np.intp] = np.flatnonzero(odd)
    return found


_new_tuple: Callable[[type[Line], tuple[int, str, int, int, int]], Line] = tuple.__new__
