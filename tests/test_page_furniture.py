"""The furniture readers both extractors share: bylines and photo credits, also as a
portal hyphenates them for the browser."""

from __future__ import annotations

import pytest

from newsmill.extract.page_furniture import byline_authors, credit_of


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Autors: Jānis Bērziņš", ["Jānis Bērziņš"]),
        ("Autors: Jā\u00adnis Bēr\u00adziņš", ["Jānis Bērziņš"]),  # soft hyphens
        ("Teksts: Anna Ozola un Jānis Bērziņš", ["Anna Ozola", "Jānis Bērziņš"]),
        ("Lībijas kaujinieku komandieris tikās ar Putinu", []),
    ],
)
def test_byline_authors(line: str, authors: list[str]) -> None:
    assert byline_authors(line) == authors


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Foto: AFP/SCANPIX", "AFP/SCANPIX"),
        ("Foto: AFP/SCAN\u00adPIX", "AFP/SCANPIX"),
        ("Putins tikās ar Haftaru Maskavā", None),
    ],
)
def test_credit_of(line: str, credit: str | None) -> None:
    assert credit_of(line) == credit
