"""The Article record: JSON round trip and the shipped JSON Schema agree."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from newsmill import extract_text
from newsmill.record import (
    SCHEMA_VERSION,
    Article,
    Boilerplate,
    DateMention,
    Entity,
    Event,
    Image,
    Mention,
    Publisher,
    Source,
    Span,
)


def schema() -> dict[str, object]:
    text = (resources.files("newsmill") / "schema" / "article.schema.json").read_text(
        encoding="utf-8"
    )
    loaded: dict[str, object] = json.loads(text)
    return loaded


def full_article() -> Article:
    return Article(
        source=Source("a.txt", "text", "utf-8"),
        paragraphs=("Putins tikās ar Haftaru.", "Otrā rindkopa."),
        id="x1",
        url="https://la.lv/a",
        publisher=Publisher("LA.LV", "la.lv"),
        language="lv",
        title="Virsraksts",
        lead="Putins tikās ar Haftaru.",
        published="2023-09-28",
        date_source="caption",
        authors=("Jānis Bērziņš",),
        images=(Image("Paraksts", "AFP/SCANPIX"),),
        comment_count=25,
        boilerplate=(Boilerplate("Reklāma", "ad"),),
        entities=(Entity("Vladimirs Putins", "PER", (Mention("Putins", 0, 6),)),),
        dates=(DateMention("ceturtdien", "2023-09-28", 0, 10),),
        events=(
            Event("MEET", {"cameo": "040"}, ("Vladimirs Putins",), "Maskava", None, Span(0, 20)),
        ),
        warnings=("w",),
    )


def test_round_trip_keeps_every_field() -> None:
    article = full_article()
    again = Article.from_json(article.to_json())
    assert again == article
    data = article.to_dict()
    assert data["schema"] == SCHEMA_VERSION
    assert data["text"] == "Putins tikās ar Haftaru.\n\nOtrā rindkopa."
    jsonschema.validate(data, schema())


def test_extracted_record_matches_the_schema(example_text: str) -> None:
    jsonschema.validate(extract_text(example_text).to_dict(), schema())


def test_unknown_schema_version_is_refused() -> None:
    data = full_article().to_dict()
    data["schema"] = "newsmill.article/99"
    with pytest.raises(ValueError, match="unsupported record schema"):
        Article.from_dict(data)
