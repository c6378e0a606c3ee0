"""The numba kernels of the flat line features give, bit for bit, what the numpy code
they replaced gave.

``line_features`` counts characters, tokens, sentence breaks and the like in one
compiled pass per page (``_page_marks``) and builds the context block in another
(``_context_rows``); the trees are summed by a compiled loop (``_decide_rows``). The
numpy implementation they replaced is kept below as the reference, unchanged apart from
names (the character table, `best_region` and small helpers that did not change are
imported from the module rather than copied). Both run on random pages full of awkward
characters (odd and wide spaces, digits of other scripts, closing quotes, characters
beyond the basic plane) and on real-shaped text, comparing every feature and lexicon kind
exactly.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from newsmill.extract.lexicon import BoilerplateLexicon, load_lexicon
from newsmill.extract.line_features import (
    _ALPHA,
    _BULLETCH,
    _CLOSE,
    _COMMA,
    _CONTEXT_COLUMNS,
    _COPY,
    _DATEISH,
    _DECIMAL,
    _DIGIT,
    _DOTAT,
    _ENDPUNCT,
    _SENTENCE_BREAK,
    _SEP,
    _SPACE,
    _TERM,
    _TOKEN_FLAGS,
    _TRAILING_NUMBER,
    _UPPER,
    _URLISH,
    _WINDOWS,
    _WORDCH,
    BASE_NAMES,
    LEXICON_KINDS,
    _block_of,
    _char_classes,
    _line_of,
    best_region,
    line_features,
)
from newsmill.extract.lines import Line, split_lines
from newsmill.extract.oblivious_trees import ObliviousTrees

FloatArray = npt.NDArray[np.float64]
_text_of = itemgetter(1)


# Character classes as bits of one lookup table over the basic plane. The nine
# classes counted per line come first (bits 0-8), so a line's counts can be read
# from the low bits of its characters' classes in one pass (see ``_class_counts``).
_COUNTED = 0x1FF  # the nine counted classes
# Rows of the per-line count matrix: the nine counted classes, then three starts.
_WORD_STARTS, _UPPER_STARTS, _TOKEN_STARTS = 9, 10, 11
_N_COUNTS = 12
# Counts travel four to a uint64 in 16-bit fields: exact while a line is shorter.
_FIELD_BITS = 16
_FIELD_LIMIT = 1 << _FIELD_BITS


# For each group of four count bits, a table from a character's twelve marks to those
# four bits spread to 16-bit fields: _PACKED[0][0b0101] = 1 + (1 << 32).
_PACKED = tuple(
    np.array(
        [
            sum(1 << (_FIELD_BITS * b) for b in range(4) if code >> (4 * group + b) & 1)
            for code in range(1 << _N_COUNTS)
        ],
        dtype=np.uint64,
    )
    for group in range(3)
)
_FIELD_SHIFTS = np.array([0, 16, 32, 48], dtype=np.uint64)[None, :, None]


def _class_counts(
    cls: npt.NDArray[np.uint16], starts: npt.NDArray[np.int64], longest: int
) -> FloatArray:
    """(12, lines): per line, how many characters of each counted class, and how many
    words, capitalised words and whitespace tokens start in it.

    A line's span runs from its start to the next line's start, its newline included.
    Each character's twelve 0/1 marks become three uint64 words of four 16-bit fields,
    so one ``reduceat`` sums all twelve counts at once instead of summing a 0/1 matrix
    column by column; a line of 65,536 characters or more would overflow a field and
    takes the exact, slower route.
    """
    word = (cls >> 4) & 1  # _WORDCH
    word_start = word & ~np.concatenate([np.zeros(1, np.uint16), word[:-1]])
    nonspace = ((cls >> 3) & 1) ^ 1  # not _SPACE
    token_start = nonspace & ~np.concatenate([np.zeros(1, np.uint16), nonspace[:-1]])
    code = cls & _COUNTED
    code |= word_start << _WORD_STARTS
    code |= (word_start & (cls >> 1)) << _UPPER_STARTS  # _UPPER
    code |= token_start << _TOKEN_STARTS
    if longest + 1 >= _FIELD_LIMIT:
        marks = (code[None, :] >> np.arange(_N_COUNTS, dtype=np.uint16)[:, None]) & 1
        exact: FloatArray = np.add.reduceat(marks, starts, axis=1, dtype=np.int64).astype(
            np.float64
        )
        return exact
    index = code.astype(np.intp)
    sums = np.stack([np.add.reduceat(table.take(index), starts) for table in _PACKED])
    fields = (sums[:, None, :] >> _FIELD_SHIFTS) & np.uint64(_FIELD_LIMIT - 1)
    counts: FloatArray = fields.reshape(_N_COUNTS, -1).astype(np.float64)
    return counts


def _trailing_numbers(
    texts: list[str], cls: npt.NDArray[np.uint16], ends: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Lines where the page matches ``\\s\\d{1,6}$`` (multi-line), without a regex scan.

    A match ends a line: its last one to six characters are digits, the run is
    preceded by whitespace, and the match belongs to the line holding that
    whitespace. A line of digits alone is preceded by the newline ending the line
    before, so the match counts for that earlier line, as the page-wide scan did.
    Only lines ending in a digit (found for the page at once) are looked at.
    """
    n = len(texts)
    found = np.zeros(n, dtype=np.bool_)
    ending_in_digit = (cls[np.maximum(ends - 1, 0)] & _DECIMAL) > 0
    for i in np.flatnonzero(ending_in_digit & (ends > 0)).tolist():
        text = texts[i]
        run = 1  # trailing digits (`\d` is `isdecimal`), counted up to seven
        while run < 7 and run < len(text) and text[-run - 1].isdecimal():
            run += 1
        if run > 6:
            continue
        if run < len(text):
            if text[-run - 1].isspace():
                found[i] = True
        elif i > 0:  # the newline before it is the whitespace
            found[i - 1] = True
    return found


def base_features(
    lines: list[Line],
    lexicon: BoilerplateLexicon,
    lexicon_kinds: list[str | None] | None = None,
    out: FloatArray | None = None,
) -> FloatArray:
    """Per-line features; ``lexicon_kinds``, when given, is filled with each line's lexicon kind.

    ``out`` (lines x base features, zeros) receives them when given, so the caller can
    lay the whole feature matrix out once, feature-major, for the trees.
    """
    n = len(lines)
    if out is None:
        out = np.zeros((n, len(BASE_NAMES)), dtype=np.float64)
    if n == 0:
        return out
    texts: list[str] = list(map(_text_of, lines))
    page = "\n".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.zeros(n, dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=starts[1:])
    ends = starts + lengths
    codes = np.frombuffer(page.encode("utf-32-le"), dtype=np.uint32)
    cls = _char_classes(codes)
    padded = np.concatenate([cls, np.zeros(4, dtype=np.uint16)])
    counts = _class_counts(cls, starts, int(lengths.max()))

    def per_line(bit: int) -> FloatArray:
        column: FloatArray = counts[bit.bit_length() - 1]
        return column

    nwords = counts[_WORD_STARTS]
    upper_starts = counts[_UPPER_STARTS]
    letters = per_line(_ALPHA)
    digits = per_line(_DIGIT)
    nchar = lengths.astype(np.float64)
    safe_words = np.maximum(nwords, 1)
    out[:, 0] = np.log1p(nchar)
    out[:, 1] = np.minimum(nwords, 200)
    out[:, 2] = per_line(_WORDCH) / safe_words
    out[:, 7] = per_line(_UPPER) / np.maximum(letters, 1)
    out[:, 8] = digits / nchar
    out[:, 9] = (nchar - letters - digits - per_line(_SPACE)) / nchar
    out[:, 12] = np.minimum(per_line(_SEP), 10)
    out[:, 17] = upper_starts / safe_words
    out[:, 19] = np.minimum(per_line(_COMMA), 20)
    out[:, 14] = per_line(_COPY) > 0

    last = padded[ends - 1]
    before = np.where(lengths >= 2, padded[np.maximum(ends - 2, 0)], 0)
    before2 = np.where(lengths >= 3, padded[np.maximum(ends - 3, 0)], 0)
    closes = (last & _CLOSE) > 0
    out[:, 3] = (
        ((last & _TERM) > 0)
        | (closes & ((before & _TERM) > 0))
        | (closes & ((before & _CLOSE) > 0) & ((before2 & _TERM) > 0))
    )
    out[:, 4] = (last & _ENDPUNCT) > 0
    first = padded[starts]
    out[:, 5] = (first & _UPPER) > 0
    bullet = (first & _BULLETCH) > 0
    # "12. " or "3) ": one to three digits, a dot or bracket, a space (or the line's end
    # before another line). Only lines opening with a digit are looked at.
    for i in np.flatnonzero(first & _DIGIT).tolist():
        text = texts[i] if i == n - 1 else texts[i] + "\n"  # as the page runs on
        k = 1
        while k < 3 and k < len(text) and text[k].isdigit():
            k += 1
        if k + 1 < len(text) and text[k] in ".)" and text[k + 1].isspace():
            bullet[i] = True
    out[:, 6] = bullet

    # A sentence break starts at a terminal mark and holds no other one, so the breaks
    # of a page-wide scan are exactly the terminal marks where the pattern matches.
    match_break = _SENTENCE_BREAK.match
    breaks = [p for p in np.flatnonzero(cls & _TERM).tolist() if match_break(page, p)]
    if breaks:
        out[:, 10] = np.minimum(np.bincount(_line_of(breaks, starts), minlength=n)[:n], 20.0)
    if page.count("\n") == n - 1:
        out[:, 16] = _trailing_numbers(texts, cls, ends)
    else:  # a line holding newlines of its own: scan the page
        trailing = [m.start() for m in _TRAILING_NUMBER.finditer(page)]
        if trailing:
            out[:, 16] = np.bincount(_line_of(trailing, starts), minlength=n)[:n] > 0

    counted = Counter(texts)
    out[:, 15] = np.log(np.fromiter(map(counted.__getitem__, texts), dtype=np.float64, count=n))

    # Whitespace tokens, matched against word sets that hold each word's usual
    # spellings: str.split is five times faster than a regex over the page.
    tokens = page.split()
    commentish = np.zeros(n, dtype=np.bool_)
    token_counts = counts[_TOKEN_STARTS].astype(np.int64)
    first_tokens: npt.NDArray[np.int64] | None = None
    if len(tokens) == int(token_counts.sum()):
        line_of_token = np.repeat(np.arange(n), token_counts)
        safe_tokens = np.maximum(token_counts, 1)
        first_tokens = np.cumsum(token_counts) - token_counts

        def share(marks: npt.NDArray[np.integer[Any]]) -> FloatArray:
            counted = np.bincount(line_of_token, weights=marks > 0, minlength=n)[:n]
            shares: FloatArray = counted / safe_tokens
            return shares

        # Line one is a page <title> in most crawls; a first line shaped like a
        # sentence or a caption (long, or ending in a comma) is not one. Its words
        # get flag 4, so one pass over the tokens reads every flag.
        with_title = token_counts[0] <= 25 and out[0, 4] == 0.0
        flags_of = _TOKEN_FLAGS
        if with_title:
            flags_of = dict(_TOKEN_FLAGS)
            for word in tokens[: token_counts[0]]:
                flags_of[word] = flags_of.get(word, 0) | 4
        flags = np.frombuffer(bytes(map(flags_of.get, tokens, repeat(0))), dtype=np.uint8)
        out[:, 11] = share(flags & 1)
        if with_title:
            out[:, 20] = share(flags & 4)
            out[0, 20] = 0.0
        commentish = share(flags & 2) > 0

    lex_index = {kind: 21 + i for i, kind in enumerate(LEXICON_KINDS)}
    kind_of = lexicon.kind_of
    out[:, 26] = commentish & (out[:, 1] <= 12)
    short = out[:, 1] <= 12
    lex_rows: list[int] = []
    lex_cols: list[int] = []
    if first_tokens is not None:
        # Only a line whose first word opens some phrase can match the lexicon.
        heads = (short & (token_counts > 0)).nonzero()[0].tolist()
        opens = lexicon.opens_phrase([tokens[t] for t in first_tokens[heads].tolist()])
        candidates = list(compress(heads, opens))
    else:
        candidates = short.nonzero()[0].tolist()
    for i in candidates:
        kind = kind_of(texts[i])
        if kind is not None:
            if lexicon_kinds is not None:
                lexicon_kinds[i] = kind
            if kind in lex_index:
                lex_rows.append(i)
                lex_cols.append(lex_index[kind])
    out[lex_rows, lex_cols] = 1.0
    urlish, dateish = _URLISH.search, _DATEISH.search
    for i in (short & (per_line(_DOTAT) > 0)).nonzero()[0].tolist():
        if urlish(texts[i]):
            out[i, 13] = 1.0
    for i in (short & (digits > 0)).nonzero()[0].tolist():
        if dateish(texts[i]):
            out[i, 18] = 1.0
    return out


def _window_means(values: FloatArray, out: FloatArray) -> None:
    """Means over the k previous and the k next rows for each k of ``_WINDOWS`` (edges
    padded with zeros), written to ``out`` as prev, next for each k in turn.

    Feature-major: ``values`` is (columns, rows) and ``out`` (2 * windows * columns,
    rows), so every step is a slice of contiguous rows. One prefix sum serves every
    window: a zero row at the edge adds nothing, and subtracting the zero sum before the
    first row changes nothing, so the sums are bit for bit those of padding the rows.
    """
    width, n = values.shape
    csum = np.zeros((width, n + 1), dtype=np.float64)
    np.cumsum(values, axis=1, out=csum[:, 1:])
    at = 0
    for k in _WINDOWS:
        before = out[at : at + width]
        before[:] = csum[:, :n]
        if k < n:
            before[:, k:] -= csum[:, : n - k]
        before /= k
        after = out[at + width : at + 2 * width]
        inner = max(n - k, 0)  # rows whose window ends inside the page
        np.subtract(csum[:, k + 1 :], csum[:, 1 : inner + 1], out=after[:, :inner])
        np.subtract(csum[:, n : n + 1], csum[:, inner + 1 :], out=after[:, inner:])
        after /= k
        at += 2 * width


# Context features are computed feature-major: ``out`` arguments below are
# (features, lines), each feature one contiguous row, as ``line_features`` lays them out.


def region_features(scores: FloatArray, out: FloatArray | None = None) -> FloatArray:
    """Where each line stands relative to the best-scoring contiguous region: (4, lines)."""
    n = scores.shape[0]
    if out is None:
        out = np.zeros((4, n), dtype=np.float64)
    if n == 0:
        return out
    start, end = best_region(scores)
    idx = np.arange(n)
    out[0] = (idx >= start) & (idx <= end)
    np.log1p(np.maximum(start - idx, 0), out=out[1])
    np.log1p(np.maximum(idx - end, 0), out=out[2])
    out[3] = (end - start + 1) / n
    return out


def segment_features(prose_weight: FloatArray, out: FloatArray | None = None) -> FloatArray:
    """Rank of the prose stretch a line stands in, the article usually the largest:
    (4, lines)."""
    n = prose_weight.shape[0]
    if out is None:
        out = np.zeros((4, n), dtype=np.float64)
    if n == 0:
        return out
    csum = np.zeros(n + 1, dtype=np.float64)
    np.cumsum(prose_weight, out=csum[1:])
    idx = np.arange(n)
    smooth = csum[np.minimum(idx + 4, n)] - csum[np.maximum(idx - 3, 0)]  # 7-line window
    inside = smooth > 0
    begins = inside.copy()
    begins[1:] &= ~inside[:-1]
    starts = begins.nonzero()[0]
    if not starts.size:
        out[:4] = 0.0
        return out
    ids = begins.cumsum() * inside
    weights = np.bincount(ids, weights=prose_weight)
    weights[0] = 0.0
    largest = weights.max() or 1.0
    order = np.argsort(-weights[1:], kind="stable") + 1
    ranks = np.zeros_like(weights)
    ranks[order] = np.arange(1, order.size + 1)
    out[0] = np.where(inside, weights[ids] / largest, 0.0)
    out[1] = np.where(inside, np.minimum(ranks[ids], 10), 11)
    out[2] = np.where(inside, ids, 0) == 1
    out[3] = min(starts.size, 30)
    return out


# Columns of the context block: the window means, then position, lexicon cues,
# region, segment and blank-line block features.
_N_WINDOW = 2 * len(_WINDOWS) * len(_CONTEXT_COLUMNS)
N_CONTEXT = _N_WINDOW + 6 + 2 + 4 + 4 + 7


def context_features(
    base: FloatArray, lines: list[Line], out: FloatArray | None = None
) -> FloatArray:
    """Neighbourhood, position and layout features; written to ``out`` when given.

    Both are (lines, features); the work runs on their transposes, one feature a row,
    which are contiguous when ``line_features`` made them.
    """
    n = base.shape[0]
    if out is None:
        out = np.zeros((n, N_CONTEXT), dtype=np.float64)
    if n == 0:
        return out
    rows, to = base.T, out.T
    _window_means(rows[_CONTEXT_COLUMNS, :], to[:_N_WINDOW])
    words, terminal = rows[1], rows[3]
    prose = ((words >= 12) & (terminal > 0)).astype(np.float64)
    total = prose.sum()
    before = prose.cumsum() - prose
    at = _N_WINDOW
    to[at] = np.arange(n) / max(n - 1, 1)
    to[at + 1] = before / total if total else 0.0
    to[at + 2] = (total - before - prose) / total if total else 0.0
    blocks = np.fromiter(map(_block_of, lines), dtype=np.int64, count=n)
    blocks -= blocks[0]  # a chunk of a giant input starts mid-count
    np.minimum(np.bincount(blocks)[blocks], 50, out=to[at + 3])
    to[at + 4, 0] = 1.0
    np.not_equal(blocks[1:], blocks[:-1], out=to[at + 4, 1:])
    to[at + 5] = math.log1p(n)
    region_scores = np.minimum(words, 40) * np.where(terminal > 0, 1.0, 0.4) - 6.0
    marks = rows[22] + rows[23] + rows[24] + rows[26]
    marks_before = marks.cumsum() - marks
    at += 6
    np.log1p(marks_before, out=to[at])
    np.log1p(marks.sum() - marks_before - marks, out=to[at + 1])
    region_features(region_scores, to[at + 2 : at + 6])
    segment_features(prose * words, to[at + 6 : at + 10])
    block_features(rows, blocks, prose, to[at + 10 : at + 17])
    return out


def block_features(
    rows: FloatArray,
    blocks: npt.NDArray[np.int64],
    prose: FloatArray,
    out: FloatArray | None = None,
) -> FloatArray:
    """What the blank-line block of a line holds, and how this page lays out its prose:
    (7, lines), from the base features ``rows`` (base features, lines).

    Where a page separates paragraphs by blank lines, a run of lines without one
    between them is a list: teasers, menus, an ad block.
    """
    n = rows.shape[1]
    if out is None:
        out = np.zeros((7, n), dtype=np.float64)
    if n == 0:
        return out
    sizes = np.bincount(blocks).astype(np.float64)
    size = sizes[blocks]

    def block_mean(values: FloatArray) -> FloatArray:
        means: FloatArray = (np.bincount(blocks, weights=values) / sizes)[blocks]
        return means

    lexical = np.minimum(rows[21] + rows[22] + rows[23] + rows[24], 1.0)
    words = rows[1]
    out[0] = block_mean(rows[3])
    out[1] = block_mean(np.minimum(words, 60))
    out[2] = np.bincount(blocks, weights=lexical)[blocks] > 0
    out[3] = block_mean(prose)
    single = size == 1
    prose_sum = prose.sum()
    alone = float((prose * single).sum() / prose_sum) if prose_sum else 0.0
    out[4] = alone
    out[5] = alone * (~single)
    prose_words = np.sort(words[prose > 0])
    typical = float(prose_words[prose_words.shape[0] // 2]) if prose_words.shape[0] else 1.0
    np.minimum(words / max(typical, 1.0), 5.0, out=out[6])
    return out


N_FEATURES = len(BASE_NAMES) + N_CONTEXT


def _reference_line_features(lines, lexicon, lexicon_kinds=None):
    features = np.zeros((N_FEATURES, len(lines)), dtype=np.float64).T
    base = base_features(lines, lexicon, lexicon_kinds, out=features[:, : len(BASE_NAMES)])
    context_features(base, lines, out=features[:, len(BASE_NAMES) :])
    return features


_PIECES = [
    *"ab Zc.!?…\"'”’»)]([“„«,:;|/©-*@_0123456789²٣\u00a0\t\x0c\u2028\u2003\u200b\u3000ĀŽßÀÖØÞāž",
    "the",
    "The",
    "un",
    "UN,",
    "komentāri",
    "Comments:",
    "Foto:",
    "Reklāma",
    "Lasīt vairāk",
    "www.delfi.lv",
    "a@b.lv",
    "https://ex.io/a",
    "http://x",
    "WWW.X.COM",
    "x.net",
    "١٢",
    "12.05.2023",
    " 123",
    "1. ",
    "12) ",
    "•",
    "  ",
    "\n",
    "\n\n",
    "\x1c",
    "\U0001d7d8",
    "\U0001f600",
]
_SENTENCE = "Viņš teica, ka “Rīga” ir liela. The city is old! Vai tā? «Jā» 2023. gada 5. maijā"


def _random_page(rng: random.Random) -> str:
    if rng.random() < 0.3:
        parts = [_SENTENCE[: rng.randint(1, len(_SENTENCE))] for _ in range(rng.randint(1, 40))]
        return "\n".join(p + rng.choice(["", "\n", " 12", " ©"]) for p in parts)
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 600)))


def test_line_features_match_the_numpy_reference_bit_for_bit() -> None:
    lexicon = load_lexicon()
    rng = random.Random(29)
    for _ in range(600):
        lines = split_lines(_random_page(rng))
        if not lines:
            continue
        kinds: list[str | None] = [None] * len(lines)
        expected_kinds: list[str | None] = [None] * len(lines)
        got = line_features(lines, lexicon, kinds)
        expected = _reference_line_features(lines, lexicon, expected_kinds)
        assert got.tobytes() == np.ascontiguousarray(expected).tobytes()
        assert kinds == expected_kinds


def test_lines_holding_newlines_match_the_reference() -> None:
    """HTML blocks can hold newlines of their own: trailing numbers then come from the
    page-wide scan, the rest from the kernel, as before."""
    lexicon = load_lexicon()
    rng = random.Random(31)
    for _ in range(200):
        texts = [_random_page(rng)[:80].strip() or "x" for _ in range(rng.randint(1, 12))]
        lines = [Line(i, t, 0, 0, i // 3) for i, t in enumerate(texts)]
        got = line_features(lines, lexicon)
        expected = _reference_line_features(lines, lexicon)
        assert got.tobytes() == np.ascontiguousarray(expected).tobytes()


def _reference_decision(trees: ObliviousTrees, x: np.ndarray) -> np.ndarray:
    """Tree after tree, level by level, as CatBoost defines oblivious trees."""
    total = np.zeros(x.shape[0])
    for t in range(trees.n_trees):
        leaf = np.zeros(x.shape[0], dtype=np.int64)
        for level in range(trees.depth):
            split = t * trees.depth + level
            leaf |= (x[:, trees.features[split]] > trees.borders[split]).astype(np.int64) << level
        total += trees.leaves[(t << trees.depth) + leaf]
    return total + trees.bias


def test_compiled_trees_match_the_tree_by_tree_sum() -> None:
    rng = np.random.default_rng(37)
    for depth in (1, 3, 6):
        n_trees, n_features = 40, 9
        trees = ObliviousTrees(
            features=rng.integers(0, n_features, size=n_trees * depth),
            borders=rng.choice([-1.0, 0.0, 0.5, 2.0], size=n_trees * depth),
            leaves=rng.normal(size=n_trees << depth),
            depth=depth,
            bias=0.25,
            n_features=n_features,
        )
        for n in (1, 7, 64):
            x = rng.choice([-1.0, 0.0, 0.5, 1.0, 2.0, 3.0], size=(n, n_features))
            assert trees.decision(x).tobytes() == _reference_decision(trees, x).tobytes()


def _triple_sum(values: np.ndarray) -> float:
    total = 0.0
    for value in values:
        total += 3.0 * value
    return total


def test_the_first_compile_does_not_count_against_the_page_time_limit() -> None:
    """The per-page alarm is paused while numba compiles (or loads) a kernel, and re-armed
    with the time it had left, so it still fires for the page itself."""
    import time

    from newsmill.errors import PageTimeout
    from newsmill.jit import jit_compiled
    from newsmill.limits import time_limit

    triple_sum = jit_compiled(_triple_sum)
    with time_limit(0.05, "page"):
        assert triple_sum(np.arange(4.0)) == 18.0
    with pytest.raises(PageTimeout), time_limit(0.05, "page"):
        triple_sum(np.arange(4.0))
        time.sleep(0.5)
