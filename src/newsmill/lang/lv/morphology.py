"""Latvian lemmas, parts of speech and morphological features, trained on the Latvian UD
treebank (see `training/train_lv_morph.py`; the model is `models/lv-morph.json` + `.bin`).

Tags come from a linear classifier over hashed spelling features of the word and its
neighbours (`morph_features`), one softmax head for UPOS and one per UD feature, evaluated
for a whole batch of sentences with numpy: each distinct word is scored once, and a token's
scores are the sum of its own vector and its neighbours'. Lemmas of words seen in training
come from the treebank itself (form + UPOS -> most frequent lemma, refined by Case, Gender
and Number where one form has several lemmas); other words get an edit rule chosen by a
learned model over their ending and predicted tag, preferring a rule that makes a lemma the
treebank knows (`morph_rules`). Only numpy, numba and the standard library run here: the
classifier is trained with scikit-learn but shipped as plain weights.

A text's new words cost most (the bench's whole layer sees every word for the first time),
so work on them is done per batch, not per word, and the loops over numbers are compiled
(`morph_kernels`, loaded when the model is): the feature ids of all new word types are
hashed in one pass (`padded_ids_many`) and their weights summed in another, every token's
scores and classes come from one pass each, the FEATS string of a tag combination is built
once per process, and the unseen words that need the rules are ranked all together after a
first pass over the tokens (`_fill`, `RuleModel.resolve`). A word type's summed weights (per slot:
own, and as each neighbour) are kept in one int16 table for the process (`_add_types`,
bounded by VECTOR_LIMIT), keyed by the word alone: a sentence's first word differs by one
feature, added as a per-shape difference (`_first_delta`), so the scores are the same sums.

The sentences analysed together are taken for one text: an unseen name whose candidate
lemma occurs in it as a capitalised nominative takes that lemma (`Zeltu` -> Zelta beside
`Zelta`, else Zelts).

One rule is written by hand, because the tagger's context cannot learn it from 7,500 names:
an unseen capitalised word inside a sentence that the tagger calls NOUN is taken as PROPN
(in the treebank such words are names 2,228 times against 238 common nouns), so its lemma
keeps its capital. Sentence-initially the same words are half names, half not: no rule there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property, lru_cache
from importlib import resources
from itertools import chain, compress, filterfalse, pairwise
from typing import Any

import numpy as np

from newsmill.lang.lv.morph_features import (
    BOS,
    EOS,
    OFFSETS,
    SLOT_WIDTHS,
    padded_ids_many,
    shape,
)
from newsmill.lang.lv.morph_kernels import head_choices, slot_sums, token_scores
from newsmill.lang.lv.morph_lemma import case_key, cased, sense_key
from newsmill.lang.lv.morph_rules import RuleModel, pick, rule_tag
from newsmill.lang.tokens import Sentence

MODEL = "lv-morph"
#: Unseen-word lemma keys kept between calls; the memo starts over past it.
MEMO_LIMIT = 200_000
#: Distinct words whose summed tagger weights are kept between calls (940 bytes each: 5
#: slots x 94 classes, int16); past it the table starts over.
VECTOR_LIMIT = 50_000

Analysis = tuple[str, str, str]
_WIDTHS = np.asarray(SLOT_WIDTHS, dtype=np.int64)
_OFFSETS = np.asarray(OFFSETS, dtype=np.int64)
#: Logit margin over which the tagger's gender of an unseen name is trusted for its lemma.
GENDER_MARGIN = 1.0
#: Tokens after which a capital letter says nothing (a new sentence or quote may start).
SENTENCE_OPENERS = frozenset({".", "!", "?", ":", '"', "„", "“", "«", "(", "-", "–", "—"})


@lru_cache(maxsize=4096)
def _no_gender(feats: str) -> str:
    return "|".join(p for p in feats.split("|") if not p.startswith("Gender="))


#: The treebank's current lemma for typographic punctuation (UD LVTB 2.17 writes every
#: quotation mark as `"`, an em dash as an en dash); the v2.5 training copy kept the marks.
PUNCT_LEMMAS = {q: '"' for q in ("„", "“", "”", "«", "»", "''", "‟")} | {"—": "–", "…": "..."}


class _Nominatives:
    """The capitalised words a batch has in the nominative, collected when first needed."""

    def __init__(self, sentences: Sequence[Sequence[str]], nominative: np.ndarray) -> None:
        self._sentences = sentences
        self._nominative = nominative  # per token: does its FEATS have Case=Nom

    @cached_property
    def words(self) -> set[str]:
        """A plain attribute once made: it is read for every name of the batch."""
        flat = chain.from_iterable(self._sentences)
        return {word for word in compress(flat, self._nominative.tolist()) if word[:1].isupper()}


class LatvianMorphology:
    """Lemma, UPOS and UD FEATS for each word of Latvian sentences."""

    def __init__(self, weights: np.ndarray, about: dict[str, Any]) -> None:
        self._weights = weights  # int8, buckets (+ a zero row for padding) x classes of all heads
        self._scale = np.asarray(about["scale"], dtype=np.float32)
        self._bias = np.asarray(about["bias"], dtype=np.float32)
        self._buckets = int(about["buckets"])
        heads: list[tuple[str, list[str]]] = [(h[0], h[1]) for h in about["heads"]]
        self._upos: list[str] = heads[0][1]
        self._features = heads[1:]
        bounds = np.cumsum([0] + [len(classes) for _, classes in heads])
        self._spans = [(int(a), int(b)) for a, b in pairwise(bounds.tolist())]
        widths = [b - a for a, b in self._spans]
        #: a token's classes as one number, mixed radix with UPOS most significant
        self._radix = np.asarray(
            [int(np.prod(widths[h + 1 :], dtype=np.int64)) for h in range(len(widths))],
            dtype=np.int64,
        )
        self._allowed: dict[str, set[str]] = {k: set(v) for k, v in about["allowed"].items()}
        self._lexicon: dict[str, str] = about["lexicon"]
        self._rules = RuleModel(about["rules"], about["rule_weights"])
        #: every lemma of the lexicon: an unseen word's rule should make one of them
        self._known = frozenset(self._lexicon.values())
        self._unseen_memo: dict[tuple[str, str, str], tuple[str, tuple[str, ...]]] = {}
        #: (UPOS, FEATS, gender sure) -> the part of FEATS the lemma rules read (few distinct)
        self._rule_tags: dict[tuple[str, str, bool], str] = {}
        self._keep_case: set[str] = set(about["keep_case"])
        #: form + UPOS keys whose lemma also depends on Case, Gender or Number
        self._ambiguous = {k.rsplit("\t", 1)[0] for k in self._lexicon if k.count("\t") == 2}
        #: the row of `_vectors` (slot x row x class) holding the slot vectors of each word
        #: type seen (`_add_types`); rows 0 and 1 are the sentence bounds BOS and EOS
        self._memo: dict[str, int] = {}
        self._vectors = np.empty((len(SLOT_WIDTHS), 2, weights.shape[1]), dtype=np.int16)
        self._write_vectors([BOS, EOS], 0)
        self._reset_vectors()
        #: shape of a first word -> its row of what being first adds to a word's own slot
        #: vector (`_first_delta`)
        self._deltas: dict[str, int] = {}
        self._delta_table = np.zeros((0, weights.shape[1]), dtype=np.int16)
        #: tag combination number -> FEATS string (`_feats_strings`)
        self._feats_memo: dict[int, str] = {}
        self._gender_head = [name for name, _ in heads].index("Gender")
        self._bounds = bounds.astype(np.int64)
        #: the Case head and its Nom class, and per UPOS class whether its FEATS show Case:
        #: where "Case=Nom" is in a token's FEATS, read off its classes (`_nominative`)
        self._case_head = [name for name, _ in heads].index("Case")
        self._nominative_class = heads[self._case_head][1].index("Nom")
        #: per head (UPOS first, empty) the "Name=Value" of each class, "" for "_"
        self._parts: list[list[str]] = [[]] + [
            [f"{name}={value}" if value != "_" else "" for value in classes]
            for name, classes in self._features
        ]
        #: per UPOS class, the heads of the features it allows, in FEATS order (by name,
        #: case-insensitively; names are distinct, so this sorts the parts too)
        self._feature_order: dict[int, list[int]] = {
            u: sorted(
                (h + 1 for h, (name, _) in enumerate(self._features) if name in allowed),
                key=lambda h: self._features[h - 1][0].lower(),
            )
            for u, upos in enumerate(self._upos)
            if (allowed := self._allowed.get(upos))
        }
        self._shows_case = np.asarray(
            [self._case_head in self._feature_order.get(u, ()) for u in range(len(self._upos))]
        )
        # Load (or compile, once per install) the kernels now, not in the first analysis.
        none = np.zeros(0, dtype=np.int64)
        scores = token_scores(
            none, none, self._vectors, _OFFSETS, none, self._delta_table, self._scale, self._bias
        )
        head_choices(scores, self._bounds, self._gender_head, GENDER_MARGIN)

    @classmethod
    def load(cls) -> LatvianMorphology:
        """The model shipped in the package."""
        folder = resources.files("newsmill.models")
        about = json.loads((folder / f"{MODEL}.json").read_text(encoding="utf-8"))
        raw = (folder / f"{MODEL}.bin").read_bytes()
        weights = np.frombuffer(raw, dtype=np.int8).reshape(int(about["buckets"]), -1)
        weights = np.vstack([weights, np.zeros((1, weights.shape[1]), dtype=np.int8)])
        return cls(weights, about)

    def analyse(self, words: Sequence[str]) -> list[Analysis]:
        """One sentence's words -> (lemma, upos, feats) for each."""
        return self.analyse_many([words])[0]

    def tag(self, sentence: Sentence) -> Sentence:
        """The same sentence with lemma, upos and feats filled in on every token."""
        found = self.analyse([token.text for token in sentence.tokens])
        tokens = tuple(
            replace(token, lemma=lemma, upos=upos, feats=feats)
            for token, (lemma, upos, feats) in zip(sentence.tokens, found, strict=True)
        )
        return replace(sentence, tokens=tokens)

    def analyse_many(self, sentences: Sequence[Sequence[str]]) -> list[list[Analysis]]:
        """Several sentences at once (an article): faster than one by one, and the same
        results except for unseen names, which take a nominative the batch has (`_unseen`)."""
        choice, sure = self._tags(self._scores(sentences))
        feats_of = self._feats_strings(choice)
        upos_of = list(map(self._upos.__getitem__, choice[:, 0].tolist()))
        sure_gender = sure.tolist()
        lexicon, ambiguous, memo = self._lexicon, self._ambiguous, self._unseen_memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        names = _Nominatives(sentences, self._nominative(choice))
        # First every token's lexicon lemma, or the memo key of the rules it needs; then the
        # rules of all new keys at once (`_fill`); then those tokens' lemmas from the memo.
        out: list[list[Analysis]] = []
        later: list[tuple[list[Analysis], int, tuple[str, str, str]]] = []
        new: dict[tuple[str, str, str], None] = {}
        punct = PUNCT_LEMMAS
        rule_tags = self._rule_tags
        at = 0
        for sentence in sentences:
            row: list[Analysis] = []
            for i, word in enumerate(sentence):
                upos, feats = upos_of[at], feats_of[at]
                key = word + "\t" + upos
                lemma = lexicon.get(key)
                if key in ambiguous:
                    lemma = lexicon.get(sense_key(word, upos, feats), lemma)
                if lemma is None:
                    if upos == "NOUN" and self._looks_proper(word, sentence[i - 1] if i else ""):
                        upos = "PROPN"
                    tag = rule_tags.get((upos, feats, sure_gender[at]))
                    if tag is None:
                        tag = self._rule_tag(upos, feats, sure_gender[at])
                    need = (word, upos, tag)
                elif upos == "PROPN" and lemma not in names.words:
                    need = (word, "PROPN?", self._rule_tag("PROPN", feats, True))
                else:
                    row.append((punct.get(word, lemma), upos, feats))
                    at += 1
                    continue
                if need not in memo:
                    new[need] = None
                later.append((row, len(row), need))
                row.append((lemma or "", upos, feats))
                at += 1
            out.append(row)
        if new:
            self._fill(list(new))
        for row, i, need in later:
            lemma, upos, feats = row[i]
            found = memo[need]
            if need[1] == "PROPN?":
                lemma = self._batch_name(need[0], found[1], names) or lemma
            else:
                lemma = self._unseen(upos, found, names)
            row[i] = (punct.get(need[0], lemma), upos, feats)
        return out

    def _rule_tag(self, upos: str, feats: str, sure_gender: bool) -> str:
        """`rule_tag` of the FEATS, without its gender when the tagger is unsure of it
        (`_tags`), kept per (UPOS, FEATS, sure): few distinct."""
        tag = self._rule_tags.get((upos, feats, sure_gender))
        if tag is None:
            kept = feats if sure_gender else _no_gender(feats)
            tag = self._rule_tags[(upos, feats, sure_gender)] = rule_tag(upos, kept)
        return tag

    def _tags(self, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The best class of every head (columns, UPOS first) for every token (rows), and
        where the gender head is sure (its best logit GENDER_MARGIN above the next), in one
        compiled pass. Where it is sure, a name's lemma follows the gender its context shows
        (`pilsētu Dernu` -> Derna); elsewhere the name's ending decides, which on dev is
        right more often than an unsure guess."""
        choice, sure = head_choices(scores, self._bounds, self._gender_head, GENDER_MARGIN)
        return choice, sure

    def _looks_proper(self, word: str, before: str) -> bool:
        """An unseen capitalised word inside a sentence is a name nine times in ten in the
        treebank (its hapaxes), whatever the tagger's context made of it."""
        if not word[:1].isupper() or word.isupper() or word in self._lexicon:
            return False
        # At a sentence start only a word unknown even in lower case is taken for a name.
        return (bool(before) and before not in SENTENCE_OPENERS) or (
            word.lower() not in self._lexicon
        )

    def _unseen(self, upos: str, found: tuple[str, tuple[str, ...]], names: _Nominatives) -> str:
        """A word the treebank never had with this UPOS: its lowercase twin, the lemma it had
        with another UPOS (taggers err more than lemmas differ), or a learned edit rule (the
        memo entry `_fill` made).

        A name takes the first of its ranked lemmas that the same batch has as a capitalised
        nominative of its own: news names a person or place in several cases (`Vida`, `Vidu`),
        so `Vidu` is `Vida`'s accusative, not `Vids`'s, when `Vida` also occurs."""
        lemma, ranked = found
        if upos == "PROPN":
            for other in ranked:
                if other in names.words:
                    return other
        return lemma

    def _batch_name(self, word: str, ranked: tuple[str, ...], names: _Nominatives) -> str | None:
        """A known name's lemma from the batch: `Andra` is Andrs in the treebank, but Andris's
        genitive in a text that also has `Andris`."""
        for other in ranked:
            if other != word and other in names.words:
                return other
        return None

    def _fill(self, keys: list[tuple[str, str, str]]) -> None:
        """Memo entries (lemma, and for a name its ranked lemmas) for new (word, UPOS, rule
        tag) keys; UPOS `PROPN?` asks for a known name's ranked lemmas (`_batch_name`). The
        words the lexicon does not settle are ranked by the rules all at once."""
        lexicon, memo = self._lexicon, self._unseen_memo
        ranking: list[tuple[tuple[str, str, str], str]] = []  # (key, base) left to the rules
        for key in keys:
            word, upos, _ = key
            if upos == "PROPN?":
                ranking.append((key, word))
                continue
            keep = case_key(word, upos) in self._keep_case
            lemma = None if keep else lexicon.get(word.lower() + "\t" + upos)
            if lemma is None:
                lemma = lexicon.get(word)
            if lemma is not None:
                memo[key] = (lemma, ())
            else:
                ranking.append((key, cased(word, keep)))
        rules = self._rules
        common = [(key, base) for key, base in ranking if key[1] not in ("PROPN", "PROPN?")]
        names = [(key, base) for key, base in ranking if key[1] in ("PROPN", "PROPN?")]
        lemmas, ranked_all = rules.resolve(
            [(base, key[1], key[2]) for key, base in common],
            [(base, "PROPN", key[2]) for key, base in names],
            self._known,
        )
        for (key, _), lemma in zip(common, lemmas, strict=True):
            memo[key] = (lemma, ())
        for (key, _), ranked in zip(names, ranked_all, strict=True):
            first = ranked[0] if key[1] == "PROPN?" else pick(ranked, self._known)
            memo[key] = (first, tuple(ranked))

    def _nominative(self, choice: np.ndarray) -> np.ndarray:
        """Per token, whether its FEATS string (`_feats_string`) has Case=Nom: its UPOS shows
        Case and the Case head chose Nom."""
        shown = self._shows_case[choice[:, 0]]
        nominative: np.ndarray = shown & (choice[:, self._case_head] == self._nominative_class)
        return nominative

    def _feats_strings(self, choice: np.ndarray) -> list[str]:
        """The FEATS string of each token: predicted values of the features its UPOS has.
        Tokens share few distinct tag combinations, so each combination's string is built
        once per process (`_feats_memo`, keyed by the combination's number)."""
        codes: list[int] = (choice.astype(np.int64) @ self._radix).tolist()
        memo = self._feats_memo
        new = set(codes).difference(memo)
        if new:
            for value, row in zip(codes, choice.tolist(), strict=True):
                if value in new:
                    memo[value] = self._feats_string(row)
                    new.discard(value)
        return [memo[value] for value in codes]

    def _feats_string(self, row: list[int]) -> str:
        """The FEATS string of one token's classes (UPOS first): the UD features its UPOS
        allows that are not "_", ordered by name as UD writes them (`_feature_order`)."""
        parts = self._parts
        return "|".join(
            [part for h in self._feature_order.get(row[0], ()) if (part := parts[h][row[h]])]
        )

    def _scores(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Class scores of every token (rows) for every head (columns side by side): the sum
        of each token's own slot vector and its neighbours' (`_add_types`; past a sentence's
        ends, those of BOS and EOS), with a sentence's first word corrected by
        `_first_delta`."""
        flat = list(chain.from_iterable(sentences))
        if not flat:
            return np.zeros((0, self._bias.shape[0]), dtype=np.float32)
        self._add_types(flat)
        result: np.ndarray = token_scores(
            np.asarray(list(map(self._memo.__getitem__, flat)), dtype=np.int64),
            np.asarray(list(map(len, sentences)), dtype=np.int64),
            self._vectors,
            _OFFSETS,
            np.asarray([self._first_delta(s[0]) for s in sentences if s], dtype=np.int64),
            self._delta_table,
            self._scale,
            self._bias,
        )
        return result

    def _first_delta(self, word: str) -> int:
        """The row of `_delta_table` for a sentence's first word: what being first adds to its
        own slot vector, the one feature that differs (`f` + shape for `nf` + shape), kept
        per shape (few)."""
        spelling = shape(word)
        row = self._deltas.get(spelling)
        if row is None:
            pair = padded_ids_many([(word, True), (word, False)], self._buckets)
            sums = self._weights[pair[:, : SLOT_WIDTHS[0]]].sum(axis=1, dtype=np.int16)
            row = self._deltas[spelling] = len(self._delta_table)
            self._delta_table = np.vstack([self._delta_table, sums[:1] - sums[1:]])
        return row

    def _add_types(self, words: list[str]) -> None:
        """Give every word type of `words` its row of `_vectors` (not as a sentence's first
        word): per slot (own, then each offset) the summed int8 weights of its features, at
        most 29 x 127 in size, so int16 sums are exact. New types are hashed and summed
        together (`_write_vectors`)."""
        new = list(dict.fromkeys(filterfalse(self._memo.__contains__, words)))
        if not new:
            return
        if len(self._memo) + len(new) > VECTOR_LIMIT:
            self._reset_vectors()
            new = list(dict.fromkeys(filterfalse(self._memo.__contains__, words)))
        memo = self._memo
        at = len(memo)
        memo.update(zip(new, range(at, at + len(new)), strict=True))
        if self._vectors.shape[1] < len(memo):
            self._grow_vectors(len(memo))
        self._write_vectors(new, at)

    def _grow_vectors(self, rows: int) -> None:
        """Room for at least `rows` types in `_vectors`: room for VECTOR_LIMIT is taken at
        once (the pages are only committed as rows are written), more when one batch alone
        has more new types."""
        old = self._vectors
        size = max(2 * old.shape[1], rows, VECTOR_LIMIT)
        self._vectors = np.empty((old.shape[0], size, old.shape[2]), np.int16)
        self._vectors[:, : old.shape[1]] = old

    def _write_vectors(self, words: list[str], at: int) -> None:
        """The slot vectors of word types (see `_add_types`), into `_vectors` from row `at`
        on: their feature ids hashed (`padded_ids_many`), then each slot's weight rows
        summed in one compiled pass (`slot_sums`)."""
        ids = padded_ids_many([(word, False) for word in words], self._buckets)
        slot_sums(ids, self._weights, _WIDTHS, self._vectors, at)

    def _reset_vectors(self) -> None:
        """Forget every word type but the sentence bounds (rows 0 and 1)."""
        self._memo = {BOS: 0, EOS: 1}
        self._vectors = self._vectors[:, :2].copy()
