"""Doubtful lines in a block that holds an ad or widget phrase are not article text."""

from __future__ import annotations

from newsmill.extract.flat import AD_BLOCK_MIN_PROBABILITY, PARAGRAPH, _doubt_ad_blocks
from newsmill.extract.lines import split_lines

PAGE = """Headline of the story

Reklāma
Kokteilis
Optiskās ilūzijas tests: ko tu ieraudzīji pirmo?
Lasīt citas ziņas

The story goes on here, in a paragraph of its own, as stories do.
"""


def test_doubtful_lines_in_an_ad_block_lose_their_paragraph_kind() -> None:
    lines = split_lines(PAGE)
    lexicon_kinds: list[str | None] = [None, "ad", None, None, "widget", None]
    kinds = ["", "ad", PARAGRAPH, PARAGRAPH, "widget", PARAGRAPH]
    probs = [0.1, 0.2, AD_BLOCK_MIN_PROBABILITY - 0.1, AD_BLOCK_MIN_PROBABILITY + 0.1, 0.3, 0.4]
    _doubt_ad_blocks(lines, kinds, probs, lexicon_kinds)
    # The doubtful line of the ad block is undecided; a confident one stays; a doubtful
    # line in another block is left to the threshold.
    assert kinds == ["", "ad", "", PARAGRAPH, "widget", PARAGRAPH]


def test_blocks_without_ad_or_widget_phrases_are_left_alone() -> None:
    lines = split_lines(PAGE)
    lexicon_kinds: list[str | None] = [None, "navigation", None, None, None, None]
    kinds = ["", "navigation", PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH]
    probs = [0.1, 0.2, 0.36, 0.4, 0.37, 0.9]
    _doubt_ad_blocks(lines, kinds, probs, lexicon_kinds)
    assert kinds == ["", "navigation", PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH]
