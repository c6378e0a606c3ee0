"""Captions go to the article's images, not its text, even when the model keeps them:
a ``<figcaption>`` and a caption-classed block inside a ``<figure>``; a caption-classed
paragraph outside any figure stays a paragraph; a caption that ends with its photo
credit is one wherever it stands."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill import extract_text
from newsmill.extract.html import PARAGRAPH, _drop_figure_captions, _kind_of_dropped
from newsmill.extract.html_blocks import HtmlBlock, html_blocks
from newsmill.extract.page_furniture import credited_caption


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


CREDITED_CAPTIONS = [
    (
        "China has warned it will take control of Hong Kong (Image: GETTY )",
        ("China has warned it will take control of Hong Kong", "GETTY"),
    ),
    (
        "Vicente Aguiar loads trims into his truck in Hialeah, Fla. (AP Photo/Alan Diaz)",
        ("Vicente Aguiar loads trims into his truck in Hialeah, Fla.", "AP Photo/Alan Diaz"),
    ),
    (
        "A portrait of Queen Elizabeth II in 2004 (Picture credit: Getty)",
        ("A portrait of Queen Elizabeth II in 2004", "Getty"),
    ),
    (
        "Protesters fill the street (Photo by Jane Doe/Getty Images)",
        ("Protesters fill the street", "Jane Doe/Getty Images"),
    ),
    (
        "The Hoka Speedgoat 7. Photo: iRunFar/Eszter Horanyi",
        ("The Hoka Speedgoat 7.", "iRunFar/Eszter Horanyi"),
    ),
    ("Ministru prezidents runā Saeimā. Foto: LETA", ("Ministru prezidents runā Saeimā.", "LETA")),
    ("Ministrs runā. Foto: LETA/A. Lapiņš", ("Ministrs runā.", "LETA/A. Lapiņš")),
    ("The senator speaks. Photo: J. Doe", ("The senator speaks.", "J. Doe")),
    (
        "The arch at dusk. Photo: St. Louis Post-Dispatch",
        ("The arch at dusk.", "St. Louis Post-Dispatch"),
    ),
    (
        "Sunset over the bay (Photo courtesy of the Smith family)",
        ("Sunset over the bay", "the Smith family"),
    ),
    ("Protesters fill the square (Image: getty )", ("Protesters fill the square", "getty")),
]
NOT_CAPTIONS = [
    "Pack a wallet (credit/debit cards, cash, etc.)",
    "The figures come from a survey (Source: Eurostat, 2024)",
    "He took a photo: it was blurry, and he threw the camera away.",
    "The table shows the results (see photo: below)",
    # Found by a review: a hyphenated word after a label, a sentence after one.
    "Household borrowing climbed in March. (Credit-card balances alone rose by $12 billion.)",
    "We met at the lake (photo-op)",
    "Applicants need two documents. Photos: two recent ones, 35 by 45 millimetres",
    "Die Zeugen meldeten sich am Montag. Bild: Die Polizei sucht weitere Zeugen",
    # Prose that ends with a credit is still prose when it is long.
    " ".join(["The council met again on Friday to discuss the bridge."] * 12) + " (Image: Getty)",
]


@pytest.mark.parametrize(("text", "expected"), CREDITED_CAPTIONS)
def test_a_caption_ending_with_its_credit_is_read_as_one(
    text: str, expected: tuple[str, str]
) -> None:
    assert credited_caption(text) == expected


@pytest.mark.parametrize("text", NOT_CAPTIONS)
def test_prose_with_brackets_or_the_word_photo_is_no_caption(text: str) -> None:
    assert credited_caption(text) is None


def test_a_credited_caption_the_model_keeps_goes_to_the_images_once() -> None:
    caption = CREDITED_CAPTIONS[0][0]
    story = (
        "The protests began in June and have grown every week since, with hundreds of "
        "thousands of people marching through the city centre on Sunday afternoon."
    )
    page = (
        f"<html><body><article><h1>Protests grow</h1><p>{story}</p><p>{caption}</p>"
        f"<p>{story.replace('June', 'July')}</p><p>{caption}</p></article></body></html>"
    )
    article = extract_text(page, analyse=False)
    assert caption not in article.paragraphs
    assert [(i.caption, i.credit) for i in article.images] == [CREDITED_CAPTIONS[0][1]]
    assert caption in [b.text for b in article.boilerplate]  # nothing vanishes


_CAPTION_PIECES = st.sampled_from(
    [
        "(",
        ")",
        ":",
        " - ",
        "-",
        ". ",
        " ",
        "   ",
        "Photo",
        "photos",
        "Image",
        "Credit",
        "by",
        "courtesy of",
        "AP Photo/",
        "Getty Images",
        "Jane Doe",
        "Foto: LETA",
        "Ā",
        "\u00ad",
        "1:23",
        "the",
        "x",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CAPTION_PIECES, max_size=40).map("".join))
def test_credited_captions_of_hostile_text_are_parts_of_it(text: str) -> None:
    found = credited_caption(text)
    if found is not None:
        caption, credit = found
        assert credit and credit in text
        assert text.startswith(caption)
