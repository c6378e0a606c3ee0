"""A comment thread under an article: its list items go when the article stands outside
it, and stay on a forum page, where the posts are the text."""

from __future__ import annotations

import lxml.html

from newsmill.extract.html import COMMENT_ITEMS_BODY_CHARS, PARAGRAPH, _drop_comment_items
from newsmill.extract.html_blocks import HtmlBlock, html_blocks

PROSE = (
    "The council approved the new river bridge on Tuesday after a long debate about "
    "its cost, and work is due to start in the spring once the contracts are signed."
)
THREAD = (
    '<ol class="comment-list">'
    '<li class="comment"><p>I think the bridge is a fine idea, but who pays for it?</p></li>'
    '<li class="comment"><p>The town has needed a second crossing for twenty years.</p></li>'
    "</ol>"
)


def blocks_of(body: str) -> list[HtmlBlock]:
    return html_blocks(lxml.html.document_fromstring(f"<html><body>{body}</body></html>"))


def kept_after_rule(blocks: list[HtmlBlock]) -> list[str]:
    kinds = [PARAGRAPH] * len(blocks)
    _drop_comment_items(blocks, kinds)
    return [b.text for b, k in zip(blocks, kinds, strict=True) if k == PARAGRAPH]


def test_comment_items_under_an_article_are_dropped() -> None:
    article = "".join(f"<p>{PROSE}</p>" for _ in range(4))
    assert 4 * len(PROSE) >= COMMENT_ITEMS_BODY_CHARS
    kept = kept_after_rule(blocks_of(f"<article>{article}</article>{THREAD}"))
    assert kept == [PROSE] * 4


def test_a_comment_classed_block_outside_a_list_stays() -> None:
    article = "".join(f"<p>{PROSE}</p>" for _ in range(4))
    note = '<div class="comment-policy"><p>Comments are moderated.</p></div>'
    kept = kept_after_rule(blocks_of(f"<article>{article}</article>{note}"))
    assert kept[-1] == "Comments are moderated."


def test_a_forum_thread_with_little_text_outside_keeps_its_posts() -> None:
    blocks = blocks_of(f"<h1>Second bridge?</h1>{THREAD}")
    assert len(kept_after_rule(blocks)) == 3
