"""The analysis step on hostile, mixed and very short text: no crash, offsets that point at
the right text, and no Latvian analysis of text in another language."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.lang.analyze import ArticleAnalyzer
from newsmill.record import Article, Source

WORDS = [
    "Haftars", "tikās", "ar", "Putinu", "Maskavā", "ceturtdien", "2023.gada", "28.septembrī",
    "paziņoja", "viņš", "“Vagner”", "the", "president", "met", "in", "Moscow", "on", "Thursday",
    "plkst.", "14.00", ",", ".", "!", "„", "”", "—", "\n", "\n\n", "Ж", "😀", "\x00", "  ",
    "ANO", "J.", "Kalniņš", "pirms", "divām", "nedēļām", "no", "1.", "līdz", "3.oktobrim",
]  # fmt: skip


@cache
def analyzer() -> ArticleAnalyzer:
    return ArticleAnalyzer()


def article(text: str, published: str | None = "2023-09-28") -> Article:
    paragraphs = tuple(p for p in text.split("\n\n") if p.strip())
    return Article(Source(uri="<test>", kind="text"), paragraphs, published=published)


def check_offsets(analysed: Article) -> None:
    text = analysed.text
    for entity in analysed.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    for date in analysed.dates:
        assert text[date.start : date.end] == date.text
    for event in analysed.events:
        assert 0 <= event.evidence.start < event.evidence.end <= len(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=80), st.sampled_from([None, "2023-09-28"]))
def test_mixed_and_hostile_text_never_crashes(words: list[str], published: str | None) -> None:
    analysed = analyzer().analyse(article(" ".join(words), published)).article
    check_offsets(analysed)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_crashes(text: str) -> None:
    analysed = analyzer().analyse(article(text)).article
    check_offsets(analysed)


def test_other_languages_get_no_latvian_entities() -> None:
    english = (
        "Libyan commander Khalifa Haftar met Russian President Vladimir Putin in Moscow on "
        "Thursday, Haftar's forces and the Kremlin said. He also held talks with Sergei Shoigu."
    )
    analysed = analyzer().analyse(article(english)).article
    assert analysed.language == "en"
    assert (analysed.entities, analysed.dates, analysed.events) == ((), (), ())


def test_very_short_latvian_text() -> None:
    for text in ("Haftars.", "Rīga", "Vakar."):
        analysed = analyzer().analyse(article(text)).article
        assert analysed.language == "und"
        check_offsets(analysed)


def test_latvian_paragraph_is_analysed_with_offsets() -> None:
    text = (
        "Lībijas komandieris Halifa Haftars ceturtdien Maskavā tikās ar Krievijas prezidentu "
        "Vladimiru Putinu, paziņoja Kremlis.\n\nVakar Haftaram bija sarunas ar Šoigu."
    )
    analysed = analyzer().analyse(article(text)).article
    assert analysed.language == "lv"
    names = {e.name for e in analysed.entities}
    assert {"Halifa Haftars", "Vladimirs Putins", "Maskava"} <= names
    assert ("ceturtdien", "2023-09-28") in {(d.text, d.value) for d in analysed.dates}
    assert ("Vakar", "2023-09-27") in {(d.text, d.value) for d in analysed.dates}
    assert any(e.type == "MEET" for e in analysed.events)
    check_offsets(analysed)


def test_merged_mentions_quote_the_text_across_a_line_break() -> None:
    from newsmill.lang.lv.entity_merge import merge_mentions
    from newsmill.lang.tokens import EntitySpan

    text = "Halifa\nHaftars tikās ar Haftaru"
    spans = [
        EntitySpan(0, 2, "person", 0, 14, "Halifa Haftars", "Halifa Haftars"),
        EntitySpan(4, 5, "person", 24, 31, "Haftaru", "Haftars"),
    ]
    quoted = merge_mentions(spans, text)
    assert [(e.name, [m.text for m in e.mentions]) for e in quoted] == [
        ("Halifa Haftars", ["Halifa\nHaftars", "Haftaru"])
    ]
    # without the text, mentions are the spans' own (space-joined) text
    assert [m.text for m in merge_mentions(spans)[0].mentions] == ["Halifa Haftars", "Haftaru"]
