"""Viterbi decoding of the trained linear-chain CRF with numpy, without crfsuite.

crfsuite scores a tag sequence as the sum of the weights of (attribute, label) pairs plus
label-to-label transitions; the exported weights give the same best sequence. Decoding
here is several times faster than handing crfsuite ~40 strings per token: a word form's
attributes depend on the form alone, so its score vectors (as the token itself and as a
neighbour at -2..+2) are summed once per distinct form and kept, and only the few
sentence-dependent attributes (`NerFeaturizer.context`) are looked up per token. Each
word attribute is looked up once with its weights in all five roles, id lists are padded
to one width so that the sums are plain `sum(axis=1)` (`np.add.reduceat` and
`np.add.at` are several times slower here), and Viterbi takes row-wise maxima over the
transposed transitions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsmill.lang.lv.ner_features import MAX_CACHE, NerFeaturizer

# Rows of a word's score matrix: the word as the token itself, then as the neighbour at
# -1 of the next token, +1 of the previous, -2 of the token two on, +2 of two back.
_ROLES = ((0, ""), (1, "-1"), (1, "+1"), (2, "-2"), (2, "+2"))


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
        self._index = {a: i for i, a in enumerate(attributes)}
        # A word's own attributes, each with its weights in every role (as the token, as
        # the neighbour at -1, +1, -2, +2): one lookup per attribute and one sum per word.
        prefixes = {prefix: r for r, (_, prefix) in enumerate(_ROLES) if prefix}
        base: dict[str, int] = {}
        cells: list[tuple[int, int, int]] = []
        for i, a in enumerate(attributes):
            r = prefixes.get(a[:2], 0)
            key = a[2:] if r else a
            cells.append((base.setdefault(key, len(base)), r, i))
        # plus a last row of zeros, which keeps the slice of a word without known
        # attributes non-empty
        by_role = np.zeros((len(base) + 1, len(_ROLES), len(self.labels)))
        rows, roles, ids = (np.array(c, dtype=np.intp) for c in zip(*cells, strict=True))
        by_role[rows, roles] = weights[ids]
        self._base = base
        self._by_role = by_role.reshape(len(base) + 1, -1)
        # with a last row of zeros to pad a token's attribute ids with
        self._weights = np.vstack([weights, np.zeros((1, len(self.labels)))]).astype(np.float64)
        self._transitions = transitions.astype(np.float64)
        self._into = np.ascontiguousarray(self._transitions.T)
        self._cols = np.arange(len(self.labels))
        self._featurizer = featurizer
        # row of each form seen so far in `_table` (form x role x label scores)
        self._words: dict[str, int] = {}
        self._table = np.zeros((1024, len(_ROLES), len(self.labels)))

    def _add_words(self, forms: Sequence[str]) -> None:
        """Score matrices of new forms, summed with one numpy call for all of them."""
        get = self._base.get
        word = self._featurizer.word
        found = [[i for a in word(form)[0] if (i := get(a)) is not None] for form in forms]
        zero = len(self._by_role) - 1
        width = max(map(len, found))
        for ids in found:  # padded with the row of zeros: a sum over a fixed axis is fast
            ids.extend([zero] * (width - len(ids)))
        base = len(self._words)
        need = base + len(forms)
        if need > len(self._table):  # grow by doubling, keeping the rows in use
            size = max(need, min(2 * len(self._table), MAX_CACHE))
            grown = np.zeros((size, len(_ROLES), len(self.labels)))
            grown[:base] = self._table[:base]
            self._table = grown
        sums = self._by_role[found].sum(axis=1)
        self._table[base:need] = sums.reshape(len(forms), len(_ROLES), len(self.labels))
        for k, form in enumerate(forms):
            self._words[form] = base + k

    def emissions(self, forms: Sequence[str]) -> np.ndarray:
        """Label scores of every token (n x labels)."""
        words = self._words
        new = [f for f in dict.fromkeys(forms) if f not in words]
        if new and len(words) + len(new) > MAX_CACHE:
            words.clear()  # start over, with every form of this sentence
            new = list(dict.fromkeys(forms))
        if new:
            self._add_words(new)
        m = self._table[[words[f] for f in forms]]
        e = m[:, 0]
        e[1:] += m[:-1, 1]
        e[:-1] += m[1:, 2]
        e[2:] += m[:-2, 3]
        e[:-2] += m[2:, 4]
        get = self._index.get
        found = [
            [k for a in feats if (k := get(a)) is not None]
            for feats in self._featurizer.context(forms)
        ]
        zero = len(self._weights) - 1
        width = max(map(len, found))
        for ids in found:
            ids.extend([zero] * (width - len(ids)))
        e += self._weights[found].sum(axis=1)
        return e

    def tag(self, forms: Sequence[str]) -> list[str]:
        """The highest-scoring tag sequence."""
        n = len(forms)
        if n == 0:
            return []
        rows = list(self.emissions(forms))
        into = self._into  # [label, previous label]: row-wise maxima are the fast ones
        cols = self._cols
        cand = np.empty_like(into)
        score = rows[0]
        back: list[np.ndarray] = []
        for row in rows[1:]:
            np.add(into, score, out=cand)
            best = cand.argmax(axis=1)
            back.append(best)
            score = cand[cols, best] + row
        k = int(score.argmax())
        path = [k]
        for best in reversed(back):
            k = int(best[k])
            path.append(k)
        labels = self.labels
        return [labels[k] for k in reversed(path)]
