"""One regex match of `date_patterns` turned into a resolved piece (an atom) or rejected.

Hand-written rules, one function per pattern. An atom keeps the calendar parts it was built
from (year, month, day, whether the year was written) so `dates.py` can join atoms into
ranges (`no 1. līdz 3.oktobrim`) and date-times (`2.augustā, plkst.14.40`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsmill.lang.lv import date_patterns as P
from newsmill.lang.lv.date_calendar import (
    Direction,
    iso_month,
    past_decade,
    safe_date,
    shift_month,
    week_monday,
    weekday_date,
    year_for,
)

_DAY = datetime.timedelta(days=1)


@dataclass(slots=True)
class Atom:
    start: int
    end: int
    value: str
    date: datetime.date | None = None  # set when the atom names one day (times attach to it)
    times: tuple[tuple[int, int], ...] = ()  # clock times of a time atom
    month: int | None = None  # calendar parts, for ranges
    day: int | None = None
    year: int | None = None
    year_given: bool = True
    weekday: bool = False
    needs_date: bool = False  # a bare `20.00` is a time only right after a date


class Context:
    """What resolution needs besides the match: the reference date and the tense."""

    def __init__(self, ref: datetime.date | None, tense: Callable[[int, int], Direction]) -> None:
        self.ref = ref
        self._tense = tense

    def direction(self, start: int, end: int) -> Direction:
        return self._tense(start, end)


def _span(year: int, first: int, last: int) -> str:
    return f"{iso_month(year, first)}/{iso_month(year, last)}"


def _year_detail(year: int, m: re.Match[str]) -> str:
    """A year with its season or quarter (`1944. gada vasarā`), else the year itself."""
    groups = m.groupdict()
    season = groups.get("season")
    if season:
        for stem, (first, last) in P.SEASONS.items():
            if season.lower().startswith(stem[:5]):
                return _span(year, first, last)
    quarter = groups.get("q")
    if quarter:
        n = P.QUARTER_WORDS[quarter.lower()]
        if (groups.get("qu") or "").lower() == "pusgadā":
            return _span(year, 1, 6) if n == 1 else _span(year, 7, 12) if n == 2 else str(year)
        return _span(year, 3 * n - 2, 3 * n)
    return f"{year:04d}"


def _written_year(m: re.Match[str] | None, ref: datetime.date | None) -> tuple[int | None, bool]:
    """(year, written) from `2023.gada`, `šā gada`, `pērn`; (None, False) when absent."""
    if m is None:
        return None, False
    if m.group("y"):
        return int(m.group("y")), True
    if ref is None:
        return None, True
    word = m.group("yw")
    if word:
        return ref.year + P.YEAR_WORDS[word], True
    return ref.year + P.YEAR_ADVERBS[m.group("yadv")], True


def _month_alone_ok(low: str, start: int, ending: str) -> bool:
    """A lone month must be in the locative (`septembrī`), a `līdz` dative or a `kopš`
    genitive; otherwise it is too often a name (`Augusts`, `Marta`)."""
    before = low[max(0, start - 5) : start]
    if ending in ("ī", "ā"):
        return True
    if ending in ("im", "am"):
        return before.endswith("līdz ")
    return ending == "a" and before.endswith("kopš ")


def month(m: re.Match[str], ctx: Context) -> Atom | None:
    low, start = m.string, m.start()
    core, ending = m.group("core"), m.group("mend")
    if core in P.MONTH_STEMS:
        if ending == "." or (start and low[start - 1].isalnum()):
            return None  # `28.septembrī` is fine, `xseptembrī` is not
        number = P.MONTH_STEMS[core]
    elif ending == ".":
        number = P.MONTH_ABBREVIATIONS[core]
    else:
        return None  # `augs`, `decis`: an abbreviation needs its dot
    day_match = P.DAY_BEFORE.search(low, max(0, start - 4), start)
    day = int(day_match.group("d")) if day_match else None
    if day_match:
        start = day_match.start()
    year_match = P.YEAR_BEFORE.search(low, max(0, start - 24), start)
    year, written = _written_year(year_match, ctx.ref)
    if year_match:
        start = year_match.start()
    if written and year is None:
        return None  # `šā gada maijā` without a reference date
    lone = day is None and not written and not m.group("part")
    if lone and (ending == "." or not _month_alone_ok(low, m.start(), ending)):
        return None
    if year is None:
        if ctx.ref is None:
            return None
        before = low[max(0, start - 5) : start]
        tense: Direction = ctx.direction(start, m.end())
        if before.endswith("līdz ") and not P.FROM_NEAR.search(low, max(0, start - 45), start):
            # A deadline looks ahead whatever the verb (`pagarināja līdz 1. jūlijam`); in
            # `no 29. jūnija līdz 6. jūlijam` the `līdz` only closes a range.
            tense = "future" if tense != "past" else None
        elif before.endswith("kopš "):
            tense = "past"
        year = year_for(number, day, ctx.ref, tense)
        if year is None:
            return None
    if day is None:
        return Atom(
            start, m.end(), iso_month(year, number), month=number, year=year, year_given=written
        )
    date = safe_date(year, number, day)
    if date is None:
        return None
    return Atom(
        start,
        m.end(),
        date.isoformat(),
        date=date,
        month=number,
        day=day,
        year=year,
        year_given=written,
    )


def numeric(m: re.Match[str], ctx: Context) -> Atom | None:
    if P.glued(m.string, m.start()):
        return None
    text = m.group().rstrip(".")
    if "-" in text:
        y, mo, d = (int(x) for x in text.split("-"))
    else:
        d, mo, y = (int(x) for x in text.split("."))
    date = safe_date(y, mo, d) if 1000 <= y < 3000 else None
    if date is None:
        return None
    return Atom(m.start(), m.end(), date.isoformat(), date=date, month=mo, day=d, year=y)


def year(m: re.Match[str], ctx: Context) -> Atom | None:
    if P.glued(m.string, m.start()):
        return None
    digits = m.group().split(".", 1)[0]
    plural = m.group("gpl") or ""
    decade_form = plural in ("gados", "gadi") or (plural == "gadu" and bool(m.group("part")))
    if len(digits) == 2:
        if not decade_form or not digits.endswith("0") or ctx.ref is None:
            return None
        first = past_decade(int(digits), ctx.ref, century_back=False)
        return Atom(m.start(), m.end(), f"{first}/{first + 9}")
    if len(digits) != 4 or digits[0] not in "12":
        return None
    value = int(digits)
    if decade_form and value % 10 == 0:
        return Atom(m.start(), m.end(), f"{value}/{value + 9}")
    return Atom(m.start(), m.end(), _year_detail(value, m), year=value)


def year_word(m: re.Match[str], ctx: Context) -> Atom | None:
    if ctx.ref is None or P.glued(m.string, m.start()):
        return None
    value = ctx.ref.year + P.YEAR_WORDS[m.group("yw")]
    return Atom(m.start(), m.end(), _year_detail(value, m), year=value)


def decade_word(m: re.Match[str], ctx: Context) -> Atom | None:
    if ctx.ref is None or P.glued(m.string, m.start()):
        return None
    low, start = m.string, m.start()
    century = P.CENTURY_BEFORE.search(low, max(0, start - 20), start)
    first = past_decade(P.DECADE_WORDS[m.group("dw")], ctx.ref, century_back=bool(century))
    return Atom(century.start() if century else start, m.end(), f"{first}/{first + 9}")


_LAST = ("pagāj", "aizvad", "iepriekš")
_NEXT = ("nākam", "nākoš")


def _offset(modifier: str) -> int:
    low = modifier.lower()
    return -1 if low.startswith(_LAST) else 1 if low.startswith(_NEXT) else 0


def weekday(m: re.Match[str], ctx: Context) -> Atom | None:
    low, start = m.string, m.start()
    ending = m.group("end") or ""
    if ctx.ref is None or ending == "a" or P.glued(low, start):
        return None  # `piektdiena` names the day, not a date
    before = P.WEEKDAY_BEFORE.search(low, max(0, start - 24), start)
    mod = before.group("mod") if before else None
    if before and before.group("pre"):
        return None  # `katru otrdienu` repeats
    if ending == "as" and not (mod or m.group("tod")):
        return None  # `sestdienas` alone is mostly plural (`sestdienās un svētdienās`)
    wd = P.WEEKDAY_STEMS[m.group("wd")]
    if mod:
        date = week_monday(ctx.ref, _offset(mod)) + wd * _DAY
        start = before.start("mod") if before else start
    else:
        date = weekday_date(wd, ctx.ref, ctx.direction(start, m.end()))
    return Atom(start, m.end(), date.isoformat(), date=date, weekday=True)


_WORD_DAYS = {
    "šodien": 0,
    "šorīt": 0,
    "šovakar": 0,
    "šonakt": 0,
    "vakar": -1,
    "aizvakar": -2,
    "rīt": 1,
    "parīt": 2,
}
_WORD_YEARS = {"šogad": 0, "pērn": -1, "aizpērn": -2, "nākamgad": 1}
_WORD_WEEKS = {"šonedēļ": 0, "pagājušonedēļ": -1, "nākamnedēļ": 1}
_WORD_SEASONS = {"šovasar": (6, 8), "šoruden": (9, 11), "šopavasar": (3, 5)}


def _week(ref: datetime.date, weeks: int, weekend: bool) -> str:
    monday = week_monday(ref, weeks)
    first = monday + 5 * _DAY if weekend else monday
    return f"{first.isoformat()}/{(monday + 6 * _DAY).isoformat()}"


def relative(m: re.Match[str], ctx: Context) -> Atom | None:
    ref = ctx.ref
    if ref is None:
        return None
    if P.glued(m.string, m.start()):
        return None
    head, unit = m.group("head"), m.group("unit") or ""
    word = head if head in _WORD_DAYS or head in _WORD_YEARS or head in _WORD_WEEKS else ""
    word = word or (head if head in _WORD_SEASONS or head == "šomēnes" else "")
    if not word and not unit:
        return None
    weekend = (m.group("part") or "") == "nogalē"
    if word in _WORD_DAYS:
        date = ref + _WORD_DAYS[word] * _DAY
        return Atom(m.start(), m.end("head"), date.isoformat(), date=date, weekday=True)
    if word in _WORD_YEARS:
        return Atom(m.start(), m.end("head"), f"{ref.year + _WORD_YEARS[word]:04d}")
    if word in _WORD_WEEKS:
        end = m.end() if weekend and not unit else m.end("head")
        return Atom(m.start(), end, _week(ref, _WORD_WEEKS[word], weekend))
    if word in _WORD_SEASONS:
        return Atom(m.start(), m.end("head"), _span(ref.year, *_WORD_SEASONS[word]))
    if word == "šomēnes":
        return Atom(m.start(), m.end("head"), iso_month(ref.year, ref.month))
    mod = head
    offset = _offset(mod)
    if unit.startswith("nedēļ"):
        return Atom(m.start(), m.end(), _week(ref, offset, weekend))
    if unit.startswith("mēne"):
        return Atom(m.start(), m.end(), iso_month(*shift_month(ref, offset)))
    if mod == "šo" and unit == "gadu":
        return None  # `šo gadu laikā`: genitive plural, "during these years"
    return Atom(m.start(), m.end(), f"{ref.year + offset:04d}")


def offset(m: re.Match[str], ctx: Context) -> Atom | None:
    ref = ctx.ref
    if ref is None:
        return None
    if P.glued(m.string, m.start()):
        return None
    back = m.group("dir") == "pirms"
    if not back and ctx.direction(m.start(), m.end()) != "future":
        return None  # `pēc 20 gadiem uzcēla`: counted from a told event, not from today
    n = P.number_value(m.group("n")) * (-1 if back else 1)
    unit = m.group("unit")
    if unit.startswith("dien") or unit.startswith("nedēļ"):
        date = ref + n * (7 if unit.startswith("nedēļ") else 1) * _DAY
        return Atom(m.start(), m.end(), date.isoformat(), date=date)
    if unit.startswith("mēne"):
        return Atom(m.start(), m.end(), iso_month(*shift_month(ref, n)))
    return Atom(m.start(), m.end(), f"{ref.year + n:04d}")
