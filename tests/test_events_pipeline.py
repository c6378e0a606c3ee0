"""The example page through the whole pipeline (extraction, tokens, morphology, NER, entity
merge, dates, events): issue 4's entities and dates and issue 5's events, end to end."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from newsmill.api import extract
from newsmill.record import Article
from tests.conftest import EXAMPLES
from tests.test_events_example import expected, unmatched

# Places may come out as GPE (a country or a city): DESIGN.md accepts GPE for LOC.
_SAME_TYPE = {"GPE": "LOC"}


@pytest.fixture(scope="module")
def article() -> Article:
    return extract(EXAMPLES / "la-lv-haftars-putins.txt")


def _pairs(pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(name, _SAME_TYPE.get(kind, kind)) for name, kind in pairs}


def test_example_events_end_to_end(article: Article) -> None:
    missing, extra = unmatched(article.events, expected()["events"])
    assert not missing, f"missing {missing}; got {article.events}"
    assert not extra, f"not in the text: {extra}"


def test_example_is_latvian_and_its_dates_resolve_with_offsets(article: Article) -> None:
    assert article.language == "lv"
    text = article.text
    wanted = {(d["text"], d["value"]) for d in expected()["dates"]}
    assert {(d.text, d.value) for d in article.dates} == wanted
    for date in article.dates:
        assert text[date.start : date.end] == date.text


def test_example_entity_names_and_mention_offsets(article: Article) -> None:
    wanted_names = {e["name"] for e in expected()["entities"]}
    assert {e.name for e in article.entities} == wanted_names
    text = article.text
    for entity in article.entities:
        assert entity.mentions
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    haftars = next(e for e in article.entities if e.name == "Halifa Haftars")
    assert {"Haftars", "Haftaram", "Halifa Haftars"} <= {m.text for m in haftars.mentions}


def test_example_entity_types(article: Article) -> None:
    wanted = {(e["name"], e["type"]) for e in expected()["entities"]}
    assert _pairs((e.name, e.type) for e in article.entities) == _pairs(wanted)


def test_example_entity_types_apart_from_the_quoted_names(article: Article) -> None:
    quoted = {"Vagner", "Facebook"}
    wanted = {(e["name"], e["type"]) for e in expected()["entities"] if e["name"] not in quoted}
    got = ((e.name, e.type) for e in article.entities if e.name not in quoted)
    assert _pairs(got) == _pairs(wanted)
