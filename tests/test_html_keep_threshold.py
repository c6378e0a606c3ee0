"""The page's keep threshold: the metric's trade of recall against precision, per page."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.extract.html import HtmlExtractor
from newsmill.extract.html_features import (
    declares_article,
    page_blocks_and_features,
    parse_html,
    rows_declare_article,
)
from newsmill.extract.keep_threshold import (
    RECALL_WEIGHT,
    block_sizes,
    keep_threshold,
    page_threshold,
)
from newsmill.record import Source

SOURCE = Source(uri="<test>", kind="html")


def test_block_sizes_count_word_four_grams_at_least_one() -> None:
    sizes = block_sizes(["one two three four five", "", "short text", " ".join(["w"] * 40)])
    assert sizes.tolist() == [2.0, 1.0, 1.0, 37.0]


def test_a_page_short_of_its_expected_article_keeps_its_doubtful_halves() -> None:
    # One sure-ish block and two long doubtful ones that hold most of the expected article:
    # at 0.5 the page keeps a fifth of it, so the doubtful blocks are worth their risk.
    probs = [0.6, 0.45, 0.45, 0.1]
    sizes = np.array([50.0, 100.0, 100.0, 10.0])
    threshold = keep_threshold(probs, sizes)
    kept = [p >= threshold for p in probs]
    assert kept == [True, True, True, False]
    expected = (0.6 * 50 + 0.45 * 200) / 250
    expected /= 1 + RECALL_WEIGHT * 250 / (0.6 * 50 + 0.45 * 200 + 0.1 * 10)
    assert threshold == pytest.approx(expected)


def test_a_page_sure_of_a_long_article_drops_a_borderline_block() -> None:
    probs = [0.99] * 10 + [0.51]
    sizes = np.array([100.0] * 10 + [10.0])
    threshold = keep_threshold(probs, sizes)
    assert 0.51 < threshold < 0.53


def test_a_page_with_nothing_above_the_start_keeps_the_start() -> None:
    assert keep_threshold([0.1, 0.3], np.array([5.0, 5.0])) == 0.5
    assert keep_threshold([], np.zeros(0)) == 0.5
    assert keep_threshold([0.0, 0.0], np.array([5.0, 5.0])) == 0.5


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 1), st.integers(1, 500)),
        min_size=1,
        max_size=60,
    )
)
def test_the_likeliest_block_always_passes_when_one_passes_the_start(
    rows: list[tuple[float, int]],
) -> None:
    probs = np.array([p for p, _ in rows])
    sizes = np.array([float(n) for _, n in rows])
    threshold = keep_threshold(probs, sizes)
    assert 0 < threshold <= 1
    if (probs >= 0.5).any():
        assert probs.max() >= threshold
    else:
        assert threshold == 0.5


FORUM_POST = (
    "I replaced the pump on my boiler last winter and the pressure still drops overnight, "
    "so I would like to hear what else could leak in a sealed system like this one."
)
REPLY = (
    "Check the expansion vessel first: when its air charge is gone the relief valve opens "
    "as the water heats, and the pressure falls again once the system cools down."
)


def _page(declared: bool) -> str:
    head = '<meta property="og:type" content="article">' if declared else ""
    return (
        f"<html><head>{head}</head><body><h1>Boiler pressure drops</h1>"
        f"<div class='post'><p>{FORUM_POST}</p></div>"
        f"<div class='reply'><p>{REPLY}</p></div>"
        "<div class='foot'><p>Terms of use</p></div></body></html>"
    )


class _Beliefs:
    """The block model replaced by fixed beliefs: headline sure, the post fairly sure, the
    reply doubtful, the footer not article."""

    def probability(self, features: np.ndarray) -> np.ndarray:
        return np.array([0.9, 0.6, 0.45, 0.05][: features.shape[0]])


def test_the_declared_flag_is_read_from_the_rows_the_model_sees() -> None:
    for declared in (True, False):
        page = _page(declared)
        _, _, rows = page_blocks_and_features(page)
        assert rows_declare_article(rows) is declares_article(parse_html(page)) is declared
    assert not rows_declare_article(np.zeros((0, 0)))


def test_an_undeclared_page_keeps_a_doubtful_block_its_article_needs() -> None:
    # Undeclared: at 0.5 the page keeps under half of what it expects to be article, so
    # the threshold falls (about 0.2) and the reply stays. Declared: 0.5 holds.
    extractor = HtmlExtractor()
    extractor.trees = _Beliefs()  # type: ignore[assignment]
    texts = {}
    for declared in (True, False):
        found = extractor.extract_with_decisions(_page(declared), SOURCE).decisions
        assert [d.block.text for d in found] == [
            "Boiler pressure drops",
            FORUM_POST,
            REPLY,
            "Terms of use",
        ]
        texts[declared] = extractor.extract(_page(declared), SOURCE).paragraphs
    assert texts[True] == (FORUM_POST,)
    assert texts[False] == (FORUM_POST, REPLY)
    assert page_threshold([0.9, 0.45], ["a b c d e", "f g h i j"], True) == 0.5
