"""Numeric features of flattened lines for the article/boilerplate classifier.

Cues are general, so they carry to unseen sites and languages: the shape of a
sentence (length, terminal punctuation, function words, capitals), repetition,
position, the block a line stands in, and the same cues over its neighbours.
The classifier (``tree_model``) learns how to weigh them; this module only
measures. Kept vectorised where it counts: it runs on every line of every page.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from itertools import repeat
from typing import Any

import numpy as np
import numpy.typing as npt

from newsmill.extract.lexicon import BoilerplateLexicon
from newsmill.extract.lines import Line

FloatArray = npt.NDArray[np.float64]

_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)]*\s+[\"'“„«(]?[A-ZÀ-ÖØ-ÞĀ-Ž]")
_BULLET = re.compile(r"^(?:[-–—•·*▪►]|\d{1,3}[.)]\s)")
_URLISH = re.compile(r"https?://|www\.|\w@\w+\.\w|\.(?:com|lv|org|net)\b")
_DATEISH = re.compile(
    r"\b(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}[-.]\d{2}[-.]\d{2}|(?:19|20)\d{2})\b"
)
_TRAILING_NUMBER = re.compile(r"\s\d{1,6}$", re.M)
_SEPARATORS = re.compile(r"[|»›·•/]")
_COMMENT_WORDS = (
    "comment comments replies reply replied posted score login komentārs komentāri komentārus"
    " komentāru komentārā komentāriem komentēt atbildēt atbilde atbildes atbildi"
).split()

# Function words of the languages we know best; their share marks running prose.
FUNCTION_WORDS = frozenset(
    """
    the a an of to in and or but is are was were be been it its that this these those with for on at
    by from as not no he she they we you i his her their our your has have had will would can could
    if than then there which who what when where how all about into over after before also more
    un ir ar par no uz kā kas ka bet vai arī tā tas tie tās viņš viņa viņi mēs jūs es bija būs
    pēc pie līdz jau vēl tikai kad kur kurš kura kuri ne nav gan lai to ko tik ļoti savu savā
    der die das und ist nicht mit von zu den dem ein eine le la les et est des une du en que qui
    el los las y es por un una del se por que para con o e di il che per non è
    """.split()
)

LEXICON_KINDS = ("ad", "widget", "navigation", "footer", "credit")


def _spellings(words: Iterable[str]) -> frozenset[str]:
    """A word as it stands in running text: lower, capitalised, upper, before a comma."""
    forms: set[str] = set()
    for word in words:
        for form in (word, word.capitalize(), word.upper()):
            forms.update((form, form + ",", form + ":"))
    return frozenset(forms)


# Each spelling's flags: 1 a function word, 2 a comment-section word.
_TOKEN_FLAGS: dict[str, int] = {}
for _flag, _words in ((1, FUNCTION_WORDS), (2, _COMMENT_WORDS)):
    for _form in _spellings(_words):
        _TOKEN_FLAGS[_form] = _TOKEN_FLAGS.get(_form, 0) | _flag

BASE_NAMES = (
    "log_chars",
    "words",
    "mean_word_len",
    "terminal",
    "ends_comma_colon",
    "starts_upper",
    "bullet",
    "upper_ratio",
    "digit_ratio",
    "punct_ratio",
    "sentence_breaks",
    "function_ratio",
    "separators",
    "urlish",
    "copyright",
    "repeats",
    "trailing_number",
    "titlecase_ratio",
    "dateish",
    "commas",
    "title_overlap",
    *(f"lex_{k}" for k in LEXICON_KINDS),
    "commentish",
)
# Columns of the base block averaged over neighbours.
_CONTEXT_COLUMNS = (0, 1, 3, 11, 17, 12)
_WINDOWS = (1, 3, 8)


# Character classes as bits of one lookup table over the basic plane.
_ALPHA, _UPPER, _DIGIT, _SPACE, _WORDCH, _SEP = 1, 2, 4, 8, 16, 32
_TERM, _CLOSE, _COMMA, _ENDPUNCT, _COPY, _BULLETCH = 64, 128, 256, 512, 1024, 2048
_DOTAT = 4096


def _classes_of(char: str) -> int:
    bits = 0
    if char.isalpha():
        bits |= _ALPHA
    if char.isupper():
        bits |= _UPPER
    if char.isdigit():
        bits |= _DIGIT
    if char.isspace():
        bits |= _SPACE
    if char.isalnum() or char == "_":
        bits |= _WORDCH
    if char in "|»›·•/":
        bits |= _SEP
    if char in ".!?…":
        bits |= _TERM
    if char in "\"'”’»)]":
        bits |= _CLOSE
    if char == ",":
        bits |= _COMMA
    if char in ",:;":
        bits |= _ENDPUNCT
    if char == "©":
        bits |= _COPY
    if char in "-–—•·*▪►":
        bits |= _BULLETCH
    if char in ".@":
        bits |= _DOTAT
    return bits


class _CharTable:
    """Built once on first use: 65,536 entries, 128 KB."""

    _table: npt.NDArray[np.uint16] | None = None

    @classmethod
    def get(cls) -> npt.NDArray[np.uint16]:
        if cls._table is None:
            cls._table = np.array([_classes_of(chr(c)) for c in range(65536)], dtype=np.uint16)
        return cls._table


def _line_of(positions: list[int], starts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    found = np.searchsorted(starts, np.asarray(positions, dtype=np.int64), side="right") - 1
    return found.astype(np.int64)


def _char_classes(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint16]:
    classes = _CharTable.get().take(codes, mode="clip")  # beyond the plane: fixed below
    wide = np.flatnonzero(codes > 0xFFFF)
    if wide.size:
        unique, inverse = np.unique(codes[wide], return_inverse=True)
        looked_up = np.array([_classes_of(chr(c)) for c in unique.tolist()], dtype=np.uint16)
        classes[wide] = looked_up[inverse]
    return classes


def base_features(
    lines: list[Line], lexicon: BoilerplateLexicon, lexicon_kinds: list[str | None] | None = None
) -> FloatArray:
    """Per-line features; ``lexicon_kinds``, when given, is filled with each line's lexicon kind."""
    n = len(lines)
    out = np.zeros((n, len(BASE_NAMES)), dtype=np.float64)
    if n == 0:
        return out
    texts = [line.text for line in lines]
    page = "\n".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    ends = starts + lengths
    codes = np.frombuffer(page.encode("utf-32-le"), dtype=np.uint32)
    cls = _char_classes(codes)
    padded = np.concatenate([cls, np.zeros(4, dtype=np.uint16)])
    padded_codes = np.concatenate([codes, np.zeros(4, dtype=np.uint32)])
    # One pass: every class bit, plus word and token starts, summed per line.
    word = (cls & _WORDCH) > 0
    word_start = word & ~np.concatenate([[False], word[:-1]])
    nonspace = (cls & _SPACE) == 0
    token_start = nonspace & ~np.concatenate([[False], nonspace[:-1]])
    bits = np.unpackbits(cls.view(np.uint8).reshape(-1, 2), axis=1, bitorder="little")
    extra = np.stack([word_start, word_start & ((cls & _UPPER) > 0), token_start], axis=1)
    matrix = np.concatenate([bits, extra.view(np.uint8)], axis=1)
    sums = np.add.reduceat(matrix, starts, axis=0, dtype=np.int32).astype(np.float64)

    def per_line(bit: int) -> FloatArray:
        column: FloatArray = sums[:, bit.bit_length() - 1]
        return column

    nwords = sums[:, 16]
    upper_starts = sums[:, 17]
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
    run = np.ones(n, dtype=np.bool_)
    for k in range(1, 4):
        run &= (padded[starts + k - 1] & _DIGIT) > 0
        nxt = padded_codes[starts + k]
        bullet |= (
            run & ((nxt == ord(".")) | (nxt == ord(")"))) & ((padded[starts + k + 1] & _SPACE) > 0)
        )
    out[:, 6] = bullet

    breaks = [m.start() for m in _SENTENCE_BREAK.finditer(page)]
    if breaks:
        out[:, 10] = np.minimum(np.bincount(_line_of(breaks, starts), minlength=n)[:n], 20.0)
    trailing = [m.start() for m in _TRAILING_NUMBER.finditer(page)]
    if trailing:
        out[:, 16] = np.bincount(_line_of(trailing, starts), minlength=n)[:n] > 0

    counts = Counter(texts)
    out[:, 15] = np.log(np.fromiter(map(counts.__getitem__, texts), dtype=np.float64, count=n))

    # Whitespace tokens, matched against word sets that hold each word's usual
    # spellings: str.split is five times faster than a regex over the page.
    tokens = page.split()
    commentish = np.zeros(n, dtype=np.bool_)
    token_counts = sums[:, 18].astype(np.int64)
    if len(tokens) == int(token_counts.sum()):
        line_of_token = np.repeat(np.arange(n), token_counts)
        safe_tokens = np.maximum(token_counts, 1)

        def share(marks: npt.NDArray[np.integer[Any]]) -> FloatArray:
            counted = np.bincount(line_of_token, weights=marks > 0, minlength=n)[:n]
            shares: FloatArray = counted / safe_tokens
            return shares

        flags = np.fromiter(
            map(_TOKEN_FLAGS.get, tokens, repeat(0)), dtype=np.uint8, count=len(tokens)
        )
        out[:, 11] = share(flags & 1)
        # Line one is a page <title> in most crawls; a first line shaped like a
        # sentence or a caption (long, or ending in a comma) is not one.
        if token_counts[0] <= 25 and out[0, 4] == 0.0:
            title_words = set(tokens[: token_counts[0]])
            in_title = np.fromiter(
                map(title_words.__contains__, tokens), dtype=np.uint8, count=len(tokens)
            )
            out[:, 20] = share(in_title)
            out[0, 20] = 0.0
        commentish = share(flags & 2) > 0

    lex_index = {kind: 21 + i for i, kind in enumerate(LEXICON_KINDS)}
    kind_of = lexicon.kind_of
    urlish, dateish = _URLISH.search, _DATEISH.search
    out[:, 26] = commentish & (out[:, 1] <= 12)
    short = out[:, 1] <= 12
    has_digits = (digits > 0).tolist()
    has_dot = (per_line(_DOTAT) > 0).tolist()
    lex_rows: list[int] = []
    lex_cols: list[int] = []
    for i in np.flatnonzero(short).tolist():
        text = texts[i]
        kind = kind_of(text)
        if kind is not None:
            if lexicon_kinds is not None:
                lexicon_kinds[i] = kind
            if kind in lex_index:
                lex_rows.append(i)
                lex_cols.append(lex_index[kind])
        if has_dot[i] and urlish(text):
            out[i, 13] = 1.0
        if has_digits[i] and dateish(text):
            out[i, 18] = 1.0
    out[lex_rows, lex_cols] = 1.0
    return out


def _window_means(values: FloatArray, k: int) -> tuple[FloatArray, FloatArray]:
    """Means over the k previous and the k next rows (edges padded with zeros)."""
    n = values.shape[0]
    padded = np.vstack([np.zeros((k, values.shape[1])), values, np.zeros((k, values.shape[1]))])
    csum = np.vstack([np.zeros((1, values.shape[1])), np.cumsum(padded, axis=0)])
    idx = np.arange(n) + k
    prev = (csum[idx] - csum[idx - k]) / k
    nxt = (csum[idx + k + 1] - csum[idx + 1]) / k
    return prev, nxt


def best_region(scores: FloatArray) -> tuple[int, int]:
    """The contiguous run with the largest sum; ``(start, end)`` inclusive (prefix sums)."""
    if scores.shape[0] == 0:
        return 0, -1
    prefix = np.concatenate([[0.0], np.cumsum(scores)])
    lowest = np.minimum.accumulate(prefix[:-1])
    end = int(np.argmax(prefix[1:] - lowest))
    start = int(np.argmin(prefix[: end + 1]))
    return start, end


def region_features(scores: FloatArray) -> FloatArray:
    """Where each line stands relative to the best-scoring contiguous region."""
    n = scores.shape[0]
    out = np.zeros((n, 4), dtype=np.float64)
    if n == 0:
        return out
    start, end = best_region(scores)
    idx = np.arange(n)
    out[:, 0] = (idx >= start) & (idx <= end)
    out[:, 1] = np.log1p(np.maximum(start - idx, 0))
    out[:, 2] = np.log1p(np.maximum(idx - end, 0))
    out[:, 3] = (end - start + 1) / n
    return out


def segment_features(prose_weight: FloatArray) -> FloatArray:
    """Rank of the prose stretch a line stands in: the article is usually the largest."""
    n = prose_weight.shape[0]
    out = np.zeros((n, 4), dtype=np.float64)
    if n == 0:
        return out
    csum = np.concatenate([[0.0], np.cumsum(prose_weight)])
    idx = np.arange(n)
    smooth = csum[np.minimum(idx + 4, n)] - csum[np.maximum(idx - 3, 0)]  # 7-line window
    inside = smooth > 0
    begins = inside & ~np.concatenate([[False], inside[:-1]])
    starts = np.flatnonzero(begins)
    ids = np.cumsum(begins) * inside
    if not starts.size:
        return out
    weights = np.bincount(ids, weights=prose_weight)
    weights[0] = 0.0
    largest = weights.max() or 1.0
    order = np.argsort(-weights[1:], kind="stable") + 1
    ranks = np.zeros_like(weights)
    ranks[order] = np.arange(1, order.size + 1)
    out[:, 0] = np.where(inside, weights[ids] / largest, 0.0)
    out[:, 1] = np.where(inside, np.minimum(ranks[ids], 10), 11)
    out[:, 2] = np.where(inside, ids, 0) == 1
    out[:, 3] = np.minimum(starts.size, 30)
    return out


def context_features(base: FloatArray, lines: list[Line]) -> FloatArray:
    n = base.shape[0]
    cols = base[:, _CONTEXT_COLUMNS]
    parts: list[FloatArray] = []
    for k in _WINDOWS:
        prev, nxt = _window_means(cols, k)
        parts.extend((prev, nxt))
    prose = ((base[:, 1] >= 12) & (base[:, 3] > 0)).astype(np.float64)
    total = prose.sum()
    before = np.cumsum(prose) - prose
    position = np.zeros((n, 6), dtype=np.float64)
    position[:, 0] = np.arange(n) / max(n - 1, 1)
    position[:, 1] = before / total if total else 0.0
    position[:, 2] = (total - before - prose) / total if total else 0.0
    blocks = np.array([line.block for line in lines], dtype=np.int64)
    blocks -= blocks[0] if n else 0  # a chunk of a giant input starts mid-count
    block_sizes = np.bincount(blocks)[blocks] if n else np.zeros(0)
    position[:, 3] = np.minimum(block_sizes, 50)
    position[:, 4] = np.concatenate([[True], blocks[1:] != blocks[:-1]]) if n else 0.0
    position[:, 5] = math.log1p(n)
    region_scores = np.minimum(base[:, 1], 40) * np.where(base[:, 3] > 0, 1.0, 0.4) - 6.0
    marks = base[:, 22] + base[:, 23] + base[:, 24] + base[:, 26]
    marks_before = np.cumsum(marks) - marks
    cues = np.zeros((n, 2), dtype=np.float64)
    cues[:, 0] = np.log1p(marks_before)
    cues[:, 1] = np.log1p(marks.sum() - marks_before - marks)
    parts.append(position)
    parts.append(cues)
    parts.append(region_features(region_scores))
    parts.append(segment_features(prose * base[:, 1]))
    parts.append(block_features(base, blocks, prose))
    return np.hstack(parts)


def block_features(
    base: FloatArray, blocks: npt.NDArray[np.int64], prose: FloatArray
) -> FloatArray:
    """What the blank-line block of a line holds, and how this page lays out its prose.

    Where a page separates paragraphs by blank lines, a run of lines without one
    between them is a list: teasers, menus, an ad block.
    """
    n = base.shape[0]
    out = np.zeros((n, 7), dtype=np.float64)
    if n == 0:
        return out
    sizes = np.bincount(blocks).astype(np.float64)
    size = sizes[blocks]

    def block_mean(values: FloatArray) -> FloatArray:
        means: FloatArray = (np.bincount(blocks, weights=values) / sizes)[blocks]
        return means

    lexical = np.minimum(base[:, 21] + base[:, 22] + base[:, 23] + base[:, 24], 1.0)
    out[:, 0] = block_mean(base[:, 3])
    out[:, 1] = block_mean(np.minimum(base[:, 1], 60))
    out[:, 2] = np.bincount(blocks, weights=lexical)[blocks] > 0
    out[:, 3] = block_mean(prose)
    single = size == 1
    alone = float((prose * single).sum() / prose.sum()) if prose.sum() else 0.0
    out[:, 4] = alone
    out[:, 5] = alone * (~single)
    words = base[:, 1]
    prose_words = np.sort(words[prose > 0])
    typical = float(prose_words[prose_words.shape[0] // 2]) if prose_words.shape[0] else 1.0
    out[:, 6] = np.minimum(words / max(typical, 1.0), 5.0)
    return out


def line_features(
    lines: list[Line], lexicon: BoilerplateLexicon, lexicon_kinds: list[str | None] | None = None
) -> FloatArray:
    base = base_features(lines, lexicon, lexicon_kinds)
    return np.hstack([base, context_features(base, lines)])
