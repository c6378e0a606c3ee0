"""The tagger's and lemma rules' fast paths give what their plain definitions give: the
scores of the training features (`type_ids`), the rule ranking of `rule_features`, and
the same analyses however warm or full the per-process caches are."""

from __future__ import annotations

import numpy as np
import pytest

import newsmill.lang.lv.morphology as morphology
from newsmill.lang.lv.morph_features import OFFSETS, SLOT_WIDTHS, padded_ids_many, type_ids
from newsmill.lang.lv.morph_rules import rule_features
from newsmill.lang.lv.morphology import LatvianMorphology

SENTENCES = [
    ["Prezidents", "tikās", "ar", "Jevkurovu", ",", "kurš", "ieradās", "no", "Maskavas", "."],
    ["Plūdi", "izpostīja", "piekrastes", "pilsētu", "Dernu", "."],
    ["2023.gada", "28.septembrī", "Ķīnas-Latvijas", "forumā", "runāja", "ĀĒĪŪ", "."],
    ["„", "Tripolē", "”", "–", "e-pasts", "x", "12", "."],
    [],
    ["Šoigu"],
]


@pytest.fixture(scope="module")
def morph() -> LatvianMorphology:
    return LatvianMorphology.load()


def reference_scores(morph: LatvianMorphology, sentence: list[str]) -> np.ndarray:
    """A sentence's class scores as the tagger was trained: each token's own feature ids
    (`first` on the first word) and its neighbours' ids seen from each offset, summed."""
    weights = morph._weights.astype(np.int64)
    padded = ["<s>", "<s>", *sentence, "</s>", "</s>"]
    rows = []
    for i in range(len(sentence)):
        own = type_ids(sentence[i], i == 0, morph._buckets)[0]
        total = weights[own].sum(axis=0)
        for j, off in enumerate(OFFSETS):
            near = padded[i + 2 + off]
            total = total + weights[type_ids(near, False, morph._buckets)[j + 1]].sum(axis=0)
        rows.append(total)
    summed = np.asarray(rows, dtype=np.int64).reshape(len(sentence), -1)
    result: np.ndarray = summed.astype(np.float32) * morph._scale + morph._bias
    return result


def test_scores_are_the_sums_of_the_training_features(morph: LatvianMorphology) -> None:
    # Slot vectors are kept per word type (not per first/non-first) and a sentence's first
    # word gets the difference of its one `f`/`nf` feature; the sum must be the same.
    got = morph._scores(SENTENCES)
    expected = np.concatenate([reference_scores(morph, s) for s in SENTENCES if s])
    assert got.shape == expected.shape
    assert np.array_equal(got, expected)


def test_ascii_and_non_ascii_long_words_hash_as_type_ids() -> None:
    # The unrolled path of words of six or more letters slices bytes for ASCII words and
    # encodes each ending otherwise; both must give `type_ids`' ids.
    words = [
        (w, first)
        for w in ("Prezidents", "pilsētā", "Ķīnas-Latvijas", "ĀĒĪŪĶĻ", "aaaaaa", "abcde", "ā" * 7)
        for first in (True, False)
    ]
    for (word, first), row in zip(words, padded_ids_many(words, 131072).tolist(), strict=True):
        at = 0
        for width, slot in zip(SLOT_WIDTHS, type_ids(word, first, 131072), strict=True):
            padded = slot + [131072] * (width - len(slot))
            assert sorted(row[at : at + width]) == sorted(padded), (word, first)
            at += width


def test_analyses_do_not_depend_on_the_cache_state(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fresh model, a warm one, and one whose type table starts over on every batch
    # (the bound is reached at once) must tag and lemmatise alike.
    fresh = LatvianMorphology.load().analyse_many(SENTENCES)
    warm = LatvianMorphology.load()
    warm.analyse_many([["Jevkurovu", "Dernu", "Maskavas", "un", "."], ["Tripolē"]])
    assert warm.analyse_many(SENTENCES) == fresh
    assert warm.analyse_many(SENTENCES) == fresh
    monkeypatch.setattr(morphology, "VECTOR_LIMIT", 8)
    small = LatvianMorphology.load()
    assert small.analyse_many(SENTENCES) == fresh
    assert small.analyse_many(SENTENCES[:2]) == fresh[:2]
    assert len(small._memo) < len(warm._memo)


def test_feats_strings_follow_the_allowed_features_in_name_order(
    morph: LatvianMorphology,
) -> None:
    # The definition: every feature head's class that is not "_", kept if the UPOS allows
    # the feature, sorted case-insensitively.
    choice = morph._tags(morph._scores(SENTENCES))[0]
    got = morph._feats_strings(choice)
    for row, feats in zip(choice.tolist(), got, strict=True):
        upos = morph._upos[row[0]]
        allowed = morph._allowed.get(upos, set())
        parts = [
            f"{name}={classes[c]}"
            for (name, classes), c in zip(morph._features, row[1:], strict=True)
            if classes[c] != "_" and name in allowed
        ]
        assert feats == "|".join(sorted(parts, key=str.lower))


def test_rule_ranking_is_the_sum_of_the_rule_features(morph: LatvianMorphology) -> None:
    # `order` scores only the candidates, from cached per-ending feature numbers and
    # per-tag priors; the definition is the sum of each `rule_features` weight.
    model = morph._rules
    weights: dict[str, dict[int, float]] = {}
    for feature, (a, b) in model._spans.items():
        weights[feature] = dict(
            zip(model._ids[a:b].tolist(), model._values[a:b].tolist(), strict=True)
        )
    cases = [
        ("jevkurovu", "PROPN", "Case=Acc|Gender=Masc|Number=Sing"),
        ("dernu", "PROPN", "Case=Acc"),
        ("nesaskatītu", "VERB", "Mood=Sub|Polarity=Neg|VerbForm=Fin"),
        ("skaistākajām", "ADJ", "Case=Dat|Degree=Sup"),
        ("diplomātiem", "NOUN", "Case=Dat"),
        ("pārgāja", "VERB", "Mood=Ind|Polarity=Pos|VerbForm=Fin"),
    ]
    for base, upos, feats in cases:
        fit = model._fitting(base)
        features = rule_features(base.lower(), upos, feats)
        score = {r: sum(weights.get(f, {}).get(r, 0.0) for f in features) for r in fit}
        expected = sorted(fit, key=lambda r: (-score[r], r))
        assert model.order(base, upos, feats) == (expected if len(fit) >= 2 else fit)


def test_grouped_fitting_is_the_plain_definition(morph: LatvianMorphology) -> None:
    # `_fitting` skips a group's prefixed rules when the word starts with none of their
    # prefixes; the rules that fit must be those of `fitting` (the order does not matter:
    # ties are ranked by rule number).
    from newsmill.lang.lv.morph_rules import fitting

    model = morph._rules
    words = [
        "nesaskatītu", "visnotaļ", "neeksistē", "Jevkurovu", "pārgāja", "ne", "vis", "a", "",
        "nevis", "bezvārda", "apakšsadaļām", "Ķīnas-Latvijas", "x" * 30, "jaunākajiem",
    ]  # fmt: skip
    for word in words:
        expected = fitting(model.by_ending, model.rules, word, model.longest)
        assert sorted(model._fitting(word)) == sorted(expected), word


def test_the_nominative_mask_is_case_nom_in_the_feats(morph: LatvianMorphology) -> None:
    # The batch's capitalised nominatives (`_Nominatives`) come from the tokens' classes,
    # not their FEATS strings: the same tokens as "Case=Nom" in FEATS.
    choice = morph._tags(morph._scores(SENTENCES))[0]
    feats = morph._feats_strings(choice)
    assert morph._nominative(choice).tolist() == ["Case=Nom" in f for f in feats]
    assert any("Case=Nom" in f for f in feats) and not all("Case=Nom" in f for f in feats)
