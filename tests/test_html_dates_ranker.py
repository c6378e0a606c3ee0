"""The publication-day ranker: its features, its shipped model and how pages use it."""

from __future__ import annotations

import json
from importlib import resources

import lxml.html
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.extract.absolute_dates import MONTH_FIRST
from newsmill.extract.html_date_ranker import (
    FEATURES,
    KINDS,
    MODEL_FILE,
    DateCandidate,
    DateRanker,
    day_features,
    default_ranker,
)
from newsmill.extract.html_dates import _first_shown_date, dates_in_text
from newsmill.extract.html_metadata import PageMetadata, read_page_metadata


def snippet(html: str, url: str | None = None) -> PageMetadata:
    return read_page_metadata(lxml.html.document_fromstring(html), url)


def column(rows: np.ndarray, name: str) -> list[float]:
    return [float(v) for v in rows[:, FEATURES.index(name)]]


def test_one_row_per_distinct_day_sorted_with_its_sources_counted() -> None:
    candidates = [
        DateCandidate("ld_published", "2024-03-05T09:00:00+00:00"),
        DateCandidate("meta_published_main", "2024-03-05T09:00:00+00:00"),
        DateCandidate("ld_modified", "2025-01-10T12:00:00+02:00"),
        DateCandidate("shown_update", "2025-01-10", distance=12),
    ]
    days, rows = day_features(candidates, "2024-03-05T09:00:00+00:00", "2025-01-10")
    assert days == ["2024-03-05", "2025-01-10"]
    assert rows.shape == (2, len(FEATURES))
    assert column(rows, "n_ld_published") == [1, 0]
    assert column(rows, "n_sources") == [2, 2]
    assert column(rows, "is_earliest") == [1, 0]
    assert column(rows, "rules_published") == [1, 0]
    assert column(rows, "rules_modified") == [0, 1]
    assert column(rows, "utc_time") == [1, 0]
    assert column(rows, "offset_time") == [0, 1]
    # The update is the only day the page shows; its publication day is hidden.
    assert column(rows, "modified_shown_published_hidden") == [0, 1]
    assert column(rows, "published_hidden_other_shown") == [1, 0]


def test_no_candidates_give_no_day() -> None:
    days, rows = day_features([], None, None)
    assert days == [] and rows.shape == (0, len(FEATURES))
    assert default_ranker().best_day([], None, None) is None


def test_the_shipped_model_is_small_and_matches_the_features() -> None:
    text = (resources.files("newsmill") / "models" / MODEL_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["features"] == list(FEATURES)
    assert len(data["weights"]) == len(FEATURES)
    assert all(f"n_{kind}" in FEATURES for kind in KINDS)
    assert len(text) < 10_000
    ranker = default_ranker()
    assert np.all(np.isfinite(ranker.weights))


def test_a_model_for_other_features_is_refused() -> None:
    with pytest.raises(ValueError, match="features differ"):
        DateRanker.from_dict({"features": ["n_url"], "weights": [1.0], "bias": 0.0})


def test_equal_scores_give_the_earliest_day() -> None:
    ranker = DateRanker(np.zeros(len(FEATURES)), 0.0)
    candidates = [DateCandidate("url", "2021-05-03"), DateCandidate("url", "2020-01-01")]
    assert ranker.best_day(candidates, None, None) == "2020-01-01"


def test_agreeing_sources_keep_the_meta_time() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2023-06-01T09:00:00Z">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Dam",'
        ' "datePublished": "2023-06-01T09:00:00Z"}</script>'
        "</head><body><h1>Dam repairs finished early</h1><p>June 1, 2023</p></body></html>"
    )
    meta = snippet(html)
    assert (meta.published, meta.date_source) == ("2023-06-01T09:00:00+00:00", "meta")


def test_a_modification_before_the_publication_is_dropped() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2023-06-01T09:00:00Z">'
        '<meta property="article:modified_time" content="2019-01-01T00:00:00Z">'
        "</head><body><h1>Dam repairs finished early</h1><p>June 1, 2023</p></body></html>"
    )
    meta = snippet(html)
    assert meta.published is not None and meta.published.startswith("2023-06-01")
    assert meta.modified is None


def test_a_later_modification_is_kept() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2023-06-01T09:00:00Z">'
        '<meta property="article:modified_time" content="2023-06-02T10:00:00Z">'
        "</head><body><h1>Dam repairs finished early</h1><p>June 1, 2023</p></body></html>"
    )
    meta = snippet(html)
    assert (meta.published, meta.modified) == (
        "2023-06-01T09:00:00+00:00",
        "2023-06-02T10:00:00+00:00",
    )


def _full_scan_first_date(html: str) -> str | None:
    """What the early-stopping read must equal: a date search over all of its text."""
    root = lxml.html.fromstring(html)
    pieces = [" ".join(t.split()) for t in root.itertext() if t and not t.isspace()]
    text, size = [], 0
    for piece in pieces:
        text.append(piece)
        size += len(piece) + 1
        if size > 6000:
            break
    found = dates_in_text(" ".join(text))
    return found[0][2] if found else None


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=0, max_value=140),
    st.integers(min_value=5, max_value=80),
    st.sampled_from(["September 28, 2023", "2023-09-28", "28.09.2023.", "2023.gada 28.septembrī"]),
)
def test_the_early_stopping_text_read_finds_what_the_full_read_finds(
    before: int, width: int, written: str
) -> None:
    filler = "word " * width
    paragraphs = [f"<p>{filler}</p>"] * before + [f"<p>{written}</p>"] + ["<p>1 May 2020</p>"]
    html = f"<div>{''.join(paragraphs)}</div>"
    assert _first_shown_date(lxml.html.fromstring(html), MONTH_FIRST) == _full_scan_first_date(html)


def test_adjacent_days_other_visible_days_and_capped_counts() -> None:
    candidates = [
        DateCandidate("ld_published", "2024-03-05T09:00:00+00:00"),
        DateCandidate("shown_near", "2024-03-06", distance=5),
        *(DateCandidate("time_plain", "2024-03-10", position=p) for p in range(4)),
    ]
    days, rows = day_features(candidates, None, None)
    assert days == ["2024-03-05", "2024-03-06", "2024-03-10"]
    assert column(rows, "adjacent_day") == [1, 1, 0]
    assert column(rows, "other_day_visible") == [1, 0, 1]
    assert column(rows, "n_time_plain") == [0, 0, 3]
    assert column(rows, "n_sources") == [1, 1, 4]
