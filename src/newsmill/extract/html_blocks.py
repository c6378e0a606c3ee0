"""An HTML page as a list of text blocks in reading order, each with its DOM context.

The block classifier then treats blocks like the lines of flattened text (the same
shape features), plus what only the DOM knows: the tag, the landmarks around it
(article, nav, footer, aside, figure), class and id words (``related``, ``share``,
``comment``, ``content``), and how much of its text sits in links. One pass of
lxml's ``iterwalk`` builds it, so a page costs one walk over its elements.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from lxml import etree
from lxml.html import HtmlElement

from newsmill.extract.lines import Line

FloatArray = npt.NDArray[np.float64]

SKIPPED_TAGS = frozenset(
    "script style noscript template svg head iframe object embed canvas button select option "
    "input textarea map video audio picture source math".split()
)
BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd blockquote pre figcaption caption td th tr table ul ol dl "
    "div section article main aside nav header footer form figure address details summary "
    "center fieldset legend hr br body html".split()
)
# Containers: blocks under the same one, one after another, form a group (like a
# run of lines with no blank line between them in flattened text).
CONTAINER_TAGS = frozenset(
    "div section article main aside nav header footer ul ol dl table form figure details "
    "body".split()
)
LANDMARKS = ("article", "main", "nav", "header", "footer", "aside", "figure", "form", "table", "li")
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# A table cell holding no block element is a part of its row's block, after this.
CELL_TAGS = frozenset(("td", "th"))
CELL_SEPARATOR = " | "

# Words in class and id attributes that say what a subtree is.
CUE_WORDS: dict[str, tuple[str, ...]] = {
    "content": ("article", "content", "entry", "post", "story", "body", "text", "main", "prose"),
    "nav": ("nav", "menu", "breadcrumb", "pagination", "pager", "topbar", "masthead"),
    "footer": ("footer", "copyright", "legal", "colophon"),
    "sidebar": ("sidebar", "aside", "rail", "widget"),
    "comment": ("comment", "disqus", "reply", "replies", "discussion"),
    "share": ("share", "social", "sharing", "follow", "print"),
    "related": ("related", "recommend", "more", "popular", "trending", "teaser", "promo", "read"),
    "ad": ("ad", "ads", "advert", "advertisement", "sponsor", "banner", "dfp", "commercial"),
    "meta": ("byline", "author", "date", "time", "meta", "tags", "tag", "category", "dateline"),
    "caption": ("caption", "credit", "figcaption", "photo", "image", "gallery", "media"),
    "hidden": (
        "hidden",
        "cookie",
        "consent",
        "modal",
        "popup",
        "newsletter",
        "subscribe",
        "signup",
    ),
}
CUE_NAMES = tuple(CUE_WORDS)
_CUE_OF_WORD = {word: i for i, (_, words) in enumerate(CUE_WORDS.items()) for word in words}
_SPLIT_ATTR = re.compile(r"[^a-z]+")
_SPACE = re.compile(r"\s+")

DOM_NAMES = (
    *(f"in_{name}" for name in LANDMARKS),
    *(f"cue_{name}" for name in CUE_NAMES),
    "heading",
    "heading_level",
    "paragraph_tag",
    "list_item",
    "link_density",
    "links",
    "depth",
    "own_cue_content",
)


@dataclass(frozen=True)
class HtmlBlock:
    text: str
    tag: str
    landmarks: int
    cues: int
    link_chars: int
    links: int
    depth: int
    container: int
    element: HtmlElement
    # Serials of the open block elements, outermost first, the owner last; and how many
    # siblings share each one's tag and class (teaser cards and comment items repeat).
    path: tuple[int, ...] = ()
    repeats: tuple[int, ...] = ()


def _cues_of(element: HtmlElement) -> int:
    bits = 0
    for attribute in ("class", "id", "role", "itemprop"):
        value = element.get(attribute)
        if value:
            bits |= _cues_of_value(value)
    return bits


def _cues_of_value(value: str) -> int:
    bits = 0
    for word in _SPLIT_ATTR.split(value.lower()):
        index = _CUE_OF_WORD.get(word)
        if index is not None:
            bits |= 1 << index
    return bits


def _inline_cell(element: HtmlElement) -> bool:
    """A data cell (no block element inside): one block per row keeps a table row's
    cells together, where a block per cell judged each number or name alone."""
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag.lower() in BLOCK_TAGS:
            return False
    return True


def html_blocks(root: HtmlElement) -> list[HtmlBlock]:
    """The text blocks of a parsed page, in document order."""
    # Raw blocks first: sibling counts are known only once the walk is over.
    raw: list[tuple[str, str, int, int, int, int, int, int, HtmlElement, tuple[int, ...]]] = []
    # Open elements: (tag, landmark bits, cue bits, container id, serial); plain tuples
    # are cheap.
    stack: list[tuple[str, int, int, int, int]] = []
    parts: list[str] = []
    owner: list[HtmlElement] = [root]
    owner_serials: list[int] = []
    link_chars = links = link_depth = containers = 0
    cue_memo: dict[str, int] = {}  # class and id values repeat across a page
    landmark_bit = {tag: 1 << i for i, tag in enumerate(LANDMARKS)}
    space_sub = _SPACE.sub
    # Each element's (parent serial, tag and class): siblings alike are items of a list.
    signatures: list[tuple[int, str, str]] = []

    def flush() -> None:
        nonlocal link_chars, links
        text = space_sub(" ", "".join(parts)).strip()
        parts.clear()
        if text and stack:
            tag, landmarks, cues, container, _ = stack[-1]
            raw.append(
                (
                    text,
                    tag,
                    landmarks,
                    cues,
                    min(link_chars, len(text)),
                    links,
                    len(stack),
                    container,
                    owner[-1],
                    tuple(owner_serials),
                )
            )
        link_chars = links = 0

    # Comments and processing instructions come as their own events (never "start" or
    # "end"); the text after them ("When <!-- -->President") is the block's text.
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag
        if not isinstance(tag, str):
            tail = element.tail
            if tail:
                parts.append(tail)
                if link_depth:
                    link_chars += len(tail.strip())
            continue
        tag = tag.lower()
        if event == "start":
            if tag in SKIPPED_TAGS:
                walker.skip_subtree()
                if element.tail:
                    parts.append(element.tail)
                continue
            serial = len(signatures)
            attrib = element.attrib
            css = attrib.get("class", "") if attrib else ""
            signatures.append((stack[-1][4] if stack else -1, tag, css))
            if tag in CELL_TAGS and _inline_cell(element):
                if parts and "".join(parts).strip():
                    parts.append(CELL_SEPARATOR)
            elif tag in BLOCK_TAGS:
                if parts:
                    flush()
                else:
                    link_chars = links = 0
                owner.append(element)
                owner_serials.append(serial)
            _, landmarks, cues, container, _ = stack[-1] if stack else ("", 0, 0, 0, 0)
            if tag in landmark_bit:
                landmarks |= landmark_bit[tag]
            if tag in CONTAINER_TAGS:
                containers += 1
                container = containers
            if attrib:
                key = "|".join(
                    (
                        css,
                        attrib.get("id", ""),
                        attrib.get("role", ""),
                        attrib.get("itemprop", ""),
                    )
                )
                own = cue_memo.get(key)
                if own is None:
                    own = cue_memo[key] = _cues_of_value(key)
                cues |= own
            stack.append((tag, landmarks, cues, container, serial))
            if tag == "a":
                link_depth += 1
                links += 1
            text = element.text
            if text:
                parts.append(text)
                if link_depth:
                    link_chars += len(text.strip())
        else:
            if tag in SKIPPED_TAGS:
                continue
            if tag == "a" and link_depth:
                link_depth -= 1
            if tag in BLOCK_TAGS and not (tag in CELL_TAGS and _inline_cell(element)):
                if parts:
                    flush()
                else:
                    link_chars = links = 0
                if len(owner) > 1:
                    owner.pop()
                if owner_serials:
                    owner_serials.pop()
            if stack:
                stack.pop()
            tail = element.tail
            if tail:
                parts.append(tail if tag != "br" else " " + tail)
                if link_depth:
                    link_chars += len(tail.strip())
    if parts:
        flush()
    alike = Counter(signatures)
    repeats = [alike[signature] for signature in signatures]
    return [
        HtmlBlock(
            text,
            tag,
            marks,
            cues,
            chars,
            n,
            depth,
            box,
            element,
            path,
            tuple(repeats[s] for s in path),
        )
        for text, tag, marks, cues, chars, n, depth, box, element, path in raw
    ]


def blocks_as_lines(blocks: list[HtmlBlock]) -> list[Line]:
    """Blocks as lines for the shared shape features; a new container starts a new group."""
    lines: list[Line] = []
    group = 0
    for i, block in enumerate(blocks):
        if i and block.container != blocks[i - 1].container:
            group += 1
        lines.append(Line(i, block.text, 0, 0, group))
    return lines


def dom_features(blocks: list[HtmlBlock]) -> FloatArray:
    n = len(blocks)
    nl, nc = len(LANDMARKS), len(CUE_NAMES)
    out = np.zeros((n, len(DOM_NAMES)), dtype=np.float64)
    if n == 0:
        return out
    landmarks = np.fromiter((b.landmarks for b in blocks), dtype=np.int64, count=n)
    cues = np.fromiter((b.cues for b in blocks), dtype=np.int64, count=n)
    out[:, :nl] = (landmarks[:, None] >> np.arange(nl)) & 1
    out[:, nl : nl + nc] = (cues[:, None] >> np.arange(nc)) & 1
    at = nl + nc
    tags = [b.tag for b in blocks]
    out[:, at] = [t in HEADINGS for t in tags]
    out[:, at + 1] = [int(t[1]) if t in HEADINGS else 0 for t in tags]
    out[:, at + 2] = [t == "p" for t in tags]
    out[:, at + 3] = [t == "li" for t in tags]
    out[:, at + 4] = [b.link_chars / len(b.text) for b in blocks]
    out[:, at + 5] = [min(b.links, 20) for b in blocks]
    out[:, at + 6] = [min(b.depth, 60) for b in blocks]
    out[:, at + 7] = [_cues_of(b.element) & 1 for b in blocks]
    return out
