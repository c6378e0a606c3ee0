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

from collections.abc import Callable, Container, Mapping, Sequence

import numpy as np

from newsmill.lang.lv.morph_kernels import ranked_rules

Rule = tuple[str, str, str]
#: a tag's own feature numbers, and its lookups of word feature numbers (`_tag_tables`)
_TagTables = tuple[list[int], Callable[..., int], Callable[..., int], Callable[..., int]]
_NONE: dict[str, int] = {}

#: Tag features the rules look at: case picks a noun's nominative ending, verb form and mood
#: a verb's infinitive, polarity and degree whether a prefix goes (`ne-`, `vis-`). Gender and
#: number count for names only (`Dernu` -> Derna, `Putinu` -> Putins); for other words the
#: ending tells them better than the tagger's guess (measured on dev: fewer errors without).
KEY_FEATURES = ("Case", "VerbForm", "Mood", "Degree", "Polarity")
#: Longest ending the features look at.
MAX_ENDING = 7
#: Longest prefix a rule may drop (`visne-`).
MAX_PREFIX = 5
#: Rules a feature weighs from which it is kept as a dense row too (`RuleModel._dense`).
DENSE_SPAN = 32


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
        #: rule number -> (letters its prefix drops, letters its ending drops, what it adds)
        self._cuts = [(len(p), len(e), a) for p, e, a in self.rules].__getitem__
        #: ending -> (the rules without a prefix, (rule, prefix) of those with one, and
        #: all those prefixes: a word starting with none of them skips the loop)
        self._groups: dict[str, tuple[list[int], list[tuple[int, str]], tuple[str, ...]]] = {}
        #: every ending's own endings too, with no rules: `_fitting` stops at the first
        #: ending of a word that no rule's ending ends with
        for ending in by_ending:
            for k in range(len(ending) + 1):
                self._groups[ending[k:]] = ([], [], ())
        for ending, indexes in by_ending.items():
            prefixed = [(i, self.rules[i][0]) for i in indexes if self.rules[i][0]]
            self._groups[ending] = (
                [i for i in indexes if not self.rules[i][0]],
                prefixed,
                tuple(prefix for _, prefix in prefixed),
            )
        #: each feature's rules and weights, side by side in two arrays: feature -> span
        self._spans: dict[str, tuple[int, int]] = {}
        ids: list[int] = []
        values: list[int] = []
        for feature, flat in weights.items():
            start = len(ids)
            ids.extend(flat[::2])
            values.extend(flat[1::2])
            self._spans[feature] = (start, len(ids))
        self._ids = np.asarray(ids, dtype=np.int64)
        #: feature -> its number; a numbered feature's span is _starts[n]:_ends[n]. One
        #: more number, `_empty`, has no rules: it stands for a feature the model lacks.
        self._numbers = {feature: n for n, feature in enumerate(self._spans)}
        self._empty = len(self._numbers)
        self._starts = np.asarray([a for a, _ in self._spans.values()] + [0], dtype=np.int64)
        self._ends = np.asarray([b for _, b in self._spans.values()] + [0], dtype=np.int64)
        self._values = np.asarray(values, dtype=np.float64)
        #: the features that weigh many rules (the tag's, short endings) also as dense rows
        #: over all rules, so scoring reads only a word's candidates from them: feature ->
        #: its row of `_dense`, or -1
        sizes = self._ends - self._starts
        wide = np.flatnonzero(sizes >= DENSE_SPAN)
        self._dense_rows = np.full(len(sizes), -1, dtype=np.int64)
        self._dense_rows[wide] = np.arange(len(wide))
        self._dense = np.zeros((len(wide), len(self.rules)), dtype=np.float64)
        width = sizes[wide]  # each wide feature's span, laid end to end: positions `at`
        at = np.arange(int(width.sum())) + np.repeat(
            self._starts[wide] - np.cumsum(width) + width, width
        )
        self._dense[np.repeat(np.arange(len(wide)), width), self._ids[at]] = self._values[at]
        #: the model numbers of the word features (`word_features`) by what they cross the
        #: ending or prefix with, then by the ending or prefix itself (its length is the k
        #: of the feature's name): "e" by UPOS, "E" alone, "c" by sense, "p" by polarity
        self._ending_numbers: dict[str, dict[str, dict[str, int]]] = {"e": {}, "E": {}, "c": {}}
        self._prefix_numbers: dict[str, dict[str, int]] = {}
        for feature, number in self._numbers.items():
            self._index_feature(feature, number)
        self._alone = self._ending_numbers["E"].get("", _NONE).get
        self._empties = (self._empty,) * MAX_ENDING
        #: (UPOS, FEATS) -> `_tag_tables` (few distinct)
        self._tag_tables_memo: dict[tuple[str, str], _TagTables] = {}
        self._order_fits([], [])  # loads the kernel now, not in the first analysis

    def _fitting(self, base: str) -> list[int]:
        """`fitting`, from rules grouped by ending into those without a prefix (which fit
        whenever the ending does) and the few with one."""
        out: list[int] = []
        n = len(base)
        groups = self._groups
        for k in range(0, min(n, self.longest + 1)):
            group = groups.get(base[n - k :])
            if group is None:  # no ending ends so: no longer one fits either
                break
            out += group[0]
            if group[2] and base.startswith(group[2]):
                for index, prefix in group[1]:
                    if n - len(prefix) - k >= 1 and base.startswith(prefix):
                        out.append(index)
        return out

    def order(self, base: str, upos: str, feats: str) -> list[int]:
        """The rules fitting `base`, best-scoring first (ties: the lower rule number)."""
        return self.orders([(base, upos, feats)])[0]

    def orders(self, words: Sequence[tuple[str, str, str]]) -> list[list[int]]:
        """`order` of many (base, UPOS, FEATS) at once (see `_order_fits`)."""
        return self._order_fits(words, [self._fitting(base) for base, _, _ in words])

    def _index_feature(self, feature: str, number: int) -> None:
        """File one model feature under `_ending_numbers` or `_prefix_numbers` (names as
        `word_features` writes them; the tag's own features are `_tag_tables`')."""
        family, k = feature[:1], feature[1:2]
        if family not in "eEcp" or not k.isdigit() or feature[2:3] != "|":
            return
        rest = feature[3:]
        if family == "E":
            cross, text = "", rest
        else:  # crossed with a UPOS (e), sense UPOS|Case|GenderNumber (c), or polarity (p)
            bars = {"e": 1, "c": 3, "p": 2}[family]
            parts = rest.split("|", bars)
            if len(parts) <= bars:
                return
            cross, text = "|".join(parts[:bars]), parts[bars]
        if len(text) != int(k):
            return
        if family == "p":
            self._prefix_numbers.setdefault(cross, {})[text] = number
        else:
            self._ending_numbers[family].setdefault(cross, {})[text] = number

    def _tag_tables(self, upos: str, feats: str) -> _TagTables:
        """What scoring a word under a tag needs, made once per tag: the model numbers of the
        tag's own features (`tag_features`), and the ending and prefix tables of the word
        features it crosses with (`word_features`: by UPOS, by sense, by polarity)."""
        tables = self._tag_tables_memo.get((upos, feats))
        if tables is None:
            values = tag_values(feats)
            numbers = self._numbers
            tag = [numbers[f] for f in tag_features(upos, values) if f in numbers]
            gn = f"{values.get('Gender', '')}{values.get('Number', '')}" if upos == "PROPN" else ""
            sense = f"{upos}|{values.get('Case', '')}|{gn}"
            polar = f"{upos}|{values.get('Polarity', '')}{values.get('Degree', '')}"
            endings = self._ending_numbers
            tables = self._tag_tables_memo[(upos, feats)] = (
                tag,
                endings["e"].get(upos, _NONE).get,
                endings["c"].get(sense, _NONE).get,
                self._prefix_numbers.get(polar, _NONE).get,
            )
        return tables

    def _word_numbers(self, low: str, upos: str, feats: str) -> list[int]:
        """The model numbers of `rule_features(low, upos, feats)`, `_empty` for those the
        model lacks: looked up by ending and prefix in tables made at load (no feature name
        is built)."""
        tag, by_upos, by_sense, by_prefix = self._tag_tables(upos, feats)
        alone = self._alone
        n = len(low)
        if n >= MAX_ENDING:  # the common case: every ending, written out
            ends = [low[-1:], low[-2:], low[-3:], low[-4:], low[-5:], low[-6:], low[-7:]]
        else:
            ends = [low[-k:] for k in range(1, n + 1)]
        empty = self._empties
        out = [
            *tag,
            *map(by_upos, ends, empty),
            *map(alone, ends[:5], empty),
            *map(by_sense, ends[:4], empty),
        ]
        if n > 4:
            out += map(by_prefix, [low[:k] for k in (2, 3, 4) if n > k + 2], empty)
        return out

    def _order_fits(
        self, words: Sequence[tuple[str, str, str]], fits: list[list[int]]
    ) -> list[list[int]]:
        """The fitting rules of each word, best-scoring first: the features are looked up
        per word in Python, and all words are scored and sorted in one compiled pass
        (`ranked_rules`)."""
        out: list[list[int]] = []
        numbers: list[int] = []  # the features of the words scored (model numbers)
        number_bounds: list[int] = [0]  # per scored word, where its features end
        candidates: list[int] = []
        candidate_bounds: list[int] = [0]
        for (base, upos, feats), fit in zip(words, fits, strict=True):
            out.append(fit)
            if len(fit) < 2:
                continue
            numbers += self._word_numbers(base.lower(), upos, feats)
            number_bounds.append(len(numbers))
            candidates += fit
            candidate_bounds.append(len(candidates))
        ranked: list[int] = ranked_rules(
            np.asarray(numbers, dtype=np.int64),
            np.asarray(number_bounds, dtype=np.int64),
            np.asarray(candidates, dtype=np.int64),
            np.asarray(candidate_bounds, dtype=np.int64),
            self._starts,
            self._ends,
            self._ids,
            self._values,
            self._dense_rows,
            self._dense,
        ).tolist()
        at = 0
        for i, fit in enumerate(out):
            if len(fit) >= 2:
                out[i] = ranked[at : at + len(fit)]
                at += len(fit)
        return out

    def ranked(self, base: str, upos: str, feats: str) -> list[str]:
        """The lemmas the rules fitting `base` make of it, best-scoring first (no repeats)."""
        return self.resolve([], [(base, upos, feats)], ())[1][0]

    def lemma(self, base: str, upos: str, feats: str, known: Container[str] = ()) -> str:
        """The lemma of `base` by the best-scoring fitting rule whose lemma is `known` (a word
        the treebank has), else by the best-scoring rule. Most unseen forms are new forms of
        known words, and the check also undoes a wrong tag: a rule for a noun ending rarely
        makes a known lemma of a verb."""
        return self.resolve([(base, upos, feats)], [], known)[0][0]

    def resolve(
        self,
        words: Sequence[tuple[str, str, str]],
        names: Sequence[tuple[str, str, str]],
        known: Container[str],
    ) -> tuple[list[str], list[list[str]]]:
        """`lemma` of each of `words` and `ranked` of each of `names` (base, UPOS, FEATS), all
        scored in one numpy pass. Only words whose ranking matters are scored: a word whose
        rules make one known lemma (most do), or one lemma in all, has it whatever the
        ranking, and so has a name whose rules make one lemma."""
        cuts = self._cuts
        lemmas: list[str] = []
        ranked: list[list[str]] = []
        todo: list[tuple[str, str, str]] = []  # the words scored, then the names
        fits: list[list[int]] = []
        pending: list[int] = []  # the words of `lemmas` the ranking decides
        for word in words:
            base = word[0]
            fit = self._fitting(base)
            n = len(base)
            made = [base[p : n - e] + a for p, e, a in map(cuts, fit)]
            hits = {lemma for lemma in made if lemma in known}
            if len(hits) == 1:
                lemmas.append(hits.pop())
            elif not hits and len(set(made)) <= 1:
                lemmas.append(made[0] if made else base)
            else:
                pending.append(len(lemmas))
                lemmas.append(base)  # the ranking decides below
                todo.append(word)
                fits.append(fit)
        for word in names:
            base = word[0]
            fit = self._fitting(base)
            n = len(base)
            unique = list(dict.fromkeys([base[p : n - e] + a for p, e, a in map(cuts, fit)]))
            ranked.append(unique or [base])
            if len(unique) > 1:
                todo.append(word)
                fits.append(fit)
        orders = iter(self._order_fits(todo, fits))
        for i in pending:
            base = lemmas[i]
            n = len(base)
            made = [base[p : n - e] + a for p, e, a in map(cuts, next(orders))]
            lemmas[i] = next((lemma for lemma in made if lemma in known), made[0])
        for i, made in enumerate(ranked):
            if len(made) > 1:
                base = names[i][0]
                n = len(base)
                order = next(orders)
                ranked[i] = list(
                    dict.fromkeys([base[p : n - e] + a for p, e, a in map(cuts, order)])
                )
        return lemmas, ranked


def pick(ranked: Sequence[str], known: Container[str]) -> str:
    """The first of the ranked lemmas that is `known`, else the first."""
    for lemma in ranked:
        if lemma in known:
            return lemma
    return ranked[0]
