"""The end of a declared article at the element that holds its sure text."""

from __future__ import annotations

import json

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill import extract_text
from newsmill.extract.article_container import (
    SURE_PROBABILITY,
    article_path,
    drop_after_container,
)
from newsmill.extract.html import PARAGRAPH
from newsmill.extract.html_blocks import HtmlBlock, html_blocks

STORY = [
    "The city council voted on Tuesday to rebuild the old river bridge, ending a debate "
    "that has run for more than three years and split the town's two largest parties.",
    "Work is due to start in the spring once the contracts are signed, the mayor told "
    "reporters after the vote, and the bridge should reopen to traffic within two years.",
    "Engineers found last winter that the bridge's steel supports had rusted badly, and "
    "lorries over seven tonnes have been barred from crossing it since February.",
    "Opponents of the plan argued that a new bridge further downstream would cost less to "
    "build and would take heavy traffic out of the old town centre altogether.",
    "The council's finance committee will meet next week to decide how the work is paid "
    "for, and a public hearing on the design is planned for the autumn.",
]
TEASERS = [
    "Harbour ferry returns after a two-year pause",
    "The ferry across the harbour carried its first passengers on Monday since the pier "
    "was closed for repairs in the summer of last year.",
    "School board weighs a longer day for pupils",
    "Parents packed the hall on Thursday evening as the board heard plans to add an hour "
    "of lessons to every day from next September.",
    "Farmers warn of a poor harvest after dry spring",
    "Growers across the county say the driest spring in decades has cut the yield of "
    "wheat and barley by as much as a third this year.",
]
STANDFIRST = "A vote ends three years of argument over the town's oldest crossing."


def _cards() -> str:
    pairs = zip(TEASERS[::2], TEASERS[1::2], strict=True)
    return "".join(
        f'<div class="item"><h3><a href="/news/{i}">{head}</a></h3><p>{deck}</p></div>'
        for i, (head, deck) in enumerate(pairs)
    )


BODY = (
    f"<main><p>{STANDFIRST}</p><article><h1>Bridge</h1>"
    + "".join(f"<p>{p}</p>" for p in STORY)
    + f"</article><section>{_cards()}</section></main>"
)


def blocks_of(body: str) -> list[HtmlBlock]:
    return html_blocks(lxml.html.document_fromstring(f"<html><body>{body}</body></html>"))


def kept_after_rule(blocks: list[HtmlBlock], probs: list[float]) -> list[str]:
    kinds = [PARAGRAPH] * len(blocks)
    drop_after_container(blocks, kinds, probs, PARAGRAPH)
    return [b.text for b, k in zip(blocks, kinds, strict=True) if k == PARAGRAPH]


def beliefs(blocks: list[HtmlBlock], sure: float = 0.95, doubt: float = 0.6) -> list[float]:
    return [sure if b.text in STORY else doubt for b in blocks]


def test_the_article_element_is_the_deepest_holding_the_sure_text() -> None:
    blocks = blocks_of(BODY)
    sure = [i for i, b in enumerate(blocks) if b.text in STORY]
    path = article_path(blocks, sure)
    story_paths = {blocks[i].path[: len(path)] for i in sure}
    assert story_paths == {path}
    # The <article>, not <main>: the teasers' blocks share <main> but not the element.
    assert all(b.path[: len(path)] != path for b in blocks if b.text in TEASERS)


def test_doubtful_prose_after_the_article_element_leaves_it() -> None:
    blocks = blocks_of(BODY)
    kept = kept_after_rule(blocks, beliefs(blocks))
    assert [t for t in kept if t in TEASERS] == []
    # Text before the article's element (a standfirst) is not after its end.
    assert kept == [STANDFIRST, "Bridge", *STORY]


def test_blocks_the_model_is_sure_of_stay_outside_the_element() -> None:
    # Sure teasers end the sure text themselves: nothing after them is dropped.
    blocks = blocks_of(BODY)
    probs = beliefs(blocks, doubt=SURE_PROBABILITY)
    assert set(TEASERS) <= set(kept_after_rule(blocks, probs))


def test_too_little_sure_text_names_no_element() -> None:
    body = f"<article><p>{STORY[0]}</p></article><section>{_cards()}</section>"
    blocks = blocks_of(body)
    assert len(STORY[0]) < 400
    assert kept_after_rule(blocks, beliefs(blocks)) == [b.text for b in blocks]


def test_without_sure_text_nothing_changes() -> None:
    blocks = blocks_of(BODY)
    probs = [SURE_PROBABILITY - 0.01] * len(blocks)
    assert kept_after_rule(blocks, probs) == [b.text for b in blocks]


def test_one_long_paragraph_is_not_the_articles_element() -> None:
    # The model is sure of the long opening paragraph only; the short ones after it, in
    # the same body element, are the article's too.
    short = ["The vote passed 14 to 9, council records show.", "Work starts in April."]
    body = (
        f'<article><div class="article-body"><p>{" ".join(STORY)}</p>'
        + "".join(f"<div>{t}</div>" for t in short)
        + "</div></article>"
    )
    blocks = blocks_of(body)
    probs = [0.9 if b.text.startswith(STORY[0][:20]) else 0.6 for b in blocks]
    assert kept_after_rule(blocks, probs) == [b.text for b in blocks]


def test_a_body_cut_in_two_around_an_ad_stays_whole() -> None:
    first, second = STORY[:3], STORY[3:]
    body = (
        '<article><div class="article-body">'
        + "".join(f"<p>{p}</p>" for p in first)
        + '</div><div class="ad-slot"><span>Advertisement</span></div>'
        + '<div class="article-body">'
        + "".join(f"<p>{p}</p>" for p in second)
        + "</div></article>"
    )
    blocks = blocks_of(body)
    probs = [0.95 if b.text in first else 0.6 for b in blocks]
    assert set(second) <= set(kept_after_rule(blocks, probs))


def _page(declared: bool, body: str = BODY) -> str:
    head = (
        '<meta property="og:type" content="article"><script type="application/ld+json">'
        + json.dumps({"@type": "NewsArticle", "headline": "Bridge"})
        + "</script>"
        if declared
        else ""
    )
    return f"<html><head>{head}</head><body>{body}</body></html>"


# Teaser cards the model alone keeps in part (their first headline and deck).
NEWS_PAGE_BODY = (
    "<main><article><h1>Council votes to rebuild river bridge</h1>"
    + "".join(f"<p>{p}</p>" for p in STORY)
    + f'</article><section class="x">{_cards()}</section></main>'
)


def test_a_declared_pages_teasers_go_to_boilerplate_in_the_record() -> None:
    article = extract_text(_page(declared=True, body=NEWS_PAGE_BODY), analyse=False)
    assert set(STORY) <= set(article.paragraphs)
    assert not set(TEASERS) & set(article.paragraphs)
    dropped = {b.text for b in article.boilerplate}
    assert set(TEASERS) <= dropped  # nothing vanishes


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_rule_only_drops_kept_blocks_after_the_sure_text_outside_the_element(
    data: st.DataObject,
) -> None:
    blocks = blocks_of(BODY + NEWS_PAGE_BODY)
    probs = data.draw(st.lists(st.floats(0.0, 1.0), min_size=len(blocks), max_size=len(blocks)))
    kept = data.draw(st.lists(st.booleans(), min_size=len(blocks), max_size=len(blocks)))
    kinds = [PARAGRAPH if k else "" for k in kept]
    before = list(kinds)
    drop_after_container(blocks, kinds, probs, PARAGRAPH)
    sure = [i for i, k in enumerate(before) if k == PARAGRAPH and probs[i] >= SURE_PROBABILITY]
    path = article_path(blocks, sure)
    for i, (old, new) in enumerate(zip(before, kinds, strict=True)):
        if old != new:  # only kept blocks, after the sure text, outside the element
            assert (old, new) == (PARAGRAPH, "")
            assert path and i > sure[-1]
            assert blocks[i].path[: len(path)] != path
