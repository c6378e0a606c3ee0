"""Events for people and for pipes: a rich table, or one JSON object per line.

Used by `newsmill events PATH...`; the JSON lines carry the record's event fields unchanged
plus the source they came from, so they can be loaded next to the articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from rich.table import Table

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


def events_jsonl(events: Iterable[Event], source: str | None = None) -> Iterator[str]:
    """One JSON line per event; `source` (the input's path or URI) is added when given."""
    for event in events:
        data = event_dict(event)
        if source is not None:
            data = {"source": source, **data}
        yield json.dumps(data, ensure_ascii=False)


def events_table(
    events: Iterable[Event], title: str | None = None, text: str | None = None
) -> Table:
    """A table of events; with the article `text`, the evidence column shows its words."""
    table = Table(title=title, show_lines=False)
    for column in ("type", "participants", "place", "date", "status", "quote / attribution"):
        table.add_column(column, overflow="fold")
    if text is not None:
        table.add_column("evidence", overflow="fold", max_width=60)
    for event in events:
        who = ", ".join(
            f"{name} ({role})" if role else name
            for name in event.participants
            for role in [_role_of(event, name)]
        )
        said = event.quote or ""
        if event.attributed_to:
            said = (said + " " if said else "") + "per " + ", ".join(event.attributed_to)
        row = [event.type, who, event.place or "", event.date or "", event.status or "", said]
        if text is not None:
            row.append(text[event.evidence.start : event.evidence.end])
        table.add_row(*row)
    return table


def _role_of(event: Event, name: str) -> str:
    for role, who in (event.roles or {}).items():
        if who == name:
            return role
    return ""
