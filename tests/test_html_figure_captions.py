"""Captions go to the article's images, not its text, even when the model keeps them:
a ``<figcaption>`` and a caption-classed block inside a ``<figure>``; a caption-classed
paragraph outside any figure stays a paragraph."""

from __future__ import annotations

import lxml.html

from newsmill.extract.html import PARAGRAPH, _drop_figure_captions, _kind_of_dropped
from newsmill.extract.html_blocks import HtmlBlock, html_blocks


def blocks_of(body: str) -> list[HtmlBlock]:
    return html_blocks(lxml.html.document_fromstring(f"<html><body>{body}</body></html>"))


def after_rule(body: str) -> list[tuple[str, str]]:
    blocks = blocks_of(body)
    kinds = [PARAGRAPH] * len(blocks)
    _drop_figure_captions(blocks, kinds)
    return [(b.text, k or _kind_of_dropped(b)) for b, k in zip(blocks, kinds, strict=True)]


def test_figure_captions_leave_the_text() -> None:
    body = (
        "<p>The river rose two metres overnight and flooded the old town square.</p>"
        '<figure><img src="a.jpg"><figcaption>Volunteers fill sandbags by the bridge on '
        "Tuesday evening as the water keeps rising.</figcaption></figure>"
        '<figure><img src="b.jpg"><div class="wp-caption-text">The square at dawn, '
        "under half a metre of water.</div></figure>"
    )
    assert after_rule(body) == [
        ("The river rose two metres overnight and flooded the old town square.", PARAGRAPH),
        (
            "Volunteers fill sandbags by the bridge on Tuesday evening as the water keeps rising.",
            "caption",
        ),
        ("The square at dawn, under half a metre of water.", "caption"),
    ]


def test_prose_in_a_figure_and_captions_outside_figures_stay() -> None:
    body = (
        "<figure><blockquote><p>We will rebuild the bridge before winter.</p>"
        "</blockquote></figure>"
        '<p class="caption-like-intro">The town council met again on Friday.</p>'
    )
    assert [kind for _, kind in after_rule(body)] == [PARAGRAPH, PARAGRAPH]
