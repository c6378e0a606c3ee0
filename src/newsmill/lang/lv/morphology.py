"""Latvian lemmas, parts of speech and morphological features, trained on the Latvian UD
treebank (see `training/train_lv_morph.py`; the model is `models/lv-morph.json` + `.bin`).

Tags come from a linear classifier over hashed spelling features of the word and its
neighbours (`morph_features`), one softmax head for UPOS and one per UD feature, evaluated
for a whole batch of sentences with numpy: each distinct word is scored once, and a token's
scores are the sum of its own vector and its neighbours'. Lemmas of words seen in training
come from the treebank itself (form + UPOS -> most frequent lemma, refined by Case, Gender
and Number where one form has several lemmas); other words get an edit rule chosen by a
learned model over their ending and predicted tag, preferring a rule that makes a lemma the
treebank knows (`morph_rules`). Only numpy and the standard library run here: the classifier
is trained with scikit-learn but shipped as plain weights.

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
from array import array
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from itertools import pairwise
from typing import Any

import numpy as np

from newsmill.lang.lv.morph_features import BOS, EOS, OFFSETS, SLOT_WIDTHS, padded_ids
from newsmill.lang.lv.morph_lemma import case_key, cased, sense_key
from newsmill.lang.lv.morph_rules import RuleModel, pick, rule_tag
from newsmill.lang.tokens import Sentence

MODEL = "lv-morph"
#: Distinct words whose feature ids are kept between calls (about 150 bytes each); the memo
#: starts over past it.
MEMO_LIMIT = 200_000

Analysis = tuple[str, str, str]
#: Logit margin over which the tagger's gender of an unseen name is trusted for its lemma.
GENDER_MARGIN = 1.0
#: Tokens after which a capital letter says nothing (a new sentence or quote may start).
SENTENCE_OPENERS = frozenset({".", "!", "?", ":", '"', "„", "“", "«", "(", "-", "–", "—"})


def _no_gender(feats: str) -> str:
    return "|".join(p for p in feats.split("|") if not p.startswith("Gender="))


#: The treebank's current lemma for typographic punctuation (UD LVTB 2.17 writes every
#: quotation mark as `"`, an em dash as an en dash); the v2.5 training copy kept the marks.
PUNCT_LEMMAS = {q: '"' for q in ("„", "“", "”", "«", "»", "''", "‟")} | {"—": "–", "…": "..."}


class _Nominatives:
    """The capitalised words a batch has in the nominative, collected when first needed."""

    def __init__(self, sentences: Sequence[Sequence[str]], feats: list[str]) -> None:
        self._sentences = sentences
        self._feats = feats
        self._words: set[str] | None = None

    def words(self) -> set[str]:
        if self._words is None:
            flat = (word for sentence in self._sentences for word in sentence)
            self._words = {
                word
                for word, feats in zip(flat, self._feats, strict=True)
                if word[:1].isupper() and "Case=Nom" in feats
            }
        return self._words


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
        self._allowed: dict[str, set[str]] = {k: set(v) for k, v in about["allowed"].items()}
        self._lexicon: dict[str, str] = about["lexicon"]
        self._rules = RuleModel(about["rules"], about["rule_weights"])
        #: every lemma of the lexicon: an unseen word's rule should make one of them
        self._known = frozenset(self._lexicon.values())
        self._unseen_memo: dict[tuple[str, str, str], tuple[str, tuple[str, ...]]] = {}
        #: (UPOS, FEATS) -> the part of FEATS the lemma rules read (few distinct tags)
        self._rule_tags: dict[tuple[str, str], str] = {}
        self._keep_case: set[str] = set(about["keep_case"])
        #: form + UPOS keys whose lemma also depends on Case, Gender or Number
        self._ambiguous = {k.rsplit("\t", 1)[0] for k in self._lexicon if k.count("\t") == 2}
        self._memo: dict[tuple[str, bool], bytes] = {}  # feature ids of words seen, as C ints
        self._gender_span = self._spans[[name for name, _ in heads].index("Gender")]

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
        scores = self._scores(sentences)
        a, b = self._spans[0]
        upos_idx = scores[:, a:b].argmax(axis=1)
        feats_of = self._feats_strings(scores, upos_idx)
        upos_of = [self._upos[i] for i in upos_idx.tolist()]
        sure_gender = self._sure_gender(scores).tolist()
        out: list[list[Analysis]] = []
        at = 0
        lexicon, ambiguous = self._lexicon, self._ambiguous
        names = _Nominatives(sentences, feats_of)
        for sentence in sentences:
            row: list[Analysis] = []
            for i, word in enumerate(sentence):
                upos, feats = upos_of[at], feats_of[at]
                key = word + "\t" + upos
                lemma = lexicon.get(key)
                if key in ambiguous:
                    lemma = lexicon.get(sense_key(word, upos, feats), lemma)
                if lemma is not None and upos == "PROPN" and lemma not in names.words():
                    lemma = self._batch_name(word, feats, names) or lemma
                if lemma is None:
                    if upos == "NOUN" and self._looks_proper(word, sentence[i - 1] if i else ""):
                        upos = "PROPN"
                    lemma = self._unseen(
                        word, upos, feats if sure_gender[at] else _no_gender(feats), names
                    )
                row.append((PUNCT_LEMMAS.get(word, lemma), upos, feats))
                at += 1
            out.append(row)
        return out

    def _sure_gender(self, scores: np.ndarray) -> np.ndarray:
        """Where the gender head is sure (its best logit GENDER_MARGIN above the next): a name's
        lemma then follows the gender its context shows (`pilsētu Dernu` -> Derna); elsewhere
        the name's ending decides, which on dev is right more often than an unsure guess."""
        a, b = self._gender_span
        top = np.sort(scores[:, a:b], axis=1)
        sure: np.ndarray = (top[:, -1] - top[:, -2]) >= GENDER_MARGIN
        return sure

    def _looks_proper(self, word: str, before: str) -> bool:
        """An unseen capitalised word inside a sentence is a name nine times in ten in the
        treebank (its hapaxes), whatever the tagger's context made of it."""
        if not word[:1].isupper() or word.isupper() or word in self._lexicon:
            return False
        # At a sentence start only a word unknown even in lower case is taken for a name.
        return (bool(before) and before not in SENTENCE_OPENERS) or (
            word.lower() not in self._lexicon
        )

    def _unseen(self, word: str, upos: str, feats: str, names: _Nominatives) -> str:
        """A word the treebank never had with this UPOS: its lowercase twin, the lemma it had
        with another UPOS (taggers err more than lemmas differ), or a learned edit rule.

        A name takes the first of its ranked lemmas that the same batch has as a capitalised
        nominative of its own: news names a person or place in several cases (`Vida`, `Vidu`),
        so `Vidu` is `Vida`'s accusative, not `Vids`'s, when `Vida` also occurs."""
        tag = self._rule_tags.get((upos, feats))
        if tag is None:
            tag = self._rule_tags[(upos, feats)] = rule_tag(upos, feats)
        key = (word, upos, tag)
        found = self._unseen_memo.get(key)
        if found is None:
            if len(self._unseen_memo) > MEMO_LIMIT:
                self._unseen_memo.clear()
            found = self._unseen_memo[key] = self._new_lemma(word, upos, tag)
        lemma, ranked = found
        if upos == "PROPN":
            for other in ranked:
                if other in names.words():
                    return other
        return lemma

    def _batch_name(self, word: str, feats: str, names: _Nominatives) -> str | None:
        """A known name's lemma from the batch: `Andra` is Andrs in the treebank, but Andris's
        genitive in a text that also has `Andris`."""
        tag = self._rule_tags.get(("PROPN", feats))
        if tag is None:
            tag = self._rule_tags[("PROPN", feats)] = rule_tag("PROPN", feats)
        key = (word, "PROPN?", tag)
        found = self._unseen_memo.get(key)
        if found is None:
            ranked = self._rules.ranked(word, "PROPN", tag)
            found = self._unseen_memo[key] = (ranked[0], tuple(ranked))
        for other in found[1]:
            if other != word and other in names.words():
                return other
        return None

    def _new_lemma(self, word: str, upos: str, feats: str) -> tuple[str, tuple[str, ...]]:
        """The lemma, and for a name the ranked lemmas its rules make (for `_unseen`)."""
        lexicon = self._lexicon
        keep = case_key(word, upos) in self._keep_case
        if not keep:
            lemma = lexicon.get(word.lower() + "\t" + upos)
            if lemma is not None:
                return lemma, ()
        lemma = lexicon.get(word)
        if lemma is not None:
            return lemma, ()
        base = cased(word, keep)
        if upos != "PROPN":
            return self._rules.lemma(base, upos, feats, self._known), ()
        ranked = self._rules.ranked(base, upos, feats)
        return pick(ranked, self._known), tuple(ranked)

    def _feats_strings(self, scores: np.ndarray, upos_idx: np.ndarray) -> list[str]:
        """The FEATS string of each token: predicted values of the features its UPOS has.
        Tokens share few distinct tag combinations, so strings are built once per combination."""
        code = upos_idx.astype(np.int64)
        for a, b in self._spans[1:]:
            code = code * (b - a) + scores[:, a:b].argmax(axis=1)
        unique, inverse = np.unique(code, return_inverse=True)
        strings: list[str] = []
        for value in unique.tolist():
            parts: list[str] = []
            for (name, classes), (a, b) in zip(
                reversed(self._features), reversed(self._spans[1:]), strict=True
            ):
                value, chosen = divmod(value, b - a)
                if classes[chosen] != "_":
                    parts.append(f"{name}={classes[chosen]}")
            allowed = self._allowed.get(self._upos[value], set())
            kept = sorted((p for p in parts if p.split("=", 1)[0] in allowed), key=str.lower)
            strings.append("|".join(kept))
        return [strings[i] for i in inverse.tolist()]

    def _scores(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Class scores of every token (rows) for every head (columns side by side)."""
        index: dict[tuple[str, bool], int] = {(BOS, False): 0, (EOS, False): 1}
        own: list[int] = []
        near: list[list[int]] = [[] for _ in OFFSETS]
        for sentence in sentences:
            ids: list[int] = []
            for i, word in enumerate(sentence):
                key = (word, i == 0)
                found = index.get(key)
                if found is None:
                    found = index[key] = len(index)
                ids.append(found)
            n = len(ids)
            padded = [0, 0, *ids, 1, 1]
            own.extend(ids)
            for j, off in enumerate(OFFSETS):
                near[j].extend(padded[2 + off : 2 + off + n])
        if not own:
            return np.zeros((0, self._bias.shape[0]), dtype=np.float32)
        slots = self._type_vectors(list(index))
        scores = slots[0][np.asarray(own)]
        for j in range(len(OFFSETS)):
            scores += slots[j + 1][np.asarray(near[j])]
        result: np.ndarray = scores.astype(np.float32) * self._scale + self._bias
        return result

    def _type_vectors(self, keys: list[tuple[str, bool]]) -> list[np.ndarray]:
        """Per slot (own, then each offset) the summed int8 weights of each word type."""
        memo = self._memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        rows: list[bytes] = []
        for key in keys:
            ids = memo.get(key)
            if ids is None:
                ids = memo[key] = array("i", padded_ids(key[0], key[1], self._buckets)).tobytes()
            rows.append(ids)
        index = np.frombuffer(b"".join(rows), dtype=np.intc).reshape(len(rows), -1)
        block = self._weights[index]
        out: list[np.ndarray] = []
        at = 0
        for width in SLOT_WIDTHS:
            out.append(block[:, at : at + width].sum(axis=1, dtype=np.int32))
            at += width
        return out
