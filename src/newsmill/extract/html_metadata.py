"""Article metadata read from an HTML page: title, dates, authors, publisher, tags.

A page states its metadata several times over (JSON-LD, OpenGraph, other meta
tags, ``<time>`` elements, the visible byline, the URL) and each copy is wrong
on some sites: an SEO title, a template's date, the site name as author. Every
copy is read here and the one the visible page agrees with is preferred, once,
apart from the body extractor, which needs only ``headline_element`` to skip the h1.
JSON-LD is parsed in ``html_linked_data``, bylines are searched in ``html_authors``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.etree import _Element

from newsmill.extract.absolute_dates import SlashOrder
from newsmill.extract.html_authors import AuthorEvidence, element_text, page_authors, word_tokens
from newsmill.extract.html_dates import DateEvidence, dates_in_text, is_furniture, page_dates
from newsmill.extract.html_linked_data import LinkedData, clean_text
from newsmill.extract.page_furniture import (
    mostly_placeholders,
    split_glued_counter,
    title_site_split,
)
from newsmill.record import Publisher

_ZONE_AFTER, _ZONE_BEFORE = 600, 300  # characters read after and before the headline
_SCOPE_LEVELS = 6  # levels above the headline searched on pages without article or main


@dataclass(frozen=True)
class PageMetadata:
    """The page's metadata; dates are ISO 8601 (date-time with offset when the page gives
    one), ``date_source`` is "meta", "byline" or "url", ``language`` is ISO 639-1.
    ``headline_element`` (the visible headline, usually the h1), ``date_evidence`` (what
    the dates were chosen from: the date ranker's training reads it) and ``linked_bodies``
    (JSON-LD's copies of the text, for the extractor) are left out of ==/repr."""

    title: str | None = None
    site_name: str | None = None
    published: str | None = None
    modified: str | None = None
    date_source: str | None = None
    authors: tuple[str, ...] = ()
    publisher: Publisher | None = None
    canonical_url: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    description: str | None = None
    language: str | None = None
    comment_count: int | None = None
    headline_element: _Element | None = field(default=None, compare=False, repr=False)
    date_evidence: DateEvidence | None = field(default=None, compare=False, repr=False)
    linked_bodies: tuple[str, ...] = field(default=(), compare=False, repr=False)


def read_page_metadata(root: _Element, url: str | None = None) -> PageMetadata:
    """What the page says about its article; what it does not say is None or empty."""
    page = _Page(root)
    ld = LinkedData.of(page.scripts)
    meta = page.meta
    canonical = _canonical(page, url)
    site_name = _first(meta.get("og:site_name"), ld.publisher_name(), meta.get("application-name"))
    title, headline, title_site = _title(page, ld, site_name)
    zone = _Zone.around(headline) if headline is not None else _Zone()
    language = _language(root, meta, ld)
    evidence = _date_evidence(page, ld, zone, url or canonical, language)
    published, modified, date_source = page_dates(evidence)
    domain = _domain(canonical or url)
    site_name = site_name or title_site
    counter = None
    if headline is not None and title is not None:
        shown = _headline_text(headline)
        if shown != title and shown.startswith(title):
            counter = split_glued_counter(shown).comment_count
    return PageMetadata(
        title=title,
        site_name=site_name,
        published=published,
        modified=modified,
        date_source=date_source,
        authors=_authors(page, ld, zone, site_name, language, domain),
        publisher=Publisher(name=site_name or domain or "", domain=domain)
        if site_name or domain
        else None,
        canonical_url=canonical,
        section=_first(ld.text("articleSection"), meta.get("article:section"))
        or _first(meta.get("parsely-section"), meta.get("sailthru.section")),
        tags=_tags(meta, ld),
        description=_first(meta.get("og:description"), meta.get("description"))
        or ld.text("description"),
        language=language,
        comment_count=_comment_count(ld, zone, counter),
        headline_element=headline,
        date_evidence=evidence,
        linked_bodies=ld.bodies,
    )


# ---------------------------------------------------------------- page parts


def _first(*values: str | None) -> str | None:
    for value in values:
        cleaned = clean_text(value)
        if cleaned:
            return cleaned
    return None


class _Meta:
    """``<meta>`` contents by lowercased name, property, itemprop or http-equiv."""

    def __init__(self, elements: list[_Element]) -> None:
        self.values: dict[str, list[str]] = {}
        for el in elements:
            content = el.get("content")
            if not content:
                continue
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = el.get(attr)
                if key:
                    self.values.setdefault(key.strip().lower(), []).append(content)

    def get(self, key: str) -> str | None:
        return _first(*self.values.get(key, ()))

    def all(self, key: str) -> list[str]:
        return [v for v in map(clean_text, self.values.get(key, ())) if v]


class _Page:
    """The elements metadata lives in, gathered in one pass over the tree."""

    def __init__(self, root: _Element) -> None:
        self.root = root
        tags = ("meta", "h1", "h2", "time", "script", "link", "title", "article", "main")
        found: dict[str, list[_Element]] = {t: [] for t in tags}
        for el in root.iter(*tags):
            found[el.tag].append(el)
        self.meta = _Meta(found["meta"])
        self.h1, self.h2, self.times = found["h1"], found["h2"], found["time"]
        self.scripts = [s for s in found["script"] if "ld+json" in (s.get("type") or "").lower()]
        self.links, self.titles = found["link"], found["title"]
        self.regions = found["article"][:1] + found["main"][:1]
        body = root.find("body")
        self.body: _Element = body if body is not None else root

    def scope(self, headline: _Element | None) -> _Element | None:
        """The part of the page the article lives in, for searches past the headline.

        The headline's article or main element, else its container a few levels up,
        else the page's first article or main, else the body: a whole-page search
        costs 10-40 ms on the largest pages.
        """
        if headline is not None:
            for ancestor in headline.iterancestors("article", "main"):
                return ancestor
            container = headline
            for level, ancestor in enumerate(headline.iterancestors()):
                if ancestor.tag in ("body", "html") or level >= _SCOPE_LEVELS:
                    break
                container = ancestor
            return container
        if self.regions:
            return self.regions[0]
        return None


class _Zone:
    """Visible text just before and after the headline, and the elements after it."""

    def __init__(
        self,
        headline: _Element | None = None,
        before: str = "",
        pieces: list[str] | None = None,
        elements: list[_Element] | None = None,
    ) -> None:
        self.headline, self.before = headline, before
        self.pieces, self.elements = pieces or [], elements or []
        self.after = " ".join(self.pieces)[:_ZONE_AFTER]

    @classmethod
    def around(cls, headline: _Element) -> _Zone:
        after: list[str] = []
        elements: list[_Element] = []
        size = _add(after, headline.tail)
        node: _Element | None = headline
        while node is not None and size < _ZONE_AFTER:
            for sibling in node.itersiblings():
                size += _walk_text(sibling, after, elements, _ZONE_AFTER - size)
                if size >= _ZONE_AFTER:
                    break
            node = node.getparent()
            if node is not None and size < _ZONE_AFTER:
                size += _add(after, node.tail)
        before: list[str] = []
        node, size = headline, 0
        while node is not None and size < _ZONE_BEFORE:
            for sibling in node.itersiblings(preceding=True):
                texts = [sibling.tail] if sibling.tail else []
                if isinstance(sibling.tag, str) and sibling.tag not in _NO_TEXT:
                    if sibling.tag in ("aside", "nav") or is_furniture(sibling):
                        break  # a teaser list or menu: its dates are other pages'
                    texts[:0] = cast("list[str]", _SHOWN_TEXT(sibling))
                for text in reversed(texts):
                    size += _add(before, text)
                    if size >= _ZONE_BEFORE:
                        break
                if size >= _ZONE_BEFORE:
                    break
            if node.tag == "article":
                break
            node = node.getparent()
            if node is not None and size < _ZONE_BEFORE:
                size += _add(before, node.text)
        before.reverse()
        return cls(headline, " ".join(before)[-_ZONE_BEFORE:], after, elements)


_NO_TEXT = frozenset(("script", "style", "noscript", "template", "svg", "select", "button"))
_SHOWN_TEXT = etree.XPath(  # the last 40 visible text nodes of an element
    "(descendant-or-self::text()[normalize-space()][not(parent::script or parent::style"
    " or parent::noscript or parent::template or parent::button or parent::option)])"
    "[position() > last() - 40]",
    smart_strings=False,
)


def _add(pieces: list[str], text: str | None) -> int:
    """Append whitespace-collapsed ``text``; return the characters added."""
    if not text or text.isspace():
        return 0
    pieces.append(" ".join(text.split()))
    return len(pieces[-1]) + 1


def _walk_text(top: _Element, pieces: list[str], elements: list[_Element], limit: int) -> int:
    """Append the visible text of ``top`` and its tail (up to ``limit`` characters)."""
    if not isinstance(top.tag, str):  # a comment or processing instruction: only its tail
        return _add(pieces, top.tail)
    size = 0
    walker = etree.iterwalk(top, events=("start", "end", "comment"))
    for event, el in walker:
        if event == "start":
            if el.tag in _NO_TEXT:
                walker.skip_subtree()
                continue
            elements.append(el)
            size += _add(pieces, el.text)
        else:
            size += _add(pieces, el.tail)
        if size >= limit:
            break
    return size


# ---------------------------------------------------------------- URL, publisher, language


def _canonical(page: _Page, url: str | None) -> str | None:
    links: list[str] = [
        str(link.get("href"))
        for link in page.links
        if (link.get("rel") or "").lower() == "canonical" and link.get("href")
    ]
    for candidate in [*links, page.meta.get("og:url"), url]:
        if not candidate:
            continue
        try:
            absolute = urljoin(url, candidate.strip()) if url else candidate.strip()
        except ValueError:  # "http://[::1": not a URL
            continue
        if absolute.startswith(("http://", "https://")) and " " not in absolute:
            return absolute
    return None


def _domain(url: str | None) -> str | None:
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


_LANG = re.compile(r"^([a-zA-Z]{2})(?:[-_][a-zA-Z0-9]+)*$")


def _language(root: _Element, meta: _Meta, ld: LinkedData) -> str | None:
    for value in (
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        meta.get("og:locale"),
        meta.get("content-language"),
        meta.get("language"),
        ld.text("inLanguage"),
    ):
        m = _LANG.match((value or "").strip())
        if m:
            return m.group(1).lower()
    return None


# ---------------------------------------------------------------- title


def _agreement(words: set[str], other: str) -> float:
    other_words = word_tokens(other)
    if not words or not other_words:
        return 0.0
    common = len(words & other_words)
    return min(common / len(words), common / len(other_words))


def _strip_site(title: str, site: str | None) -> tuple[str, str | None]:
    if site and len(title) > len(site) + 3 and title.casefold().endswith(site.casefold()):
        head = title[: -len(site)].rstrip(" |-–—:•·»")
        if head and head != title[: -len(site)]:
            return head, site
    split = title_site_split(title)
    return split if split is not None else (title, None)


def _title(
    page: _Page, ld: LinkedData, site: str | None
) -> tuple[str | None, _Element | None, str | None]:
    """``(title, headline element, site name from <title>)``.

    The visible h1 is the headline when a meta title agrees with it, or when it reads
    like a headline (six words or more) and none does: meta titles are often SEO copy.
    """
    references: list[str] = []
    for ref in (page.meta.get("og:title"), ld.text("headline"), page.meta.get("twitter:title")):
        stripped = _strip_site(ref, site)[0] if ref else ""
        if stripped and not mostly_placeholders(stripped):
            references.append(stripped)
    title_site: str | None = None
    page_title = _first(*(t.text for t in page.titles[:1]))
    if page_title:
        head, title_site = _strip_site(page_title, site)
        if not mostly_placeholders(head):
            references.append(head)
    best: tuple[float, str, _Element] | None = None
    long_h1: tuple[str, _Element] | None = None
    for el in page.h1[:8] or page.h2[:8]:
        text = _headline_text(el).split(" | ")[0]
        glued = split_glued_counter(text)
        if glued.comment_count is not None and not any(
            ref.endswith(str(glued.comment_count)) for ref in references
        ):
            text = glued.title  # "... Maskavā 25": a comment counter, not in the meta titles
        if not text or len(text) > 300 or mostly_placeholders(text):
            continue  # a placeholder ("{{page.title}}") is no headline
        words = word_tokens(text)
        score = max((_agreement(words, ref) for ref in references), default=0.0)
        if best is None or score > best[0]:
            best = (score, text, el)
        if page.h1 and el is page.h1[0] and 6 <= len(text.split()) <= 20 and text[-1] not in ":.":
            long_h1 = (text, el)
    if best is not None and (best[0] >= 0.5 or (not references and page.h1)):
        return _trim_headline(best[1], references), best[2], title_site
    if long_h1 is not None:
        return long_h1[0], long_h1[1], title_site
    return (references[0] if references else None), None, title_site


_BLOCK_TAGS = frozenset("br p div li h1 h2 h3 h4 h5 h6 small time address section header".split())
_HEADLINE_EXTRA = re.compile(
    r"^\W*(?:posted|by|updated|published|\d+\s+(?:replies|comments))\b", re.I
)


def _headline_text(el: _Element) -> str:
    """An element's text as read: inline parts joined as they are, blocks apart."""
    pieces: list[str] = []
    walker = etree.iterwalk(el, events=("start", "end", "comment"))
    for event, node in walker:
        if node is el and event == "end":
            break
        if event == "start" and node.tag in _NO_TEXT:
            walker.skip_subtree()
            continue
        text = node.text if event == "start" else node.tail
        if node.tag in _BLOCK_TAGS:
            pieces.append(" ")
        elif text and pieces and pieces[-1][-1:].islower() and text[0].isupper():
            pieces.append(" ")  # "Alternatives<span>Top ...": parts styled as blocks
        if text:
            pieces.append(text)
    return clean_text("".join(pieces)) or ""


def _trim_headline(text: str, references: list[str]) -> str:
    """The headline without a byline or date the h1 also holds ("... Posted on May 1 by X")."""
    folded = text.casefold()
    for ref in references:
        at = folded.find(ref.casefold())
        if at < 0 or len(ref) >= len(text) or len(ref.split()) < 2:
            continue
        rest = f"{text[:at]} {text[at + len(ref) :]}".strip()
        if dates_in_text(rest) or _HEADLINE_EXTRA.match(rest) or _COUNTER_REST.match(rest):
            return text[at : at + len(ref)]
    return text


_COUNTER_REST = re.compile(r"^\(?[\w.-]+\.[a-z]{2,}\)?\s+\d+$|^\d+$")


# ---------------------------------------------------------------- dates


def _date_evidence(
    page: _Page, ld: LinkedData, zone: _Zone, url: str | None, language: str | None
) -> DateEvidence:
    return DateEvidence(
        meta=page.meta.values,
        linked=(ld.text("datePublished"), ld.text("dateModified"), ld.text("dateCreated")),
        times=page.times,
        before=zone.before,
        after=zone.after,
        scope=page.scope(zone.headline),
        body=page.body,
        url=url,
        slash_order=SlashOrder(day_first=language is not None and language != "en"),
    )


# ---------------------------------------------------------------- authors


def _authors(
    page: _Page,
    ld: LinkedData,
    zone: _Zone,
    site: str | None,
    language: str | None,
    domain: str | None,
) -> tuple[str, ...]:
    """The evidence ``html_authors`` reads, gathered from this page's parts."""
    return page_authors(
        AuthorEvidence(
            linked=ld.authors(),
            meta=page.meta.values,
            elements=zone.elements,
            pieces=zone.pieces,
            scope=page.scope(zone.headline),
            site=site,
            body=page.body,
            language=language,
            domain=domain,
        )
    )


# ---------------------------------------------------------------- tags, comments


def _tags(meta: _Meta, ld: LinkedData) -> tuple[str, ...]:
    raw: list[str] = []
    keywords = ld.get("keywords")
    if isinstance(keywords, str):
        raw.extend(keywords.split(","))
    elif isinstance(keywords, list):
        raw.extend(k for k in keywords if isinstance(k, str))
    raw.extend(meta.all("article:tag"))
    for key in ("news_keywords", "keywords", "parsely-tags", "sailthru.tags"):
        for value in meta.all(key):
            raw.extend(value.split(","))
    unique: dict[str, str] = {}
    for tag in raw:
        cleaned = clean_text(tag)
        if cleaned and len(cleaned) <= 60:
            unique.setdefault(cleaned.casefold(), cleaned)
    return tuple(unique.values())[:30]


_COUNT = re.compile(r"^\(?(\d{1,6})\)?(?:\s+(?:comments?|komentār\w*))?$", re.I)


def _count(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value.strip())
    return None


def _comment_count(ld: LinkedData, zone: _Zone, glued: int | None) -> int | None:
    """JSON-LD's count, else a counter by the headline (glued to it, or a comment link)."""
    count = _count(ld.get("commentCount"))
    if count is not None:
        return count
    stats = ld.get("interactionStatistic")
    for stat in stats if isinstance(stats, list) else [stats]:
        if isinstance(stat, dict) and "Comment" in str(stat.get("interactionType")):
            count = _count(stat.get("userInteractionCount"))
            if count is not None:
                return count
    if glued is not None:
        return glued
    for el in zone.elements:
        cues = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('href') or ''}"
        if "comment" in cues.lower():
            m = _COUNT.match(element_text(el))
            if m:
                return int(m.group(1))
    return None
