"""A block that is nothing but an image or video file's address is not article text,
while a sentence that names a file, or a link to a document, stays."""

from __future__ import annotations

import lxml.html

from newsmill.extract.html import PARAGRAPH, _drop_media_addresses
from newsmill.extract.html_blocks import HtmlBlock, html_blocks


def blocks_of(body: str) -> list[HtmlBlock]:
    return html_blocks(lxml.html.document_fromstring(f"<html><body>{body}</body></html>"))


def kept_after_rule(body: str) -> list[str]:
    blocks = blocks_of(body)
    kinds = [PARAGRAPH] * len(blocks)
    _drop_media_addresses(blocks, kinds)
    return [b.text for b, k in zip(blocks, kinds, strict=True) if k == PARAGRAPH]


def test_image_and_video_addresses_are_dropped() -> None:
    body = (
        "<p>The mayor opened the new library on Monday.</p>"
        "<p>https://cdn.example.com/2024/05/library-opening.JPG?w=640&amp;q=80</p>"
        "<div>//img.example.com/photos/reading-room.webp</div>"
        "<p>https://media.example.com/clips/ribbon-cutting.mp4</p>"
    )
    assert kept_after_rule(body) == ["The mayor opened the new library on Monday."]


def test_sentences_and_document_links_stay() -> None:
    body = (
        "<p>Save the chart as chart.png before you print it.</p>"
        "<p>https://example.org/reports/annual-report-2024.pdf</p>"
        "<p>https://example.org/library/opening-hours</p>"
    )
    assert len(kept_after_rule(body)) == 3
