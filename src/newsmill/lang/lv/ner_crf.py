"""Viterbi decoding of the trained linear-chain CRF with numpy, without crfsuite.

crfsuite scores a tag sequence as the sum of the weights of (attribute, label) pairs plus
label-to-label transitions; the exported weights give the same best sequence. Decoding
here is many times faster than handing crfsuite ~40 strings per token, because almost
no attribute string is built per token:

- a word form's attributes depend on the form alone, so its score vectors (as the token
  itself and as a neighbour at -2..+2, or -3..+3) are summed once per distinct form and
  kept, with its capitalisation class and stem; the rows of the attributes that depend
  on the stem, the shape, the first or the last letters alone are found once for each;
- the capitalisation patterns around a token (`cp0=`/`cp1=`/`cp2=`, with the bias) take
  one of a few hundred values: their summed scores are one table indexed by a number
  made of the neighbours' classes;
- sentence-edge attributes are four fixed vectors; a word pair's `bi=`/`bi+=` scores are
  found with one lookup per pair;
- only the rare attributes (quotes, phrase matches: `NerFeaturizer.sparse`) go through
  strings.

Each sum adds the same float64 numbers as the attribute lists `NerFeaturizer.sentence`
gives, in another order, so scores agree to rounding. Viterbi takes row-wise maxima over
the transposed transitions. `tag_many` does all this for an article's sentences at once
(emissions over the sentences laid end to end, Viterbi over a stack of them), with the
same sums in the same order as `tag`, so its tags are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np

from newsmill.lang.lv.ner_features import (
    MAX_CACHE,
    OPENERS,
    QUOTES,
    NerFeaturizer,
    capitalisation,
    shape,
    stem_lower,
)

# Rows of a word's score matrix: the word as the token itself, then as the neighbour at
# -1 of the next token, +1 of the previous, -2 of the token two on, +2 of two back.
_ROLES = ((0, ""), (1, "-1"), (1, "+1"), (2, "-2"), (2, "+2"), (3, "-3"), (3, "+3"))
# capitalisation classes of `NerFeaturizer.context`; 3 is "no token here"
_CAPS = "Ulo"
_NONE = 3
_PLACES = np.array([1, 4, 16, 64, 256], dtype=np.intp)  # convolved: c[i-2] * 256 + ...


def _cap_class(form: str) -> int:
    first = form[:1]
    return 0 if first.isupper() else 1 if first.islower() else 2


def _pattern(digits: Sequence[int]) -> str:
    return "".join(_CAPS[d] for d in digits if d != _NONE)


def _affix_rows(
    tables: Sequence[dict[str, int]], zero: int, start: bool
) -> Callable[[str], tuple[int, ...]]:
    """A function giving the rows of the 1..len(tables) first (`start`) or last letters of
    a word, one table per length (`zero` where a table lacks them). The usual five lengths
    are written out: a loop over them costs twice as much, for every new word."""
    if len(tables) != 5:
        if start:
            return lambda w: tuple([t.get(w[:k], zero) for k, t in enumerate(tables, 1)])
        return lambda w: tuple([t.get(w[-k:], zero) for k, t in enumerate(tables, 1)])
    t1, t2, t3, t4, t5 = tables
    if start:
        return lambda w: (
            t1.get(w[:1], zero),
            t2.get(w[:2], zero),
            t3.get(w[:3], zero),
            t4.get(w[:4], zero),
            t5.get(w[:5], zero),
        )
    return lambda w: (
        t1.get(w[-1:], zero),
        t2.get(w[-2:], zero),
        t3.get(w[-3:], zero),
        t4.get(w[-4:], zero),
        t5.get(w[-5:], zero),
    )


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
        self._w_rows = self._rows_by_name.get("w", {})
        lengths = range(1, featurizer.affix + 1)
        self._by_stem: dict[str, tuple[int, ...]] = {}  # `_stem_rows`
        self._shapes: dict[str, int] = {}  # shape -> its `sh=` row
        self._caps_rows = {c: base.get("c=" + c, zero) for c in "AUlo"}
        self._lcseen = base.get("lcseen", zero)
        self._short = base.get("short", zero)
        #: per prefix (suffix) length 1..affix, the rows of the `p<k>=` (`s<k>=`) values
        self._prefix_rows = _affix_rows(
            [self._rows_by_name.get(f"p{k}", {}) for k in lengths], zero, True
        )
        self._suffix_rows = _affix_rows(
            [self._rows_by_name.get(f"s{k}", {}) for k in lengths], zero, False
        )
        self._stem_tables = [self._rows_by_name.get(name, {}) for name in ("st", "g", "ge", "gm")]
        self._prefixes: dict[str, tuple[int, ...]] = {}  # first `affix` letters -> p1.. rows
        self._suffixes: dict[str, tuple[int, ...]] = {}  # last `affix` letters -> s1.. rows
        # pair table: [pair, 0] scores the pair's second token (`bi=`), [pair, 1] its
        # first (`bi+=`); the last row is zeros for pairs without weights
        by_pair = np.zeros((len(pairs) + 1, 2, n_labels))
        if pair_cells:
            rows, roles, ids = (np.array(c, dtype=np.intp) for c in zip(*pair_cells, strict=True))
            by_pair[rows, roles] = w64[ids]
        self._pairs = pairs
        self._by_pair = by_pair
        self._weights = w64
        self._build_context()
        self._transitions = transitions.astype(np.float64)
        self._into = np.ascontiguousarray(self._transitions.T)
        self._cells = np.arange(n_labels) * n_labels  # flat index of each row's start
        self._featurizer = featurizer
        # the most own attributes a word has (`NerFeaturizer.own`): w, st, sh, c, g, the
        # prefixes and suffixes, ge, gm when the model has it, lcseen, short
        self._width = 8 + 2 * featurizer.affix + bool(featurizer.counts)
        # row of each form seen so far in `_table` (form x role x label scores), with its
        # capitalisation class and stem
        self._words: dict[str, int] = {}
        # row 0 is an empty slot (scores zero, no capitalisation class): the padding
        # between the sentences of `emissions_many`
        self._table = np.zeros((1024, n_roles, n_labels))
        self._caps = np.zeros(1024, dtype=np.intp)
        self._caps[0] = _NONE
        self._stems: list[str] = [""]
        self._phrase_rows: set[int] = set()  # rows of forms whose stem may start a phrase

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

    def _word_ids(self, form: str) -> tuple[tuple[int, ...], str]:
        """Rows of `_by_role` for `NerFeaturizer.own(form)`, in its order, with the row of
        zeros for attributes without weights, padded with it to `_width`, and the stem.
        The rows that depend on the stem, the shape, the start or the end of the word
        alone are looked up once per stem, shape, start and end (new words share them);
        the others by the attribute's value (`_rows_by_name`), without building its
        string."""
        zero = self._zero
        low = form.lower()
        st = stem_lower(low)
        by_stem = self._by_stem.get(st)
        if by_stem is None:
            by_stem = self._stem_rows(st)
        sh = shape(form)
        sh_row = self._shapes.get(sh)
        if sh_row is None:
            sh_row = self._shapes[sh] = self._rows_by_name.get("sh", {}).get(sh, zero)
        affix = self._featurizer.affix
        start = low[:affix]
        before = self._prefixes.get(start)
        if before is None:
            before = self._affix_rows_of(start, True)
        end = low[-affix:]
        after = self._suffixes.get(end)
        if after is None:
            after = self._affix_rows_of(end, False)
        cap = capitalisation(form)
        ids = [self._w_rows.get(low, zero), by_stem[0], sh_row]
        ids += (self._caps_rows[cap], by_stem[1])
        ids += before
        ids += after
        ids += by_stem[2:]
        if cap in "UA" and low in self._featurizer.lowercase:
            ids.append(self._lcseen)
        if len(form) <= 2:
            ids.append(self._short)
        if len(ids) < self._width:
            ids += (zero,) * (self._width - len(ids))
        return tuple(ids), st

    def _affix_rows_of(self, letters: str, start: bool) -> tuple[int, ...]:
        """The `p1=`.. rows of a word's first `affix` letters (`start`), or the `s1=`..
        rows of its last ones, made and kept."""
        if start:
            found = self._prefixes[letters] = self._prefix_rows(letters)
        else:
            found = self._suffixes[letters] = self._suffix_rows(letters)
        return found

    def _stem_rows(self, st: str) -> tuple[int, ...]:
        """The rows of a stem's attributes: `st=`, `g=`, then `ge=` (and `gm=`)."""
        zero = self._zero
        featurizer = self._featurizer
        stems, types, ends, counts = self._stem_tables
        rows: tuple[int, ...] = (
            stems.get(st, zero),
            types.get(featurizer.gazetteer.get(st, ""), zero),
            ends.get(featurizer.ends.get(st, ""), zero),
        )
        if featurizer.counts:
            rows += (counts.get(featurizer.counts.get(st, ""), zero),)
        if len(self._by_stem) >= MAX_CACHE:
            self._by_stem.clear()
        self._by_stem[st] = rows
        return rows

    def _add_words(self, forms: Sequence[str]) -> None:
        """Score matrices of new forms, summed with one numpy call for all of them: the
        rows are gathered attribute-major, so the sum adds whole rows (a sum over the
        middle axis costs numpy several times more), in the same order."""
        flat: list[int] = []
        stems = self._stems
        starts = self._featurizer.phrase_starts
        word_ids = self._word_ids
        for form in forms:
            ids, st = word_ids(form)
            flat += ids
            if st in starts:
                self._phrase_rows.add(len(stems))
            stems.append(st)
        base = len(self._words) + 1  # after the empty slot
        need = base + len(forms)
        if need > len(self._table):  # grow by doubling, keeping the rows in use
            # (rows past the ones in use are written before they are read: no zeroing)
            size = max(need, min(2 * len(self._table), MAX_CACHE))
            grown = np.empty((size, self._roles, len(self.labels)))
            grown[:base] = self._table[:base]
            self._table = grown
            caps = np.empty(size, dtype=np.intp)
            caps[:base] = self._caps[:base]
            self._caps = caps
        rows = np.fromiter(flat, dtype=np.intp, count=len(flat)).reshape(len(forms), self._width)
        sums = self._by_role.take(rows.T, axis=0).sum(axis=0)
        self._table[base:need] = sums.reshape(len(forms), self._roles, len(self.labels))
        self._caps[base:need] = [_cap_class(f) for f in forms]
        for k, form in enumerate(forms):
            self._words[form] = base + k

    def emissions(self, forms: Sequence[str]) -> np.ndarray:
        """Label scores of every token (n x labels)."""
        words = self._words
        new = [f for f in dict.fromkeys(forms) if f not in words]
        if new and len(words) + len(new) > MAX_CACHE:
            words.clear()  # start over, with every form of this sentence
            del self._stems[1:]
            self._phrase_rows.clear()
            self._prefixes.clear()
            self._suffixes.clear()
            self._shapes.clear()
            self._by_stem.clear()
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
        if QUOTES.isdisjoint(forms) and self._phrase_rows.isdisjoint(ids):
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

    def emissions_many(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """`emissions` of several sentences (an article) with a few numpy calls for all:
        the sentences are laid end to end with two (three for a window of 3) empty slots
        between them, row 0 of the word table, which scores zero and has no
        capitalisation class, as a sentence edge. The same sums in the
        same order as `emissions`, so the scores are equal."""
        if not all(sentences):  # empty sentences score as (0 x labels)
            full = [k for k, forms in enumerate(sentences) if forms]
            empty = [np.zeros((0, len(self.labels))) for _ in sentences]
            done = self.emissions_many([sentences[k] for k in full])
            for k, e in zip(full, done, strict=True):
                empty[k] = e
            return empty
        words = self._words
        new = list(dict.fromkeys(f for forms in sentences for f in forms if f not in words))
        if new and len(words) + len(new) > MAX_CACHE:
            # the memo starts over (rare): one sentence at a time
            return [self.emissions(forms) for forms in sentences]
        if not sentences:
            return []
        if new:
            self._add_words(new)
        starts: list[int] = []
        ids: list[int] = []
        pad = [0] * (self._roles // 2)
        for forms in sentences:
            ids.extend(pad)
            starts.append(len(ids))
            ids.extend([words[f] for f in forms])
        ids.extend(pad)
        e = self._word_scores(np.array(ids, dtype=np.intp))
        first = np.array(starts, dtype=np.intp)
        lengths = np.array([len(forms) for forms in sentences], dtype=np.intp)
        last = first + lengths - 1
        e[first] += self._start[0]
        e[last] += self._end[0]
        long = lengths > 1
        e[first[long] + 1] += self._start[1]
        e[last[long] - 1] += self._end[1]
        opened = [
            s + 1
            for s, forms in zip(starts, sentences, strict=True)
            if len(forms) > 1 and forms[0] in OPENERS
        ]
        if opened:
            e[opened] += self._first
        get = self._pairs.get
        none = len(self._pairs)
        keys: list[int] = []
        second: list[int] = []
        for s, forms in zip(starts, sentences, strict=True):
            lows = [f.lower() for f in forms]
            keys.extend([get(a + "|" + b, none) for a, b in pairwise(lows)])
            second.extend(range(s + 1, s + len(forms)))
        if keys:
            pair = self._by_pair[keys]
            after = np.array(second, dtype=np.intp)
            e[after] += pair[:, 0]
            e[after - 1] += pair[:, 1]
        out: list[np.ndarray] = []
        stems = self._stems
        index = self._index
        weights = self._weights
        rows = self._phrase_rows
        for s, forms in zip(starts, sentences, strict=True):
            part = e[s : s + len(forms)]
            mine = ids[s : s + len(forms)]
            if not QUOTES.isdisjoint(forms) or not rows.isdisjoint(mine):
                starts = [i for i, j in enumerate(mine) if j in rows]
                found = self._featurizer.sparse(forms, [stems[j] for j in mine], starts)
                for i, attribute in found:
                    j = index.get(attribute)
                    if j is not None:
                        part[i] += weights[j]
            out.append(part)
        return out

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """`tag` of several sentences, with Viterbi run over all of them at once: the
        sentences longest first, each step over those still running (labels x labels per
        sentence), the same sums and tie-breaking as `tag`. A step is three numpy calls
        on one buffer (each row's maximum taken by the flat index of its argmax), as the
        arrays are small and the calls, not the arithmetic, take the time."""
        scores = self.emissions_many(sentences)
        order = sorted(range(len(sentences)), key=lambda k: -len(sentences[k]))
        lengths = [len(sentences[k]) for k in order]
        tags: list[list[str]] = [[] for _ in sentences]
        busy = sum(1 for n in lengths if n)
        if busy == 0:
            return tags
        n_labels = len(self.labels)
        longest = lengths[0]
        stacked = np.zeros((longest, busy, n_labels))
        for row, k in enumerate(order[:busy]):
            stacked[: lengths[row], row] = scores[k]
        # sentences still running at each position (a prefix, as they are sorted)
        running = [0] * longest
        for n in lengths[:busy]:
            running[n - 1] += 1
        for t in range(longest - 2, -1, -1):
            running[t] += running[t + 1]
        into = self._into
        cand = np.empty((busy, n_labels, n_labels))
        take = cand.ravel().take
        cells = np.arange(busy)[:, None] * (n_labels * n_labels) + self._cells
        add = np.add
        score = stacked[0].copy()
        back: list[np.ndarray] = []
        last = [0] * busy  # each sentence's best last label
        k = busy
        for t in range(1, longest):
            now = running[t]
            if now < k:  # sentences that ended at t - 1
                for row in range(now, k):
                    last[row] = int(score[row].argmax())
                k = now
            part = cand[:k]
            add(into, score[:k, None, :], out=part)
            best = part.argmax(axis=2)
            back.append(best)
            score = take(cells[:k] + best)
            score += stacked[t, :k]
        for row in range(k):
            last[row] = int(score[row].argmax())
        labels = self.labels
        for row, k in enumerate(order[:busy]):
            y = last[row]
            path = [labels[y]]
            for t in range(lengths[row] - 2, -1, -1):
                y = int(back[t][row, y])
                path.append(labels[y])
            path.reverse()
            tags[k] = path
        return tags

    def tag(self, forms: Sequence[str]) -> list[str]:
        """The highest-scoring tag sequence."""
        n = len(forms)
        if n == 0:
            return []
        rows = list(self.emissions(forms))
        into = self._into  # [label, previous label]: row-wise maxima are the fast ones
        cells = self._cells
        cand = np.empty_like(into)
        take = cand.ravel().take  # a view: each row's maximum by its flat index
        score = rows[0]
        back: list[np.ndarray] = []
        for row in rows[1:]:
            np.add(into, score, out=cand)
            best = cand.argmax(axis=1)
            back.append(best)
            score = take(cells + best)  # faster than `cand[cols, best]` or `cand.max`
            score += row
        k = int(score.argmax())
        path = [k]
        for best in reversed(back):
            k = int(best[k])
            path.append(k)
        labels = self.labels
        return [labels[k] for k in reversed(path)]
