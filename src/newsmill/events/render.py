"""Events as JSON lines: the record's own form of an event, with where it was found.

Used by `newsmill events PATH...`; a line carries the record's event fields unchanged
(absent optionals left out) after the context given (article id, input), so event lines
can be loaded next to the articles.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from newsmill.record import Event


def event_dict(event: Event) -> dict[str, object]:
    """The record's JSON form of one event (lists, not tuples; absent optionals dropped)."""
    data = asdict(event)
    for key in ("roles", "quote", "attributed_to", "status"):
        if data.get(key) is None:
            data.pop(key, None)
    for key in ("participants", "attributed_to"):
        if key in data:
            data[key] = list(data[key])
    return data


def event_line(event: Event, **context: str | None) -> str:
    """One JSON line: the ``context`` fields first, then the event's."""
    return json.dumps({**context, **event_dict(event)}, ensure_ascii=False)
