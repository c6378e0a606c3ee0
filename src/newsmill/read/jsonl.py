"""JSON Lines input: one crawled page per line, as ``{"html"|"text": ..., "url": ...}``.

Crawl dumps are big and a few lines are always broken, so a bad line becomes a
``MalformedRecord`` naming its line and the reader goes on with the next.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Literal

from newsmill.errors import MalformedRecord, NewsmillError
from newsmill.read.decode import normalize_newlines
from newsmill.read.raw import WHOLE, RawDocument, Shard
from newsmill.read.sniff import iter_lines

__all__ = ["iter_jsonl"]

_CONTENT_FIELDS: tuple[tuple[str, Literal["html", "text"]], ...] = (
    ("html", "html"),
    ("text", "text"),
)
_DATE_FIELDS = ("fetched_at", "date")
# JSON may escape half of a surrogate pair alone (`"\ud800"`): no encoder downstream takes it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def iter_jsonl(
    text: str, uri: str, *, encoding: str | None = None, shard: Shard = WHOLE
) -> Iterator[RawDocument | NewsmillError]:
    """One ``RawDocument`` per non-blank line of ``text``, or an error for that line.

    Each line must be a JSON object with a non-empty string ``html`` (preferred)
    or ``text`` field, and may carry ``url`` and ``fetched_at`` (or ``date``).
    Records are named ``"{uri}:{line_no}"`` with 1-based line numbers; errors
    are yielded, never raised. With ``shard``, only that shard's line numbers.
    """
    for line_no, line in enumerate(iter_lines(text), start=1):
        if shard.owns(line_no) and line.strip():
            yield _record(line, f"{uri}:{line_no}", encoding)


def _record(line: str, source: str, encoding: str | None) -> RawDocument | NewsmillError:
    try:
        value: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return MalformedRecord(source, f"not valid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return MalformedRecord(source, "JSON nested too deeply")
    if not isinstance(value, dict):
        return MalformedRecord(source, f"expected a JSON object, got {_json_type(value)}")

    for field, kind in _CONTENT_FIELDS:
        content = value.get(field)
        if content is None:
            continue
        if not isinstance(content, str):
            return MalformedRecord(
                source, f'field "{field}" must be a string, got {_json_type(content)}'
            )
        if content.strip():
            return RawDocument(
                uri=source,
                text=normalize_newlines(_encodable(content)),
                kind=kind,
                encoding=encoding,
                container="jsonl",
                url=_string_field(value, ("url",)),
                fetched_at=_string_field(value, _DATE_FIELDS),
            )
    return MalformedRecord(source, 'no non-empty "html" or "text" field')


def _string_field(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The first of ``names`` holding a non-blank string; other types are ignored."""
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return _encodable(value.strip())
    return None


def _encodable(value: str) -> str:
    """The string with each lone surrogate replaced by U+FFFD, as a decoder would do."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", value)
    return value


def _json_type(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "null"
    return "an object"
