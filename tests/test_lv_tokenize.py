"""Latvian tokens and sentences follow the treebank's conventions and never lose text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.lang.lv.tokenize import split_sentences, tokenize


def words(text: str) -> list[str]:
    return [token.text for token in tokenize(text)]


def test_ordinals_keep_their_dot_and_split_from_glued_words() -> None:
    assert words("2023.gada 28.septembrī") == ["2023.", "gada", "28.", "septembrī"]
    assert words("2023. gada 28. septembrī") == ["2023.", "gada", "28.", "septembrī"]


def test_times_dates_decimals_and_thousands_are_one_token() -> None:
    assert words("plkst. 14.00") == ["plkst.", "14.00"]
    assert words("28.09.2023. notika") == ["28.09.2023.", "notika"]
    assert words("9,3 milj. eiro") == ["9,3", "milj.", "eiro"]
    assert words("15 000 cilvēku") == ["15 000", "cilvēku"]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Ieradās J. Kalniņš, Dž. Smits u.c. ministri plkst. 9.00. Tad sākās sēde."
    sentences = split_sentences(text)
    assert [s.tokens[0].text for s in sentences] == ["Ieradās", "Tad"]
    assert "J." in [t.text for t in sentences[0].tokens]
    assert "Dž." in [t.text for t in sentences[0].tokens]


def test_sentence_ends_inside_closing_quote_and_at_line_breaks() -> None:
    text = 'Viņš sacīja: "Mēs apspriedām situāciju." Tad aizbrauca\nJauns virsraksts'
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        'Viņš sacīja: "Mēs apspriedām situāciju."',
        "Tad aizbrauca",
        "Jauns virsraksts",
    ]


def test_dialogue_dash_after_question_keeps_the_sentence() -> None:
    sentences = split_sentences("- Vai varu apsēsties? - es jautāju. Meitene pamāja.")
    assert len(sentences) == 2


def test_word_before_full_stop_is_not_an_abbreviation() -> None:
    assert words("Tā teica ANO. Viņi") == ["Tā", "teica", "ANO", ".", "Viņi"]
    assert words("Ko tu saki...") == ["Ko", "tu", "saki", "..."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('aāčZŠ 0123456789.,:-\n"„”?!…’/@')), max_size=200))
def test_tokens_point_at_their_text_and_cover_every_visible_character(text: str) -> None:
    tokens = tokenize(text)
    covered = 0
    previous_end = 0
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.start >= previous_end
        previous_end = token.end
        covered += sum(1 for char in token.text if not char.isspace())
    assert covered == sum(1 for char in text if not char.isspace())
    sentences = split_sentences(text)
    assert [t for s in sentences for t in s.tokens] == tokens


def test_token_feature_reads_whole_feature_names_only() -> None:
    from newsmill.lang.tokens import Token

    token = Token("trīs", 0, 4, feats="Case=Nom|Gender=Masc|NumType=Card|Number=Plur")
    assert token.feature("Number") == "Plur"
    assert token.feature("NumType") == "Card"
    assert token.feature("Type") is None
    assert token.feature("Case") == "Nom"
    assert Token("x", 0, 1).feature("Case") is None


def test_token_feature_takes_the_first_of_repeated_names_and_values_with_equals() -> None:
    from newsmill.lang.tokens import Token

    assert Token("x", 0, 1, feats="Case=Gen|Case=Nom").feature("Case") == "Gen"
    assert Token("x", 0, 1, feats="Foreign=Yes|Odd|A=b=c").feature("A") == "b=c"
    assert Token("x", 0, 1, feats="Foreign=Yes|Odd").feature("Odd") is None


def test_token_records_stay_frozen_hashable_and_replaceable() -> None:
    import dataclasses

    import pytest

    from newsmill.lang.tokens import Token

    token = Token("Rīgā", 3, 7, "Rīga", "PROPN", "Case=Loc")
    assert token == Token(text="Rīgā", start=3, end=7, lemma="Rīga", upos="PROPN", feats="Case=Loc")
    assert hash(token) == hash(Token("Rīgā", 3, 7, "Rīga", "PROPN", "Case=Loc"))
    assert dataclasses.replace(token, lemma="x").lemma == "x"
    assert Token("a", 0, 1).feats == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        token.text = "Rīga"  # type: ignore[misc]


# The tokenizer's first alternatives (`plain` words, common `mark`s) are shortcuts: taking
# them out of the pattern must give the same tokens.
_ALPHABET = list("aāčZŠ gwhtps 0123456789.,:;-\n\"„”“()?!…’'/@+_")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=120))
def test_shortcut_alternatives_never_change_the_tokens(text: str) -> None:
    import re

    from newsmill.lang.lv import tokenize as module

    pattern = module._TOKEN.pattern
    full = re.compile(r"\s*(" + pattern[pattern.index("(?P<url>") :], re.VERBOSE)
    expected = [(m.group(1), m.start(1), m.end(1)) for m in full.finditer(text)]
    found = [(m.group(1), m.start(1), m.end(1)) for m in module._TOKEN.finditer(text)]
    assert found == expected
    # the leading blanks change nothing: searching for the bare token finds the same
    bare = re.compile(pattern[pattern.index("(?P<plain>") :].rstrip()[:-1], re.VERBOSE)
    assert found == [(m.group(), m.start(), m.end()) for m in bare.finditer(text)]
    # and the leading blanks a match steps over are blanks only
    assert all(not text[m.start() : m.start(1)].strip() for m in module._TOKEN.finditer(text))


def _reference_sentences(text: str) -> list[list[tuple[str, int, int]]]:
    """Sentences cut token by token, the plain way: a line break between two tokens or a
    token that ends a sentence closes the current one."""
    from newsmill.lang.lv.tokenize import _ends_sentence, token_spans

    spans = token_spans(text)
    texts = [t for t, _, _ in spans]
    out: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    for index, span in enumerate(spans):
        if current and "\n" in text[current[-1][2] : span[1]]:
            out.append(current)
            current = []
        current.append(span)
        if _ends_sentence(texts, index):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_ALPHABET, "U", " u.c. ", "2023.", "J. ", ". A"]), max_size=40))
def test_sentences_are_cut_where_a_token_by_token_scan_cuts(pieces: list[str]) -> None:
    from newsmill.lang.lv.tokenize import sentence_spans, token_spans

    text = "".join(pieces)
    assert sentence_spans(text) == _reference_sentences(text)
    sentences = split_sentences(text)
    assert [[(t.text, t.start, t.end) for t in s.tokens] for s in sentences] == sentence_spans(text)
    assert [(t.text, t.start, t.end) for t in tokenize(text)] == token_spans(text)
