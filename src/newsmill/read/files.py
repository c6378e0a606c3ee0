"""Files, directories, globs and stdin in; RawDocuments or per-input errors out.

A batch run over thousands of crawled files must not stop at the first empty,
binary or truncated one, so every failure is yielded as a ``NewsmillError``
naming its input, and the caller reports it and goes on.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from newsmill.errors import (
    CorruptArchive,
    InputNotFound,
    InputTooLarge,
    InputUnreadable,
    NewsmillError,
    describe_size_limit,
    error_from_os,
)
from newsmill.read.decode import decode_bytes
from newsmill.read.jsonl import iter_jsonl, iter_jsonl_file, starts_like_jsonl
from newsmill.read.raw import WHOLE, RawDocument, Shard
from newsmill.read.sniff import looks_like_jsonl, sniff_kind
from newsmill.read.streams import CHUNK, GZIP_MAGIC, PrefixedStream, read_at_most
from newsmill.read.warc import WarcCounts, is_warc_file, iter_warc, iter_warc_stream

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READABLE_SUFFIXES",
    "STDIN",
    "STDIN_URI",
    "expand_inputs",
    "is_readable_name",
    "iter_documents",
    "read_documents",
    "read_file_bytes",
]

DEFAULT_MAX_BYTES = 64_000_000
"""Largest input read (64 MB, decimal), counted after decompression."""

STDIN = "-"
STDIN_URI = "<stdin>"

READABLE_SUFFIXES = (
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".jsonl",
    ".json",
    ".ndjson",
    ".warc",
)
"""What is taken from directories; ``.gz`` of these (or of a bare name) too."""

WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_GLOB_CHARS = re.compile(r"[*?\[]")


# --- inputs to paths ------------------------------------------------------------------


def expand_inputs(inputs: Iterable[str]) -> Iterator[str | NewsmillError]:
    """Paths to read, in order, with an error in place of each input that names nothing.

    Each input is ``-`` (stdin), an existing file (always read, whatever its
    name), a directory (walked recursively in name order, skipping hidden
    entries and files without a ``READABLE_SUFFIXES`` suffix) or a glob pattern
    (``*``, ``?``, ``[...]``, recursive ``**``; matched directories are walked
    like directories). A missing path, a pattern matching nothing or a
    directory with nothing readable yields ``InputNotFound``; nothing raises.
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    for item in inputs:
        if item == STDIN:
            yield STDIN
        elif os.path.isdir(item):
            yield from _expand_directory(item)
        elif os.path.lexists(item):
            yield item
        elif _GLOB_CHARS.search(item):
            yield from _expand_glob(item)
        else:
            yield InputNotFound(item, "no such file or directory")


def _expand_directory(directory: str) -> Iterator[str | NewsmillError]:
    found = False
    for item in _walk(directory):
        found = True
        yield item
    if not found:
        yield InputNotFound(
            directory, f"no readable files in this directory (looked for {_suffix_list()})"
        )


def _walk(directory: str) -> Iterator[str | NewsmillError]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield error_from_os(directory, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            # Symlinked directories are not followed (no loops); symlinked files are read.
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path)
            elif entry.is_file() and is_readable_name(entry.name):
                yield entry.path
        except OSError as exc:
            yield error_from_os(entry.path, exc)


def _expand_glob(pattern: str) -> Iterator[str | NewsmillError]:
    seen: set[str] = set()
    for match in sorted(glob.glob(pattern, recursive=True)):
        if os.path.isdir(match):
            for item in _walk(match):
                if isinstance(item, str):
                    if item in seen:
                        continue
                    seen.add(item)
                yield item
        elif match not in seen:
            seen.add(match)
            yield match
    if not seen:
        yield InputNotFound(pattern, "no files match this pattern")


def is_readable_name(name: str) -> bool:
    """Whether a file found in a directory is one to read, by its name."""
    lower = name.lower()
    if lower.endswith(".gz"):
        inner = lower[:-3]
        return inner.endswith(READABLE_SUFFIXES) or not os.path.splitext(inner)[1]
    return lower.endswith(READABLE_SUFFIXES)


def _suffix_list() -> str:
    return ", ".join(READABLE_SUFFIXES) + " and .gz"


# --- reading bytes --------------------------------------------------------------------


def read_file_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, or of stdin for ``-``, gunzipped if they are gzip.

    Gzip is recognised by its magic bytes, whatever the name. At most
    ``max_bytes`` are read, counted after decompression, streaming, so a gzip
    bomb stops at the limit. Raises ``InputNotFound``, ``InputTooLarge``,
    ``CorruptArchive`` (truncated or damaged gzip), ``UnsupportedInput`` (a
    directory) or ``InputUnreadable`` (permissions, I/O errors).
    """
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    if path == STDIN:
        return _read_stdin(max_bytes)
    try:
        with open(path, "rb") as stream:
            return _read_stream(stream, path, max_bytes)
    except OSError as exc:
        raise error_from_os(path, exc) from None


def _read_stdin(max_bytes: int) -> bytes:
    stdin = sys.stdin
    if stdin is None:
        raise InputUnreadable(STDIN_URI, "there is no standard input")
    buffer: BinaryIO | None = getattr(stdin, "buffer", None)
    try:
        if buffer is not None:
            return _read_stream(buffer, STDIN_URI, max_bytes)
        # A text stream without a byte buffer (an embedding host, a test double).
        data = stdin.read(max_bytes + 1).encode("utf-8", errors="surrogateescape")
    except OSError as exc:
        raise error_from_os(STDIN_URI, exc) from None
    if len(data) > max_bytes:
        raise InputTooLarge(STDIN_URI, f"larger than the {describe_size_limit(max_bytes)} limit")
    return data


def _read_stream(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    head = stream.read(min(CHUNK, max_bytes + 1))
    if not head.startswith(GZIP_MAGIC):
        return _read_limited(stream, source, max_bytes, head)
    try:
        with gzip.GzipFile(fileobj=PrefixedStream(head, stream), mode="rb") as unzipped:
            return _read_limited(unzipped, source, max_bytes, b"", compressed=True)
    except EOFError:
        raise CorruptArchive(
            source, "truncated gzip stream (it ends before the end-of-stream marker)"
        ) from None
    except gzip.BadGzipFile as exc:
        raise CorruptArchive(source, f"damaged gzip stream ({exc})") from None
    except zlib.error as exc:
        raise CorruptArchive(source, f"damaged gzip data ({exc})") from None


def _read_limited(
    stream: BinaryIO | gzip.GzipFile,
    source: str,
    max_bytes: int,
    head: bytes,
    *,
    compressed: bool = False,
) -> bytes:
    data = read_at_most(stream, max_bytes, head)
    if data is not None:
        return data
    what = "decompresses to more than" if compressed else "larger than"
    raise InputTooLarge(source, f"{what} the {describe_size_limit(max_bytes)} limit")


# --- paths to documents ---------------------------------------------------------------


def iter_documents(
    inputs: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    warc_counts: WarcCounts | None = None,
) -> Iterator[RawDocument | NewsmillError]:
    """Every document in ``inputs``, in order, with an error in place of each failure.

    Inputs are expanded as by ``expand_inputs``; each file is read, decoded and
    then split into one document per line if it is JSON Lines, or taken whole
    with its sniffed kind; WARC archives give one document per HTML page (see
    ``read_documents``). Errors are yielded, never raised.
    """
    for item in expand_inputs(inputs):
        if isinstance(item, NewsmillError):
            yield item
        else:
            yield from read_documents(item, max_bytes=max_bytes, warc_counts=warc_counts)


def read_documents(
    path: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    declared: str | None = None,
    warc_counts: WarcCounts | None = None,
    shard: Shard = WHOLE,
) -> Iterator[RawDocument | NewsmillError]:
    """The documents in one file (or ``-``), errors yielded rather than raised.

    ``declared`` is a charset known from outside the bytes (an HTTP header).

    A WARC archive (named ``.warc``/``.warc.gz``, or any input whose bytes
    start with ``WARC/`` after gunzipping) gives one document per HTML page, by
    ``iter_warc``: a named archive, or a regular file too big to read whole, is
    streamed record by record, may be any size, and has ``max_bytes`` applied
    to each HTML payload instead; a WARC on stdin is read whole first, so
    there ``max_bytes`` still limits the whole archive. ``warc_counts``, if
    given, sums what the archives held and what was skipped.

    With ``shard``, only that shard's records of a WARC (by record number) or JSONL
    file (by line number); a single page, and an error about the whole file, belong to
    the first shard.
    """
    uri = STDIN_URI if path == STDIN else path
    whole_file = shard.owns(1)
    if path.lower().endswith(WARC_SUFFIXES):
        yield from iter_warc(path, max_record_bytes=max_bytes, counts=warc_counts, shard=shard)
        return
    if path.lower().endswith(JSONL_SUFFIXES) and starts_like_jsonl(path):
        yield from iter_jsonl_file(path, max_line_bytes=max_bytes, shard=shard)
        return
    try:
        data = read_file_bytes(path, max_bytes)
    except InputTooLarge as exc:
        # A WARC under another name: only worth a look when it is too big to read whole.
        if path != STDIN and is_warc_file(path):
            yield from iter_warc(path, max_record_bytes=max_bytes, counts=warc_counts, shard=shard)
        elif whole_file:
            yield exc
        return
    except NewsmillError as exc:
        if whole_file:
            yield exc
        return
    if data.startswith(b"WARC/"):
        yield from iter_warc_stream(
            io.BytesIO(data), uri, max_record_bytes=max_bytes, counts=warc_counts, shard=shard
        )
        return
    try:
        text, encoding = decode_bytes(data, uri, declared)
    except NewsmillError as exc:
        if whole_file:
            yield exc
        return
    del data
    if looks_like_jsonl(text):
        yield from iter_jsonl(text, uri, encoding=encoding, shard=shard)
    elif whole_file:
        yield RawDocument(uri=uri, text=text, kind=sniff_kind(text), encoding=encoding)
