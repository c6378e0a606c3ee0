"""The event types newsmill reports, read from `data/ontology.json`.

Kept as data so that a new type (or a corrected CAMEO/PLOVER code) is an edit of one file,
not of the extractors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class EventKind:
    name: str
    description: str
    codes: dict[str, str]
    roles: tuple[str, ...]
    symmetric: bool
    framenet: tuple[str, ...]


def load_ontology() -> dict[str, EventKind]:
    """Every event type by name (MEET, TRAVEL, STATEMENT, ...)."""
    raw: dict[str, Any] = json.loads(
        resources.files("newsmill.events").joinpath("data/ontology.json").read_text("utf-8")
    )
    kinds: dict[str, EventKind] = {}
    for name, entry in raw["types"].items():
        kinds[name] = EventKind(
            name=name,
            description=str(entry.get("description", "")),
            codes={str(k): str(v) for k, v in entry.get("codes", {}).items()},
            roles=tuple(entry.get("roles", ())),
            symmetric=bool(entry.get("symmetric", False)),
            framenet=tuple(entry.get("framenet", ())),
        )
    return kinds
