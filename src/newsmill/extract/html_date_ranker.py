"""A learned choice of the page's publication day among every day the page offers.

A page states its days in many places (JSON-LD, meta tags, ``<time>``, the byline, the
text, the URL) and they disagree: templates stamp wrong meta dates, "Updated" dates sit
where the publication date was, teaser cards carry other pages' days. Hand rules for
which copy to trust each fixed as many pages as they broke, so each distinct day is
described by general features (which kinds of source state it, how many agree, whether
the page shows it, how far from the headline, whether it is the earliest or the latest,
what the rules would choose) and a logistic regression scores it; the best day wins.
The weights come from ``training/train_html_dates.py`` (wcxb-dev article pages) and are
applied with numpy alone.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

MODEL_FILE = "html-dates.json"

# Where a date was read; html_dates.date_candidates names each candidate's source so.
KINDS = (
    "ld_published",  # JSON-LD datePublished
    "ld_modified",
    "ld_created",
    "meta_published_main",  # article:published_time, og:published_time, datePublished
    "meta_published",  # the other well-known publication meta names
    "meta_modified",
    "meta_site_published",  # a site's own publication-like meta name
    "meta_site_modified",
    "meta_other",  # another date- or time-named meta
    "time_published",  # <time> in the article, cued as publication
    "time_modified",
    "time_plain",
    "time_outside",  # <time> in comments, teasers, page furniture or a card link
    "shown_near",  # written next to the headline
    "shown_update",  # next to the headline, labelled "Updated"
    "shown_far",
    "first_shown",  # the first date in the article's visible text
    "classed_body",  # in a date-, byline- or publish-classed element outside the article
    "microdata",  # itemprop datePublished / dateCreated
    "url",
)
_PUBLISHED_KINDS = frozenset(
    (
        "ld_published",
        "ld_created",
        "meta_published_main",
        "meta_published",
        "meta_site_published",
        "time_published",
        "microdata",
    )
)
_MODIFIED_KINDS = frozenset(
    ("ld_modified", "meta_modified", "meta_site_modified", "time_modified", "shown_update")
)
_VISIBLE_KINDS = frozenset(
    ("shown_near", "shown_update", "shown_far", "first_shown", "classed_body")
)
FEATURES = (
    *(f"n_{kind}" for kind in KINDS),
    "n_kinds",
    "n_sources",
    "n_days",
    "is_earliest",
    "is_latest",
    "rank",
    "log_days_after_earliest",
    "log_days_before_latest",
    "log_headline_distance",
    "shown_before_headline",
    "has_time",
    "rules_published",
    "rules_modified",
    "log_time_position",
    "share_of_sources",
    "other_day_visible",
    "adjacent_day",
    "utc_time",
    "offset_time",
    "published_kind",
    "modified_kind",
    "visible",
    "modified_shown_published_hidden",
    "some_published_visible",
    "published_hidden_other_shown",
)
_FAR = 10_000  # headline distance of a day not shown by the headline
_NO_TIME = 99  # <time> position of a day no <time> element states

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """One date a page states, where, and (for text and ``<time>``) where on the page."""

    kind: str  # one of KINDS
    value: str  # ISO 8601 day or date-time
    distance: int | None = None  # characters from the headline, negative before it
    position: int | None = None  # index among the page's <time> elements

    @property
    def day(self) -> str:
        return self.value[:10]


def _ordinal(day: str) -> int:
    return date(int(day[:4]), int(day[5:7]), int(day[8:10])).toordinal()


def day_features(
    candidates: Sequence[DateCandidate], published: str | None, modified: str | None
) -> tuple[list[str], FloatArray]:
    """The distinct days (sorted) and one feature row per day, in FEATURES order.

    ``published`` and ``modified`` are the hand rules' choice, itself evidence.
    """
    by_day: dict[str, list[DateCandidate]] = {}
    for candidate in candidates:
        by_day.setdefault(candidate.day, []).append(candidate)
    days = sorted(by_day)
    if not days:
        return days, np.zeros((0, len(FEATURES)), dtype=np.float64)
    ordinals = {day: _ordinal(day) for day in days}
    first, last = ordinals[days[0]], ordinals[days[-1]]
    kinds_of = {day: {c.kind for c in by_day[day]} for day in days}
    visible = {day: not kinds_of[day].isdisjoint(_VISIBLE_KINDS) for day in days}
    stated = {day: not kinds_of[day].isdisjoint(_PUBLISHED_KINDS) for day in days}
    published_visible = any(visible[day] and stated[day] for day in days)
    # Rows are built as tuples and converted once, the neighbours and other visible days
    # found by set and count instead of pairwise: the same values, a quarter cheaper.
    n_visible = sum(visible.values())
    ordinal_set = set(ordinals.values())
    rows: list[tuple[float, ...]] = []
    for i, day in enumerate(days):
        items = by_day[day]
        kinds = kinds_of[day]
        tally = Counter(c.kind for c in items)
        counts = [min(tally[kind], 3) for kind in KINDS]
        distances = [abs(c.distance) for c in items if c.distance is not None]
        positions = [c.position for c in items if c.position is not None]
        other_visible = n_visible - visible[day] > 0
        is_modified = not kinds.isdisjoint(_MODIFIED_KINDS)
        timed = [c.value for c in items if len(c.value) > 10]
        ordinal = ordinals[day]
        rows.append(
            (
                *counts,
                len(kinds),
                len(items),
                len(days),
                i == 0,
                i == len(days) - 1,
                i / (len(days) - 1) if len(days) > 1 else 0.5,
                math.log1p(ordinal - first),
                math.log1p(last - ordinal),
                math.log1p(min(distances) if distances else _FAR),
                any(c.distance is not None and c.distance < 0 for c in items),
                bool(timed),
                published is not None and published[:10] == day,
                modified is not None and modified[:10] == day,
                math.log1p(min(positions) if positions else _NO_TIME),
                len(items) / len(candidates),
                other_visible,
                ordinal - 1 in ordinal_set or ordinal + 1 in ordinal_set,
                any(v.endswith("+00:00") for v in timed),
                any(len(v) > 19 and not v.endswith("+00:00") for v in timed),
                stated[day],
                is_modified,
                visible[day],
                is_modified and visible[day] and not published_visible,
                published_visible,
                stated[day] and not visible[day] and other_visible,
            )
        )
    return days, np.array(rows, dtype=np.float64)


@dataclass(frozen=True)
class DateRanker:
    """A linear score per day (standardisation folded into the weights)."""

    weights: FloatArray
    bias: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateRanker:
        if list(data["features"]) != list(FEATURES):
            raise ValueError(f"{MODEL_FILE}: its features differ from this code's")
        return cls(np.asarray(data["weights"], dtype=np.float64), float(data["bias"]))

    def scores(self, rows: FloatArray) -> FloatArray:
        result: FloatArray = rows @ self.weights + self.bias
        return result

    def best_day(
        self, candidates: Sequence[DateCandidate], published: str | None, modified: str | None
    ) -> str | None:
        """The best-scored day; of equal scores, the earliest."""
        days, rows = day_features(candidates, published, modified)
        if not days:
            return None
        return days[int(np.argmax(self.scores(rows)))]


@cache
def default_ranker() -> DateRanker:
    text = (resources.files("newsmill") / "models" / MODEL_FILE).read_text(encoding="utf-8")
    return DateRanker.from_dict(json.loads(text))
