"""Split flattened text into lines with offsets and blank-line blocks.

Offsets are kept so that every line of the input can be traced to where it
ended up (article or boilerplate), which the property tests check.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from itertools import compress, repeat
from typing import NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

from newsmill.jit import jit_compiled

TableValue = TypeVar("TableValue", bound=np.generic)

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")

# Marks a browser never draws inside a word: the soft hyphen (a place the word may break,
# "Wäh\xadrend"), the word joiner and the zero-width no-break space (a stray byte-order
# mark). Left in, they cut the word in two for every reader of the text.
_INVISIBLE_MARKS = str.maketrans("", "", "\xad\u2060\ufeff")
_DOUBLED_SPACE = re.compile(r"  +")


def without_invisible_marks(text: str) -> str:
    """``text`` without soft hyphens, word joiners and zero-width no-break spaces; a mark
    that stood alone between spaces leaves one space, other spacing is kept as it was."""
    if "\xad" in text or "\u2060" in text or "\ufeff" in text:
        return _DOUBLED_SPACE.sub(" ", text.translate(_INVISIBLE_MARKS)).strip(" ")
    return text


class Line(NamedTuple):
    """One non-blank input line (a tuple: cheap to make by the hundred per page)."""

    number: int  # position among non-blank lines
    text: str  # stripped, inner whitespace folded
    start: int  # character offset of the raw line in the input
    end: int  # offset just past the raw line (before its newline)
    block: int  # number of the blank-line separated block


def lookup_code_points(
    codes: npt.NDArray[np.uint32],
    table: npt.NDArray[TableValue],
    value_of: Callable[[int], int | bool],
) -> npt.NDArray[TableValue]:
    """Each code point's entry in ``table``, a table of the basic plane; the rare code
    points beyond it are looked up with ``value_of``, once per distinct one."""
    values = table.take(codes, mode="clip")
    wide = np.flatnonzero(codes > 0xFFFF)
    if wide.size:
        unique, inverse = np.unique(codes[wide], return_inverse=True)
        looked_up = np.array([value_of(code) for code in unique.tolist()], dtype=table.dtype)
        values[wide] = looked_up[inverse]
    return values


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, inner whitespace folded to one space.

    One compiled pass (``_raw_lines``) finds each raw line's stripped span and whether
    it holds a character ``_SPACE`` would change; only those few lines are folded
    (folding a line that needs none changes nothing), and the tuples are made by
    ``tuple.__new__``.
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    numbers, heads, tails, starts, ends, fold = _raw_lines_kernel(codes, _space_table())
    if not numbers.shape[0]:
        return []
    texts = list(map(text.__getitem__, map(slice, heads.tolist(), tails.tolist())))
    to_fold = fold.nonzero()[0].tolist()
    if to_fold:
        sub = _SPACE.sub
        for at in to_fold:
            texts[at] = sub(" ", texts[at]).strip()
        if not all(texts):  # a line of nothing but zero-width spaces
            keep = np.fromiter(map(bool, texts), dtype=np.bool_, count=len(texts))
            texts = list(compress(texts, keep.tolist()))
            numbers, starts, ends = numbers[keep], starts[keep], ends[keep]
            if not texts:
                return []
    blocks = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(np.diff(numbers) > 1, out=blocks[1:])
    rows = zip(
        range(len(texts)), texts, starts.tolist(), ends.tolist(), blocks.tolist(), strict=True
    )
    return list(map(_new_tuple, repeat(Line), rows))


# Whitespace to ``str.strip`` (``str.isspace``): none lies past U+3000.
_LAST_SPACE = 0x3000


@functools.cache
def _space_table() -> npt.NDArray[np.uint8]:
    return np.array([chr(c).isspace() for c in range(_LAST_SPACE + 1)], dtype=np.uint8)


def _raw_lines(
    codes: npt.NDArray[np.uint32], space: npt.NDArray[np.uint8]
) -> tuple[
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.bool_],
]:
    """For each raw line (split at "\n") that is not blank once stripped: its number, the
    stripped span, the raw line's span, and whether it holds a tab, a no-break, wide,
    narrow (French "Photo : AFP" writes U+202F) or zero-width space, or two spaces in a
    row (what ``_SPACE`` would change). Compiled by numba (``_raw_lines_kernel``)."""
    size = codes.shape[0]
    count = 1
    for k in range(size):
        if codes[k] == 0x0A:
            count += 1
    numbers = np.empty(count, np.int64)
    heads = np.empty(count, np.int64)
    tails = np.empty(count, np.int64)
    starts = np.empty(count, np.int64)
    ends = np.empty(count, np.int64)
    fold = np.zeros(count, np.bool_)
    kept = 0
    begin = 0
    for number in range(count):
        end = begin
        while end < size and codes[end] != 0x0A:
            end += 1
        head = begin
        while head < end and codes[head] <= _LAST_SPACE and space[codes[head]]:
            head += 1
        if head < end:
            tail = end
            while codes[tail - 1] <= _LAST_SPACE and space[codes[tail - 1]]:
                tail -= 1
            odd = False
            for k in range(begin, end):
                c = codes[k]
                if (
                    c == 0x09
                    or c == 0xA0
                    or 0x2000 <= c <= 0x200B
                    or c == 0x202F
                    or c == 0x205F
                    or c == 0x3000
                    or (c == 0x20 and k + 1 < end and codes[k + 1] == 0x20)
                ):
                    odd = True
                    break
            numbers[kept] = number
            heads[kept] = head
            tails[kept] = tail
            starts[kept] = begin
            ends[kept] = end
            fold[kept] = odd
            kept += 1
        begin = end + 1
    return (
        numbers[:kept],
        heads[:kept],
        tails[:kept],
        starts[:kept],
        ends[:kept],
        fold[:kept],
    )


_raw_lines_kernel = jit_compiled(_raw_lines)
_new_tuple: Callable[[type[Line], tuple[int, str, int, int, int]], Line] = tuple.__new__
