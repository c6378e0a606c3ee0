"""The NER featurizer's fast paths give what their definitions give: a stem is the word
without its longest listed ending (keeping at least three letters), and a shape is the
word's character classes with runs collapsed (at most six)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.lang.lv.ner_crf import _affix_rows
from newsmill.lang.lv.ner_features import ENDINGS, _char_class, shape, stem_lower

WORDS = [
    "putinu", "putins", "prezidentam", "bruņotajiem", "spēkiem", "lībijas", "haftars",
    "un", "ir", "sia", "latvijas", "a", "", "ajiem", "xajiem", "xxxajiem", "ēs", "rīgā",
    "Putins", "PUTINS", "Rīga", "ǅamal", "ǆ", "İstanbul", "ﬁnanses", "Ж", "Жириновский",
    "中文", "2023.", "28.septembrī", "“Vagner”", "a-b", "McDonald's", "ª", "Aª", "x\u0301",
]  # fmt: skip
ALPHABET = "aAbBzZāĀčČšŠēĒǅǆßﬁ ª1.-'\"„“ЖжλΛㄱ中😀\u0301İı"


def reference_stem(low: str) -> str:
    """The longest ending of ENDINGS that leaves at least three letters, taken off."""
    for ending in sorted(ENDINGS, key=len, reverse=True):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            return low[: -len(ending)]
    return low


def reference_shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        c = _char_class(ch)
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def test_stems_and_shapes_of_real_words_follow_their_definitions() -> None:
    for word in WORDS:
        assert stem_lower(word.lower()) == reference_stem(word.lower()), word
        assert shape(word) == reference_shape(word), word


def test_stems_and_shapes_of_random_strings_follow_their_definitions() -> None:
    rng = random.Random(0)
    for _ in range(20_000):
        word = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 9)))
        assert stem_lower(word.lower()) == reference_stem(word.lower()), word
        assert shape(word) == reference_shape(word), word


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_stems_and_shapes_of_any_text_follow_their_definitions(word: str) -> None:
    assert stem_lower(word.lower()) == reference_stem(word.lower())
    assert shape(word) == reference_shape(word)


@pytest.mark.parametrize("lengths", [4, 5])
@pytest.mark.parametrize("start", [True, False])
def test_affix_rows_are_each_length_looked_up(lengths: int, start: bool) -> None:
    # Five lengths (the shipped model) are written out; other counts take a loop.
    rng = random.Random(lengths)
    tables = [
        {"".join(rng.choice("abā") for _ in range(k)): rng.randrange(100) for _ in range(20)}
        for k in range(1, lengths + 1)
    ]
    rows = _affix_rows(tables, -1, start)
    for _ in range(2_000):
        word = "".join(rng.choice("abā") for _ in range(rng.randint(0, 7)))
        parts = [word[:k] if start else word[-k:] for k in range(1, lengths + 1)]
        assert rows(word) == tuple(t.get(p, -1) for t, p in zip(tables, parts, strict=True))
