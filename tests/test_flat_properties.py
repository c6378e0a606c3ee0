"""Invariants of the flattened-text extractor on random and hostile input."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.extract.flat import FlatTextExtractor
from newsmill.extract.lines import split_lines, without_invisible_marks
from newsmill.record import Source

EXTRACTOR = FlatTextExtractor()
SOURCE = Source(uri="<test>", kind="text")

words = st.sampled_from(
    [
        "Reklāma",
        "Foto:",
        "AFP",
        "Putins",
        "tikās",
        "ar",
        "un",
        "the",
        "Share",
        "25",
        "©",
        "2023.gada",
        "28.septembrī",
        ".",
        ",",
        "“",
        "”",
        "SAISTĪTIE",
        "RAKSTI",
        "Lasīt",
        "vairāk",
        "\u00a0",
        "\t",
        "ǅ",
        "Mas\u00adkavā",
        "\u00ad",
        "\ufeff",
    ]
)
line = st.one_of(
    st.lists(words, max_size=40).map(" ".join),
    st.text(max_size=80),
)
page = st.lists(line, max_size=60).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(page)
def test_every_line_is_accounted_for_and_offsets_hold(text: str) -> None:
    extraction = EXTRACTOR.extract_with_decisions(text, SOURCE)
    article = extraction.article
    lines = split_lines(text)
    assert len(extraction.decisions) == len(lines)
    for decision, ln in zip(extraction.decisions, lines, strict=True):
        assert decision.line == ln
        assert ln.text and ln.text == ln.text.strip()
        assert text[ln.start : ln.end].strip() != ""
    # The record holds each line as read, without the marks never drawn in a word (soft
    # hyphens); a line of nothing else holds no text.
    shown = [(d.disposition, without_invisible_marks(d.line.text)) for d in extraction.decisions]
    placed = Counter(t for kind, t in shown if kind == "paragraph" and t)
    assert placed == Counter(article.paragraphs)
    dropped = Counter(t for kind, t in shown if kind not in ("paragraph", "title") and t)
    assert dropped == Counter(b.text for b in article.boilerplate)
    titles = [d for d in extraction.decisions if d.disposition == "title"]
    assert len(titles) <= 1
    assert article.text == "\n\n".join(article.paragraphs)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_record(text: str) -> None:
    article = EXTRACTOR.extract(text, SOURCE)
    assert isinstance(article.paragraphs, tuple)
    assert article.comment_count is None or article.comment_count >= 0


def test_giant_input_is_classified_in_chunks_and_keeps_every_line(example_text: str) -> None:
    from newsmill.extract.line_classifier import CHUNK_LINES

    text = "\n\n".join([example_text] * (CHUNK_LINES // 20 + 5))
    lines = split_lines(text)
    assert len(lines) > CHUNK_LINES
    extraction = EXTRACTOR.extract_with_decisions(text, SOURCE)
    assert len(extraction.decisions) == len(lines)
    article = extraction.article
    assert len(article.paragraphs) + len(article.boilerplate) + 1 == len(lines)
    assert "Haftaram bija “sarunas" in article.text


def test_removing_invisible_marks_keeps_other_spacing() -> None:
    assert without_invisible_marks("10\u202f000 Wäh\u00adrend") == "10\u202f000 Während"
    assert without_invisible_marks("a \u00ad b\u2060c\ufeff") == "a bc"
    assert without_invisible_marks("\u00ad") == ""
