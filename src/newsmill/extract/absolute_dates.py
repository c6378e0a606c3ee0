"""Absolute calendar dates in page furniture (captions, bylines, datelines).

Only the forms that state a full date are read here ("2023.gada 28.septembrī",
"28.09.2023.", "September 4, 2025", "5 марта 2024", "2025-09-04"): they fix the article's
reference date. Relative and partial expressions belong to the language layer.
dateparser does not read the Latvian inflected forms, hence this small reader.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np

from newsmill.lang.lv.date_patterns import MONTH_STEMS

# Latvian month stems carry every case ending (septembris, septembrī, septembra): the
# language layer's table, one copy.
_LV_MONTHS = MONTH_STEMS
_EN_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Russian months in the genitive a full date takes ("5 марта 2024"), by stem.
_RU_MONTHS = {
    stem: number
    for number, stem in enumerate(
        (
            "январ",
            "феврал",
            "март",
            "апрел",
            "ма",
            "июн",
            "июл",
            "август",
            "сентябр",
            "октябр",
            "ноябр",
            "декабр",
        ),
        start=1,
    )
}
_RU_MONTH = "(" + "|".join(_RU_MONTHS) + ")(?:я|а)"
_LV_MONTH = (
    r"(janvār|februār|mart|aprīl|maij|jūnij|jūlij|august|septembr|oktobr|novembr|decembr)\w*"
)
_EN_MONTH = (
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"(?:uary|ruary|ch|il|e|y|ust|tember|t|ober|ember)?\.?"
)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b((?:19|20)\d{2})\.\s?gada\s+(\d{1,2})\.\s?" + _LV_MONTH, re.I), "lv_ydm"),
    (re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b"), "dmy"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b"), "mdy_slash"),
    (
        re.compile(
            r"\b" + _EN_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b", re.I
        ),
        "en_mdy",
    ),
    (
        re.compile(
            r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _EN_MONTH + r",?\s+((?:19|20)\d{2})\b", re.I
        ),
        "en_dmy",
    ),
    (re.compile(r"\b(\d{1,2})\s+" + _RU_MONTH + r"\s+((?:19|20)\d{2})\b", re.I), "ru_dmy"),
)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_YEAR = re.compile(r"(?:19|20)\d\d")


def years_in(texts: list[str]) -> list[bool]:
    """For each text, whether it states a year: the test every form needs, run as one
    scan of the joined texts instead of one search per text."""
    found = [False] * len(texts)
    if not texts:
        return found
    hits = [m.start() for m in _YEAR.finditer("\n".join(texts))]  # a year holds no newline
    if hits:
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        starts = np.cumsum(lengths + 1) - lengths - 1
        for i in np.searchsorted(starts, hits, side="right").tolist():
            found[i - 1] = True
    return found


def find_absolute_dates(text: str) -> list[tuple[int, int, date]]:
    """Full dates in ``text`` as ``(start, end, date)``, in order of position."""
    found: list[tuple[int, int, date]] = []
    if not _YEAR.search(text):  # every form states the year: most lines leave here
        return found
    taken: list[tuple[int, int]] = []
    for pattern, form in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _to_date(m, form)
            if value is not None:
                found.append((m.start(), m.end(), value))
                taken.append((m.start(), m.end()))
    found.sort()
    return found


def _to_date(m: re.Match[str], form: str) -> date | None:
    g = m.groups()
    if form == "lv_ydm":
        return _safe_date(int(g[0]), _LV_MONTHS[g[2].casefold()], int(g[1]))
    if form == "iso":
        return _safe_date(int(g[0]), int(g[1]), int(g[2]))
    if form == "dmy":
        return _safe_date(int(g[2]), int(g[1]), int(g[0]))
    if form == "mdy_slash":
        return _safe_date(int(g[2]), int(g[0]), int(g[1])) or _safe_date(
            int(g[2]), int(g[1]), int(g[0])
        )
    if form == "en_mdy":
        return _safe_date(int(g[2]), _EN_MONTHS[g[0].casefold()], int(g[1]))
    if form == "ru_dmy":
        return _safe_date(int(g[2]), _RU_MONTHS[g[1].casefold()], int(g[0]))
    return _safe_date(int(g[2]), _EN_MONTHS[g[1].casefold()], int(g[0]))
