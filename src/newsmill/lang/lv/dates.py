"""Latvian date and time expressions, found in text and resolved to ISO calendar values.

Hand-written rules, deliberately: no Latvian data gives calendar values to learn from, the
grammar of dates is small and closed, and dictionary-based parsers miss the inflected forms
news uses (`2023.gada 28.septembrī`, `ceturtdien`, `kopš 2019.gada`, `pirms divām
nedēļām`). The patterns (`date_patterns`) each scan the whole text once; matches become
atoms (`date_atoms`), the longest non-overlapping ones are kept, and neighbours are joined
into ranges and date-times here. Relative expressions need a reference date (the article's);
without one only absolute dates are returned. The tense of the sentence (`date_tense`)
decides the year of `septembrī` and the day of `otrdien`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsmill.lang.lv import date_atoms as A
from newsmill.lang.lv import date_clock as C
from newsmill.lang.lv import date_patterns as P
from newsmill.lang.lv.date_atoms import Atom, Context
from newsmill.lang.lv.date_calendar import Direction, safe_date
from newsmill.lang.lv.date_clock import attach_times
from newsmill.lang.lv.date_tense import TaggedTense, TextTense
from newsmill.lang.tokens import Sentence


@dataclass(frozen=True, slots=True)
class DateFound:
    """One expression: its text, ISO value and character offsets into the analysed text."""

    text: str
    value: str
    start: int
    end: int


_Handler = Callable[[re.Match[str], Context], Atom | None]
# Each pattern with the strings one of which every match of it contains: a text without any
# of them is not scanned for it (most paragraphs have no clock time, weekday or decade).
_HANDLERS: tuple[tuple[re.Pattern[str], _Handler, tuple[str, ...]], ...] = (
    (P.MONTH, A.month, ()),
    (P.NUMERIC, A.numeric, ()),
    (P.YEAR, A.year, ("gad", "g.")),
    (P.YEAR_WORD, A.year_word, ("gada", "g.")),
    (P.DECADE_WORD, A.decade_word, ("desmit",)),
    (P.WEEKDAY, A.weekday, ("dien",)),
    (P.RELATIVE, A.relative, ()),
    (P.OFFSET, A.offset, ()),
    (P.TIME, C.time, ()),
    (P.COLON_TIME, C.time, (":",)),
    (P.TIME_RANGE, C.time_range, ()),
    (P.BARE_TIME, C.bare_time, ()),
)


class LatvianDateResolver:
    """Finds Latvian date expressions and resolves them against one reference date."""

    def __init__(self, reference: datetime.date | None) -> None:
        if isinstance(reference, datetime.datetime):
            reference = reference.date()
        self.reference = reference

    def find(self, text: str, sentences: Sequence[Sentence] | None = None) -> list[DateFound]:
        if not text:
            return []
        low = _lower(text)
        tense = _LazyTense(text, sentences)
        ctx = Context(self.reference, tense.direction)
        atoms: list[Atom] = []
        for pattern, handler, needs in _HANDLERS:
            if needs and not any(part in low for part in needs):
                continue
            for match in pattern.finditer(low):
                atom = handler(match, ctx)
                if atom is not None:
                    atoms.append(atom)
        merged = _merge(_longest(atoms), text, low)
        return [DateFound(text[a.start : a.end], a.value, a.start, a.end) for a in merged]


def _lower(text: str) -> str:
    """The text lower-cased with every offset kept (a few letters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class _LazyTense:
    """Builds the tense index only when an expression needs it (most years do not)."""

    def __init__(self, text: str, sentences: Sequence[Sentence] | None) -> None:
        self._text = text
        self._sentences = sentences
        self._oracle: TextTense | TaggedTense | None = None

    def direction(self, start: int, end: int) -> Direction:
        if self._oracle is None:
            self._oracle = (
                TaggedTense(self._sentences) if self._sentences else TextTense(self._text)
            )
        return self._oracle.direction(start, end)


def _longest(atoms: list[Atom]) -> list[Atom]:
    """Non-overlapping atoms, the longer winning; earlier patterns win ties."""
    atoms.sort(key=lambda a: (a.start, a.start - a.end))
    kept: list[Atom] = []
    for atom in atoms:
        if kept and atom.start < kept[-1].end:
            continue
        kept.append(atom)
    return kept


def _is_calendar(atom: Atom) -> bool:
    return atom.year is not None and not atom.times


def _range(first: Atom, last: Atom, start: int) -> Atom | None:
    """`no A līdz B`: A takes the month and year it leaves out from B."""
    if first.month is None or last.month is None or last.year is None:
        if first.month is None and last.month is None and first.day is None:
            return Atom(start, last.end, f"{first.value}/{last.value}")
        return None
    if first.year_given or first.year is None:
        year = first.year or last.year
    else:
        later = (first.month, first.day or 1) > (last.month, last.day or 1)
        year = last.year - 1 if later else last.year
    if first.day is None:
        begin = f"{year:04d}-{first.month:02d}"
    else:
        date = safe_date(year, first.month, first.day)
        if date is None:
            return None
        begin = date.isoformat()
    return Atom(start, last.end, f"{begin}/{last.value}")


def _day_range(last: Atom, low: str) -> Atom | None:
    """`no 1. līdz 3.oktobrim`, `15.-19.oktobrim`: a bare day before a full date."""
    if last.day is None or last.month is None or last.year is None:
        return None
    found = P.RANGE_START.search(low, max(0, last.start - 40), last.start)
    if found is None or (found.group("link").startswith("līdz") and not found.group("no")):
        return None
    day = int(found.group("d"))
    first = safe_date(last.year, last.month, day)
    if first is None or day >= last.day:
        return None
    return Atom(found.start(), last.end, f"{first.isoformat()}/{last.value}")


def _on_sentence_date(atom: Atom, out: list[Atom], text: str) -> Atom:
    """A clock time alone takes the date said earlier in its sentence, else the reference."""
    for prev in reversed(out):
        if P.SENTENCE_BREAK.search(text, max(0, prev.end - 1), atom.start):
            break
        if prev.date is not None:
            return Atom(atom.start, atom.end, attach_times(prev.date, atom.times))
    return atom


def _merge(atoms: list[Atom], text: str, low: str) -> list[Atom]:
    """Joins neighbours: ranges, a weekday with its date, a date with its clock time."""
    out: list[Atom] = []
    for atom in atoms:
        prev = out[-1] if out else None
        gap = low[prev.end : atom.start] if prev else ""
        if atom.times:
            if prev and prev.date and P.JOIN.fullmatch(gap):
                out[-1] = Atom(
                    prev.start, atom.end, attach_times(prev.date, atom.times), date=prev.date
                )
            elif not atom.needs_date:
                placed = _on_sentence_date(atom, out, text)
                if placed.value:  # without a reference date a lone time has no day
                    out.append(placed)
            continue
        if prev and prev.weekday and atom.date and not atom.weekday and P.JOIN.fullmatch(gap):
            out[-1] = Atom(
                prev.start,
                atom.end,
                atom.value,
                date=atom.date,
                month=atom.month,
                day=atom.day,
                year=atom.year,
                year_given=atom.year_given,
            )
            continue
        link = P.RANGE_LINK.fullmatch(gap) if prev else None
        if prev and link and _is_calendar(prev) and _is_calendar(atom):
            opener = P.FROM_WORD.search(low, max(0, prev.start - 10), prev.start)
            if opener or "līdz" not in link.group():
                joined = _range(prev, atom, opener.start() if opener else prev.start)
                if joined is not None:
                    out[-1] = joined
                    continue
        day_span = _day_range(atom, low)
        if day_span is not None:
            while out and out[-1].start >= day_span.start:
                out.pop()
            out.append(day_span)
            continue
        out.append(atom)
    return out
