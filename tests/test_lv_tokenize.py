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
