"""The numbers a browser draws before the items of an ordered list.

A reader sees "1. Audit your waste", "2. Reduce single-use plastics": the number is
part of what the article says (a step, a rank), but it is not in the page's text, so
the block walk never meets it. The kept paragraphs get it back here, after the model
has judged the blocks on their own text. Written by hand because it is the HTML
list-numbering rules (``start``, ``reversed``, ``value``, ``type``) and nothing more;
CSS beyond an inline ``list-style`` cannot be known without the style sheets.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml.etree import _Element

# Where the search for an item stops: a block under one of these and not under an
# item of it belongs to no item.
_LIST_BOUNDARIES = frozenset(("ol", "ul", "menu", "dl", "table", "body", "html"))
# An ordered list's marker styles (the ``type`` attribute).
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def numbered_paragraphs(texts: Sequence[str], elements: Sequence[_Element]) -> list[str]:
    """Each kept block's text, its list item's marker before it when the block is the
    first kept one of an item of an ordered list. ``elements`` are the blocks' owner
    elements, in document order."""
    out: list[str] = []
    marked: set[_Element] = set()
    ordinals: dict[_Element, dict[_Element, int]] = {}
    for text, element in zip(texts, elements, strict=True):
        item = _item_of(element)
        if item is None or item in marked:
            out.append(text)
            continue
        marked.add(item)
        marker = _marker(item, ordinals)
        # Some pages write the number into the item as well ("3. Ding-dong!").
        written = marker and text.startswith((marker, marker[:-1] + ")"))
        out.append(f"{marker} {text}" if marker and not written else text)
    return out


def _item_of(element: _Element) -> _Element | None:
    """The list item a block's element is, or is inside."""
    node: _Element | None = element
    while node is not None:
        tag = node.tag
        if not isinstance(tag, str):
            return None
        tag = tag.lower()
        if tag == "li":
            return node
        if tag in _LIST_BOUNDARIES:
            return None
        node = node.getparent()
    return None


def _marker(item: _Element, ordinals: dict[_Element, dict[_Element, int]]) -> str:
    """ "3." for an item of an ordered list a browser numbers; "" otherwise."""
    parent = item.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
        return ""
    if _unmarked(parent) or _unmarked(item):
        return ""
    numbers = ordinals.get(parent)
    if numbers is None:
        numbers = ordinals[parent] = _ordinals(parent)
    number = numbers.get(item)
    if number is None:
        return ""
    style = (item.get("type") or parent.get("type") or "1").strip()
    return f"{_numeral(number, style)}."


def _unmarked(element: _Element) -> bool:
    """An inline style that hides the marker (breadcrumbs, pagers, comment lists)."""
    style = (element.get("style") or "").replace(" ", "").lower()
    return "list-style:none" in style or "list-style-type:none" in style


def _ordinals(ol: _Element) -> dict[_Element, int]:
    """The number of each item, as HTML counts them: from ``start`` (or, when
    ``reversed``, from the number of items down), each item one on from the last, an
    item's own ``value`` setting the count."""
    items = [child for child in ol if isinstance(child.tag, str) and child.tag.lower() == "li"]
    backwards = ol.get("reversed") is not None
    step = -1 if backwards else 1
    start = _integer(ol.get("start"))
    number = (start if start is not None else (len(items) if backwards else 1)) - step
    numbers: dict[_Element, int] = {}
    for item in items:
        value = _integer(item.get("value"))
        number = value if value is not None else number + step
        numbers[item] = number
    return numbers


def _integer(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def _numeral(number: int, style: str) -> str:
    if style in ("a", "A") and number > 0:
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style == "A" else letters
    if style in ("i", "I") and 0 < number < 4000:
        roman = ""
        for value, digits in _ROMAN:
            count, number = divmod(number, value)
            roman += digits * count
        return roman.upper() if style == "I" else roman
    return str(number)
