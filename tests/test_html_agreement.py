"""Resiliparse's main-content verdict as block features, and its guards on bad pages."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill import extract_text
from newsmill.extract.html_blocks import html_blocks, walk_blocks
from newsmill.extract.html_features import (
    AGREEMENT_NAMES,
    MAIN_TEXT_MAX_DEPTH,
    agreement_features,
    main_content_text,
    parse_html,
)

STORY = (
    "The council voted on Tuesday to close the old bridge to lorries from next spring. "
    "Engineers found cracks in two of its piers during the summer inspection, and the "
    "repairs will take most of a year, the council's transport officer told the meeting."
)
PAGE = f"""<html><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Old bridge to close to lorries</h1><p>{STORY}</p>
<p>Residents asked for a footbridge while the work goes on; the council will answer
in March after a study of the costs and of the river traffic.</p></article>
<footer><p>Copyright 2026 The Gazette. All rights reserved.</p></footer>
</body></html>"""


def _features(page: str) -> tuple[list[str], list[list[float]]]:
    root = parse_html(page)
    blocks, depth = walk_blocks(root)
    values = agreement_features(blocks, main_content_text(page, depth))
    assert values.shape == (len(blocks), len(AGREEMENT_NAMES))
    return [b.text for b in blocks], values.tolist()


def test_the_article_blocks_are_found_in_the_main_text_and_the_menu_is_not() -> None:
    texts, values = _features(PAGE)
    story = values[texts.index(STORY)]
    assert story[0] == 1.0 and story[1] == 1.0 and story[2] == 1.0
    home = values[texts.index("Home")]
    assert home[0] == 0.0 and home[2] == 0.0  # before the stretch Resiliparse kept
    assert 0.0 < story[3] < 1.0  # it kept part of the page, not all of it


class _Block:
    def __init__(self, text: str) -> None:
        self.text = text


def test_a_block_split_differently_is_matched_by_its_word_trigrams() -> None:
    main = "One two three four five; six seven eight"
    blocks = [_Block("one two three four, nine ten"), _Block("eleven twelve thirteen")]
    values = agreement_features(blocks, main)  # type: ignore[arg-type]
    assert values[0, 0] == 0.0  # not there as a whole
    assert values[0, 1] == 0.5  # "one two three" and "two three four" of four trigrams
    assert values[1, 1] == 0.0
    assert values[:, 2].tolist() == [1.0, 0.0]


def test_a_short_block_counts_only_as_a_whole() -> None:
    main = "Read the whole story. More from the author: two books."
    blocks = [_Block("Read more"), _Block("two books"), _Block("Story"), _Block("—")]
    values = agreement_features(blocks, main)  # type: ignore[arg-type]
    # Both words of "Read more" are there, but not side by side.
    assert values[:, 0].tolist() == [0.0, 1.0, 1.0, 0.0]
    assert values[:, 1].tolist() == [0.0, 1.0, 1.0, 0.0]  # no word at all: nothing found


def test_punctuation_and_spacing_do_not_break_a_match() -> None:
    main = "He said:  “We will build it” ,and left."
    values = agreement_features(  # type: ignore[arg-type]
        [_Block("He said: “We will build it”, and left.")], main
    )
    assert values[0, :2].tolist() == [1.0, 1.0]


def test_without_a_main_text_the_block_columns_say_so() -> None:
    root = parse_html(PAGE)
    blocks = html_blocks(root)
    values = agreement_features(blocks, None)
    assert (values[:, :3] == -1.0).all() and (values[:, 3] == 0.0).all()


def test_a_deeply_nested_page_skips_resiliparse_and_still_extracts_fast() -> None:
    # Resiliparse takes seconds on thousands of nested elements; lxml stops at 255 levels.
    depth = 50_000
    page = "<html><body>" + "<div>" * depth + STORY + "</div>" * depth + "</body></html>"
    assert walk_blocks(parse_html(page))[1] >= MAIN_TEXT_MAX_DEPTH
    assert main_content_text(page, walk_blocks(parse_html(page))[1]) is None
    start = time.process_time()
    extract_text(page, analyse=False)
    assert time.process_time() - start < 5.0
    shallow = "<div>" * (MAIN_TEXT_MAX_DEPTH - 10)
    page = f"<html><body>{shallow}<p>{STORY}</p></body></html>"
    depth = walk_blocks(parse_html(page))[1]
    assert depth < MAIN_TEXT_MAX_DEPTH
    assert main_content_text(page, depth) is not None


def test_broken_markup_and_odd_characters_never_raise() -> None:
    for page in (
        "<p>\ud800 a lone surrogate</p>",
        "<" * 5000,
        "<table>" * 2000 + "x",
        "\x00\x01<p>",
    ):
        text = main_content_text(page, 3)
        assert text is None or isinstance(text, str)


_WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(
        st.lists(_WORDS, min_size=1, max_size=8).map(" ".join).filter(str.strip),
        min_size=1,
        max_size=12,
    ),
    extra=st.text(max_size=80),
    kept_share=st.floats(0.0, 1.0),
)
def test_agreement_holds_its_ranges_on_any_text(
    texts: list[str], extra: str, kept_share: float
) -> None:
    blocks = [_Block(" ".join(t.split())) for t in texts]
    kept = [b.text for b in blocks[: round(len(blocks) * kept_share)]]
    values = agreement_features(blocks, "\n".join([*kept, extra]))  # type: ignore[arg-type]
    assert values.shape == (len(blocks), len(AGREEMENT_NAMES))
    if (values[:, :3] == -1.0).all():  # Resiliparse kept no word at all
        return
    assert set(values[:, 0].tolist()) <= {0.0, 1.0}
    assert set(values[:, 2].tolist()) <= {0.0, 1.0}
    assert ((values[:, 1] >= 0.0) & (values[:, 1] <= 1.0)).all()
    assert (values[values[:, 0] == 1.0, 1] == 1.0).all()
    for i, text in enumerate(kept):
        if re.search(r"\w", text):  # a block kept whole is found whole
            assert values[i, 0] == 1.0, (text, values[i])
