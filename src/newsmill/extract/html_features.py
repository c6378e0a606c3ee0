"""Features of HTML text blocks: the flattened-text shape features plus DOM context.

Kept apart from the extractor so training and extraction compute exactly the same
numbers from the same page.
"""

from __future__ import annotations

import lxml.html
import numpy as np
from lxml.html import HtmlElement

from newsmill.extract.html_blocks import HtmlBlock, blocks_as_lines, dom_features, html_blocks
from newsmill.extract.lexicon import BoilerplateLexicon, load_lexicon
from newsmill.extract.line_features import FloatArray, line_features
from newsmill.extract.lines import Line


def parse_html(html: str) -> HtmlElement:
    """Parse a page; lxml repairs broken markup. Raises ``lxml.etree.ParserError`` when
    nothing is left to parse (an empty or all-whitespace document)."""
    root: HtmlElement = lxml.html.document_fromstring(html)
    return root


def block_features(
    blocks: list[HtmlBlock],
    lines: list[Line],
    lexicon: BoilerplateLexicon,
    lexicon_kinds: list[str | None] | None = None,
) -> FloatArray:
    if not blocks:
        return np.zeros((0, 0), dtype=np.float64)
    return np.hstack([line_features(lines, lexicon, lexicon_kinds), dom_features(blocks)])


def page_blocks_and_features(
    html: str, lexicon: BoilerplateLexicon | None = None
) -> tuple[list[HtmlBlock], list[Line], FloatArray]:
    """Parse, cut into blocks and measure: what training needs from one page."""
    try:
        root = parse_html(html)
    except (ValueError, lxml.etree.ParserError):
        return [], [], np.zeros((0, 0), dtype=np.float64)
    blocks = html_blocks(root)
    lines = blocks_as_lines(blocks)
    return blocks, lines, block_features(blocks, lines, lexicon or load_lexicon())
