"""Features of HTML text blocks: the flattened-text shape features plus DOM context.

Kept apart from the extractor so training and extraction compute exactly the same
numbers from the same page. Besides each block's own context, the page's structure
tells boilerplate that reads like prose: teaser cards and comment items are runs of
alike siblings, the article sits in the element holding most of the page's prose,
and a heading that starts a list of links starts a widget, not a section.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import chain
from typing import cast

import numpy as np
import numpy.typing as npt
from lxml import etree
from lxml.etree import _Element
from resiliparse.extract.html2text import extract_plain_text

from newsmill.extract.html_blocks import (
    CUE_NAMES,
    DOM_NAMES,
    HEADINGS,
    LANDMARKS,
    HtmlBlock,
    blocks_as_lines,
    dom_features,
    walk_blocks,
)
from newsmill.extract.html_linked_data import article_bodies, declares_article, parse_json
from newsmill.extract.lexicon import BoilerplateLexicon, load_lexicon
from newsmill.extract.line_features import BASE_NAMES, N_FEATURES, FloatArray, line_features
from newsmill.extract.lines import Line
from newsmill.extract.word_hashes import word_hashes

IntArray = npt.NDArray[np.int64]

STRUCTURE_NAMES = (
    "own_repeats",
    "card_repeats",
    "card_levels",
    "card_blocks",
    "card_link_density",
    "in_main",
    "main_share",
    "blocks_before_main",
    "blocks_after_main",
    "levels_below_main",
    "section_link_density",
    "section_prose",
    "section_blocks",
    "page_declares_article",
    "page_comment_share",
    "in_core",
    "core_share",
    "blocks_before_core",
    "blocks_after_core",
    "in_marked_body",
    "in_linked_body",
)
# Where a feature row holds the page's claim to be one article (og:type, JSON-LD).
DECLARES_ARTICLE_COLUMN = (
    N_FEATURES + len(DOM_NAMES) + STRUCTURE_NAMES.index("page_declares_article")
)
# What Resiliparse's main-content extractor says of each block (``agreement_features``).
AGREEMENT_NAMES = (
    "in_main_text",
    "main_text_overlap",
    "within_main_text",
    "main_text_share",
)
# An element with this many alike siblings is an item of a list (a card).
CARD_MIN_REPEATS = 3
# Prose in a card counts this much towards the main element.
CARD_WEIGHT = 0.5
# The main element: the deepest container holding this share of the page's prose.
MAIN_SHARE = 0.6
# Each character of a block that is not article prose counts this much against the
# element holding it when the main element is chosen.
MAIN_COST = 0.5
_WORDS, _TERMINAL = BASE_NAMES.index("words"), BASE_NAMES.index("terminal")
_COMMENT = 1 << CUE_NAMES.index("comment")
_FURNITURE = sum(1 << LANDMARKS.index(name) for name in ("nav", "footer", "aside"))


_MARKED_BODY = etree.XPath("//*[contains(@itemprop, 'articleBody')]")
# Blocks shorter than this are not looked up in the JSON-LD body: "Share" or a date
# may stand in any text.
LINKED_BODY_MIN_CHARS = 20
# Resiliparse's extractor slows down faster than linearly with nesting depth (8,000
# nested divs: seconds): a page whose tree reaches this depth goes without its verdict.
# lxml stops nesting at depth 256, so every page past that is caught here; the bench
# pages reach 55 at most.
MAIN_TEXT_MAX_DEPTH = 200
# A block is counted inside the main text when this share of its word 3-grams is there.
MAIN_TEXT_MIN_OVERLAP = 0.5


# lxml's plain HTML parser: lxml.html's builds its HtmlElement proxies through a Python
# class lookup per element (a tenth of the block walk), and nothing here needs their
# methods. One module-level instance, shared as lxml.html shared its own. No table of
# the ids (nothing here looks an element up by its id): parsing takes 5 to 9% less.
# It reads the page as UTF-8 bytes, told so: a str reaches libxml2 in the interpreter's
# wide form, converted piece by piece (parsing took 6 to 14% longer), and lxml refuses a
# str that opens with an XML declaration naming its encoding (an XHTML page). The text
# is decoded already, so neither that declaration nor a <meta charset> may win.
_PARSER = etree.HTMLParser(collect_ids=False, encoding="utf-8")


def parse_html(html: str) -> _Element:
    """Parse a page; lxml repairs broken markup. Raises ``lxml.etree.ParserError`` when
    nothing is left to parse (an empty or all-whitespace document)."""
    root = etree.fromstring(_utf8(html), _PARSER)
    if root is None:
        raise etree.ParserError("Document is empty")
    if root.getnext() is not None:
        _adopt_trailing_content(root)
    return root


def _utf8(html: str) -> bytes:
    """The page as UTF-8. Only a str built in Python holds surrogates: a pair written as
    two code units is joined into its character, a lone one becomes U+FFFD marks."""
    try:
        return html.encode("utf-8")
    except UnicodeEncodeError:
        joined = html.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        return joined.encode("utf-8", "surrogatepass")


def _adopt_trailing_content(root: _Element) -> None:
    """Move what a page has after its ``</html>`` to the end of its body, as browsers do.

    libxml2 makes such content a second top-level ``<html>``, a sibling of the root that
    no walk from the root sees: a page whose article follows a stray ``</body></html>``
    would come out empty. Each such element becomes a ``<div>`` at the end of the body
    (a ``<body>`` inside it too); a ``<head>`` inside it stays one, skipped by the walk.
    Comments and processing instructions after the document stay where they are.
    """
    body = root.find("body")
    home = root if body is None else body
    for sibling in list(root.itersiblings()):
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in ("html", "body"):
            sibling.tag = "div"
        for inner in sibling.iterchildren("body"):
            inner.tag = "div"
        home.append(sibling)


def _region_columns(
    members: IntArray,
    levels: IntArray,
    lengths: IntArray,
    weight: FloatArray,
    total: float,
) -> FloatArray:
    """Inside, share of the prose held, blocks before and after, levels below the element."""
    n = lengths.shape[0]
    out = np.zeros((n, 5), dtype=np.float64)
    inside = np.zeros(n, dtype=bool)
    inside[members] = True
    index = np.arange(n)
    out[:, 0] = inside
    out[:, 1] = float(weight[inside].sum()) / total
    out[:, 2] = np.log1p(np.maximum(int(members[0]) - index, 0))
    out[:, 3] = np.log1p(np.maximum(index - int(members[-1]), 0))
    out[:, 4] = -1.0
    out[members, 4] = np.minimum(lengths[members] - 1 - levels, 20)
    return out


def structure_features(blocks: list[HtmlBlock], base: FloatArray, article: bool) -> FloatArray:
    """Cards, the main element and heading-led sections around each block."""
    n = len(blocks)
    out = np.zeros((n, len(STRUCTURE_NAMES)), dtype=np.float64)
    if n == 0:
        return out
    chars = np.array([len(b.text) for b in blocks], dtype=np.float64)
    linked = np.array([b.link_chars for b in blocks], dtype=np.float64)
    prose = (base[:, _WORDS] >= 12) & (base[:, _TERMINAL] > 0)
    weight = np.where(prose, np.minimum(chars, 1000.0), 0.0)
    # What may make the main element: unlinked prose outside menus, sidebars, footers
    # and comments (a short article under a long thread, a menu full of summaries).
    furniture = np.array([bool(b.landmarks & _FURNITURE or b.cues & _COMMENT) for b in blocks])
    body_weight = np.where(furniture, 0.0, weight * (1.0 - linked / chars))
    # Cards: the nearest ancestor above the block's own element with alike siblings.
    card_of = np.full(n, -1, dtype=np.int64)
    for i, block in enumerate(blocks):
        repeats = block.repeats
        if repeats:
            out[i, 0] = math.log1p(repeats[-1])
        for level in range(len(repeats) - 2, -1, -1):
            if repeats[level] >= CARD_MIN_REPEATS:
                card_of[i] = block.path[level]
                out[i, 1] = math.log1p(repeats[level])
                out[i, 2] = min(len(repeats) - 1 - level, 10)
                break
    in_card = card_of >= 0
    body_weight *= np.where(in_card, CARD_WEIGHT, 1.0)  # teaser summaries read like prose
    if in_card.any():
        _, ids = np.unique(card_of, return_inverse=True)
        sizes = np.bincount(ids)
        card_chars = np.bincount(ids, weights=chars)
        card_links = np.bincount(ids, weights=linked)
        out[:, 3] = np.where(in_card, np.log1p(sizes[ids]), 0.0)
        out[:, 4] = np.where(in_card, card_links[ids] / np.maximum(card_chars[ids], 1.0), 0.0)
    # The main element, two ways: the deepest container holding most of the page's
    # prose (precise, but may pick half of a split body), and the element whose blocks
    # score best, prose counting for it and everything else against it (the tree's
    # answer to the page's best stretch of prose).
    total = float(body_weight.sum())
    if total > 0:
        lengths = np.array([len(b.path) for b in blocks], dtype=np.int64)
        serials = np.fromiter(chain.from_iterable(b.path for b in blocks), dtype=np.int64)
        owners = np.repeat(np.arange(n), lengths)
        levels = np.arange(serials.shape[0]) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        held = np.bincount(serials, weights=body_weight[owners])
        container = levels < lengths[owners] - 1
        deep = container & (held[serials] >= MAIN_SHARE * total)
        if deep.any():
            at = serials == serials[deep][np.argmax(levels[deep])]
            out[:, 5:10] = _region_columns(owners[at], levels[at], lengths, body_weight, total)
        cost = np.where(body_weight > 0, body_weight, -MAIN_COST * np.minimum(chars, 300.0))
        score = np.bincount(serials, weights=cost[owners])
        score[np.bincount(serials) == 0] = -np.inf  # an element owning no block is no region
        at = serials == np.flatnonzero(score == score.max())[-1]  # the deepest of equals
        out[:, 15:19] = _region_columns(owners[at], levels[at], lengths, body_weight, total)[:, :4]
    # Sections: a heading and the blocks up to the next one.
    heading = np.array([b.tag in HEADINGS for b in blocks], dtype=np.int64)
    section = np.cumsum(heading)
    s_chars = np.bincount(section, weights=chars)
    out[:, 10] = (np.bincount(section, weights=linked) / np.maximum(s_chars, 1.0))[section]
    out[:, 11] = (np.bincount(section, weights=weight) / np.maximum(s_chars, 1.0))[section]
    out[:, 12] = np.log1p(np.bincount(section)[section])
    out[:, 13] = float(article)
    comments = sum(1 for b in blocks if b.cues & _COMMENT)
    out[:, 14] = comments / n
    return out


def marks_root(root: _Element, html: str) -> _Element | None:
    """The root to look for body marks in, or None when the page's text cannot hold one
    (neither mark can exist without the string "articleBody"): a string search spares
    most pages two tree searches, and the features come out the same."""
    return root if "articleBody" in html else None


def marked_bodies(root: _Element, html: str) -> list[_Element]:
    """The page's ``itemprop=articleBody`` elements (none without the string)."""
    return cast("list[_Element]", _MARKED_BODY(root)) if "articleBody" in html else []


def marked_body_features(
    blocks: list[HtmlBlock],
    root: _Element | None,
    marked: list[_Element] | None = None,
    bodies: Sequence[str] | None = None,
) -> FloatArray:
    """Where the page itself says the article is: inside an ``itemprop=articleBody``
    element (1, else 0; -1 when the page marks none), and a block's text found in the
    JSON-LD ``articleBody`` copy (1, else 0; -1 when there is none). Marks can be wrong
    (a hidden copy, a body that stops early), so they are features, not rules.
    ``marked``: the page's ``marked_bodies``, and ``bodies`` its JSON-LD ``articleBody``
    copies (``LinkedData.bodies``), when the caller has them already."""
    n = len(blocks)
    out = np.full((n, 2), -1.0, dtype=np.float64)
    if root is None or n == 0:
        return out
    if marked is None:
        marked = cast("list[_Element]", _MARKED_BODY(root))
    if marked:
        out[:, 0] = 0.0
        inside = {element for mark in marked for element in mark.iter()}
        for i, block in enumerate(blocks):
            if block.element in inside:
                out[i, 0] = 1.0
    if bodies is None:
        bodies = linked_bodies(root)
    body = " ".join(" ".join(b.split()) for b in bodies)
    if body:
        out[:, 1] = 0.0
        for i, block in enumerate(blocks):
            if len(block.text) >= LINKED_BODY_MIN_CHARS and block.text[:200] in body:
                out[i, 1] = 1.0
    return out


def linked_bodies(root: _Element) -> list[str]:
    """The page's JSON-LD ``articleBody`` copies of its text, as ``LinkedData.of`` reads
    them from the same scripts (for callers without the page's metadata: training)."""
    bodies: list[str] = []
    for script in root.iter("script"):
        text = script.text
        if text and "articleBody" in text and "ld+json" in (script.get("type") or "").lower():
            bodies.extend(article_bodies(parse_json(text)))
    return bodies


def main_content_text(html: str, depth: int) -> str | None:
    """Resiliparse's main-content text of the page; None when the page is too deeply
    nested for it (``depth``: of the parsed tree, from ``walk_blocks``) or it fails. Its
    heuristics look at the page differently from the block model (recall 0.981 on
    ScrapingHub), so its verdict is a feature; it parses the page again (lexbor), at
    about a tenth of the extractor's time."""
    if depth >= MAIN_TEXT_MAX_DEPTH:
        return None
    try:
        text: str = extract_plain_text(
            html, main_content=True, alt_texts=False, list_bullets=False, comments=False
        )
    except Exception:  # a third-party parser: bad HTML must cost the feature, not the page
        return None
    return text


def agreement_features(blocks: list[HtmlBlock], main_text: str | None) -> FloatArray:
    """Whether Resiliparse kept each block: all its word n-grams found there (1/0), the
    share of them found there, inside the stretch from the first to the last block mostly
    found there (1/0), and the share of the page's words (by characters) Resiliparse
    kept. A block's n-grams are its word 3-grams, or all its words as one gram when it
    has fewer than three. The first three are -1 when Resiliparse kept nothing."""
    n = len(blocks)
    out = np.zeros((n, len(AGREEMENT_NAMES)), dtype=np.float64)
    if n == 0:
        return out
    kept_hashes, _, kept_chars = word_hashes(main_text or "")
    if not kept_hashes.size:
        out[:, :3] = -1.0
        return out
    # The blocks' texts hold no line breaks (their white space is folded), so joined by
    # one they give each block's word count.
    hashes, lengths, block_chars = word_hashes("\n".join([b.text for b in blocks]))
    owner = np.repeat(np.arange(n), lengths)
    order = np.minimum(lengths, 3)[owner]
    ends = np.cumsum(lengths)[owner]
    # Each word position starts its block's n-gram when the whole gram is in the block.
    valid = np.arange(hashes.shape[0]) + order <= ends
    asked = np.choose(order - 1, [_grams(hashes, size) for size in (1, 2, 3)])[valid]
    known = np.sort(np.concatenate([_grams(kept_hashes, size) for size in (1, 2, 3)]))
    at = np.minimum(np.searchsorted(known, asked), known.shape[0] - 1)
    found = known[at] == asked
    owner = owner[valid]
    counts = np.bincount(owner, minlength=n)
    hits = np.bincount(owner, weights=found, minlength=n)
    out[:, 0] = (hits == counts) & (counts > 0)
    out[:, 1] = hits / np.maximum(counts, 1)
    agreed = np.flatnonzero(out[:, 1] >= MAIN_TEXT_MIN_OVERLAP)
    if agreed.size:
        out[agreed[0] : agreed[-1] + 1, 2] = 1.0
    out[:, 3] = kept_chars / max(block_chars, 1)
    return out


# Multipliers that mix the words of an n-gram, and a mark per n so a word pair never
# equals a single word (odd constants from the golden ratio and murmur3's finaliser).
_MIX = np.uint64(0x9E3779B97F4A7C15)
_GRAM_MARK = (np.uint64(0), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


def _grams(hashes: npt.NDArray[np.uint64], size: int) -> npt.NDArray[np.uint64]:
    """One number per run of ``size`` words, same length as ``hashes`` (the last
    ``size - 1`` positions hold no whole run and are padded); a rare collision among
    2^64 values only blurs a feature."""
    gram = hashes.copy()
    with np.errstate(over="ignore"):
        for step in range(1, size):
            gram[:-step] = gram[:-step] * _MIX + hashes[step:]
        gram ^= _GRAM_MARK[size - 1]
    return gram


def block_features(
    blocks: list[HtmlBlock],
    lines: list[Line],
    lexicon: BoilerplateLexicon,
    lexicon_kinds: list[str | None] | None = None,
    article: bool = False,
    root: _Element | None = None,
    main_text: str | None = None,
    marked: list[_Element] | None = None,
    bodies: Sequence[str] | None = None,
) -> FloatArray:
    if not blocks:
        return np.zeros((0, 0), dtype=np.float64)
    shape = line_features(lines, lexicon, lexicon_kinds)
    base = shape[:, : len(BASE_NAMES)]
    structure = structure_features(blocks, base, article)
    structure[:, -2:] = marked_body_features(blocks, root, marked, bodies)
    agreement = agreement_features(blocks, main_text)
    return np.hstack([shape, dom_features(blocks), structure, agreement])


def measure_page(
    root: _Element,
    html: str,
    lexicon: BoilerplateLexicon,
    marked: list[_Element] | None = None,
    bodies: Sequence[str] | None = None,
) -> tuple[list[HtmlBlock], list[Line], list[str | None], FloatArray]:
    """Cut a parsed page into blocks and measure them: the blocks, them as lines, each
    line's lexicon kind and the feature rows. The extractor and the training both call
    this, so the model always sees features made the way it was trained on. ``marked``:
    the page's ``marked_bodies``, which the extractor's rules use too (the tree search
    costs a page that names articleBody about 0.6 ms); ``bodies``: its JSON-LD bodies,
    which the metadata has read already (another search of the tree, 0.4 ms)."""
    blocks, depth = walk_blocks(root)
    lines = blocks_as_lines(blocks)
    lexicon_kinds: list[str | None] = [None] * len(lines)
    features = block_features(
        blocks,
        lines,
        lexicon,
        lexicon_kinds,
        declares_article(root),
        marks_root(root, html),
        main_content_text(html, depth),
        marked,
        bodies,
    )
    return blocks, lines, lexicon_kinds, features


def rows_declare_article(features: FloatArray) -> bool:
    """Whether the page these feature rows measure declares itself one article."""
    return bool(features.shape[0] and features[0, DECLARES_ARTICLE_COLUMN] > 0)


def page_blocks_and_features(
    html: str, lexicon: BoilerplateLexicon | None = None
) -> tuple[list[HtmlBlock], list[Line], FloatArray]:
    """Parse, cut into blocks and measure: what training needs from one page."""
    try:
        root = parse_html(html)
    except (ValueError, etree.ParserError):
        return [], [], np.zeros((0, 0), dtype=np.float64)
    blocks, lines, _, features = measure_page(root, html, lexicon or load_lexicon())
    return blocks, lines, features
