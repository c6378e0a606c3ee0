"""An HTML page as a list of text blocks in reading order, each with its DOM context.

The block classifier then treats blocks like the lines of flattened text (the same
shape features), plus what only the DOM knows: the tag, the landmarks around it
(article, nav, footer, aside, figure), class and id words (``related``, ``share``,
``comment``, ``content``), and how much of its text sits in links. One pass of
lxml's ``iterwalk`` builds it, so a page costs one walk over its elements.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import chain
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from lxml import etree
from lxml.etree import _Element

from newsmill.extract.lines import Line

FloatArray = npt.NDArray[np.float64]

SKIPPED_TAGS = frozenset(
    "script style noscript template svg head iframe object embed canvas button select option "
    "input textarea map video audio picture source math".split()
)
# Elements drawn as a box of their own in the line (an image, a control, an embedded
# frame): words on either side of one are apart on screen even with no space between
# them in the markup ("Updated: May 9<img ...>If you"), so the text after one starts a
# new word. Invisible ones (script, style, template) keep the words as they stand.
BOXED_TAGS = frozenset(
    "img br svg iframe object embed canvas button select input textarea video audio picture "
    "math".split()
)
# Skipped elements whose content model admits no sectioning content: a <main>, <article>
# or <h1> inside one was put there by libxml2's repair of broken markup, not by the page.
# An unclosed <div> inside a <button> makes libxml2 nest the rest of the document in the
# button (browsers close it), so such an element is walked like a <span>, not skipped.
PHRASING_SKIPPED_TAGS = frozenset("button select option picture video audio canvas map".split())
_PAGE_SECTIONS = ("main", "article", "h1")
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


class HtmlBlock(NamedTuple):
    """One text block (a tuple: a page makes hundreds, and a frozen dataclass's
    ``__init__`` cost more than the walk's work per block)."""

    text: str
    tag: str
    landmarks: int
    cues: int
    link_chars: int
    links: int
    depth: int
    container: int
    element: _Element
    # Serials of the open block elements, outermost first, the owner last; and how many
    # siblings share each one's tag and class (teaser cards and comment items repeat).
    path: tuple[int, ...] = ()
    repeats: tuple[int, ...] = ()
    # The owner element's own cue bits (its class, id, role and itemprop, not inherited
    # ones): the walk has them at hand, so dom_features need not read them again.
    own_cues: int = 0


# Cue bits of class, role and itemprop values, shared across pages: a site's pages
# repeat its class names. Cleared when full, so a crawl of many sites cannot grow it
# without limit; ids are nearly unique, so they are not kept.
_CUE_MEMO: dict[str, int] = {}
_CUE_MEMO_LIMIT = 20_000
_CUE_BIT = {word.encode(): 1 << index for word, index in _CUE_OF_WORD.items()}
_CUE_BYTES = frozenset(_CUE_BIT)
_LETTERS_ONLY = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))


def _cues_of(element: _Element) -> int:
    """An element's own cue bits (the walk reads them from its one ``items()`` call)."""
    bits = 0
    for attribute in ("class", "id", "role", "itemprop"):
        value = element.get(attribute)
        if value:
            bits |= _cues_of_value(value)
    return bits


def _cues_of_value(value: str) -> int:
    # The words are the runs of a-z after lowering: in UTF-8 every other character
    # becomes bytes outside a-z, which one byte table turns into spaces (cheaper than
    # a regex split). Most values hold no cue word: the intersection finds that in C.
    letters = value.lower().encode("utf-8", "surrogatepass").translate(_LETTERS_ONLY)
    bits = 0
    for word in _CUE_BYTES.intersection(letters.split()):
        bits |= _CUE_BIT[word]
    return bits


def _remembered_cues(value: str) -> int:
    """Cue bits of a value that recurs (class, role, itemprop), through the memo."""
    bits = _CUE_MEMO.get(value)
    if bits is None:
        if len(_CUE_MEMO) >= _CUE_MEMO_LIMIT:
            _CUE_MEMO.clear()
        bits = _CUE_MEMO[value] = _cues_of_value(value)
    return bits


def _inline_cell(element: _Element) -> bool:
    """A data cell (no block element inside): one block per row keeps a table row's
    cells together, where a block per cell judged each number or name alone."""
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag.lower() in BLOCK_TAGS:
            return False
    return True


_LANDMARK_BIT = {tag: 1 << i for i, tag in enumerate(LANDMARKS)}
# An open element: tag, landmark bits, cue bits, container id, serial, whether it owns
# blocks, the element (plain tuples are cheap).
_Open = tuple[str, int, int, int, int, bool, _Element]
# A gathered block before its siblings are counted: text, its innermost open element,
# link characters, links, depth, owner element, owner serials path, owner's own cues.
_Raw = tuple[str, _Open, int, int, int, _Element, tuple[int, ...], int]
_new_block: Callable[[type[HtmlBlock], tuple[Any, ...]], HtmlBlock] = tuple.__new__


def html_blocks(root: _Element) -> list[HtmlBlock]:
    """The text blocks of a parsed page, in document order."""
    return walk_blocks(root)[0]


def _holds_page_sections(element: _Element) -> bool:
    """Whether a phrasing element holds what only a page's body can (see
    ``PHRASING_SKIPPED_TAGS``)."""
    return next(element.iter(*_PAGE_SECTIONS), None) is not None


def _folded(parts: list[str]) -> str:
    """The gathered text with whitespace folded as ``str.split`` does (the characters of
    the regex ``\\s``), and emptied; most flushes hold only the space between tags."""
    text = "".join(parts)
    parts.clear()
    if text and not text.isspace():
        return " ".join(text.split())
    return ""


def walk_blocks(root: _Element) -> tuple[list[HtmlBlock], int]:
    """The text blocks of a parsed page, in document order, and the greatest nesting
    depth among the elements walked (the root is 1; the insides of skipped elements
    such as ``<script>`` or ``<svg>``, and those elements themselves, do not count):
    callers that must avoid deeply nested pages get it free from the one walk."""
    # Raw blocks first: sibling counts are known only once the walk is over. A block
    # ends where a block element opens or closes; the loop does it inline (a closure
    # would make the loop's variables slower cells).
    raw: list[_Raw] = []
    stack: list[_Open] = []
    parts: list[str] = []
    owner: list[_Element] = [root]
    owner_serials: list[int] = []
    owner_cues: list[int] = [_cues_of(root)]
    link_chars = links = link_depth = containers = deepest = 0
    memo_get = _CUE_MEMO.get
    landmark_bit = _LANDMARK_BIT
    # Each block element's (parent serial, tag and class): siblings alike are items of a
    # list. Only block elements own blocks, and a sibling alike has the same tag, so
    # other elements only take a serial.
    signatures: list[tuple[int, str, str]] = []
    signed: list[int] = []
    serial = -1
    top: _Open = ("", 0, 0, 0, -1, False, root)  # the open element (none yet)

    # Comments and processing instructions come as their own events (never "start" or
    # "end"); the text after them ("When <!-- -->President") is the block's text. The
    # "end" of an element is read from the stack, its tag not asked of lxml again.
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    skip_subtree = walker.skip_subtree
    skipped = False
    for event, element in walker:
        if event == "start":
            tag = element.tag
            if not isinstance(tag, str):  # an entity reference
                tail = element.tail
                if tail:
                    parts.append(tail)
                    if link_depth:
                        link_chars += len(tail.strip())
                continue
            tag = tag.lower()
            if tag in SKIPPED_TAGS and not (
                tag in PHRASING_SKIPPED_TAGS and _holds_page_sections(element)
            ):
                # Its "end" comes next, with nothing between.
                skip_subtree()
                skipped = True
                tail = element.tail
                if tail:
                    parts.append(" " + tail if tag in BOXED_TAGS else tail)
                continue
            serial += 1
            # One call for the attributes: cheaper than a lookup for each of four.
            css = ""
            ident = role = prop = None
            for name, value in element.items():
                if name == "class":
                    css = value
                elif name == "id":
                    ident = value
                elif name == "role":
                    role = value
                elif name == "itemprop":
                    prop = value
            owns = False
            if tag in BLOCK_TAGS:
                signatures.append((top[4], tag, css))
                signed.append(serial)
                if tag in CELL_TAGS and _inline_cell(element):
                    if parts and "".join(parts).strip():
                        parts.append(CELL_SEPARATOR)
                else:
                    if parts and stack:
                        text = _folded(parts)
                        if text:
                            raw.append(
                                (
                                    text,
                                    top,
                                    link_chars,
                                    links,
                                    len(stack),
                                    owner[-1],
                                    tuple(owner_serials),
                                    owner_cues[-1],
                                )
                            )
                    parts.clear()
                    link_chars = links = 0
                    owns = True
            # Own cue bits: class, id, role and itemprop words (a word never spans two).
            own = 0
            if css:
                bits = memo_get(css)
                own = _remembered_cues(css) if bits is None else bits
            if ident:
                own |= _cues_of_value(ident)
            if role:
                own |= _remembered_cues(role)
            if prop:
                own |= _remembered_cues(prop)
            if owns:
                owner.append(element)
                owner_serials.append(serial)
                owner_cues.append(own)
            landmarks = top[1]
            if tag in landmark_bit:
                landmarks |= landmark_bit[tag]
            container = top[3]
            if tag in CONTAINER_TAGS:
                containers += 1
                container = containers
            top = (tag, landmarks, top[2] | own, container, serial, owns, element)
            stack.append(top)
            if len(stack) > deepest:
                deepest = len(stack)
            if tag == "a":
                link_depth += 1
                links += 1
            text = element.text
            if text:
                parts.append(text)
                if link_depth:
                    link_chars += len(text.strip())
        elif event == "end":
            if skipped:
                skipped = False
                continue
            if top[6] is not element:  # an entity reference's end
                tail = element.tail
                if tail:
                    parts.append(tail)
                    if link_depth:
                        link_chars += len(tail.strip())
                continue
            tag = top[0]
            if tag == "a" and link_depth:
                link_depth -= 1
            if top[5]:
                if parts:
                    text = _folded(parts)
                    if text:
                        raw.append(
                            (
                                text,
                                top,
                                link_chars,
                                links,
                                len(stack),
                                owner[-1],
                                tuple(owner_serials),
                                owner_cues[-1],
                            )
                        )
                link_chars = links = 0
                owner.pop()
                owner_serials.pop()
                owner_cues.pop()
            stack.pop()
            top = stack[-1] if stack else ("", 0, 0, 0, -1, False, root)
            tail = element.tail
            if tail:
                parts.append(" " + tail if tag in BOXED_TAGS else tail)
                if link_depth:
                    link_chars += len(tail.strip())
        else:  # a comment or processing instruction
            tail = element.tail
            if tail:
                parts.append(tail)
                if link_depth:
                    link_chars += len(tail.strip())
    # Text after the root element closed belongs to no block.
    alike = Counter(signatures)
    repeat_of = dict(zip(signed, map(alike.__getitem__, signatures), strict=True)).__getitem__
    blocks = [
        _new_block(
            HtmlBlock,
            (
                text,
                open_[0],
                open_[1],
                open_[2],
                min(chars, len(text)),
                n,
                depth,
                open_[3],
                element,
                path,
                tuple(map(repeat_of, path)),
                own,
            ),
        )
        for text, open_, chars, n, depth, element, path, own in raw
    ]
    return blocks, deepest


def blocks_as_lines(blocks: list[HtmlBlock]) -> list[Line]:
    """Blocks as lines for the shared shape features; a new container starts a new group."""
    lines: list[Line] = []
    group = 0
    previous = blocks[0].container if blocks else 0
    for i, block in enumerate(blocks):
        if block.container != previous:
            group += 1
            previous = block.container
        lines.append(_new_line(Line, (i, block.text, 0, 0, group)))
    return lines


_new_line: Callable[[type[Line], tuple[int, str, int, int, int]], Line] = tuple.__new__


def dom_features(blocks: list[HtmlBlock]) -> FloatArray:
    n = len(blocks)
    nl, nc = len(LANDMARKS), len(CUE_NAMES)
    out = np.zeros((n, len(DOM_NAMES)), dtype=np.float64)
    if n == 0:
        return out
    # One row of numbers per block, read in one pass: landmark and cue bits (exact as
    # floats), then heading, heading level, paragraph and list item (from the tag),
    # link density, links, depth and the block element's own content cue.
    tag_columns = _TAG_COLUMNS.get
    rows = [
        (
            b.landmarks,
            b.cues,
            *tag_columns(b.tag, _OTHER_TAG_COLUMNS),
            b.link_chars / len(b.text),
            b.links,
            b.depth,
            b.own_cues & 1,
        )
        for b in blocks
    ]
    width = len(DOM_NAMES) - nl - nc + 2
    table = np.fromiter(chain.from_iterable(rows), dtype=np.float64, count=n * width)
    table = table.reshape(n, width)
    # Links and depth capped at 20 and 60, on the columns rather than per block.
    np.minimum(table[:, -3:-1], _LINKS_DEPTH_CAPS, out=table[:, -3:-1])
    bits = table[:, :2].astype(np.int64)
    out[:, :nl] = (bits[:, :1] >> np.arange(nl)) & 1
    out[:, nl : nl + nc] = (bits[:, 1:] >> np.arange(nc)) & 1
    out[:, nl + nc :] = table[:, 2:]
    return out


_OTHER_TAG_COLUMNS = (0, 0, 0, 0)
_LINKS_DEPTH_CAPS = np.array([20.0, 60.0])
_TAG_COLUMNS: dict[str, tuple[int, int, int, int]] = {
    **{tag: (1, int(tag[1]), 0, 0) for tag in HEADINGS},
    "p": (0, 0, 1, 0),
    "li": (0, 0, 0, 1),
}
