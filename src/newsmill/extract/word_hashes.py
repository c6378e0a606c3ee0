"""The words of a text as 64-bit numbers, for matching word n-grams between two texts.

Comparing a page's blocks with Resiliparse's main text needs every word of both, case
folded. ``re.findall(r"\\w+", text.lower())`` and a hash of each word made a Python
string per word and cost a tenth of the extractor's time; here the text goes to numpy
as code points once, two lookup tables give each character's lower case and whether it
is a word character, and a numba kernel hashes each run of word characters. The words
are the regex's (``\\w`` is ``str.isalnum()`` or ``_``, tested on the lowered character,
as the regex saw it). Each character is lowered on its own and a Greek final "ς" is
read as "σ", so a word matches its capitalised and its upper-case spellings wherever
it stands. The numbers differ from Python's string hashes, but equal words give equal
numbers, which is all the matching asks.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from newsmill.extract.lines import lookup_code_points
from newsmill.jit import jit_compiled

U64Array = npt.NDArray[np.uint64]
I64Array = npt.NDArray[np.int64]

# The one character whose lower case is two: "İ" lowers to "i" and a combining dot,
# which is no word character, so the regex split the word there.
_TWO_CHAR_LOWER = ("\u0130", "i\u0307")
# A Greek word's last sigma: str.lower writes a capital word's final "Σ" so, and a
# character lowered on its own cannot know it is last. Folded into "σ", "ΟΔΟΣ" and
# "οδος" stay one word, as they were for str.lower.
_FINAL_SIGMA = "ς"
_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _lowered(code: int) -> tuple[int, bool]:
    lower = chr(code).lower()
    if len(lower) != 1:  # only U+0130, replaced in the text before the tables are read
        return code, False
    if lower == _FINAL_SIGMA:
        lower = "σ"
    return ord(lower), _is_word(lower)


class _Tables:
    """Built once on first use: the lower case and the word flag of the basic plane."""

    lower: npt.NDArray[np.uint32] | None = None
    word: npt.NDArray[np.bool_] | None = None

    @classmethod
    def get(cls) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.bool_]]:
        if cls.lower is None or cls.word is None:
            pairs = [_lowered(code) for code in range(0x10000)]
            cls.lower = np.array([lower for lower, _ in pairs], dtype=np.uint32)
            cls.word = np.array([word for _, word in pairs], dtype=np.bool_)
        return cls.lower, cls.word


def _codes(text: str) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.bool_]]:
    """Each character's lowered code point and whether it is a word character."""
    if _TWO_CHAR_LOWER[0] in text:
        text = text.replace(*_TWO_CHAR_LOWER)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lower_table, word_table = _Tables.get()
    lower = lookup_code_points(codes, lower_table, lambda code: _lowered(code)[0])
    word = lookup_code_points(codes, word_table, lambda code: _lowered(code)[1])
    return lower, word


def _hash_runs(
    lower: npt.NDArray[np.uint32],
    word: npt.NDArray[np.bool_],
    newline: np.uint32,
    offset: np.uint64,
    prime: np.uint64,
) -> tuple[U64Array, I64Array, int]:
    """FNV-1a of each run of word characters; how many runs each line holds (lines end at
    ``newline``); the characters in all runs."""
    n = lower.shape[0]
    hashes = np.empty(n // 2 + 1, dtype=np.uint64)
    lines = 1
    for i in range(n):
        if lower[i] == newline:
            lines += 1
    counts = np.zeros(lines, dtype=np.int64)
    found = 0
    line = 0
    chars = 0
    h = offset
    inside = False
    for i in range(n):
        code = lower[i]
        if word[i]:
            if not inside:
                inside = True
                h = offset
            h = (h ^ np.uint64(code)) * prime
            chars += 1
            continue
        if inside:
            hashes[found] = h
            found += 1
            counts[line] += 1
            inside = False
        if code == newline:
            line += 1
    if inside:
        hashes[found] = h
        found += 1
        counts[line] += 1
    return hashes[:found], counts, chars


_kernel = jit_compiled(_hash_runs)


def word_hashes(text: str) -> tuple[U64Array, I64Array, int]:
    """The case-folded ``\\w+`` words of ``text`` as numbers, in order; how many words
    each of its lines holds; and the characters of all words together."""
    lower, word = _codes(text)
    return _kernel(lower, word, np.uint32(10), _FNV_OFFSET, _FNV_PRIME)
