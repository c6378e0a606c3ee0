"""Viterbi decoding of the trained linear-chain CRF with numpy, without crfsuite.

crfsuite scores a tag sequence as the sum of the weights of (attribute, label) pairs plus
label-to-label transitions; the exported weights give the same best sequence. Decoding
here is several times faster than handing crfsuite ~40 strings per token: a word form's
attributes depend on the form alone, so its score vectors (as the token itself and as a
neighbour at -2..+2) are summed once per distinct form and kept, and only the few
sentence-dependent attributes (`NerFeaturizer.context`) are looked up per token.
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
        # attribute ids by role, keyed without the role's prefix (no string building)
        self._role_index = [
            {a[len(prefix) :]: i for a, i in self._index.items() if a.startswith(prefix)}
            if prefix
            else self._index
            for _, prefix in _ROLES
        ]
        self._weights = weights.astype(np.float64)
        self._transitions = transitions.astype(np.float64)
        self._featurizer = featurizer
        self._words: dict[str, np.ndarray] = {}

    def _add_words(self, forms: Sequence[str]) -> None:
        """Score matrices of new forms, summed with one numpy call for all of them."""
        ids: list[int] = []
        starts: list[int] = []
        rows: list[int] = []
        for k, form in enumerate(forms):
            parts = self._featurizer.word(form)
            for r, (part, _) in enumerate(_ROLES):
                get = self._role_index[r].get
                found = [i for a in parts[part] if (i := get(a)) is not None]
                if found:
                    rows.append(k * len(_ROLES) + r)
                    starts.append(len(ids))
                    ids.extend(found)
        flat = np.zeros((len(forms) * len(_ROLES), len(self.labels)))
        if ids:
            flat[rows] = np.add.reduceat(self._weights[ids], starts, axis=0)
        out = flat.reshape(len(forms), len(_ROLES), len(self.labels))
        if len(self._words) + len(forms) > MAX_CACHE:
            self._words.clear()
        for k, form in enumerate(forms):
            self._words[form] = out[k]

    def emissions(self, forms: Sequence[str]) -> np.ndarray:
        """Label scores of every token (n x labels)."""
        words = self._words
        new = [f for f in dict.fromkeys(forms) if f not in words]
        if new:
            self._add_words(new)
        m = np.stack([words[f] for f in forms])
        e = m[:, 0].copy()
        e[1:] += m[:-1, 1]
        e[:-1] += m[1:, 2]
        e[2:] += m[:-2, 3]
        e[:-2] += m[2:, 4]
        index = self._index
        tok: list[int] = []
        ids: list[int] = []
        for i, feats in enumerate(self._featurizer.context(forms)):
            for a in feats:
                k = index.get(a)
                if k is not None:
                    tok.append(i)
                    ids.append(k)
        if ids:
            np.add.at(e, tok, self._weights[ids])
        return e

    def tag(self, forms: Sequence[str]) -> list[str]:
        """The highest-scoring tag sequence."""
        n = len(forms)
        if n == 0:
            return []
        e = self.emissions(forms)
        trans = self._transitions
        cols = np.arange(len(self.labels))
        score = e[0]
        back: list[np.ndarray] = []
        for i in range(1, n):
            cand = score[:, None] + trans
            best = cand.argmax(axis=0)
            back.append(best)
            score = cand[best, cols] + e[i]
        path = [int(score.argmax())]
        for best in reversed(back):
            path.append(int(best[path[-1]]))
        labels = self.labels
        return [labels[k] for k in reversed(path)]
