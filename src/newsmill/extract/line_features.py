"""Numeric features of flattened lines for the article/boilerplate classifier.

Cues are general, so they carry to unseen sites and languages: the shape of a
sentence (length, terminal punctuation, function words, capitals), repetition,
position, the block a line stands in, and the same cues over its neighbours.
The classifier (``tree_model``) learns how to weigh them; this module only
measures. It runs on every line of every page, so the per-character and per-line
work is done by two small numba kernels (``_page_marks``, ``_context_rows``): as
numpy steps it was a hundred calls on arrays of a few hundred lines, each paying more
in call overhead than in arithmetic. Both give, bit for bit, what those steps gave.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from itertools import compress
from operator import itemgetter

import numpy as np
import numpy.typing as npt

from newsmill.extract.lexicon import BoilerplateLexicon
from newsmill.extract.lines import Line, lookup_code_points
from newsmill.jit import jit_compiled

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

_text_of = itemgetter(1)  # Line.text, without an attribute lookup per line

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


# Character classes as bits of one lookup table over the basic plane. The nine
# classes counted per line come first (bits 0-8), so the kernel (``_page_marks``)
# counts them from the low bits of each character's classes. The kernel spells the
# bits out as numbers; keep both in step.
_ALPHA, _UPPER, _DIGIT, _SPACE, _WORDCH, _SEP = 1, 2, 4, 8, 16, 32
_COMMA, _COPY, _DOTAT = 64, 128, 256
_TERM, _CLOSE, _ENDPUNCT, _BULLETCH, _DECIMAL = 512, 1024, 2048, 4096, 8192


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
    if char.isdecimal():  # what the regular expression ``\d`` matches
        bits |= _DECIMAL
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
    return lookup_code_points(codes, _CharTable.get(), lambda code: _classes_of(chr(code)))


# Rows of the per-line marks matrix the page kernel fills: the nine counted classes
# (bits 0-8 of the character table), then starts, token flags and line shapes.
_M_WORD_STARTS, _M_UPPER_STARTS, _M_TOKEN_STARTS = 9, 10, 11
_M_FUNCTION_TOKENS, _M_COMMENT_TOKENS, _M_TITLE_TOKENS = 12, 13, 14
_M_BREAKS, _M_TRAILING, _M_BULLET, _M_TERMINAL, _M_ENDS_PUNCT, _M_OPENS_UPPER = (
    15,
    16,
    17,
    18,
    19,
    20,
)
# Short lines that may hold a URL or a date: only these are handed to the patterns.
_M_URLISH, _M_DATEISH = 21, 22
_M_N_MARKS = 23
# Tokens are matched against the spelling table by a 64-bit FNV-1 hash of their code
# points, then compared code point by code point: exact, like the dict it replaces.
_HASH_SEED = 0xCBF29CE484222325
_HASH_MULTIPLIER = 0x100000001B3
_HASH_MASK = (1 << 64) - 1


def _token_hash(word: str) -> int:
    """The kernel's hash of a token, computed in Python to build the spelling table."""
    hashed = _HASH_SEED
    for char in word:
        hashed = ((hashed * _HASH_MULTIPLIER) & _HASH_MASK) ^ ord(char)
    return hashed


_Spellings = tuple[
    npt.NDArray[np.uint32],  # the keys' code points, one after another
    npt.NDArray[np.int64],  # where each key starts in them (and the end)
    npt.NDArray[np.uint64],  # each key's hash
    npt.NDArray[np.int64],  # each key's flags
    npt.NDArray[np.int64],  # the hash table
]


class _SpellingTable:
    """``_TOKEN_FLAGS`` as arrays the kernel can probe: an open-addressed hash table of
    key numbers (plus one; zero is empty), each key's code points, hash and flags."""

    _arrays: _Spellings | None = None

    @classmethod
    def get(cls) -> _Spellings:
        if cls._arrays is None:
            keys = sorted(_TOKEN_FLAGS)
            hashes = [_token_hash(key) for key in keys]
            size = 1 << (4 * len(keys)).bit_length()  # at most a quarter full
            table = np.zeros(size, dtype=np.int64)
            for number, hashed in enumerate(hashes):
                slot = hashed & (size - 1)
                while table[slot]:
                    slot = (slot + 1) & (size - 1)
                table[slot] = number + 1
            joined = "".join(keys)
            codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).copy()
            offsets = np.zeros(len(keys) + 1, dtype=np.int64)
            np.cumsum([len(key) for key in keys], out=offsets[1:])
            cls._arrays = (
                codes,
                offsets,
                np.array(hashes, dtype=np.uint64),
                np.array([_TOKEN_FLAGS[key] for key in keys], dtype=np.int64),
                table,
            )
        return cls._arrays


def _page_marks(
    codes: npt.NDArray[np.uint32],
    cls: npt.NDArray[np.uint16],
    starts: npt.NDArray[np.int64],
    lengths: npt.NDArray[np.int64],
    key_codes: npt.NDArray[np.uint32],
    key_offsets: npt.NDArray[np.int64],
    key_hashes: npt.NDArray[np.uint64],
    key_flags: npt.NDArray[np.int64],
    table: npt.NDArray[np.int64],
    trailing: bool,
    rows: FloatArray,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """One pass over a page's characters (compiled by numba, see ``_kernel``).

    Returns the (``_M_N_MARKS``, lines) counts and marks, and each whitespace token's start
    and end. A line's span runs from its start to the next line's start, its newline
    included; a token belongs to the line it starts in. Each part is the exact
    equivalent of the numpy or regex step it replaced: the class counts of a
    ``reduceat``, ``str.split`` tokens looked up in ``_TOKEN_FLAGS``, the
    ``_SENTENCE_BREAK`` and ``_TRAILING_NUMBER`` matches, the bullet pattern.
    """
    n = starts.shape[0]
    size = codes.shape[0]
    marks = np.zeros((_M_N_MARKS, n), np.int64)
    token_start = np.empty(size // 2 + 1, np.int64)
    token_end = np.empty(size // 2 + 1, np.int64)
    token_hash = np.empty(size // 2 + 1, np.uint64)
    token_line = np.empty(size // 2 + 1, np.int64)
    tokens = 0
    hashed = np.uint64(_HASH_SEED)
    multiplier = np.uint64(_HASH_MULTIPLIER)
    previous_word = 0
    previous_nonspace = 0
    for line in range(n):
        begin = starts[line]
        stop = starts[line + 1] if line + 1 < n else size
        # The nine class counts and the starts, kept in locals (registers) per line.
        c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = c8 = 0
        word_starts = upper_starts = token_starts = breaks = 0
        for k in range(begin, stop):
            c = cls[k]
            c0 += c & 1
            c1 += (c >> 1) & 1
            c2 += (c >> 2) & 1
            c3 += (c >> 3) & 1
            c4 += (c >> 4) & 1
            c5 += (c >> 5) & 1
            c6 += (c >> 6) & 1
            c7 += (c >> 7) & 1
            c8 += (c >> 8) & 1
            word = (c >> 4) & 1
            if word and not previous_word:
                word_starts += 1
                upper_starts += (c >> 1) & 1
            previous_word = word
            nonspace = ((c >> 3) & 1) ^ 1
            if nonspace:
                if not previous_nonspace:
                    token_starts += 1
                    token_start[tokens] = k
                    token_line[tokens] = line
                    hashed = np.uint64(_HASH_SEED)
                hashed = (hashed * multiplier) ^ np.uint64(codes[k])
            elif previous_nonspace:
                token_end[tokens] = k
                token_hash[tokens] = hashed
                tokens += 1
            previous_nonspace = nonspace
            if c & 512:  # a terminal mark: does a sentence break start here?
                j = k + 1
                while j < size and (
                    codes[j] == 0x22
                    or codes[j] == 0x27
                    or codes[j] == 0x201D
                    or codes[j] == 0x2019
                    or codes[j] == 0xBB
                    or codes[j] == 0x29
                ):
                    j += 1
                if j < size and cls[j] & 8:
                    while j < size and cls[j] & 8:
                        j += 1
                    if j < size and (
                        codes[j] == 0x22
                        or codes[j] == 0x27
                        or codes[j] == 0x201C
                        or codes[j] == 0x201E
                        or codes[j] == 0xAB
                        or codes[j] == 0x28
                    ):
                        j += 1
                    if j < size:
                        p = codes[j]
                        if (
                            (0x41 <= p <= 0x5A)
                            or (0xC0 <= p <= 0xD6)
                            or (0xD8 <= p <= 0xDE)
                            or (0x100 <= p <= 0x17D)
                        ):
                            breaks += 1
        marks[0, line] = c0
        marks[1, line] = c1
        marks[2, line] = c2
        marks[3, line] = c3
        marks[4, line] = c4
        marks[5, line] = c5
        marks[6, line] = c6
        marks[7, line] = c7
        marks[8, line] = c8
        marks[_M_WORD_STARTS, line] = word_starts
        marks[_M_UPPER_STARTS, line] = upper_starts
        marks[_M_TOKEN_STARTS, line] = token_starts
        marks[_M_BREAKS, line] = breaks
    if previous_nonspace:
        token_end[tokens] = size
        token_hash[tokens] = hashed
        tokens += 1

    mask = np.uint64(table.shape[0] - 1)
    for t in range(tokens):
        slot = token_hash[t] & mask
        length = token_end[t] - token_start[t]
        while table[slot]:
            key = table[slot] - 1
            if (
                key_hashes[key] == token_hash[t]
                and key_offsets[key + 1] - key_offsets[key] == length
            ):
                at = key_offsets[key]
                same = True
                for j in range(length):
                    if key_codes[at + j] != codes[token_start[t] + j]:
                        same = False
                        break
                if same:
                    marks[_M_FUNCTION_TOKENS, token_line[t]] += key_flags[key] & 1
                    marks[_M_COMMENT_TOKENS, token_line[t]] += (key_flags[key] >> 1) & 1
                    break
            slot = (slot + np.uint64(1)) & mask

    for i in range(n):
        begin = starts[i]
        length = lengths[i]
        end = begin + length
        last = cls[end - 1] if end >= 1 else 0
        before = cls[end - 2] if length >= 2 else 0
        before2 = cls[end - 3] if length >= 3 else 0
        closes = (last & 1024) != 0
        if (
            (last & 512)
            or (closes and (before & 512))
            or (closes and (before & 1024) and (before2 & 512))
        ):
            marks[_M_TERMINAL, i] = 1
        if last & 2048:
            marks[_M_ENDS_PUNCT, i] = 1
        first = cls[begin] if begin < size else 0
        if first & 2:
            marks[_M_OPENS_UPPER, i] = 1
        if first & 4096:
            marks[_M_BULLET, i] = 1
        elif first & 4:  # "12. " or "3) ", the newline after the line counting as space
            limit = length + 1 if i < n - 1 else length
            k = 1
            while k < 3 and k < limit and cls[begin + k] & 4:
                k += 1
            if (
                k + 1 < limit
                and (codes[begin + k] == 0x2E or codes[begin + k] == 0x29)
                and cls[begin + k + 1] & 8
            ):
                marks[_M_BULLET, i] = 1
        if trailing and end > 0 and cls[end - 1] & 8192:
            run = 1  # trailing decimal digits, counted up to seven
            while run < 7 and run < length and cls[end - run - 1] & 8192:
                run += 1
            if run <= 6:
                if run < length:
                    if cls[end - run - 1] & 8:
                        marks[_M_TRAILING, i] = 1
                elif i > 0:  # a line of digits alone: the newline before is the space
                    marks[_M_TRAILING, i - 1] = 1
    # Line one as a page <title> (see ``base_features``): which tokens repeat its words.
    title = marks[_M_TOKEN_STARTS, 0] if n else 0
    with_title = n > 0 and title <= 25 and not marks[_M_ENDS_PUNCT, 0]
    if with_title:
        for t in range(tokens):
            length = token_end[t] - token_start[t]
            for u in range(title):
                if token_hash[u] != token_hash[t] or token_end[u] - token_start[u] != length:
                    continue
                same = True
                for j in range(length):
                    if codes[token_start[u] + j] != codes[token_start[t] + j]:
                        same = False
                        break
                if same:
                    marks[_M_TITLE_TOKENS, token_line[t]] += 1
                    break

    # The base feature columns that are plain arithmetic on the counts, into ``rows``
    # (base features, lines), with numpy's float operations (a line of no characters
    # gets numpy's 0 / 0, a NaN); the logarithms are left to ``base_features``.
    for i in range(n):
        chars = float(lengths[i])
        words = float(marks[_M_WORD_STARTS, i])
        safe_words = max(words, 1.0)
        letters = float(marks[0, i])
        digits = float(marks[2, i])
        rows[1, i] = min(words, 200.0)
        rows[2, i] = marks[4, i] / safe_words
        rows[7, i] = marks[1, i] / max(letters, 1.0)
        if chars > 0:
            rows[8, i] = digits / chars
            rows[9, i] = (chars - letters - digits - marks[3, i]) / chars
        else:
            rows[8, i] = np.nan
            rows[9, i] = np.nan
        rows[12, i] = min(float(marks[5, i]), 10.0)
        rows[17, i] = marks[_M_UPPER_STARTS, i] / safe_words
        rows[19, i] = min(float(marks[6, i]), 20.0)
        rows[14, i] = 1.0 if marks[7, i] > 0 else 0.0
        rows[3, i] = marks[_M_TERMINAL, i]
        rows[4, i] = marks[_M_ENDS_PUNCT, i]
        rows[5, i] = marks[_M_OPENS_UPPER, i]
        rows[6, i] = marks[_M_BULLET, i]
        rows[10, i] = min(float(marks[_M_BREAKS, i]), 20.0)
        if trailing:
            rows[16, i] = marks[_M_TRAILING, i]
        safe_tokens = float(max(marks[_M_TOKEN_STARTS, i], 1))
        rows[11, i] = marks[_M_FUNCTION_TOKENS, i] / safe_tokens
        if with_title:
            rows[20, i] = marks[_M_TITLE_TOKENS, i] / safe_tokens if i else 0.0
        if marks[_M_COMMENT_TOKENS, i] > 0 and rows[1, i] <= 12:
            rows[26, i] = 1.0
        if words > 12:
            continue
        # What every match of ``_URLISH`` holds: "://", "www.", an "@" or a dot before
        # c, l, o or n; of ``_DATEISH``: two decimal digits in a row.
        begin = starts[i]
        end = begin + lengths[i]
        if marks[8, i]:  # a dot or an @
            for k in range(begin, end):
                c = codes[k]
                following = codes[k + 1] if k + 1 < end else 0
                if (
                    c == 0x40
                    or (c == 0x3A and following == 0x2F)
                    or (
                        c == 0x2E
                        and (
                            following == 0x63
                            or following == 0x6C
                            or following == 0x6F
                            or following == 0x6E
                            or (k > begin and codes[k - 1] == 0x77)
                        )
                    )
                ):
                    marks[_M_URLISH, i] = 1
                    break
        if marks[2, i]:  # a digit
            for k in range(begin + 1, end):
                if cls[k] & 8192 and cls[k - 1] & 8192:
                    marks[_M_DATEISH, i] = 1
                    break
    return marks, token_start[:tokens], token_end[:tokens]


_kernel = jit_compiled(_page_marks)


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
        out = np.zeros((len(BASE_NAMES), n), dtype=np.float64).T
    if n == 0:
        return out
    texts: list[str] = list(map(_text_of, lines))
    page = "\n".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.zeros(n, dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=starts[1:])
    codes = np.frombuffer(page.encode("utf-32-le"), dtype=np.uint32)
    cls = _char_classes(codes)
    one_per_line = page.count("\n") == n - 1
    # ``out`` is filled through its transpose (one base feature a row), contiguous when
    # ``line_features`` lays the matrix out feature-major, or when made here.
    marks, token_start, token_end = _kernel(
        codes, cls, starts, lengths, *_SpellingTable.get(), one_per_line, out.T
    )
    out[:, 0] = np.log1p(lengths.astype(np.float64))
    if not one_per_line:  # a line holding newlines of its own: scan the page
        trailing = [m.start() for m in _TRAILING_NUMBER.finditer(page)]
        if trailing:
            out[:, 16] = np.bincount(_line_of(trailing, starts), minlength=n)[:n] > 0

    counted = Counter(texts)
    out[:, 15] = np.log(np.fromiter(map(counted.__getitem__, texts), dtype=np.float64, count=n))

    # Whitespace tokens (``str.split``'s) were matched in the kernel against word sets
    # that hold each word's usual spellings (columns 11, 20, 26). Line one is a page
    # <title> in most crawls; a first line shaped like a sentence or a caption (long, or
    # ending in a comma) is not one: column 20 is the share of a line's tokens spelled
    # like one of its words.
    token_counts = marks[_M_TOKEN_STARTS]
    first_tokens = np.cumsum(token_counts) - token_counts

    lex_index = {kind: 21 + i for i, kind in enumerate(LEXICON_KINDS)}
    kind_of = lexicon.kind_of
    short = out[:, 1] <= 12
    lex_rows: list[int] = []
    lex_cols: list[int] = []
    # Only a line whose first word opens some phrase can match the lexicon.
    heads = (short & (token_counts > 0)).nonzero()[0]
    firsts = first_tokens[heads]
    head_words = list(
        map(page.__getitem__, map(slice, token_start[firsts].tolist(), token_end[firsts].tolist()))
    )
    candidates = list(compress(heads.tolist(), lexicon.opens_phrase(head_words)))
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
    for i in marks[_M_URLISH].nonzero()[0].tolist():
        if urlish(texts[i]):
            out[i, 13] = 1.0
    for i in marks[_M_DATEISH].nonzero()[0].tolist():
        if dateish(texts[i]):
            out[i, 18] = 1.0
    return out


def best_region(scores: FloatArray) -> tuple[int, int]:
    """The contiguous run with the largest sum; ``(start, end)`` inclusive (prefix sums)."""
    n = scores.shape[0]
    if n == 0:
        return 0, -1
    prefix = np.zeros(n + 1, dtype=np.float64)
    np.cumsum(scores, out=prefix[1:])
    lowest = np.minimum.accumulate(prefix[:-1])
    end = int((prefix[1:] - lowest).argmax())
    start = int(prefix[: end + 1].argmin())
    return start, end


# Columns of the context block: the window means (prev, next for each window in turn,
# each over ``_CONTEXT_COLUMNS``), then position, lexicon cues, region, segment and
# blank-line block features.
_N_WINDOW = 2 * len(_WINDOWS) * len(_CONTEXT_COLUMNS)
N_CONTEXT = _N_WINDOW + 6 + 2 + 4 + 4 + 7
_POSITION, _MARKS, _REGION, _SEGMENT, _BLOCK = (
    _N_WINDOW,
    _N_WINDOW + 6,
    _N_WINDOW + 8,
    _N_WINDOW + 12,
    _N_WINDOW + 16,
)
_block_of = itemgetter(4)  # Line.block


def _context_rows(
    rows: FloatArray,
    blocks: npt.NDArray[np.int64],
    to: FloatArray,
    context_columns: npt.NDArray[np.int64],
    windows: npt.NDArray[np.int64],
    typical: float,
) -> None:
    """The context block, feature-major: ``rows`` (base features, lines) to ``to``
    (context features, lines). Compiled by numba (see ``_context_kernel``).

    Every value is computed with the same floating-point operations in the same order
    as the numpy steps it replaced (prefix sums added row by row, per-block sums in
    line order), so the results are bit for bit the same; the logarithms are left to
    ``context_features`` (numpy's), which gets their arguments in their rows.
    """
    n = rows.shape[1]
    width = context_columns.shape[0]
    csum = np.zeros(n + 1)
    at = 0
    for w in range(windows.shape[0]):
        k = windows[w]
        inner = max(n - k, 0)
        for c in range(width):
            values = rows[context_columns[c]]
            for r in range(n):
                csum[r + 1] = csum[r] + values[r]
            before = to[at + c]
            after = to[at + width + c]
            for r in range(n):
                before[r] = (csum[r] - csum[r - k] if r >= k else csum[r]) / k
                if r < inner:
                    after[r] = (csum[r + k + 1] - csum[r + 1]) / k
                else:
                    after[r] = (csum[n] - csum[r + 1]) / k
        at += 2 * width

    words = rows[1]
    terminal = rows[3]
    prose = np.zeros(n)
    total = 0.0
    marks_total = 0.0
    for r in range(n):
        if words[r] >= 12 and terminal[r] > 0:
            prose[r] = 1.0
        total += prose[r]
        marks_total += rows[22, r] + rows[23, r] + rows[24, r] + rows[26, r]
    n_blocks = 0
    for r in range(n):
        n_blocks = max(n_blocks, blocks[r] + 1)
    sizes = np.zeros(n_blocks)
    for r in range(n):
        sizes[blocks[r]] += 1.0
    position = _N_WINDOW
    before_prose = 0.0
    before_marks = 0.0
    for r in range(n):
        to[position, r] = r / max(n - 1, 1)
        to[position + 1, r] = before_prose / total if total else 0.0
        to[position + 2, r] = (total - before_prose - prose[r]) / total if total else 0.0
        to[position + 3, r] = min(sizes[blocks[r]], 50.0)
        to[position + 4, r] = 1.0 if r == 0 or blocks[r] != blocks[r - 1] else 0.0
        before_prose += prose[r]
        marks = rows[22, r] + rows[23, r] + rows[24, r] + rows[26, r]
        to[position + 6, r] = before_marks  # log1p in context_features
        to[position + 7, r] = marks_total - before_marks - marks  # log1p likewise
        before_marks += marks

    # Region: the run of lines with the largest sum of scores (``best_region``).
    region = position + 8
    prefix = 0.0
    lowest = 0.0
    best = -np.inf
    end = 0
    for r in range(n):
        score = min(words[r], 40.0) * (1.0 if terminal[r] > 0 else 0.4) - 6.0
        lowest = min(lowest, prefix)
        prefix += score
        if prefix - lowest > best:
            best = prefix - lowest
            end = r
    prefix = 0.0
    least = 0.0
    start = 0
    for r in range(end + 1):
        if prefix < least:
            least = prefix
            start = r
        prefix += min(words[r], 40.0) * (1.0 if terminal[r] > 0 else 0.4) - 6.0
    for r in range(n):
        to[region, r] = 1.0 if start <= r <= end else 0.0
        to[region + 1, r] = max(start - r, 0)  # log1p in context_features
        to[region + 2, r] = max(r - end, 0)  # log1p likewise
        to[region + 3, r] = (end - start + 1) / n

    # Segments: stretches of lines within three lines of prose, ranked by prose words.
    segment = position + 12
    csum[0] = 0.0
    for r in range(n):
        csum[r + 1] = csum[r] + prose[r] * words[r]
    ids = np.zeros(n, np.int64)
    count = 0
    for r in range(n):
        if csum[min(r + 4, n)] - csum[max(r - 3, 0)] > 0:
            if r == 0 or ids[r - 1] == 0:
                count += 1
            ids[r] = count
    weights = np.zeros(count + 1)
    for r in range(n):
        if ids[r]:
            weights[ids[r]] += prose[r] * words[r]
    largest = 0.0
    for j in range(1, count + 1):
        largest = max(largest, weights[j])
    if largest == 0.0:
        largest = 1.0
    ranks = np.zeros(count + 1)
    for j in range(1, count + 1):
        rank = 1
        for other in range(1, count + 1):
            if weights[other] > weights[j] or (weights[other] == weights[j] and other < j):
                rank += 1
        ranks[j] = rank
    for r in range(n):
        if count == 0:
            for f in range(4):
                to[segment + f, r] = 0.0
            continue
        j = ids[r]
        to[segment, r] = weights[j] / largest if j else 0.0
        to[segment + 1, r] = min(ranks[j], 10.0) if j else 11.0
        to[segment + 2, r] = 1.0 if j == 1 else 0.0
        to[segment + 3, r] = min(count, 30)

    # Blank-line blocks: what the block of a line holds.
    block = position + 16
    terminals = np.zeros(n_blocks)
    block_words = np.zeros(n_blocks)
    lexical = np.zeros(n_blocks)
    block_prose = np.zeros(n_blocks)
    for r in range(n):
        b = blocks[r]
        terminals[b] += terminal[r]
        block_words[b] += min(words[r], 60.0)
        lexical[b] += min(rows[21, r] + rows[22, r] + rows[23, r] + rows[24, r], 1.0)
        block_prose[b] += prose[r]
    alone_sum = 0.0
    for r in range(n):
        if sizes[blocks[r]] == 1.0:
            alone_sum += prose[r]
    alone = alone_sum / total if total else 0.0
    for r in range(n):
        b = blocks[r]
        to[block, r] = terminals[b] / sizes[b]
        to[block + 1, r] = block_words[b] / sizes[b]
        to[block + 2, r] = 1.0 if lexical[b] > 0 else 0.0
        to[block + 3, r] = block_prose[b] / sizes[b]
        to[block + 4, r] = alone
        to[block + 5, r] = alone if sizes[b] != 1.0 else 0.0
        to[block + 6, r] = min(words[r] / max(typical, 1.0), 5.0)


_context_kernel = jit_compiled(_context_rows)


_CONTEXT_INDEX = np.array(_CONTEXT_COLUMNS, dtype=np.int64)
_WINDOW_SIZES = np.array(_WINDOWS, dtype=np.int64)


def context_features(
    base: FloatArray, lines: list[Line], out: FloatArray | None = None
) -> FloatArray:
    """Neighbourhood, position and layout features; written to ``out`` when given.

    Both are (lines, features); the work runs on their transposes, one feature a row,
    which are contiguous when ``line_features`` made them.
    """
    n = base.shape[0]
    if out is None:
        out = np.zeros((N_CONTEXT, n), dtype=np.float64).T
    if n == 0:
        return out
    rows, to = np.ascontiguousarray(base.T), out.T
    blocks = np.fromiter(map(_block_of, lines), dtype=np.int64, count=n)
    blocks -= blocks[0]  # a chunk of a giant input starts mid-count
    # The median words of a prose line (the upper one of an even count), for scale.
    words, terminal = rows[1], rows[3]
    prose_words = np.sort(words[(words >= 12) & (terminal > 0)])
    typical = float(prose_words[prose_words.shape[0] // 2]) if prose_words.shape[0] else 1.0
    _context_kernel(rows, blocks, to, _CONTEXT_INDEX, _WINDOW_SIZES, typical)
    to[_POSITION + 5] = math.log1p(n)
    np.log1p(to[_MARKS : _MARKS + 2], out=to[_MARKS : _MARKS + 2])
    np.log1p(to[_REGION + 1 : _REGION + 3], out=to[_REGION + 1 : _REGION + 3])
    return out


N_FEATURES = len(BASE_NAMES) + N_CONTEXT


def line_features(
    lines: list[Line], lexicon: BoilerplateLexicon, lexicon_kinds: list[str | None] | None = None
) -> FloatArray:
    """(lines, features): the base features, then the context features.

    Laid out feature-major underneath (the result is a transposed view), so each feature
    is written as one contiguous row and the trees read the matrix without a copy.
    """
    features = np.zeros((N_FEATURES, len(lines)), dtype=np.float64).T
    base = base_features(lines, lexicon, lexicon_kinds, out=features[:, : len(BASE_NAMES)])
    context_features(base, lines, out=features[:, len(BASE_NAMES) :])
    return features
