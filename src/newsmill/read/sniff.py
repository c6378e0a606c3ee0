"""Tell HTML from crawler-flattened text, and spot JSON Lines, from the text itself.

File names lie (``.txt`` dumps of whole pages, ``.html`` files holding plain
text), so the extractors are chosen by what the content looks like.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Literal

__all__ = ["looks_like_jsonl", "sniff_kind"]

_HTML_TAGS = (
    "html|head|body|meta|title|link|script|style|base|noscript|div|span|p|a|img|br|hr"
    "|article|section|header|footer|nav|main|aside|figure|figcaption|h[1-6]|ul|ol|li"
    "|table|tr|td|th|tbody|thead|form|input|button|iframe|svg|picture|source|time"
    "|blockquote|pre|em|strong|b|i|u|small|label|select|option|textarea|dl|dt|dd"
)
# Leading matter a page may open with before its first real tag.
_PREAMBLE_RE = re.compile(
    r"(?:\s|\ufeff|<!--.*?-->|<\?xml[^>]*\?>|<!doctype\b[^>]*>)*", re.IGNORECASE | re.DOTALL
)
_DOCTYPE_RE = re.compile(r"<!doctype\s+html\b", re.IGNORECASE)
_OPENING_TAG_RE = re.compile(rf"</?(?:{_HTML_TAGS})(?=[\s/>])", re.IGNORECASE)
_ANY_TAG_RE = re.compile(rf"</?(?:{_HTML_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_SNIFF_WINDOW = 1024
_PREAMBLE_WINDOW = 8192
_MIN_TAGS = 3


def sniff_kind(text: str) -> Literal["html", "text"]:
    """``html`` if the text opens like a page or is dense with tags, else ``text``.

    A page opens (after whitespace, a BOM, comments, an XML declaration or a
    doctype) with a known HTML tag; flattened text with a stray ``<br>`` or
    ``<b>`` does not, and needs several tags in its first KB to count as HTML.
    """
    head = text[:_PREAMBLE_WINDOW]
    preamble = _PREAMBLE_RE.match(head)
    start = preamble.end() if preamble else 0
    if _DOCTYPE_RE.search(head, 0, start) or _OPENING_TAG_RE.match(head, start):
        return "html"
    if len(_ANY_TAG_RE.findall(text[:_SNIFF_WINDOW])) >= _MIN_TAGS:
        return "html"
    return "text"


def iter_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time, without splitting a large text at once."""
    start = 0
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end < 0:
            end = length
        yield text[start:end]
        start = end + 1


def looks_like_jsonl(text: str) -> bool:
    """Whether the first non-blank line parses as a JSON object."""
    for raw in iter_lines(text):
        line = raw.strip().lstrip("\ufeff")
        if line:
            if not line.startswith("{"):
                return False
            try:
                value = json.loads(line)
            except (ValueError, RecursionError):
                return False
            return isinstance(value, dict)
    return False
