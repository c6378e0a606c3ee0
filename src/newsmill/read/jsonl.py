"""JSON Lines input: one crawled page per line, as ``{"html"|"text": ..., "url": ...}``.

Crawl dumps are big and a few lines are always broken, so a bad line becomes a
``MalformedRecord`` naming its line and the reader goes on with the next. A file named
as JSONL is streamed line by line (gzipped or not), so its size is not limited, only
each line's.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from typing import Any, Literal

from newsmill.errors import (
    CorruptArchive,
    EmptyInput,
    InputTooLarge,
    MalformedRecord,
    NewsmillError,
    describe_size_limit,
    error_from_os,
)
from newsmill.read.decode import decode_bytes, normalize_newlines
from newsmill.read.raw import WHOLE, RawDocument, Shard
from newsmill.read.sniff import iter_lines
from newsmill.read.streams import CHUNK, GZIP_MAGIC, PrefixedStream, Readable, each_of_file

__all__ = ["iter_jsonl", "iter_jsonl_file", "starts_like_jsonl"]

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


def iter_jsonl_file(
    path: str, *, max_line_bytes: int, shard: Shard = WHOLE
) -> Iterator[RawDocument | NewsmillError]:
    """Like ``iter_jsonl`` over a file read line by line: any size, each line at most
    ``max_line_bytes`` (after gunzipping). Lines are UTF-8 as JSON requires; a line that
    is not is decoded like a page (detection), so an odd legacy dump still reads."""
    return each_of_file(
        path, shard, lambda stream: _iter_jsonl_stream(stream, path, max_line_bytes, shard)
    )


def _iter_jsonl_stream(
    stream: Readable, path: str, max_line_bytes: int, shard: Shard
) -> Iterator[RawDocument | NewsmillError]:
    line_no = 0
    try:
        head = stream.read(2)
        prefixed = PrefixedStream(head, stream)
        source: Readable = prefixed
        if head.startswith(GZIP_MAGIC):
            source = gzip.GzipFile(fileobj=prefixed, mode="rb")
        while line := source.readline(max_line_bytes + 1):
            line_no += 1
            if len(line) > max_line_bytes and not line.endswith(b"\n"):
                while (rest := source.readline(CHUNK)) and not rest.endswith(b"\n"):
                    pass  # the rest of the oversized line
                if shard.owns(line_no):
                    limit = describe_size_limit(max_line_bytes)
                    yield InputTooLarge(f"{path}:{line_no}", f"line larger than the {limit} limit")
                continue
            if shard.owns(line_no) and line.strip():
                yield _decoded_record(line, f"{path}:{line_no}")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        if shard.owns(line_no + 1):
            reason = "truncated" if isinstance(exc, EOFError) else "damaged"
            yield CorruptArchive(path, f"{reason} gzip stream after line {line_no}")
        return
    except OSError as exc:
        if shard.owns(line_no + 1):
            yield error_from_os(path, exc)
        return
    if line_no == 0 and shard.owns(1):
        yield EmptyInput(path, "the input is empty")


def _decoded_record(line: bytes, source: str) -> RawDocument | NewsmillError:
    try:
        text = line.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = decode_bytes(line, source)
        except NewsmillError as exc:
            return MalformedRecord(source, exc.reason)
    return _record(text, source, encoding)


def starts_like_jsonl(path: str) -> bool:
    """Whether a file (maybe gzipped) starts with a JSON object, as JSON Lines do: a file
    only named ``.jsonl`` is read like any other file instead."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(2)
            prefixed = PrefixedStream(head, stream)
            source: Readable = prefixed
            if head.startswith(GZIP_MAGIC):
                source = gzip.GzipFile(fileobj=prefixed, mode="rb")
            start = source.read(4096)
    except (OSError, EOFError, zlib.error):
        return False
    return start.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")


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
