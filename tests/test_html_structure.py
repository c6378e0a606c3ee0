"""Page structure around HTML blocks: cards, the main element, sections, page type."""

from __future__ import annotations

import numpy as np

from newsmill import extract_text
from newsmill.extract.html_blocks import html_blocks
from newsmill.extract.html_features import (
    AGREEMENT_NAMES,
    STRUCTURE_NAMES,
    declares_article,
    page_blocks_and_features,
    parse_html,
)

PROSE = (
    "The council voted on Tuesday to extend the river crossing, which residents have "
    "asked for since the old bridge closed in the spring of last year."
)
CARD = (
    '<div class="card"><h3><a href="/x{i}">Teaser headline number {i}</a></h3>'
    "<p>A short summary of another story that the site would like you to read next.</p></div>"
)
PAGE = (
    '<html><head><meta property="og:type" content="article"></head><body>'
    "<nav><p>Menu summary of a story that reads like prose in the menu bar today.</p></nav>"
    '<article><h1>Bridge</h1><div class="body">' + f"<p>{PROSE}</p>" * 6 + "</div></article>"
    '<div class="related">' + "".join(CARD.format(i=i) for i in range(5)) + "</div>"
    '<ul class="comments">'
    + "<li class='comment'><p>I think the council is wrong about this one, again.</p></li>" * 8
    + "</ul></body></html>"
)


def _column(name: str) -> int:
    """The structure columns come last but for Resiliparse's agreement columns."""
    return -len(STRUCTURE_NAMES) - len(AGREEMENT_NAMES) + STRUCTURE_NAMES.index(name)


def test_blocks_know_their_path_and_alike_siblings() -> None:
    blocks = html_blocks(parse_html(PAGE))
    teasers = [b for b in blocks if b.text.startswith("Teaser")]
    assert len(teasers) == 5
    assert all(b.repeats and len(b.repeats) == len(b.path) for b in blocks)
    assert all(max(b.repeats[:-1]) >= 5 for b in teasers)  # the div.card above the h3


def test_cards_main_element_and_sections() -> None:
    blocks, _, x = page_blocks_and_features(PAGE)
    texts = [b.text for b in blocks]
    body = [i for i, t in enumerate(texts) if t == PROSE]
    teasers = [i for i, t in enumerate(texts) if t.startswith(("Teaser", "A short summary"))]
    assert np.all(x[body, _column("in_main")] == 1)
    assert np.all(x[body, _column("card_repeats")] == 0)
    assert np.all(x[teasers, _column("in_main")] == 0)
    assert np.all(x[teasers, _column("card_repeats")] > 0)
    assert np.all(x[teasers, _column("blocks_after_main")] > 0)
    menu = texts.index("Menu summary of a story that reads like prose in the menu bar today.")
    assert x[menu, _column("blocks_before_main")] > 0
    assert np.all(x[:, _column("page_declares_article")] == 1)


def test_a_page_says_it_is_an_article() -> None:
    assert declares_article(parse_html(PAGE))
    ld = '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
    assert declares_article(parse_html(f"<html><head>{ld}</head><body><p>x</p></body></html>"))
    assert not declares_article(parse_html("<html><body><p>Forum post</p></body></html>"))


def test_nothing_vanishes() -> None:
    """Every block ends in the article, the title or the boilerplate with its kind."""
    blocks = html_blocks(parse_html(PAGE))
    article = extract_text(PAGE, analyse=False)
    kept = len(article.paragraphs) + len(article.boilerplate)
    assert kept in (len(blocks), len(blocks) - 1)  # less the headline when it is found


def test_content_after_the_closing_html_tag_joins_the_body_in_order() -> None:
    # libxml2 makes it a second top-level <html> that a walk from the root never sees.
    root = parse_html(
        "<html><head><title>T</title></head><body><p>Before the stray end.</p></body></html>"
        "<div class='story'><p>The article after it.</p></div><!-- note --><p>Last words.</p>"
    )
    assert root.getnext() is None
    assert [b.text for b in html_blocks(root)] == [
        "Before the stray end.",
        "The article after it.",
        "Last words.",
    ]
    assert root.find("head/title") is not None  # the head is untouched
    assert [e.tag for e in root.iter("html", "body")] == ["html", "body"]
