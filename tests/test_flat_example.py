"""The la.lv example page must give exactly the expected record (issue 2)."""

from __future__ import annotations

from typing import Any

from newsmill import extract, extract_text
from newsmill.extract.flat import FlatTextExtractor
from newsmill.record import Article, Source

from .conftest import EXAMPLE_PAGE


def test_example_metadata(example_text: str, example_expected: dict[str, Any]) -> None:
    article = extract_text(example_text)
    assert article.title == example_expected["title"]
    assert article.comment_count == example_expected["comment_count"]
    assert article.publisher is not None
    assert article.publisher.name == example_expected["publisher"]["name"]
    assert article.publisher.domain == example_expected["publisher"]["domain"]
    assert article.published == example_expected["published"]
    assert article.date_source == "caption"
    assert [(i.caption, i.credit) for i in article.images] == [
        (i["caption"], i["credit"]) for i in example_expected["images"]
    ]


def test_example_paragraphs(example_text: str, example_expected: dict[str, Any]) -> None:
    article = extract_text(example_text)
    assert list(article.paragraphs) == example_expected["paragraphs"]
    assert article.lead == example_expected["paragraphs"][0]
    for line in example_expected["boilerplate_lines"]:
        assert line not in article.text


def test_example_every_line_accounted_for(example_text: str) -> None:
    extraction = FlatTextExtractor().extract_with_decisions(example_text, Source("x", "text"))
    article = extraction.article
    kept = {d.line.text for d in extraction.decisions if d.disposition == "paragraph"}
    dropped = [b.text for b in article.boilerplate]
    for line in (ln.strip() for ln in example_text.splitlines() if ln.strip()):
        assert line in kept or line in dropped or line.startswith(article.title or "\0")
    kinds = {b.text: b.kind for b in article.boilerplate}
    assert kinds["Foto: AFP/SCANPIX"] == "credit"
    assert kinds["Reklāma"] == "ad"
    assert kinds["SAISTĪTIE RAKSTI"] == "widget"


def test_extract_reads_a_path_and_round_trips_json() -> None:
    article = extract(EXAMPLE_PAGE)
    assert article.source.uri.endswith("la-lv-haftars-putins.txt")
    assert article.source.kind == "text"
    again = Article.from_json(article.to_json())
    assert again == article
    assert article.to_dict()["text"] == "\n\n".join(article.paragraphs)


def test_soft_hyphens_leave_the_flattened_pages_record(example_text: str) -> None:
    # A portal that hyphenates long words for the browser ("Maskavā" as "Mas&shy;kavā").
    hyphenated = (
        example_text.replace("Maskavā", "Mas\u00adkavā")
        .replace("Putinu", "Pu\u00adtinu")
        .replace("SCANPIX", "SCAN\u00adPIX")
    )
    article = extract_text(hyphenated, analyse=False)
    assert article.paragraphs == extract_text(example_text, analyse=False).paragraphs
    texts = [*article.paragraphs, *(b.text for b in article.boilerplate), article.title or ""]
    texts += [part or "" for image in article.images for part in (image.caption, image.credit)]
    assert not any("\u00ad" in text for text in texts)
    assert article.images == extract_text(example_text, analyse=False).images


def test_soft_hyphens_leave_a_title_line_and_its_site() -> None:
    page = "Ge\u00adschich\u00adte der Wehr\u00adan\u00adlage | Wehr\u00adblatt\nMenü\nSuche\n"
    article = extract_text(page, analyse=False)
    assert article.title == "Geschichte der Wehranlage"
    assert article.publisher is not None and article.publisher.name == "Wehrblatt"
