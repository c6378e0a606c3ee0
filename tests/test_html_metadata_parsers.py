"""The metadata reader on both lxml trees, and its fast paths against their definitions.

The extractor may parse pages with lxml's plain ``etree.HTMLParser`` (no lxml.html
element methods) instead of ``lxml.html``; the metadata must not change. The walks and
regexes made faster must give what the slower forms they replaced gave.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.extract.absolute_dates import MONTH_FIRST
from newsmill.extract.html_dates import (
    _YMD_SLASHED,
    _classed_date,
    _in_main,
    _says_updated,
    _short_text,
    _text_content,
    dates_in_text,
    normalise_date,
)
from newsmill.extract.html_metadata import PageMetadata, read_page_metadata

DATA = Path(__file__).parent / "data"
PAGES = sorted((DATA / "html").glob("*.html")) + sorted((DATA / "gate" / "html").iterdir())


def _read(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="replace")


def _summary(meta: PageMetadata, root: lxml.etree._Element) -> tuple[object, ...]:
    """Everything the record and the date ranker read, elements by document position."""
    where = {el: i for i, el in enumerate(root.iter())}
    evidence = meta.date_evidence
    assert evidence is not None
    return (
        meta,
        None if meta.headline_element is None else where[meta.headline_element],
        {key: list(values) for key, values in evidence.meta.items()},
        evidence.linked,
        [where[t] for t in evidence.times],
        evidence.before,
        evidence.after,
        None if evidence.scope is None else where[evidence.scope],
        where[evidence.body],
        evidence.url,
    )


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_plain_etree_trees_give_the_same_metadata(path: Path) -> None:
    html = _read(path)
    url = "https://example.com/2024/03/05/story"
    html_root = lxml.html.document_fromstring(html)
    plain_root = lxml.etree.fromstring(html, lxml.etree.HTMLParser())
    assert not hasattr(plain_root, "text_content")
    ours = _summary(read_page_metadata(html_root, url), html_root)
    plain = _summary(read_page_metadata(plain_root, url), plain_root)
    assert plain == ours


def test_text_content_matches_lxml_html_on_every_element() -> None:
    html = (
        "<html><body><div class='a'>One <b>two</b><!-- hidden -->tail "
        "<script>code()</script>after<p>para<i>it</i>end</p>out</div>rest</body></html>"
    )
    root = lxml.html.document_fromstring(html)
    plain = lxml.etree.fromstring(html, lxml.etree.HTMLParser())
    for el, other in zip(root.iter(), plain.iter(), strict=True):
        if isinstance(el.tag, str):
            assert _text_content(el) == el.text_content() == _text_content(other)


_DATED_XPATH = lxml.etree.XPath(  # the search _classed_date replaced, as its definition
    ".//@class[contains(.,'ate') or contains(.,'ublic') or contains(.,'posted')"
    " or contains(.,'yline')]/.."
)


def _classed_by_xpath(scope: lxml.html.HtmlElement) -> str | None:
    for el in _DATED_XPATH(scope)[:60]:
        if el.tag in ("script", "style", "meta", "body", "html"):
            continue
        text = _short_text(el, 200)
        if not text or not re.search(r"\d", text) or not _in_main(el):
            continue
        machine = normalise_date(text) if text[:4].isdigit() else None
        if machine is not None:
            return machine
        for start, _end, day in dates_in_text(text):
            if not _says_updated(text, start):
                return day
    return None


_CLASSES = ("date", "post-date", "template", "byline", "publication", "", "x", "updated", "teaser")
_TEXTS = ("", "Share", "May 4, 2023", "2023-05-04", "Updated: June 1, 2024", "12", "by Jo")


@st.composite
def _page(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 80))):
        cls = draw(st.sampled_from(_CLASSES))
        text = draw(st.sampled_from(_TEXTS))
        tag = draw(st.sampled_from(("div", "span", "p", "aside", "time")))
        nested = draw(st.booleans())
        inner = f"<span class='{draw(st.sampled_from(_CLASSES))}'>{text}</span>" if nested else text
        parts.append(f"<{tag} class='{cls}'>{inner}</{tag}><!-- c -->")
    article = draw(st.sampled_from(_CLASSES))
    return f"<html><body><article class='{article}'>{''.join(parts)}</article></body></html>"


@settings(max_examples=150, deadline=None)
@given(_page())
def test_classed_date_reads_the_first_sixty_classed_elements_as_the_xpath_did(html: str) -> None:
    root = lxml.html.document_fromstring(html)
    for scope in (root.find("body"), root.find(".//article")):
        assert scope is not None
        assert _classed_date(scope, MONTH_FIRST) == _classed_by_xpath(scope)


def test_classed_date_stops_after_sixty_classed_elements() -> None:
    filler = "<span class='date'>no day</span>" * 59
    found = f"<html><body><div>{filler}<span class='date'>May 4, 2023</span></div></body></html>"
    late = found.replace(filler, filler + "<span class='date'>none</span>")
    assert (
        _classed_date(lxml.html.document_fromstring(found).find("body"), MONTH_FIRST)
        == "2023-05-04"
    )
    assert _classed_date(lxml.html.document_fromstring(late).find("body"), MONTH_FIRST) is None


_YMD_LOOKBEHIND_FIRST = re.compile(  # the plain form of _YMD_SLASHED, its definition
    r"(?<![\d/.])((?:19|20)\d{2})([/.])(\d{1,2})\2(\d{1,2})(?![\d/]|\.\d)"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0129/. a", max_size=40))
def test_slashed_days_match_the_lookbehind_first_pattern(text: str) -> None:
    def spans(pattern: re.Pattern[str]) -> list[tuple[object, ...]]:
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert spans(_YMD_SLASHED) == spans(_YMD_LOOKBEHIND_FIRST)
