"""When two reported events are one: the merge rule across articles.

Copies of one story (a cluster) report the same event, so there type and participants
suffice unless the copies state different places or dates; independent articles must also
agree on the place and fall in a date window, or a leader's every meeting with the same
guest would become one event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsmill.record import Event

DATE_WINDOW_DAYS = 3


@dataclass(frozen=True)
class EventKey:
    """The part of an event that merging compares."""

    type: str
    participants: str
    place: str | None
    date: str | None


def participants_key(participants: tuple[str, ...] | list[str]) -> str:
    return "|".join(sorted({name.casefold() for name in participants}))


def event_key(event: Event) -> EventKey:
    return EventKey(event.type, participants_key(event.participants), event.place, event.date)


def same_event(a: EventKey, b: EventKey, *, same_cluster: bool) -> bool:
    if a.type != b.type or a.participants != b.participants:
        return False
    if same_cluster:
        # One story may report two meetings of the same people (in Moscow now, in Libya
        # last week): copies agree where both state a place or a date.
        return _agree(a.place, b.place) and _agree(a.date, b.date)
    if (a.place or "").casefold() != (b.place or "").casefold():
        return False
    return dates_close(a.date, b.date)


def _agree(first: str | None, second: str | None) -> bool:
    return first is None or second is None or first.casefold() == second.casefold()


def dates_close(a: str | None, b: str | None, window: int = DATE_WINDOW_DAYS) -> bool:
    """Full dates within ``window`` days; partial dates (``2023-09``) only when equal."""
    if a is None or b is None:
        return False
    first, second = _day(a), _day(b)
    if first is None or second is None:
        return a.split("/")[0] == b.split("/")[0]
    return abs((first - second).days) <= window


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.split("/")[0][:10])
    except ValueError:
        return None
