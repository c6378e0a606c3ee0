"""The NER featurizer's fast paths give what their definitions give: a stem is the word
without its longest listed ending (keeping at least three letters), and a shape is the
word's character classes with runs collapsed (at most six)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.lang.lv.ner import LatvianNer
from newsmill.lang.lv.ner_crf import (
    _ENDING_CODES,
    _ENDING_SIZES,
    _AffixIndex,
    _letter_kernel,
)
from newsmill.lang.lv.ner_features import (
    ENDINGS,
    MAX_PHRASE,
    NerFeaturizer,
    class_runs,
    shape,
    stem,
    stem_lower,
)

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


def test_stems_and_shapes_of_real_words_follow_their_definitions() -> None:
    for word in WORDS:
        assert stem_lower(word.lower()) == reference_stem(word.lower()), word
        assert shape(word) == class_runs(word), word


def test_stems_and_shapes_of_random_strings_follow_their_definitions() -> None:
    rng = random.Random(0)
    for _ in range(20_000):
        word = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 9)))
        assert stem_lower(word.lower()) == reference_stem(word.lower()), word
        assert shape(word) == class_runs(word), word


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_stems_and_shapes_of_any_text_follow_their_definitions(word: str) -> None:
    assert stem_lower(word.lower()) == reference_stem(word.lower())
    assert shape(word) == class_runs(word)


def letter_rows(
    index: _AffixIndex, affix: int, words: list[str]
) -> tuple[list[tuple[int, ...]], list[str]]:
    """Each word's prefix and suffix rows and its stem, by `_letter_kernel`."""
    n = len(words)
    rows = np.full((2 * affix, n), -7, dtype=np.intp)
    sizes = np.empty(n, dtype=np.intp)
    text = "".join(words).encode("utf-32-le", "surrogatepass")
    _letter_kernel(
        np.frombuffer(text, dtype=np.uint32),
        np.cumsum(np.array([len(w) for w in words], dtype=np.intp)),
        _ENDING_CODES,
        _ENDING_SIZES,
        index.letters,
        index.prefix_keys,
        index.prefix_rows,
        index.suffix_keys,
        index.suffix_rows,
        index.bits,
        -1,
        rows,
        sizes,
    )
    found = [tuple(rows[:, k].tolist()) for k in range(n)]
    return found, [w[:size] for w, size in zip(words, sizes.tolist(), strict=True)]


@pytest.mark.parametrize("lengths", [1, 4, 5, 6])
def test_letter_kernel_looks_each_affix_up_and_finds_the_stem(lengths: int) -> None:
    """The kernel's affix rows are a plain lookup per length, its stems `stem_lower`'s,
    also for words with letters no table has, empty words and surrogates."""
    rng = random.Random(lengths)
    tables = [
        [
            {"".join(rng.choice("abā") for _ in range(rng.randint(0, k))): rng.randrange(100)
             for _ in range(30)}
            for k in range(1, lengths + 1)
        ]
        for _ in range(2)
    ]  # fmt: skip
    index = _AffixIndex.build(*tables)
    assert index is not None
    words = [
        "".join(rng.choice("abāc\ud800") for _ in range(rng.randint(0, 8))) for _ in range(3000)
    ]
    words += [w.lower() for w in WORDS] + ["ajiem", "xajiem", "bāajiem", "aas", "aaas"]
    found, stems = letter_rows(index, lengths, words)
    for word, rows, short in zip(words, found, stems, strict=True):
        parts = [word[:k] for k in range(1, lengths + 1)] + [
            word[-k:] for k in range(1, lengths + 1)
        ]
        expected = [t.get(p, -1) for t, p in zip(tables[0] + tables[1], parts, strict=True)]
        assert rows == tuple(expected), word
        assert short == stem_lower(word) == reference_stem(word), word


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=20))
def test_kernel_stems_of_any_text_follow_their_definition(words: list[str]) -> None:
    lows = [w.lower() for w in words]
    index = _AffixIndex.build([{"a": 1}], [{"a": 2}])
    assert index is not None
    found, stems = letter_rows(index, 1, lows)
    assert stems == [reference_stem(w) for w in lows]
    assert found == [(1 if w[:1] == "a" else -1, 2 if w[-1:] == "a" else -1) for w in lows]


def test_affix_numbers_too_wide_for_63_bits_fall_back_to_lookups() -> None:
    letters = "".join(chr(0x100 + k) for k in range(300))  # 9 bits a letter
    tables = [dict.fromkeys(letters, 1)] + [{letters[:k]: k} for k in range(2, 8)]  # 7 x 9 > 62
    assert _AffixIndex.build(tables, tables) is None
    assert _AffixIndex.build(tables[:5], tables[:5]) is not None


def reference_phrase_matches(featurizer: NerFeaturizer, stems: list[str]) -> list[tuple[int, str]]:
    """Phrase-gazetteer matches by their definition: from each token whose stem starts a
    phrase, left to right past earlier matches, the longest run that is a phrase."""
    out: list[tuple[int, str]] = []
    after = 0
    for i, first in enumerate(stems):
        if i < after or first not in featurizer.phrase_starts:
            continue
        for j in range(min(len(stems), i + MAX_PHRASE), i + 1, -1):
            kind = featurizer.phrases.get(" ".join(stems[i:j]))
            if kind:
                out.append((i, "pB=" + kind))
                out.extend((k, "pI=" + kind) for k in range(i + 1, j))
                after = j
                break
    return out


@pytest.fixture(scope="module")
def featurizer() -> NerFeaturizer:
    return LatvianNer.load()._decoder._featurizer


def phrase_attributes(featurizer: NerFeaturizer, forms: list[str]) -> list[tuple[int, str]]:
    return [(i, a) for i, a in featurizer.sparse(forms) if a.startswith(("pB=", "pI="))]


def test_phrase_matches_of_the_shipped_gazetteer_follow_their_definition(
    featurizer: NerFeaturizer,
) -> None:
    """Every phrase of the model's gazetteer, alone, twice in a row, overlapping and cut
    short, is matched as the definition says (the matcher stops looking once the run
    of stems starts no phrase)."""
    phrases = sorted(featurizer.phrases)
    assert len(phrases) > 100
    rng = random.Random(3)
    for k, key in enumerate(phrases):
        stems = key.split(" ")
        other = phrases[(k * 7919) % len(phrases)].split(" ")
        cases = [stems, stems + stems, stems[:-1] + other, ["un", *stems[1:], *stems]]
        cases.append(rng.sample(stems + other, len(stems + other)))
        for forms in cases:  # a stem is its own form's stem often enough to match
            stems_of = [stem(f) for f in forms]
            assert phrase_attributes(featurizer, forms) == reference_phrase_matches(
                featurizer, stems_of
            )
