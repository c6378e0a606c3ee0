"""Calendar arithmetic for Latvian date expressions: which year, which weekday, which week.

Kept apart from the patterns so the rules a reader checks against a calendar (the nearest
year in the direction of the tense, the most recent Thursday) live in one small place.
"""

from __future__ import annotations

import datetime
from typing import Literal

Direction = Literal["past", "future"] | None


def safe_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None when it does not exist (31 September, 29 February off leap years)."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def year_for(month: int, day: int | None, ref: datetime.date, direction: Direction) -> int | None:
    """The year of a year-less `28. septembrī` / `septembrī` nearest `ref` along the tense.

    Past: the latest one on or before ref (a month counts when it has begun); future: the
    earliest on or after ref (a month counts until it has ended); otherwise the nearest.
    """
    best: tuple[int, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        if day is None:
            first, last = datetime.date(year, month, 1), _month_end(year, month)
        else:
            one = safe_date(year, month, day)
            if one is None:
                continue
            first = last = one
        if (direction == "past" and first > ref) or (direction == "future" and last < ref):
            continue
        distance = (
            0 if first <= ref <= last else min(abs((first - ref).days), abs((last - ref).days))
        )
        if best is None or distance < best[0]:
            best = (distance, year)
    return None if best is None else best[1]


def weekday_date(weekday: int, ref: datetime.date, direction: Direction) -> datetime.date:
    """A plain weekday (`ceturtdien`): the most recent on or before ref in a past sentence,
    the next on or after ref in a future one, else the nearest of the two."""
    back = ref - datetime.timedelta(days=(ref.weekday() - weekday) % 7)
    ahead = ref + datetime.timedelta(days=(weekday - ref.weekday()) % 7)
    if direction == "past":
        return back
    if direction == "future":
        return ahead
    return back if (ref - back) <= (ahead - ref) else ahead


def week_monday(ref: datetime.date, weeks: int) -> datetime.date:
    """Monday of the calendar week `weeks` away from ref's week (-1 last week, 1 next)."""
    return ref - datetime.timedelta(days=ref.weekday()) + datetime.timedelta(weeks=weeks)


def shift_month(ref: datetime.date, months: int) -> tuple[int, int]:
    """(year, month) `months` months away from ref's month."""
    index = ref.year * 12 + ref.month - 1 + months
    return index // 12, index % 12 + 1


def past_decade(decade: int, ref: datetime.date, century_back: bool) -> int:
    """The start year of `deviņdesmitie gadi` / `90. gadi`: `pagājušā gadsimta` names the
    previous century; without it the latest such decade that is over before ref's year."""
    century = ref.year // 100 * 100
    if century_back:
        return century - 100 + decade
    return century + decade if century + decade + 9 < ref.year else century - 100 + decade


def iso_day(day: datetime.date) -> str:
    return day.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"
