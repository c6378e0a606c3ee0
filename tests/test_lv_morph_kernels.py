"""The morphology's compiled kernels (`morph_kernels`) give exactly what their plain
definitions give: zlib's crc32 of every feature string (`type_ids`), numpy's sums, argmax
and sorted margins, and the rule ranking of a lexsort; on real words and on hostile
strings (combining marks, characters outside the BMP, letters whose lower case is longer)."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.lang.lv.morph_features import SLOT_WIDTHS, padded_ids_many, type_ids
from newsmill.lang.lv.morph_kernels import (
    crc_table,
    head_choices,
    ranked_rules,
    slot_sums,
    token_scores,
)
from newsmill.lang.lv.morph_rules import fitting
from newsmill.lang.lv.morphology import GENDER_MARGIN, LatvianMorphology

REAL = [
    "Prezidents", "tikās", "ar", "Jevkurovu", ",", "kurš", "ieradās", "no", "Maskavas", ".",
    "2023.gada", "28.septembrī", "Ķīnas-Latvijas", "ĀĒĪŪ", "„", "Tripolē", "”", "e-pasts",
    "Šoigu", "plkst.", "14.00", "NATO", "Haftaram", "nesaskatītu", "apakšsadaļām", "x", "",
    "<s>", "</s>", "İstanbul", "ΣΟΦΊΑ", "ﬁnanses", "a\u0304bols", "😀😀", "\U0001d400bc",
]  # fmt: skip
HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from(["İ", "Σ", "ς", "ß", "ﬁ", "\u0304", "\u0301", "ā", "Ķ", "😀", "."]),
    ),
    max_size=14,
)


@pytest.fixture(scope="module")
def morph() -> LatvianMorphology:
    return LatvianMorphology.load()


def reference_ids(word: str, first: bool, buckets: int) -> list[list[int]]:
    """`type_ids` (zlib's crc32 of each feature string), each slot padded and sorted."""
    slots = type_ids(word, first, buckets)
    return [
        sorted(slot + [buckets] * (width - len(slot)))
        for slot, width in zip(slots, SLOT_WIDTHS, strict=True)
    ]


def batch_ids(words: list[tuple[str, bool]], buckets: int) -> list[list[list[int]]]:
    rows = padded_ids_many(words, buckets).tolist()
    out = []
    for row in rows:
        slots, at = [], 0
        for width in SLOT_WIDTHS:
            slots.append(sorted(row[at : at + width]))
            at += width
        out.append(slots)
    return out


def test_the_crc_table_is_zlibs() -> None:
    # The kernels' table-driven loop, written out here, against zlib on random bytes.
    table = crc_table().tolist()
    rng = np.random.default_rng(7)
    for size in [0, 1, 2, 3, 7, 64, 1000]:
        data = rng.integers(0, 256, size=size, dtype=np.uint8).tobytes()
        for start in (0, 1, 0xFFFFFFFF, zlib.crc32(b"w=")):
            crc = start ^ 0xFFFFFFFF
            for byte in data:
                crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
            assert crc ^ 0xFFFFFFFF == zlib.crc32(data, start)


def test_feature_ids_of_real_words_are_type_ids() -> None:
    words = [(w, first) for w in REAL for first in (False, True)]
    for buckets in (131072, 1000, 7):
        got = batch_ids(words, buckets)
        assert got == [reference_ids(w, first, buckets) for w, first in words]
    assert padded_ids_many([], 131072).shape == (0, sum(SLOT_WIDTHS))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(HOSTILE, st.booleans()), max_size=12))
def test_feature_ids_of_any_text_are_type_ids(words: list[tuple[str, bool]]) -> None:
    assert batch_ids(words, 131072) == [reference_ids(w, f, 131072) for w, f in words]


def test_slot_sums_are_numpys(morph: LatvianMorphology) -> None:
    rng = np.random.default_rng(3)
    ids = rng.integers(0, morph._buckets + 1, size=(50, sum(SLOT_WIDTHS))).astype(np.intc)
    ids[:5] = morph._buckets  # words whose slots are all padding
    got = np.full((len(SLOT_WIDTHS), 60, morph._weights.shape[1]), 7, dtype=np.int16)
    slot_sums(ids, morph._weights, np.asarray(SLOT_WIDTHS, dtype=np.int64), got, 3)
    assert (got[:, :3] == 7).all() and (got[:, 53:] == 7).all()  # only its rows written
    got = got[:, 3:53]
    block = morph._weights.astype(np.int64)[ids]
    bounds = np.cumsum([0, *SLOT_WIDTHS])
    for slot in range(len(SLOT_WIDTHS)):
        expected = block[:, bounds[slot] : bounds[slot + 1]].sum(axis=1)
        assert np.array_equal(got[slot], expected)
    assert got.dtype == np.int16


def test_token_scores_are_numpys_sums(morph: LatvianMorphology) -> None:
    # Random rows of a random int16 table, sentences of 0 to 5 tokens: each token's own
    # vector and its neighbours' (rows 0 and 1 past the ends), the first word's delta,
    # then float32 scaling as numpy does it, bit for bit.
    rng = np.random.default_rng(5)
    classes = morph._bias.shape[0]
    vectors = rng.integers(-3000, 3000, size=(5, 40, classes)).astype(np.int16)
    deltas_table = rng.integers(-200, 200, size=(3, classes)).astype(np.int16)
    lengths = rng.integers(0, 6, size=30)
    rows = rng.integers(0, 40, size=int(lengths.sum()))
    deltas = rng.integers(0, 3, size=int((lengths > 0).sum()))
    got = token_scores(
        rows.astype(np.int64),
        lengths.astype(np.int64),
        vectors,
        np.asarray([-2, -1, 1, 2], dtype=np.int64),
        deltas.astype(np.int64),
        deltas_table,
        morph._scale,
        morph._bias,
    )
    expected = []
    start = sentence = 0
    for size in lengths.tolist():
        padded = [0, 0, *rows[start : start + size].tolist(), 1, 1]
        for i in range(size):
            total = vectors[0, padded[i + 2]].astype(np.int16)
            for j, off in enumerate((-2, -1, 1, 2)):
                total = total + vectors[j + 1, padded[i + 2 + off]]
            if i == 0:
                total = total + deltas_table[deltas[sentence]]
            expected.append(total)
        sentence += size > 0
        start += size
    summed = np.asarray(expected, dtype=np.int16).reshape(-1, classes)
    reference = summed.astype(np.float32) * morph._scale + morph._bias
    assert got.view(np.int32).tolist() == reference.view(np.int32).tolist()


def test_head_choices_are_argmax_and_sorted_margin(morph: LatvianMorphology) -> None:
    # Ties (small integers) must go to the first class, as numpy's argmax does.
    rng = np.random.default_rng(11)
    bounds = morph._bounds
    for scores in (
        rng.normal(size=(200, bounds[-1])).astype(np.float32) * 3,
        rng.integers(-2, 3, size=(200, bounds[-1])).astype(np.float32),
    ):
        choice, sure = head_choices(scores, bounds, morph._gender_head, GENDER_MARGIN)
        for h in range(len(bounds) - 1):
            assert np.array_equal(choice[:, h], scores[:, bounds[h] : bounds[h + 1]].argmax(1))
        g = morph._gender_head
        top = np.sort(scores[:, bounds[g] : bounds[g + 1]], axis=1)
        assert np.array_equal(sure, (top[:, -1] - top[:, -2]) >= GENDER_MARGIN)


def test_ranked_rules_are_a_lexsort_of_the_summed_weights(morph: LatvianMorphology) -> None:
    model = morph._rules
    rng = np.random.default_rng(13)
    features = len(model._numbers) + 1  # and the empty one
    counts = rng.integers(0, 25, size=40)
    sizes = rng.integers(1, 30, size=40)
    numbers = rng.integers(0, features, size=int(counts.sum()))
    candidates = np.concatenate(
        [rng.choice(len(model.rules), size=s, replace=False) for s in sizes.tolist()]
    )
    got = ranked_rules(
        numbers.astype(np.int64),
        np.cumsum([0, *counts.tolist()]).astype(np.int64),
        candidates.astype(np.int64),
        np.cumsum([0, *sizes.tolist()]).astype(np.int64),
        model._starts,
        model._ends,
        model._ids,
        model._values,
        model._dense_rows,
        model._dense,
    ).tolist()
    at = used = 0
    for count, size in zip(counts.tolist(), sizes.tolist(), strict=True):
        score = np.zeros(len(model.rules))
        for feature in numbers[used : used + count].tolist():
            a, b = model._starts[feature], model._ends[feature]
            np.add.at(score, model._ids[a:b], model._values[a:b])
        mine = candidates[at : at + size]
        order = np.lexsort((mine, -score[mine]))
        assert got[at : at + size] == mine[order].tolist()
        at += size
        used += count


def test_fitting_finds_the_rules_of_the_definition_on_real_words(
    morph: LatvianMorphology,
) -> None:
    # `_fitting` stops at the first ending of a word that no rule's ending ends with; the
    # rules (prefixed ones too: `ne-`) and their order must be those of `fitting`.
    model = morph._rules
    words = [*REAL, "nesaprotamo", "nepatīkamu", "neizprotamu", "visnotaļ", "neeksistē"]
    for word in words + [w.lower() for w in words] + ["ne" + w.lower() for w in words]:
        assert model._fitting(word) == fitting(model.by_ending, model.rules, word, model.longest)


@settings(max_examples=300, deadline=None)
@given(st.lists(HOSTILE, max_size=10))
def test_fitting_finds_the_rules_of_the_definition(
    morph: LatvianMorphology, words: list[str]
) -> None:
    model = morph._rules
    for word in words + ["ne" + w for w in words]:
        assert model._fitting(word) == fitting(model.by_ending, model.rules, word, model.longest)
