"""Word hashes: the same words as ``\\w+`` over the lowered text, equal words as equal
numbers, on hand-picked and on random text from the whole of Unicode."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.extract.word_hashes import word_hashes

_WORD = re.compile(r"\w+")


def regex_words(text: str) -> list[list[str]]:
    """Each line's words as the regex reads them, each character lowered on its own and a
    Greek final sigma read as any other (a word is the same word wherever it stands)."""
    lowered = "".join(char.lower() for char in text).replace("ς", "σ")
    return [_WORD.findall(line) for line in lowered.split("\n")]


def assert_same_words(text: str) -> None:
    hashes, counts, chars = word_hashes(text)
    lines = regex_words(text)
    words = [word for line in lines for word in line]
    assert counts.tolist() == [len(line) for line in lines]
    assert len(hashes) == len(words)
    assert chars == sum(map(len, words))
    numbers = hashes.tolist()
    for i, word in enumerate(words):
        for j in range(i):
            assert (numbers[i] == numbers[j]) == (word == words[j]), (word, words[j])


def test_case_folded_words_and_line_counts() -> None:
    hashes, counts, chars = word_hashes("Rīga, RĪGA un rīga!\n\nPutins tikās ar Haftaru")
    assert counts.tolist() == [4, 0, 4]
    assert hashes[0] == hashes[1] == hashes[3] != hashes[2]
    assert chars == 4 + 4 + 2 + 4 + 6 + 5 + 2 + 7


def test_a_greek_word_matches_in_capitals_and_in_running_text() -> None:
    hashes, _, _ = word_hashes("ΟΔΟΣ οδος Οδός οδός")
    assert hashes[0] == hashes[1] and hashes[2] == hashes[3] and hashes[0] != hashes[2]


def test_characters_the_regex_treats_specially() -> None:
    # "İ" lowers to "i" and a combining dot, no word character: the regex splits there.
    assert_same_words("İstanbul ISTANBUL istanbul")
    assert_same_words("snake_case 3½ x² ٣٤ 𐐀𐐨 𝔘𝔫𝔦 e\u0301 '’ — tab\there")
    assert_same_words("lone \udcff surrogates\ud800 from surrogateescape")
    assert_same_words("")
    assert_same_words("\n\n")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_random_text_gives_the_regex_words(text: str) -> None:
    assert_same_words(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Dz", "DŽ", "ǅ", "ß", "ẞ", "Σ", "ς", "İ", "ı", "K", "Å"]), max_size=30
    )
)
def test_letters_with_odd_case_rules(letters: list[str]) -> None:
    assert_same_words(" ".join(letters) + "".join(letters))
