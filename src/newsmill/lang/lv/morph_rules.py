"""The lemma of a Latvian word the treebank never saw: a learned choice among edit rules.

A rule is `(prefix, ending, append)`: drop the prefix (`ne-`), strip the ending, append a
new one (`Jevkurovu` -> `("", "u", "s")` -> `Jevkurovs`). Unlike a bare "strip n letters"
script, a rule names the ending it strips, so only the rules that fit a word compete for
it. The choice is a linear model (an averaged perceptron trained by
`training/train_lv_morph.py`) over the word's endings crossed with its predicted tag: the
longest matching ending of a lookup table trusts one rare word as much as a whole paradigm,
while the model weighs every ending and tag feature together, and backs off to the bare
ending when the tagger's part of speech is wrong.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence

import numpy as np

Rule = tuple[str, str, str]

#: Tag features the rules look at: case picks a noun's nominative ending, verb form and mood
#: a verb's infinitive, polarity and degree whether a prefix goes (`ne-`, `vis-`). Gender and
#: number count for names only (`Dernu` -> Derna, `Putinu` -> Putins); for other words the
#: ending tells them better than the tagger's guess (measured on dev: fewer errors without).
KEY_FEATURES = ("Case", "VerbForm", "Mood", "Degree", "Polarity")
#: Longest ending the features look at.
MAX_ENDING = 7
#: Longest prefix a rule may drop (`visne-`).
MAX_PREFIX = 5


def make_rule(base: str, lemma: str) -> Rule:
    """The rule that turns `base` (the form, lowercased unless its lemma keeps capitals) into
    `lemma`: drop a prefix when that lines up at least three letters, then the ending."""
    pre, common = 0, 0
    for cut in range(0, min(MAX_PREFIX, len(base)) + 1):
        source = base[cut:]
        limit = min(len(source), len(lemma))
        same = 0
        while same < limit and source[same] == lemma[same]:
            same += 1
        if same >= min(3, len(lemma)):
            pre, common = cut, same
            break
    return (base[:pre], base[pre + common :], lemma[common:])


def tag_features(upos: str, values: Mapping[str, str]) -> list[str]:
    """The features of the tag alone (the same for every word with that tag)."""
    tag = upos + "|" + ",".join(values.get(name, "") for name in KEY_FEATURES)
    return ["bias", "u|" + upos, "t|" + tag]


def word_features(low: str, upos: str, values: Mapping[str, str]) -> list[str]:
    """The features of the word under its tag: endings, alone and crossed with the part of
    speech and the case (and a name's gender and number), and first letters (prefixes)."""
    gn = f"{values.get('Gender', '')}{values.get('Number', '')}" if upos == "PROPN" else ""
    sense = f"{upos}|{values.get('Case', '')}|{gn}"
    out: list[str] = []
    n = len(low)
    for k in range(1, min(n, MAX_ENDING) + 1):
        end = low[-k:]
        out.append(f"e{k}|{upos}|{end}")
        if k <= 5:
            out.append(f"E{k}|{end}")
        if k <= 4:
            out.append(f"c{k}|{sense}|{end}")
    polar = f"{upos}|{values.get('Polarity', '')}{values.get('Degree', '')}"
    for k in (2, 3, 4):
        if n > k + 2:
            out.append(f"p{k}|{polar}|{low[:k]}")
    return out


def tag_values(feats: str) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in feats.split("|") if "=" in pair)


def rule_features(low: str, upos: str, feats: str) -> list[str]:
    """What the model sees: the tag's features, then the word's (see the two above)."""
    values = tag_values(feats)
    return tag_features(upos, values) + word_features(low, upos, values)


def fitting(
    rules_by_ending: Mapping[str, Sequence[int]], rules: Sequence[Rule], base: str, longest: int
) -> list[int]:
    """The rules that fit a form: it ends in their ending (at most `longest` letters) and
    starts with their prefix, and keeps at least one letter of its own."""
    out: list[int] = []
    n = len(base)
    for k in range(0, min(n, longest + 1)):
        for index in rules_by_ending.get(base[n - k :] if k else "", ()):
            prefix = rules[index][0]
            if n - len(prefix) - k >= 1 and (not prefix or base.startswith(prefix)):
                out.append(index)
    return out


def rule_tag(upos: str, feats: str) -> str:
    """The part of a FEATS string `rule_features` reads: the same rules win on it."""
    names = (*KEY_FEATURES, "Gender", "Number") if upos == "PROPN" else KEY_FEATURES
    return "|".join(p for p in feats.split("|") if p.split("=", 1)[0] in names)


def apply_rule(base: str, rule: Rule) -> str:
    prefix, ending, append = rule
    return base[len(prefix) : len(base) - len(ending)] + append


class RuleModel:
    """The shipped rule chooser: rules, and per feature the weights of the rules it favours."""

    def __init__(
        self, rules: Sequence[Sequence[str]], weights: Mapping[str, Sequence[int]]
    ) -> None:
        self.rules: list[Rule] = [(str(r[0]), str(r[1]), str(r[2])) for r in rules]
        by_ending: dict[str, list[int]] = {}
        for index, rule in enumerate(self.rules):
            by_ending.setdefault(rule[1], []).append(index)
        self.by_ending = by_ending
        self.longest = max((len(rule[1]) for rule in self.rules), default=0)
        #: each feature's rules and weights, side by side in two arrays: feature -> span
        self._spans: dict[str, tuple[int, int]] = {}
        ids: list[int] = []
        values: list[int] = []
        for feature, flat in weights.items():
            start = len(ids)
            ids.extend(flat[::2])
            values.extend(flat[1::2])
            self._spans[feature] = (start, len(ids))
        self._ids = np.asarray(ids, dtype=np.intp)
        self._values = np.asarray(values, dtype=np.float64)
        self._priors: dict[tuple[str, str], np.ndarray] = {}

    def _prior(self, upos: str, feats: str) -> np.ndarray:
        """The summed weights of a tag's own features over all rules, kept per tag (few
        distinct)."""
        prior = self._priors.get((upos, feats))
        if prior is None:
            prior = np.zeros(len(self.rules), dtype=np.float64)
            for feature in tag_features(upos, tag_values(feats)):
                span = self._spans.get(feature)
                if span is not None:
                    prior[self._ids[span[0] : span[1]]] += self._values[span[0] : span[1]]
            self._priors[(upos, feats)] = prior
        return prior

    def order(self, base: str, upos: str, feats: str) -> list[int]:
        """The rules fitting `base`, best-scoring first (ties: the lower rule number)."""
        candidates = fitting(self.by_ending, self.rules, base, self.longest)
        if len(candidates) < 2:
            return candidates
        spans = self._spans
        found = [
            span
            for f in word_features(base.lower(), upos, tag_values(feats))
            if (span := spans.get(f)) is not None
        ]
        total = self._prior(upos, feats)
        if found:  # integer weights summed in float64: exact
            ids = np.concatenate([self._ids[a:b] for a, b in found])
            values = np.concatenate([self._values[a:b] for a, b in found])
            total = total + np.bincount(ids, weights=values, minlength=len(self.rules))
        chosen = np.asarray(candidates, dtype=np.intp)
        ranking = np.lexsort((chosen, -total[chosen]))
        return [int(i) for i in chosen[ranking]]

    def ranked(self, base: str, upos: str, feats: str) -> list[str]:
        """The lemmas the rules fitting `base` make of it, best-scoring first (no repeats)."""
        rules = self.rules
        lemmas = [apply_rule(base, rules[index]) for index in self.order(base, upos, feats)]
        return list(dict.fromkeys(lemmas)) or [base]

    def lemma(self, base: str, upos: str, feats: str, known: Container[str] = ()) -> str:
        """The lemma of `base` by the best-scoring fitting rule whose lemma is `known` (a word
        the treebank has), else by the best-scoring rule. Most unseen forms are new forms of
        known words, and the check also undoes a wrong tag: a rule for a noun ending rarely
        makes a known lemma of a verb."""
        order = self.order(base, upos, feats)
        rules = self.rules
        for index in order:
            lemma = apply_rule(base, rules[index])
            if lemma in known:
                return lemma
        return apply_rule(base, rules[order[0]]) if order else base


def pick(ranked: Sequence[str], known: Container[str]) -> str:
    """The first of the ranked lemmas that is `known`, else the first."""
    for lemma in ranked:
        if lemma in known:
            return lemma
    return ranked[0]
