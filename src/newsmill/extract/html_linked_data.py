"""The page's JSON-LD, parsed and reduced to the one node that describes the article.

JSON-LD is a second document inside the page with failures of its own (comment or
CDATA wrapping, trailing commas, ``@graph`` nesting, ``@id`` references, article and
page nodes that each hold half the facts), so it is parsed and resolved here, apart
from the HTML, and :class:`LinkedData` answers by key. :func:`clean_text`, the
cleaning every metadata value gets, lives here too because this module sits below
``html_authors`` and ``html_metadata``, which both use it.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from lxml.etree import _Element

from newsmill.extract.lines import without_invisible_marks

_ARTICLE_TYPES = frozenset(
    """NewsArticle Article BlogPosting ReportageNewsArticle AnalysisNewsArticle
    OpinionNewsArticle ReviewNewsArticle BackgroundNewsArticle TechArticle ScholarlyArticle
    LiveBlogPosting SocialMediaPosting Report Review MedicalScholarlyArticle SatiricalArticle
    AdvertiserContentArticle Recipe HowTo""".split()
)
_PAGE_TYPES = frozenset("WebPage ItemPage MedicalWebPage AboutPage QAPage FAQPage".split())

_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def clean_text(text: str | None) -> str | None:
    """Whitespace collapsed, NFC, stray (double-escaped) entities decoded, invisible marks
    (soft hyphens) left out as in the blocks' text."""
    if text is None:
        return None
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    text = without_invisible_marks(" ".join(unicodedata.normalize("NFC", text).split()))
    return text or None


_JSON_WRAPPING = re.compile(r"^(?://\s*)?<!(?:\[CDATA\[|--)|(?://\s*)?(?:\]\]|--)>$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def parse_json(text: str) -> Any:
    """A JSON-LD script's value (comment or CDATA wrapping and trailing commas forgiven)."""
    text = text.strip()
    if text[:1] not in ("{", "["):  # wrapped in <!-- --> or CDATA, or not JSON at all
        text = _JSON_WRAPPING.sub("", text[:20]) + text[20:]
    if text[-1:] not in ("}", "]"):
        text = text[:-20] + _JSON_WRAPPING.sub("", text[-20:])
    text = text.strip()
    if not text:
        return None
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _nodes(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "item"):
            if key in value:
                yield from _nodes(value[key], depth + 1)


def _string(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return clean_text(value) if isinstance(value, str) else None


class LinkedData:
    """The article node (else the page node) of the JSON-LD, with ``@id`` references."""

    def __init__(
        self,
        article: dict[str, Any],
        page: dict[str, Any],
        ids: dict[str, Any],
        bodies: tuple[str, ...] = (),
    ):
        self.article, self.page, self.ids = article, page, ids
        self.bodies = bodies  # every articleBody, in page order: a copy of the page's text

    @classmethod
    def of(cls, scripts: list[_Element]) -> LinkedData:
        article: dict[str, Any] = {}
        page: dict[str, Any] = {}
        ids: dict[str, Any] = {}
        bodies: list[str] = []
        for script in scripts:
            text = script.text or ""
            value = parse_json(text)
            if "articleBody" in text:
                bodies.extend(article_bodies(value))
            for node in _nodes(value):
                node_id = node.get("@id")
                if isinstance(node_id, str) and len(node) > 2:
                    ids.setdefault(node_id, node)
                types = _types(node)
                if not article and types & _ARTICLE_TYPES:
                    article = node
                elif not page and types & _PAGE_TYPES:
                    page = node
        return cls(article, page, ids, tuple(bodies))

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            return self.ids.get(str(value.get("@id")), value)
        return value

    def get(self, key: str) -> Any:
        value = self.article.get(key)
        if value in (None, "", []):
            value = self.page.get(key)
        return self.resolve(value)

    def text(self, key: str) -> str | None:
        return _string(self.get(key))

    def publisher_name(self) -> str | None:
        return _string(self.resolve(self.get("publisher")))

    def authors(self) -> tuple[list[str], list[str]]:
        """Names of the persons and of the organisations credited as authors."""
        value = self.get("author") or self.get("creator")
        persons: list[str] = []
        organisations: list[str] = []
        for item in (value if isinstance(value, list) else [value])[:20]:
            item = self.resolve(item)
            if isinstance(item, str):
                persons.append(item)
            elif isinstance(item, dict):
                name = _string(item.get("name"))
                if name is None and isinstance(item.get("givenName"), str):
                    name = f"{item['givenName']} {item.get('familyName') or ''}"
                if name:
                    kinds = _types(item)
                    named = organisations if "Organization" in kinds else persons
                    named.append(name)
        return persons, organisations


def article_bodies(value: object, depth: int = 0) -> list[str]:
    """Every ``articleBody`` string in a JSON-LD value, however nested."""
    if depth > 6:
        return []
    if isinstance(value, list):
        return [b for item in value for b in article_bodies(item, depth + 1)]
    if isinstance(value, dict):
        found = [value["articleBody"]] if isinstance(value.get("articleBody"), str) else []
        for key, item in value.items():
            if key != "articleBody" and isinstance(item, dict | list):
                found.extend(article_bodies(item, depth + 1))
        return found
    return []


# A JSON-LD article type, found by a string search: no parse needed for a yes or no.
_ARTICLE_TYPE = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:\w*Article|BlogPosting|Report|LiveBlogPosting)"',
    re.IGNORECASE,
)


def declares_article(root: _Element) -> bool:
    """The page says it is one article (og:type or JSON-LD): its comments are then not
    its text, and a byline outside its article element is still its author's."""
    for meta in root.iter("meta"):
        kind = (meta.get("property") or meta.get("name") or "").lower()
        if kind == "og:type" and "article" in (meta.get("content") or "").lower():
            return True
    for script in root.iter("script"):
        ld = "ld+json" in (script.get("type") or "").lower()
        if ld and script.text and _ARTICLE_TYPE.search(script.text):
            return True
    return False
