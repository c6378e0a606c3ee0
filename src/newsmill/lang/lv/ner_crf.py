"""Viterbi decoding of the trained linear-chain CRF, without crfsuite.

crfsuite scores a tag sequence as the sum of the weights of (attribute, label) pairs plus
label-to-label transitions; the exported weights give the same best sequence. Decoding
here is many times faster than handing crfsuite ~40 strings per token, because almost
no attribute string is built per token:

- a word form's attributes depend on the form alone, so its score vectors (as the token
  itself and as a neighbour at -2..+2, or -3..+3) are summed once per distinct form and
  kept, with its capitalisation class and stem; the rows of its attributes are found by
  their values, without building the attribute strings;
- the capitalisation patterns around a token (`cp0=`/`cp1=`/`cp2=`, with the bias) take
  one of a few hundred values: their summed scores are one table indexed by a number
  made of the neighbours' classes;
- sentence-edge attributes are four fixed vectors; a word pair's `bi=`/`bi+=` scores are
  found by the pair of the words' numbers in the pair table;
- only the rare attributes (quotes, phrase matches: `NerFeaturizer.sparse`) go through
  strings.

Each sum adds the same float64 numbers as the attribute lists `NerFeaturizer.sentence`
gives, in another order, so scores agree to rounding. `tag` is the plain numpy decoder
of one sentence; `tag_many`, which the pipeline uses, decodes an article's sentences at
once with four kernels compiled by numba (`newsmill.jit`; string work stays in Python,
the loops over numbers go to the kernels): `_letter_rows` (stems and affix rows of new
words from their code points), `_new_rows` (their score matrices), `_emission_rows`
(the scores of the sentences laid end to end) and `_viterbi`. The kernels add the same
numbers in the same order as the numpy code they replaced and break ties the same way,
so scores are bit-identical and tags equal (`tests/test_lv_ner_kernels.py`). They are
loaded with the model (`CrfDecoder._load_kernels`); the first process after an install
compiles them (about 10 s of CPU), later ones load them from numba's cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain, compress, pairwise, repeat
from operator import getitem, itemgetter
from typing import cast

import numpy as np
import numpy.typing as npt

from newsmill.jit import jit_compiled
from newsmill.lang.lv.ner_features import (
    ENDINGS,
    MAX_CACHE,
    OPENERS,
    QUOTES,
    NerFeaturizer,
    shape,
)

# Rows of a word's score matrix: the word as the token itself, then as the neighbour at
# -1 of the next token, +1 of the previous, -2 of the token two on, +2 of two back.
_ROLES = ((0, ""), (1, "-1"), (1, "+1"), (2, "-2"), (2, "+2"), (3, "-3"), (3, "+3"))
# capitalisation classes of `NerFeaturizer.context`; 3 is "no token here"
_CAPS = "Ulo"
_NONE = 3
_PLACES = np.array([1, 4, 16, 64, 256], dtype=np.intp)  # convolved: c[i-2] * 256 + ...
# per-form flags (`CrfDecoder._flags`): opens a sentence (`first` at the next token), is a
# quote, its stem may start a phrase (both: the sentence needs `NerFeaturizer.sparse`)
_OPENER, _QUOTE, _PHRASE = 1, 2, 4
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


def _cap_class(form: str) -> int:
    first = form[:1]
    return 0 if first.isupper() else 1 if first.islower() else 2


def _pattern(digits: Sequence[int]) -> str:
    return "".join(_CAPS[d] for d in digits if d != _NONE)


# rows of the facts of new forms for `_new_rows` (after their attribute rows)
_SIZE, _FIRST_CASE, _UPPER, _SEEN, _OPENS, _QUOTED, _PAIRED, _STARTS = range(-8, 0)


def _new_rows(
    by_role: FloatArray,
    found: IntArray,
    affixes: IntArray,
    fixed: IntArray,
    table: FloatArray,
    caps: IntArray,
    pair_word: IntArray,
    flags: npt.NDArray[np.uint8],
    base: int,
) -> None:
    """The score matrices of new forms into `table` (forms x cells) from row `base`, with
    their capitalisation classes, pair-word numbers and flags into `caps`, `pair_word`
    and `flags`.

    Form `k`'s matrix is the sum of the rows of `by_role` of its own attributes
    (`NerFeaturizer.own`), added one by one in its order: `w`, `st`, `sh` (`found[0:3,
    k]`), `c` (`fixed[4 + class]`, the class A, U, l, o from the facts), `g`
    (`found[3, k]`), the prefixes and suffixes (`affixes[:, k]`), `ge` (and `gm`:
    `found[4:-8, k]`), `lcseen` (`fixed[0]`) and `short` (`fixed[1]`) where they
    apply, then the row of zeros `fixed[2]` up to `fixed[3]` rows in all. These are the
    additions of numpy's `take(rows.T).sum(axis=0)` over the padded rows, in the same
    order, so the sums are bit-identical to it. The last 8 rows of `found` are facts of
    the form (`_SIZE`...). Compiled by `_rows_kernel`."""
    n_found, n = found.shape
    cells = by_role.shape[1]
    width = fixed[3]
    order = np.empty(width, np.intp)
    for k in range(n):
        size = found[n_found + _SIZE, k]
        first = found[n_found + _FIRST_CASE, k]
        capital = found[n_found + _UPPER, k] != 0 and size > 1
        order[0] = found[0, k]
        order[1] = found[1, k]
        order[2] = found[2, k]
        order[3] = fixed[4] if capital else fixed[5 + first]
        order[4] = found[3, k]
        used = 5
        for r in range(affixes.shape[0]):
            order[used] = affixes[r, k]
            used += 1
        for r in range(4, n_found - 8):
            order[used] = found[r, k]
            used += 1
        if (capital or first == 0) and found[n_found + _SEEN, k] != 0:
            order[used] = fixed[0]
            used += 1
        if size <= 2:
            order[used] = fixed[1]
            used += 1
        for r in range(used, width):
            order[r] = fixed[2]
        out = table[base + k]
        r = order[0]
        for c in range(cells):
            out[c] = by_role[r, c]
        for w in range(1, width):
            r = order[w]
            for c in range(cells):
                out[c] += by_role[r, c]
        caps[base + k] = first
        pair_word[base + k] = found[n_found + _PAIRED, k]
        flags[base + k] = (
            (found[n_found + _OPENS, k] != 0) * 1
            | (found[n_found + _QUOTED, k] != 0) * 2
            | (found[n_found + _STARTS, k] != 0) * 4
        )


def _letter_rows(
    codes: npt.NDArray[np.uint32],
    ends: IntArray,
    endings: IntArray,
    ending_sizes: IntArray,
    letters: IntArray,
    prefix_keys: IntArray,
    prefix_rows: IntArray,
    suffix_keys: IntArray,
    suffix_rows: IntArray,
    bits: int,
    zero: int,
    rows: IntArray,
    stem_sizes: IntArray,
) -> None:
    """What the letters of lowercase words give (their code points laid end to end in
    `codes`, word `j` ending at `ends[j]`):

    - `stem_sizes[j]`: the length of its stem (`stem_lower`): without the longest of
      `endings` (code points, `ending_sizes` long, longest first) it ends with that
      leaves at least three letters;
    - `rows[:, j]` (none for an empty `rows`): the row of `low[:k]` in the `p<k>` table,
      then of `low[-k:]` in the `s<k>` table, for k = 1..`affix`, `zero` where a table
      lacks it. A string is a number (`_AffixIndex`); one with a letter no table
      has (`letters` 0) is in none.

    Compiled by `_letter_kernel`."""
    affix = rows.shape[0] // 2
    shift = affix * bits
    n_letters = letters.shape[0]
    start = 0
    for j in range(ends.shape[0]):
        end = ends[j]
        length = end - start
        stem_sizes[j] = length
        for e in range(endings.shape[0]):
            size = ending_sizes[e]
            if length - size < 3:
                continue
            same = True
            for p in range(size):
                if codes[end - size + p] != endings[e, p]:
                    same = False
                    break
            if same:
                stem_sizes[j] = length - size
                break
        packed = 0
        known = True
        for k in range(1, affix + 1):
            if k <= length and known:
                c = codes[start + k - 1]
                letter = letters[c] if c < n_letters else 0
                if letter == 0:
                    known = False
                packed |= letter << (bits * (k - 1))
            row = zero
            if known:
                key = packed | (k << shift)
                i = np.searchsorted(prefix_keys, key)
                if i < prefix_keys.shape[0] and prefix_keys[i] == key:
                    row = prefix_rows[i]
            rows[k - 1, j] = row
        for k in range(1, affix + 1):
            m = min(k, length)
            packed = 0
            known = True
            for p in range(m):
                c = codes[end - m + p]
                letter = letters[c] if c < n_letters else 0
                if letter == 0:
                    known = False
                    break
                packed |= letter << (bits * p)
            row = zero
            if known:
                key = packed | (k << shift)
                i = np.searchsorted(suffix_keys, key)
                if i < suffix_keys.shape[0] and suffix_keys[i] == key:
                    row = suffix_rows[i]
            rows[affix + k - 1, j] = row
        start = end


class _AffixIndex:
    """The `p<k>=` and `s<k>=` tables as sorted numbers for `_affix_rows`: each letter of
    their values gets a number (1..), a value of k letters or fewer the sum of its
    letters' numbers shifted by its positions, with k above them. None (`build`) where
    the numbers do not fit in 63 bits."""

    def __init__(self, letters: IntArray, bits: int, keys: list[tuple[IntArray, IntArray]]):
        self.letters = letters
        self.bits = bits
        (self.prefix_keys, self.prefix_rows), (self.suffix_keys, self.suffix_rows) = keys

    @classmethod
    def build(
        cls, prefixes: Sequence[dict[str, int]], suffixes: Sequence[dict[str, int]]
    ) -> _AffixIndex | None:
        alphabet = sorted({ch for table in (*prefixes, *suffixes) for key in table for ch in key})
        bits = max(1, len(alphabet).bit_length())
        affix = len(prefixes)
        if affix * bits + affix.bit_length() > 62:
            return None
        numbers = {ch: k for k, ch in enumerate(alphabet, 1)}
        letters = np.zeros(max(map(ord, alphabet), default=0) + 1, dtype=np.intp)
        letters[[ord(ch) for ch in alphabet]] = list(numbers.values())
        keys: list[tuple[IntArray, IntArray]] = []
        for tables in (prefixes, suffixes):
            coded: list[tuple[int, int]] = []
            for k, table in enumerate(tables, 1):
                for value, row in table.items():
                    if len(value) <= k:  # a longer one is nobody's first or last k letters
                        code = sum(numbers[ch] << (bits * p) for p, ch in enumerate(value))
                        coded.append((code | (k << (affix * bits)), row))
            coded.sort()
            keys.append(
                (
                    np.array([c for c, _ in coded], dtype=np.intp),
                    np.array([r for _, r in coded], dtype=np.intp),
                )
            )
        return cls(letters, bits, keys)


_NO_AFFIXES = _AffixIndex(np.zeros(1, dtype=np.intp), 1, [(np.zeros(0, dtype=np.intp),) * 2] * 2)
# `ENDINGS` for `_letter_rows`, longest first, as code points padded with zeros
_BY_SIZE = sorted(ENDINGS, key=len, reverse=True)
_ENDING_SIZES = np.array([len(e) for e in _BY_SIZE], dtype=np.intp)
_ENDING_CODES = np.zeros((len(_BY_SIZE), max(_ENDING_SIZES)), dtype=np.intp)
for _k, _ending in enumerate(_BY_SIZE):
    _ENDING_CODES[_k, : len(_ending)] = [ord(ch) for ch in _ending]
_FIRST = itemgetter(slice(1))  # a form's first letter, or "" for an empty one
_cut = cast(Callable[[str, slice], str], getitem)  # word[:k] as a function


class _FirstClasses(dict[str, int]):
    """`_cap_class` of a form by its first letter, found once per letter."""

    def __missing__(self, first: str) -> int:
        self[first] = found = _cap_class(first)
        return found


_FIRST_CLASS = _FirstClasses()


def _grown(a: np.ndarray, size: int, used: int) -> np.ndarray:
    """`a` with `size` rows, the first `used` kept (the others are written before being
    read: no zeroing)."""
    grown = np.empty((size, *a.shape[1:]), dtype=a.dtype)
    grown[:used] = a[:used]
    return grown


def _emission_rows(
    table: FloatArray,
    caps: IntArray,
    pair_word: IntArray,
    flags: npt.NDArray[np.uint8],
    ids: IntArray,
    starts: IntArray,
    lengths: IntArray,
    patterns: FloatArray,
    edges: FloatArray,
    pair_keys: IntArray,
    pair_rows: IntArray,
    by_pair: FloatArray,
    out: FloatArray,
    sparse: npt.NDArray[np.uint8],
) -> None:
    """The dense label scores of sentences laid end to end (`ids`: their words' rows of
    `table`; sentence `s` is `starts[s]` and the `lengths[s]` rows after it) into `out`,
    and in `sparse[s]` whether sentence `s` has a quote or a possible phrase start.

    Each score is summed in the order of the numpy reference (`CrfDecoder.emissions_many`
    before the kernels): the word's own row, its neighbours' at -1, +1, -2, +2 (-3, +3),
    where a neighbour outside the sentence is the empty row 0 (the padding there), the
    capitalisation pattern; then the sentence edges `edges` (start at 0 and 1, end at 0
    and 1, `first`) and the word pairs (`bi=`, then `bi+=`). The floats are the same,
    bit for bit. Compiled by `_emission_kernel`."""
    n_roles = table.shape[1]
    n_labels = table.shape[2]
    none = by_pair.shape[0] - 1
    n_keys = pair_keys.shape[0]
    pair_of = np.empty(max(1, ids.shape[0]), np.intp)  # pair row of (token - 1, token)
    for s in range(starts.shape[0]):
        a = starts[s]
        n = lengths[s]
        b = a + n
        need = 0
        for i in range(a, b):
            row = ids[i]
            if flags[row] & 6:
                need = 1
            p1 = ids[i - 1] if i - 1 >= a else 0
            n1 = ids[i + 1] if i + 1 < b else 0
            p2 = ids[i - 2] if i - 2 >= a else 0
            n2 = ids[i + 2] if i + 2 < b else 0
            code = caps[p2] * 256 + caps[p1] * 64 + caps[row] * 16 + caps[n1] * 4 + caps[n2]
            if n_roles > 5:
                p3 = ids[i - 3] if i - 3 >= a else 0
                n3 = ids[i + 3] if i + 3 < b else 0
                for label in range(n_labels):
                    v = table[row, 0, label]
                    v += table[p1, 1, label]
                    v += table[n1, 2, label]
                    v += table[p2, 3, label]
                    v += table[n2, 4, label]
                    v += table[p3, 5, label]
                    v += table[n3, 6, label]
                    out[i, label] = v + patterns[code, label]
            else:
                for label in range(n_labels):
                    v = table[row, 0, label]
                    v += table[p1, 1, label]
                    v += table[n1, 2, label]
                    v += table[p2, 3, label]
                    v += table[n2, 4, label]
                    out[i, label] = v + patterns[code, label]
            if i > a:
                pair = none
                first = pair_word[ids[i - 1]]
                second = pair_word[row]
                if first and second:
                    key = (first << 32) | second
                    j = np.searchsorted(pair_keys, key)
                    if j < n_keys and pair_keys[j] == key:
                        pair = pair_rows[j]
                pair_of[i] = pair
        sparse[s] = need
        if n == 0:
            continue
        for label in range(n_labels):
            out[a, label] += edges[0, label]
        for label in range(n_labels):
            out[b - 1, label] += edges[2, label]
        if n > 1:
            for label in range(n_labels):
                out[a + 1, label] += edges[1, label]
            for label in range(n_labels):
                out[b - 2, label] += edges[3, label]
            if flags[ids[a]] & 1:
                for label in range(n_labels):
                    out[a + 1, label] += edges[4, label]
        for i in range(a + 1, b):
            for label in range(n_labels):
                out[i, label] += by_pair[pair_of[i], 0, label]
        for i in range(a + 1, b):
            for label in range(n_labels):
                out[i - 1, label] += by_pair[pair_of[i], 1, label]


def _viterbi(
    scores: FloatArray,
    starts: IntArray,
    lengths: IntArray,
    transitions: FloatArray,
    into: FloatArray,
    out: IntArray,
) -> None:
    """The best label sequence of each sentence of `scores` (laid out as in
    `_emission_rows`) into `out`, under `transitions` [previous label, label] (`into` is
    its transpose): the sums and tie-breaking of the numpy reference (`CrfDecoder.tag`:
    numpy's argmax, the first maximum or else the first NaN), so the same labels.

    A step first takes the maxima label by label over the previous labels in order
    (`transitions`' rows: the inner loop runs over independent labels, which vectorises).
    That is numpy's argmax while no candidate is NaN, which is certain while every score
    is finite and `transitions` is (a sum of finite numbers is finite or infinite, not
    NaN). A sentence where a score is not finite is decoded again with the exact rule.
    Compiled by `_viterbi_kernel`."""
    n_labels = into.shape[0]
    finite = True
    for i in range(n_labels):
        for j in range(n_labels):
            if not abs(transitions[i, j]) < np.inf:
                finite = False
    longest = 1
    for s in range(lengths.shape[0]):
        longest = max(longest, lengths[s])
    back = np.empty((longest, n_labels), np.intp)
    score = np.empty(n_labels)
    top = np.empty(n_labels)
    arg = np.empty(n_labels, np.intp)
    for s in range(starts.shape[0]):
        a = starts[s]
        n = lengths[s]
        if n == 0:
            continue
        exact = not finite
        for j in range(n_labels):
            score[j] = scores[a, j]
            if not abs(score[j]) < np.inf:
                exact = True
        if not exact:
            for t in range(1, n):
                first = score[0]
                for j in range(n_labels):
                    top[j] = transitions[0, j] + first
                    arg[j] = 0
                for i in range(1, n_labels):
                    before = score[i]
                    for j in range(n_labels):
                        v = transitions[i, j] + before
                        higher = v > top[j]
                        top[j] = v if higher else top[j]
                        arg[j] = i if higher else arg[j]
                for j in range(n_labels):
                    back[t, j] = arg[j]
                    score[j] = top[j] + scores[a + t, j]
                    if not abs(score[j]) < np.inf:
                        exact = True
                if exact:
                    break
        if exact:  # numpy's argmax, NaN included, row by row
            for j in range(n_labels):
                score[j] = scores[a, j]
            for t in range(1, n):
                for j in range(n_labels):
                    best = 0
                    high = into[j, 0] + score[0]
                    if high == high:
                        for i in range(1, n_labels):
                            v = into[j, i] + score[i]
                            if v > high:
                                high = v
                                best = i
                            elif v != v:
                                high = v
                                best = i
                                break
                    back[t, j] = best
                    top[j] = high + scores[a + t, j]
                for j in range(n_labels):
                    score[j] = top[j]
        y = 0
        high = score[0]
        if high == high:
            for i in range(1, n_labels):
                v = score[i]
                if v > high:
                    high = v
                    y = i
                elif v != v:
                    y = i
                    break
        out[a + n - 1] = y
        for t in range(n - 1, 0, -1):
            y = back[t, y]
            out[a + t - 1] = y


_rows_kernel = jit_compiled(_new_rows)
_letter_kernel = jit_compiled(_letter_rows)
_emission_kernel = jit_compiled(_emission_rows)
_viterbi_kernel = jit_compiled(_viterbi)


class CrfDecoder:
    """Best BIO tag sequence of a sentence under exported CRF weights."""

    def __init__(
        self,
        labels: Sequence[str],
        attributes: Sequence[str],
        weights: np.ndarray,
        transitions: np.ndarray,
        featurizer: NerFeaturizer,
    ) -> None:
        self.labels = list(labels)
        n_labels = len(self.labels)
        self._index = {a: i for i, a in enumerate(attributes)}
        # A word's own attributes, each with its weights in every role (as the token, as
        # the neighbour at -1, +1, -2, +2): one lookup per attribute and one sum per word.
        # a model with a window of 3 has the word at -3 and +3 as two more roles
        self._roles = n_roles = 7 if featurizer.window == 3 else 5
        prefixes = {prefix: r for r, (_, prefix) in enumerate(_ROLES[:n_roles]) if prefix}
        base: dict[str, int] = {}
        cells: list[tuple[int, int, int]] = []
        pairs: dict[str, int] = {}
        pair_cells: list[tuple[int, int, int]] = []
        for i, a in enumerate(attributes):
            if a.startswith(("bi=", "bi+=")):  # word pairs: a table of their own
                plus = a[2] == "+"
                key = a[4:] if plus else a[3:]
                pair_cells.append((pairs.setdefault(key, len(pairs)), int(plus), i))
                continue
            r = prefixes.get(a[:2], 0)
            key = a[2:] if r else a
            cells.append((base.setdefault(key, len(base)), r, i))
        w64 = weights.astype(np.float64)
        # plus a last row of zeros, which keeps the slice of a word without known
        # attributes non-empty
        by_role = np.zeros((len(base) + 1, n_roles, n_labels))
        rows, roles, ids = (np.array(c, dtype=np.intp) for c in zip(*cells, strict=True))
        by_role[rows, roles] = w64[ids]
        self._base = base
        self._by_role = by_role.reshape(len(base) + 1, -1)
        self._zero = len(base)
        zero = len(base)
        #: attribute value -> row, per attribute name (`w`, `st`, `p1`...): a new word's
        #: rows are found without building its attribute strings
        self._rows_by_name: dict[str, dict[str, int]] = {}
        for key, row in base.items():
            name, sep, value = key.partition("=")
            if sep:
                self._rows_by_name.setdefault(name, {})[value] = row
        by_name = self._rows_by_name
        lengths = range(1, featurizer.affix + 1)
        #: a new word's rows by its lowercase form, its first and last letters, its shape
        #: and its capitalisation: `NerFeaturizer.own` without building the attributes
        self._w_rows = by_name.get("w", {})
        self._prefix_rows = [(itemgetter(slice(k)), by_name.get(f"p{k}", {})) for k in lengths]
        self._suffix_rows = [
            (itemgetter(slice(-k, None)), by_name.get(f"s{k}", {})) for k in lengths
        ]
        self._shape_rows = by_name.get("sh", {})
        self._affix_index = _AffixIndex.build(
            [rows_of for _, rows_of in self._prefix_rows],
            [rows_of for _, rows_of in self._suffix_rows],
        )
        # the most own attributes a word has (`NerFeaturizer.own`): w, st, sh, c, g, the
        # prefixes and suffixes, ge, gm when the model has it, lcseen, short
        self._width = 8 + 2 * featurizer.affix + bool(featurizer.counts)
        #: the rows `_rows_kernel` takes: lcseen, short, zero, then the `c=` of A, U, l, o
        self._fixed_rows = np.array(
            [base.get("lcseen", zero), base.get("short", zero), zero, self._width]
            + [base.get("c=" + c, zero) for c in "AUlo"],
            dtype=np.intp,
        )
        #: ... and by its stem: `st=`, then `g=`, `ge=` (and `gm=`) of the stem's value in
        #: the gazetteer, name ends (and counts), each with the row of "" for other stems
        self._stem_rows: list[tuple[dict[str, int], int]] = [(by_name.get("st", {}), zero)]
        for name, values in (
            ("g", featurizer.gazetteer),
            ("ge", featurizer.ends),
            ("gm", featurizer.counts),
        ):
            if name == "gm" and not featurizer.counts:
                continue
            rows_of = by_name.get(name, {})
            self._stem_rows.append(
                ({st: rows_of.get(v, zero) for st, v in values.items()}, rows_of.get("", zero))
            )
        # pair table: [pair, 0] scores the pair's second token (`bi=`), [pair, 1] its
        # first (`bi+=`); the last row is zeros for pairs without weights
        by_pair = np.zeros((len(pairs) + 1, 2, n_labels))
        if pair_cells:
            rows, roles, ids = (np.array(c, dtype=np.intp) for c in zip(*pair_cells, strict=True))
            by_pair[rows, roles] = w64[ids]
        self._pairs = pairs
        self._by_pair = by_pair
        # the pair table for the kernels: each lowercase word of a pair gets a number
        # (`_pair_words`, 0 for the others), a pair the key first << 32 | second, sorted
        # (every split at a `|` is a possible pair of words, so none is missed)
        self._pair_words: dict[str, int] = {}
        keyed: list[tuple[int, int]] = []
        for key, p in pairs.items():
            for at, ch in enumerate(key):
                if ch == "|":
                    first = self._pair_words.setdefault(key[:at], len(self._pair_words) + 1)
                    second = self._pair_words.setdefault(key[at + 1 :], len(self._pair_words) + 1)
                    keyed.append(((first << 32) | second, p))
        keyed.sort()
        self._pair_keys = np.array([k for k, _ in keyed], dtype=np.intp)
        self._pair_rows = np.array([p for _, p in keyed], dtype=np.intp)
        self._weights = w64
        self._build_context()
        self._transitions = np.ascontiguousarray(transitions, dtype=np.float64)
        self._into = np.ascontiguousarray(self._transitions.T)
        # the sentence-edge vectors in the order the kernel adds them
        self._edges = np.ascontiguousarray(
            [self._start[0], self._start[1], self._end[0], self._end[1], self._first]
        )
        self._featurizer = featurizer
        # row of each form seen so far in `_table` (form x role x label scores), with its
        # capitalisation class and stem
        self._words: dict[str, int] = {}
        # row 0 is an empty slot (scores zero, no capitalisation class): the padding
        # between the sentences of `emissions_many`
        self._table = np.zeros((1024, n_roles, n_labels))
        self._caps = np.zeros(1024, dtype=np.intp)
        self._caps[0] = _NONE
        self._stems: list[str] = [""]
        self._pair_word = np.zeros(1024, dtype=np.intp)  # `_pair_words` of each row's form
        self._flags = np.zeros(1024, dtype=np.uint8)  # `_OPENER` | `_QUOTE` | `_PHRASE`
        self._load_kernels()

    def _load_kernels(self) -> None:
        """Compile (the first time after an install) or load the kernels now, with the
        model, so that numba's import and the cached machine code are not paid by the
        first article: an empty batch, with the argument types of a real one."""
        self.tag_many([])
        self._add_words([])

    def _row(self, attribute: str) -> np.ndarray:
        i = self._index.get(attribute)
        return self._weights[i] if i is not None else np.zeros(len(self.labels))

    def _build_context(self) -> None:
        """Score tables of a token's place: the bias and capitalisation patterns by the
        5-digit base-4 code of the classes at -2..+2, and the sentence-edge vectors."""
        self._patterns = np.zeros((4**5, len(self.labels)))
        bias = self._row("b")
        for code in range(4**5):
            digits = [(code >> (2 * (4 - k))) & 3 for k in range(5)]
            left = digits[0] == _NONE, digits[1] == _NONE
            if digits[2] == _NONE or (left[1] and not left[0]):
                continue  # no token, or a gap on the left: never occurs
            i = 2 - sum(left)  # the token's index when near the sentence start
            near = ("cp1=" if i else "cp0=") + _pattern(digits[1:4])
            far = "cp2=" + _pattern(digits) + str(i)
            self._patterns[code] = bias + self._row(near) + self._row(far)
        self._first = self._row("first")
        self._start = (self._first + self._row("-1BOS"), self._row("-2BOS"))
        self._end = (self._row("last") + self._row("+1EOS"), self._row("+2EOS"))

    def _add_words(self, forms: Sequence[str]) -> None:
        """Score matrices of new forms (`NerFeaturizer.own`'s rows of `_by_role`, summed
        in its order), with their capitalisation class, stem, pair-word number and
        flags. Everything is found attribute by attribute for all the forms at once: the
        stems and the affixes' rows by `_letter_kernel` over the forms' code points, the
        other rows and facts by lookups mapped over the forms (C loops; per form, only
        the shape takes Python code), and `_rows_kernel` puts it together."""
        n = len(forms)
        zero = self._zero
        featurizer = self._featurizer
        lows = list(map(str.lower, forms))
        index = self._affix_index
        affixes = np.empty((2 * featurizer.affix if index else 0, n), dtype=np.intp)
        stem_sizes = np.empty(n, dtype=np.intp)
        text = "".join(lows).encode("utf-32-le", "surrogatepass")
        letters = index or _NO_AFFIXES
        _letter_kernel(
            np.frombuffer(text, dtype=np.uint32),
            np.cumsum(np.fromiter(map(len, lows), dtype=np.intp, count=n)),
            _ENDING_CODES,
            _ENDING_SIZES,
            letters.letters,
            letters.prefix_keys,
            letters.prefix_rows,
            letters.suffix_keys,
            letters.suffix_rows,
            letters.bits,
            zero,
            affixes,
            stem_sizes,
        )
        if index is None:
            cuts = (*self._prefix_rows, *self._suffix_rows)
            affixes = np.fromiter(
                chain.from_iterable(
                    map(rows_of.get, map(cut, lows), repeat(zero)) for cut, rows_of in cuts
                ),
                dtype=np.intp,
                count=len(cuts) * n,
            ).reshape(len(cuts), n)
        stems: list[str] = list(map(_cut, lows, map(slice, stem_sizes.tolist())))
        stem_rows = self._stem_rows
        ranks = [
            map(self._w_rows.get, lows, repeat(zero)),
            map(stem_rows[0][0].get, stems, repeat(zero)),
            map(self._shape_rows.get, map(shape, forms), repeat(zero)),
            map(stem_rows[1][0].get, stems, repeat(stem_rows[1][1])),
        ]
        for rows_of, other in stem_rows[2:]:
            ranks.append(map(rows_of.get, stems, repeat(other)))
        ranks += [  # the facts, in the order of `_SIZE`...
            map(len, forms),
            map(_FIRST_CLASS.__getitem__, map(_FIRST, forms)),
            map(str.isupper, forms),
            map(featurizer.lowercase.__contains__, lows),
            map(OPENERS.__contains__, forms),
            map(QUOTES.__contains__, forms),
            map(self._pair_words.get, lows, repeat(0)),
            map(featurizer.phrase_starts.__contains__, stems),
        ]
        found = np.fromiter(chain.from_iterable(ranks), dtype=np.intp, count=len(ranks) * n)
        base = len(self._words) + 1  # after the empty slot
        need = base + n
        if need > len(self._table):  # grow by doubling, keeping the rows in use
            # (rows past the ones in use are written before they are read: no zeroing)
            size = max(need, min(2 * len(self._table), MAX_CACHE))
            self._table = _grown(self._table, size, base)
            self._caps = _grown(self._caps, size, base)
            self._pair_word = _grown(self._pair_word, size, base)
            self._flags = _grown(self._flags, size, base)
        _rows_kernel(
            self._by_role,
            found.reshape(len(ranks), n),
            affixes,
            self._fixed_rows,
            self._table.reshape(len(self._table), -1),
            self._caps,
            self._pair_word,
            self._flags,
            base,
        )
        self._stems.extend(stems)
        self._words.update(zip(forms, range(base, need), strict=True))

    def emissions(self, forms: Sequence[str]) -> np.ndarray:
        """Label scores of every token (n x labels)."""
        words = self._words
        new = [f for f in dict.fromkeys(forms) if f not in words]
        if new and len(words) + len(new) > MAX_CACHE:
            words.clear()  # start over, with every form of this sentence
            del self._stems[1:]
            new = list(dict.fromkeys(forms))
        if new:
            self._add_words(new)
        n = len(forms)
        ids = [words[f] for f in forms]
        e = self._word_scores(np.array(ids, dtype=np.intp))
        e[0] += self._start[0]
        e[-1] += self._end[0]
        if n > 1:
            e[1] += self._start[1]
            e[-2] += self._end[1]
            if forms[0] in OPENERS:
                e[1] += self._first
            get = self._pairs.get
            none = len(self._pairs)
            lows = [f.lower() for f in forms]
            pair = self._by_pair[[get(a + "|" + b, none) for a, b in pairwise(lows)]]
            e[1:] += pair[:, 0]
            e[:-1] += pair[:, 1]
        if QUOTES.isdisjoint(forms) and not (self._flags[ids] & _PHRASE).any():
            return e  # no quotes and no phrase start: no rare attributes
        stems = self._stems
        index = self._index
        weights = self._weights
        for i, attribute in self._featurizer.sparse(forms, [stems[k] for k in ids]):
            k = index.get(attribute)
            if k is not None:
                e[i] += weights[k]
        return e

    def _word_scores(self, ids: np.ndarray) -> np.ndarray:
        """The scores of words laid end to end: each one's own row plus its neighbours'
        rows in their roles (±1, ±2, and ±3 with a window of 3), and the capitalisation
        pattern of the classes at -2..+2 as one number (with the bias)."""
        m = self._table[ids]
        e: np.ndarray = m[:, 0]
        e[1:] += m[:-1, 1]
        e[:-1] += m[1:, 2]
        e[2:] += m[:-2, 3]
        e[:-2] += m[2:, 4]
        if self._roles > 5:
            e[3:] += m[:-3, 5]
            e[:-3] += m[3:, 6]
        caps = np.full(len(ids) + 4, _NONE, dtype=np.intp)
        caps[2:-2] = self._caps[ids]
        e += self._patterns[np.convolve(caps, _PLACES, "valid")]
        return e

    def _scores(self, sentences: Sequence[Sequence[str]]) -> tuple[FloatArray, IntArray, IntArray]:
        """The label scores of sentences laid end to end (tokens x labels), with each
        sentence's first row and length: the dense sums by `_emission_kernel` (the same
        floats as `emissions`), then the rare attributes of the few sentences with
        quotes or a possible phrase start, added in Python in `emissions`' order."""
        n_labels = len(self.labels)
        lengths = np.fromiter(map(len, sentences), dtype=np.intp, count=len(sentences))
        starts = np.cumsum(lengths) - lengths
        words = self._words
        flat = list(chain.from_iterable(sentences))
        ids = np.fromiter(map(words.get, flat, repeat(0)), dtype=np.intp, count=len(flat))
        if not ids.all():  # row 0 is no form's: new forms
            holes = np.flatnonzero(ids == 0).tolist()
            missing = [flat[k] for k in holes]
            new = list(dict.fromkeys(missing))
            if len(words) + len(new) > MAX_CACHE:
                # the memo starts over (rare): one sentence at a time
                scores = [self.emissions(f) if f else np.zeros((0, n_labels)) for f in sentences]
                e = np.concatenate(scores)
                return e.reshape(len(flat), n_labels), starts, lengths
            self._add_words(new)
            ids[holes] = [words[f] for f in missing]
        e = np.empty((len(flat), n_labels))
        sparse = np.empty(len(sentences), dtype=np.uint8)
        _emission_kernel(
            self._table,
            self._caps,
            self._pair_word,
            self._flags,
            ids,
            starts,
            lengths,
            self._patterns,
            self._edges,
            self._pair_keys,
            self._pair_rows,
            self._by_pair,
            e,
            sparse,
        )
        if sparse.any():
            stem_of = self._stems.__getitem__
            get = self._index.get
            rows = ids.tolist()
            marks = (self._flags[ids] & _PHRASE).tolist()
            at: list[int] = []  # the rare attributes' tokens and weight rows, in order
            weights: list[int] = []
            for s in np.flatnonzero(sparse).tolist():
                forms = sentences[s]
                a = int(starts[s])
                b = a + len(forms)
                phrases = list(compress(range(len(forms)), marks[a:b]))
                found = self._featurizer.sparse(forms, list(map(stem_of, rows[a:b])), phrases)
                for i, attribute in found:
                    j = get(attribute)
                    if j is not None:
                        at.append(a + i)
                        weights.append(j)
            if at:  # one row after the other, in order (`add.at` is unbuffered)
                np.add.at(e, at, self._weights[weights])
        return e, starts, lengths

    def emissions_many(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """`emissions` of several sentences (an article) at once (`_scores`): the same
        scores, in one kernel call for all."""
        e, starts, lengths = self._scores(sentences)
        return [e[a : a + n] for a, n in zip(starts.tolist(), lengths.tolist(), strict=True)]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """`tag` of several sentences: the scores of all of them (`_scores`), then Viterbi
        over each in one kernel call (`_viterbi`: the sums and tie-breaking of `tag`, so
        the same tags)."""
        e, starts, lengths = self._scores(sentences)
        best = np.empty(len(e), dtype=np.intp)
        _viterbi_kernel(e, starts, lengths, self._transitions, self._into, best)
        tags = list(map(self.labels.__getitem__, best.tolist()))
        return [tags[a : a + n] for a, n in zip(starts.tolist(), lengths.tolist(), strict=True)]

    def tag(self, forms: Sequence[str]) -> list[str]:
        """The highest-scoring tag sequence."""
        n = len(forms)
        if n == 0:
            return []
        labels = self.labels
        return [labels[k] for k in numpy_viterbi(self.emissions(forms), self._into)]


def numpy_viterbi(scores: FloatArray, into: FloatArray) -> list[int]:
    """The best label path of one sentence's `scores` (tokens x labels) in plain numpy,
    `into` being the transitions as [label, previous label]: the reference the kernel's
    `_viterbi` keeps to, ties going to the first label as with `argmax`."""
    if len(scores) == 0:
        return []
    n_labels = len(into)
    cells = np.arange(n_labels) * n_labels
    cand = np.empty_like(into)
    take = cand.ravel().take  # a view: each row's maximum by its flat index
    score = scores[0]
    back: list[np.ndarray] = []
    for row in scores[1:]:
        np.add(into, score, out=cand)  # row-wise maxima are the fast ones
        best = cand.argmax(axis=1)
        back.append(best)
        score = take(cells + best)  # faster than `cand[cols, best]` or `cand.max`
        score += row
    k = int(score.argmax())
    path = [k]
    for best in reversed(back):
        k = int(best[k])
        path.append(k)
    return path[::-1]
