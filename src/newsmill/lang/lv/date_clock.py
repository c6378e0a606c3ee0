"""Clock times (`plkst. 14.00`, `12:35`, `no 9.00 līdz 12.30`) as atoms.

Hand-written rules like the rest of the date layer. A lone time takes the reference date
here; `dates.py` moves it to a date said earlier in its sentence. A bare dotted `20.00` is
kept only when it follows a date (`6.jūlijā 20.00`), since alone it is as likely a number.
"""

from __future__ import annotations

import datetime
import re

from newsmill.lang.lv import date_patterns as P
from newsmill.lang.lv.date_atoms import Atom, Context


def _clock(hour: str, minute: str | None) -> tuple[int, int] | None:
    h, mi = int(hour), int(minute or 0)
    return (h, mi) if h < 24 else None


def _at(date: datetime.date, times: tuple[tuple[int, int], ...]) -> str:
    return "/".join(f"{date.isoformat()}T{h:02d}:{mi:02d}" for h, mi in times)


def time(m: re.Match[str], ctx: Context) -> Atom | None:
    low, start = m.string, m.start()
    if P.glued(low, start) or P.HABIT_BEFORE.search(low, max(0, start - 30), start):
        return None  # `katru trešdienu, plkst. 19.15` repeats
    clock = _clock(m.group("h"), m.group("mi"))
    if clock is None:
        return None
    value = _at(ctx.ref, (clock,)) if ctx.ref else ""
    return Atom(start, m.end(), value, times=(clock,))


def bare_time(m: re.Match[str], ctx: Context) -> Atom | None:
    if P.glued(m.string, m.start()):
        return None
    clock = _clock(m.group("h"), m.group("mi"))
    if clock is None:
        return None
    return Atom(m.start(), m.end(), "", times=(clock,), needs_date=True)


def time_range(m: re.Match[str], ctx: Context) -> Atom | None:
    if P.glued(m.string, m.start()):
        return None
    if not (m.group("l1") or m.group("l2") or (m.group("m1") and m.group("m2"))):
        return None  # `no 6 līdz 9 mēnešiem` is no clock time
    one, two = _clock(m.group("h1"), m.group("m1")), _clock(m.group("h2"), m.group("m2"))
    if one is None or two is None:
        return None
    value = _at(ctx.ref, (one, two)) if ctx.ref else ""
    return Atom(m.start(), m.end(), value, times=(one, two))


def attach_times(date: datetime.date, times: tuple[tuple[int, int], ...]) -> str:
    """The date-time value of clock times said on a known day."""
    return _at(date, times)
