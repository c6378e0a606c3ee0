"""The Article record (schema ``newsmill.article/1``) and its parts.

Every step of the mill passes this one record along; its JSON field names are
a contract with users (see DESIGN.md), so they live here and nowhere else.
Parts are frozen dataclasses so a step cannot change a record behind another
step's back: a step builds a new record with :func:`dataclasses.replace`. The small
parts have slots: a page makes a hundred or more boilerplate and mention records, and a
slotted one is built in half the time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, cast, get_args

SCHEMA_VERSION = "newsmill.article/1"

SourceKind = Literal["html", "text", "warc", "jsonl"]
BoilerplateKind = Literal[
    "caption",
    "credit",
    "ad",
    "teaser",
    "navigation",
    "widget",
    "footer",
    "counter",
    "duplicate",
    "other",
]
BOILERPLATE_KINDS: tuple[str, ...] = get_args(BoilerplateKind)


@dataclass(frozen=True, slots=True)
class Source:
    uri: str
    kind: SourceKind
    encoding: str | None = None
    fetched_at: str | None = None


@dataclass(frozen=True, slots=True)
class Publisher:
    name: str
    domain: str | None = None


@dataclass(frozen=True, slots=True)
class Image:
    caption: str | None
    credit: str | None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Boilerplate:
    text: str
    kind: BoilerplateKind


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: str
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    codes: dict[str, str]
    participants: tuple[str, ...]
    place: str | None
    date: str | None
    evidence: Span
    roles: dict[str, str] | None = None
    quote: str | None = None
    attributed_to: tuple[str, ...] | None = None
    status: str | None = None


@dataclass(frozen=True)
class Article:
    source: Source
    paragraphs: tuple[str, ...]
    id: str = ""
    url: str | None = None
    publisher: Publisher | None = None
    language: str = "und"
    title: str | None = None
    lead: str | None = None
    published: str | None = None
    date_source: str | None = None
    modified: str | None = None
    authors: tuple[str, ...] = ()
    section: str | None = None
    tags: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    comment_count: int | None = None
    boilerplate: tuple[Boilerplate, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
    schema: str = field(default=SCHEMA_VERSION)

    @property
    def text(self) -> str:
        """The body as one string; offsets of entities and dates point into it."""
        return join_paragraphs(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["text"] = self.text
        converted: dict[str, Any] = _lists_not_tuples(data)
        return converted

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        schema = data.get("schema", SCHEMA_VERSION)
        if schema != SCHEMA_VERSION:
            raise ValueError(f"unsupported record schema {schema!r}; expected {SCHEMA_VERSION!r}")
        publisher = data.get("publisher")
        return cls(
            source=Source(**data["source"]),
            paragraphs=tuple(data.get("paragraphs", ())),
            id=data.get("id", ""),
            url=data.get("url"),
            publisher=Publisher(**publisher) if publisher else None,
            language=data.get("language", "und"),
            title=data.get("title"),
            lead=data.get("lead"),
            published=data.get("published"),
            date_source=data.get("date_source"),
            modified=data.get("modified"),
            authors=tuple(data.get("authors", ())),
            section=data.get("section"),
            tags=tuple(data.get("tags", ())),
            images=tuple(Image(**i) for i in data.get("images", ())),
            comment_count=data.get("comment_count"),
            boilerplate=tuple(Boilerplate(**b) for b in data.get("boilerplate", ())),
            entities=tuple(
                Entity(e["name"], e["type"], tuple(Mention(**m) for m in e.get("mentions", ())))
                for e in data.get("entities", ())
            ),
            dates=tuple(DateMention(**d) for d in data.get("dates", ())),
            events=tuple(_event_from_dict(e) for e in data.get("events", ())),
            warnings=tuple(data.get("warnings", ())),
        )

    @classmethod
    def from_json(cls, text: str) -> Article:
        return cls.from_dict(json.loads(text))


def as_boilerplate_kind(name: str) -> BoilerplateKind:
    """A boilerplate kind by name; anything unknown is ``other``."""
    return cast(BoilerplateKind, name) if name in BOILERPLATE_KINDS else "other"


def join_paragraphs(paragraphs: tuple[str, ...] | list[str]) -> str:
    return "\n\n".join(paragraphs)


def article_id(url: str | None, text: str) -> str:
    """Stable id: the canonical URL when known, else the cleaned text."""
    basis = url if url else text
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]


def _event_from_dict(data: dict[str, Any]) -> Event:
    attributed = data.get("attributed_to")
    return Event(
        type=data["type"],
        codes=dict(data.get("codes", {})),
        participants=tuple(data.get("participants", ())),
        place=data.get("place"),
        date=data.get("date"),
        evidence=Span(**data["evidence"]),
        roles=data.get("roles"),
        quote=data.get("quote"),
        attributed_to=tuple(attributed) if attributed is not None else None,
        status=data.get("status"),
    )


def _lists_not_tuples(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists_not_tuples(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists_not_tuples(v) for v in value]
    return value
