"""Absolute calendar dates in page furniture (captions, bylines, datelines).

Only the forms that state a full date are read here ("2023.gada 28.septembrī",
"28.09.2023.", "September 4, 2025", "5 марта 2024", "2025-09-04", "15. Dezember 2025",
"04-ago-2021", "2025 m. gruodžio 15 d."): they fix the article's reference date. Relative
and partial expressions belong to the language layer. dateparser does not read the
Latvian inflected forms and costs milliseconds a call, hence this small reader; its
month tables cover the languages of the Baltic and of Western Europe's large sites.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import NamedTuple

import numpy as np

from newsmill.lang.lv.date_patterns import MONTH_ABBREVIATIONS, MONTH_STEMS

# Latvian month stems carry every case ending (septembris, septembrī, septembra), short
# forms their dot ("15. dec."): the language layer's tables, one copy.
_LV_MONTHS = MONTH_STEMS | MONTH_ABBREVIATIONS
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
# and the short forms a date takes with a dot ("15 дек. 2025 г."), by stem too.
_RU_SHORT = {"янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8}
_RU_SHORT |= {"сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12}
_RU_MONTH = (
    "(?:("
    + "|".join(_RU_MONTHS)
    + ")(?:я|а)|("
    + "|".join(sorted(_RU_SHORT, key=len, reverse=True))
    + r")\.)"
)
# Day-first months of German, French, Spanish, Portuguese, Italian, Polish (genitive)
# and Estonian, with their usual short forms; where two languages share a short form it
# names the same month. English names have their own forms above. Short forms that are
# words between a number and a year elsewhere are left out: Italian "gen" ("5th Gen,
# 2022"), Polish "sie" (German "Sie"); Portuguese and Italian "set" and "out" count only
# with their dot ("15 de set. de 2025").
_EUROPEAN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "januar jänner jän janvier janv enero ene janeiro gennaio stycznia sty jaanuar jaan",
            "februar feber février févr fév fevr febrero fevereiro fev febbraio lutego lut"
            " veebruar veebr",
            "märz mär mars marzo março marca märts",
            "avril avr abril abr aprile kwietnia kwi aprill",
            "mai mayo maio maggio mag maja",
            "juni juin junio junho giugno giu czerwca cze juuni",
            "juli juillet juill juil julio julho luglio lug lipca lip juuli",
            "août aout agosto ago sierpnia",
            "septembre septiembre setiembre setembro settembre sept września wrz",
            "oktober okt octobre octubre outubro ottobre ott października paź oktoober",
            "novembre noviembre novembro listopada lis",
            "dezember dez décembre déc diciembre dic dezembro dicembre grudnia gru detsember dets",
        ),
        start=1,
    )
    for name in names.split()
}
# Estonian bylines put the month in the adessive ("15. detsembril 2025"); "mail" (May)
# is left out, an English word.
_EUROPEAN_MONTHS |= dict(
    zip(
        "jaanuaril veebruaril märtsil aprillil juunil juulil augustil septembril oktoobril "
        "novembril detsembril".split(),
        (1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12),
        strict=True,
    )
)
# With their dot only (_DAY_FIRST_MONTH).
_SHORT_WORDS = {"set": 9, "out": 10}
# Lithuanian writes the year first and the month in the genitive ("2025 m. gruodžio 15 d.").
_LT_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo "
            "spalio lapkričio gruodžio"
        ).split(),
        start=1,
    )
}
_LV_MONTH = (
    "(?:("
    + "|".join(MONTH_STEMS)
    + r")\w*|("
    + "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
    + r")\.)"
)
# The real words only: stems and endings combined freely made "Mary", "Jane" and "Jule"
# months ("the Queen Mary 2, 2024 world voyage").
_EN_MONTH_WORD = (
    "(?:january|february|march|april|may|june|july|august|september|october|november"
    "|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_EN_MONTH = "(" + _EN_MONTH_WORD + r")\.?"
# A day-first month name of any of these languages, English first; the other names
# longest first, so "septembre" is not read as "sept".
_DAY_FIRST_MONTH = (
    "("
    + "|".join((_EN_MONTH_WORD, *sorted(_EUROPEAN_MONTHS, key=len, reverse=True)))
    + r"|set(?=\.)|out(?=\.))\.?"
)

# Each form with a string it cannot match without (None: no such test), so a text
# that lacks it is spared the form's scan.
_PATTERNS: tuple[tuple[re.Pattern[str], str, str | None], ...] = (
    (
        re.compile(r"\b((?:19|20)\d{2})\.\s?gada\s+(\d{1,2})\.\s?" + _LV_MONTH, re.I),
        "lv_ydm",
        None,
    ),
    # "28. septembrī, 2023", "Ceturtdiena, 28. septembris 2023", "15. dec. 2025"
    (
        re.compile(r"(?<!\w)(\d{1,2})\.\s?" + _LV_MONTH + r",?\s+((?:19|20)\d{2})\b", re.I),
        "lv_dmy",
        None,
    ),
    (re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b"), "iso", "-"),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b"), "dmy", "."),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b"), "mdy_slash", "/"),
    (
        re.compile(
            r"\b" + _EN_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b", re.I
        ),
        "en_mdy",
        None,
    ),
    # "4 September 2025", "15. Dezember 2025", "1er mars 2024", "15 de diciembre de 2025",
    # "04-ago-2021": one scan for every language that puts the day first.
    (
        re.compile(
            r"(?<!\w)(?<![^\W\d_]-)(\d{1,2})(?:st|nd|rd|th|er|\.|º|°)?(?:\s+|-)(?:de\s+)?"
            + _DAY_FIRST_MONTH
            + r"(?:\s+del?|,)?(?:\s+|-)((?:19|20)\d{2})\b",
            re.I,
        ),
        "dmy_words",
        None,
    ),
    (re.compile(r"\b(\d{1,2})\s+" + _RU_MONTH + r"\s+((?:19|20)\d{2})\b", re.I), "ru_dmy", None),
    (
        re.compile(
            r"\b((?:19|20)\d{2})\s*m\.\s*("
            + "|".join(_LT_MONTHS)
            + r")\s+(?:mėn\.\s*)?(\d{1,2})\s*d\b",
            re.I,
        ),
        "lt_ymd",
        "m.",
    ),
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


# Words that take a number as a name takes it ("Windows 10", "iPhone 15", "Chapter 11",
# "Top 25"; not "no", as in Portuguese "no 5 de maio"): a day-first date right after one
# is that number and a month and year ("the Windows 10 May 2020 Update").
_NUMBER_NAMES = frozenset(
    """windows iphone ipad galaxy pixel ios android macos xbox ps playstation switch version
    model max pro ultra plus mini series apollo artemis mission covid chapter issue volume
    vol part episode season round top nr number ligue kapitel teil seite page""".split()
)


def _after_number_name(text: str, start: int) -> bool:
    before = text[max(0, start - 24) : start].split()
    return bool(before) and before[-1].strip("-–.,:;(").casefold() in _NUMBER_NAMES


class SlashOrder(NamedTuple):
    """How to read a slashed day both orders allow ("05/12/2025"): as the day the page's
    machine-written dates (``known``) confirm, else day first where the page's language
    writes it so (5 December), else month first (12 May). A reading only one order allows
    ("15/12/2025") is taken either way."""

    day_first: bool = False
    known: frozenset[date] = frozenset()


MONTH_FIRST = SlashOrder()


def find_absolute_dates(text: str, order: SlashOrder = MONTH_FIRST) -> list[tuple[int, int, date]]:
    """Full dates in ``text`` as ``(start, end, date)``, in order of position; slashed
    days read by ``order``."""
    found: list[tuple[int, int, date]] = []
    if not _YEAR.search(text):  # every form states the year: most lines leave here
        return found
    # Spans already read, sorted and disjoint: a text listing thousands of dates (an
    # archive page's one block) costs a search per match, not a pass over all before it.
    starts: list[int] = []
    ends: list[int] = []
    for pattern, form, needle in _PATTERNS:
        if needle is not None and needle not in text:
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if form == "dmy_words" and _after_number_name(text, start):
                continue
            at = bisect.bisect_right(starts, start)
            if (at and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
                continue
            value = _to_date(m, form, order)
            if value is not None:
                found.append((start, end, value))
                starts.insert(at, start)
                ends.insert(at, end)
    found.sort()
    return found


def _to_date(m: re.Match[str], form: str, order: SlashOrder) -> date | None:
    g = m.groups()
    if form == "lv_ydm":
        return _safe_date(int(g[0]), _LV_MONTHS[(g[2] or g[3]).casefold()], int(g[1]))
    if form == "lv_dmy":
        return _safe_date(int(g[3]), _LV_MONTHS[(g[1] or g[2]).casefold()], int(g[0]))
    if form == "iso":
        return _safe_date(int(g[0]), int(g[1]), int(g[2]))
    if form == "dmy":
        return _safe_date(int(g[2]), int(g[1]), int(g[0]))
    if form == "mdy_slash":
        month_first = _safe_date(int(g[2]), int(g[0]), int(g[1]))
        day_first = _safe_date(int(g[2]), int(g[1]), int(g[0]))
        if month_first is None or day_first is None:
            return month_first or day_first
        if (month_first in order.known) != (day_first in order.known):
            return month_first if month_first in order.known else day_first
        return day_first if order.day_first else month_first
    if form == "en_mdy":
        return _safe_date(int(g[2]), _EN_MONTHS[g[0].casefold()[:3]], int(g[1]))
    if form == "ru_dmy":
        month = _RU_MONTHS[g[1].casefold()] if g[1] else _RU_SHORT[g[2].casefold()]
        return _safe_date(int(g[3]), month, int(g[0]))
    if form == "dmy_words":
        return _safe_date(int(g[2]), _month_number(g[1]), int(g[0]))
    if form == "lt_ymd":
        return _safe_date(int(g[0]), _LT_MONTHS[g[1].casefold()], int(g[2]))
    raise ValueError(form)


def _month_number(word: str) -> int:
    """A day-first month name's number: a European name as written, else English by
    its first three letters."""
    folded = word.casefold()
    return _EUROPEAN_MONTHS.get(folded) or _EN_MONTHS.get(folded[:3]) or _SHORT_WORDS[folded]
