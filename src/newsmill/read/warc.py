"""WARC archives in; one RawDocument per archived HTML page out.

The WARC library is ``warcio`` (Webrecorder's streaming WARC reader and writer):
pure Python, so it installs anywhere the rest of newsmill does, long used on real
crawls (pywb, Common Crawl tooling), and its writer builds the test archives.
``fastwarc`` is faster but a compiled extension; extraction, not WARC parsing,
is what a newsmill run spends its time on.

warcio parses each record's WARC and HTTP headers, limits reads to the record's
Content-Length, and undoes chunked transfer and gzip/deflate content encoding.
The framing around it is ours: gzip (one member per record, as WARCs are
written, or one member for the whole file) is undone by Python's ``gzip``,
which reports a cut-off or damaged stream instead of ending quietly, and the
records are read one after another with ``ArcWarcRecordLoader``. warcio's own
``ArchiveIterator`` takes an archive cut off after a record's headers for a
clean end and prints warnings to stderr; here a broken archive yields one
``CorruptArchive`` naming the file and the record, after every good record
before it. Memory stays bounded: non-HTML records are skipped in 1 MB chunks,
header lines are capped, and an HTML payload is read to at most
``max_record_bytes``.
"""

from __future__ import annotations

import gzip
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from warcio.bufferedreaders import BufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord, ArcWarcRecordLoader
from warcio.statusandheaders import (
    StatusAndHeaders,
    StatusAndHeadersParser,
    StatusAndHeadersParserException,
)

from newsmill.errors import (
    CorruptArchive,
    EmptyInput,
    InputTooLarge,
    InputUnreadable,
    NewsmillError,
    UnsupportedInput,
    describe_size_limit,
)
from newsmill.read.decode import decode_bytes
from newsmill.read.raw import WHOLE, RawDocument, Shard
from newsmill.read.streams import (
    CHUNK,
    GZIP_MAGIC,
    PrefixedStream,
    Readable,
    each_of_file,
    read_at_most,
)

__all__ = [
    "HTML_TYPES",
    "SKIP_EMPTY",
    "SKIP_HTTP_STATUS",
    "SKIP_NOT_HTML",
    "WarcCounts",
    "is_warc_file",
    "iter_warc",
    "iter_warc_stream",
]

HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))
"""Media types read as HTML pages; every other payload is skipped."""

SKIP_NOT_HTML = "not-html"
"""Skip reason: a response or resource whose content type is not HTML."""
SKIP_HTTP_STATUS = "http-status"
"""Skip reason: an HTML response whose HTTP status is not 2xx (redirects, 404 pages)."""
SKIP_EMPTY = "empty"
"""Skip reason: an HTML response or resource with an empty or blank payload."""

_STDIN = "-"
_STDIN_URI = "<stdin>"
# Longest header line read in one go, so a binary file named .warc cannot make
# a "line" of gigabytes.
_MAX_LINE = 1024 * 1024
_HTTP_SCHEMES = ("http:", "https:")
_CHARSET_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:+\-]{0,39}")
_HTTP_PARSER = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False)


@dataclass
class WarcCounts:
    """What WARC reading saw, summed over every archive it is passed to.

    ``records`` counts every record read, ``html`` the HTML pages yielded as
    documents, ``skipped`` the records passed over, by reason: the record type
    for anything but ``response``/``resource`` (``warcinfo``, ``request``,
    ``metadata``, ``revisit``...), else ``SKIP_NOT_HTML``, ``SKIP_HTTP_STATUS``
    or ``SKIP_EMPTY``. ``failed`` counts the errors yielded (HTML records too
    large or undecodable, archives that broke off).
    """

    archives: int = 0
    records: int = 0
    html: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    failed: int = 0

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def summary(self) -> str:
        """One line for a run's end, e.g. ``2 HTML pages from 5 WARC records ...``."""
        pages = "page" if self.html == 1 else "pages"
        records = "record" if self.records == 1 else "records"
        archives = "archive" if self.archives == 1 else "archives"
        line = (
            f"{self.html} HTML {pages} from {self.records} WARC {records} "
            f"in {self.archives} {archives}"
        )
        if self.skipped:
            reasons = ", ".join(
                f"{count} {reason}" for reason, count in sorted(self.skipped.items())
            )
            line += f"; skipped {sum(self.skipped.values())} ({reasons})"
        if self.failed:
            line += f"; {self.failed} failed"
        return line


# --- public entry points -------------------------------------------------------------


def iter_warc(
    path: str,
    *,
    max_record_bytes: int,
    counts: WarcCounts | None = None,
    shard: Shard = WHOLE,
) -> Iterator[RawDocument | NewsmillError]:
    """The HTML pages in a ``.warc`` or ``.warc.gz`` file (or ``-``, stdin), streamed.

    Documents are named ``"{path}#{n}"``, ``n`` counting every record from 1,
    with ``kind="html"``, ``container="warc"``, ``url`` the WARC-Target-URI and
    ``fetched_at`` the WARC-Date. Errors are yielded, never raised: an HTML
    payload over ``max_record_bytes`` (after content decoding) as
    ``InputTooLarge`` for that record, an undecodable one as its decode error,
    and a cut-off or damaged archive as one ``CorruptArchive`` naming the file
    and record, after the good records before it. ``counts`` is updated in place.
    With ``shard``, only the records (and errors) of that shard's record numbers.
    """
    if max_record_bytes < 1:
        raise ValueError(f"max_record_bytes must be positive, got {max_record_bytes}")
    if path == _STDIN:
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:
            yield InputUnreadable(_STDIN_URI, "there is no binary standard input")
            return
        yield from iter_warc_stream(
            buffer, _STDIN_URI, max_record_bytes=max_record_bytes, counts=counts, shard=shard
        )
        return
    yield from each_of_file(
        path,
        shard,
        lambda stream: iter_warc_stream(
            stream, path, max_record_bytes=max_record_bytes, counts=counts, shard=shard
        ),
    )


def iter_warc_stream(
    stream: Readable,
    uri: str,
    *,
    max_record_bytes: int,
    counts: WarcCounts | None = None,
    shard: Shard = WHOLE,
) -> Iterator[RawDocument | NewsmillError]:
    """Like ``iter_warc`` over an open binary stream (gzip or not), named ``uri``.

    The stream is read once, front to back (``read`` and ``readline``), and is
    not closed.
    """
    if max_record_bytes < 1:
        raise ValueError(f"max_record_bytes must be positive, got {max_record_bytes}")
    if counts is None:
        counts = WarcCounts()
    counts.archives += 1
    for number, item in _iter_archive(stream, uri, max_record_bytes, counts, shard):
        if not shard.owns(number):
            continue
        if isinstance(item, NewsmillError):
            counts.failed += 1
        yield item


def is_warc_file(path: str) -> bool:
    """Whether a regular file starts like a WARC archive (``WARC/``), gzipped or not.

    Reads a few bytes; pipes and other special files are never opened (they
    cannot be read twice), and any error means ``False``.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as stream:
            head = stream.read(5)
            if head.startswith(GZIP_MAGIC):
                stream.seek(0)
                with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
                    head = unzipped.read(5)
    except (OSError, EOFError, zlib.error):
        return False
    return head == b"WARC/"


# --- archive framing -----------------------------------------------------------------


class _Broken(Exception):
    """The archive's bytes cannot be read on: carries the error to yield."""

    def __init__(self, reason: str, *, corrupt: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.corrupt = corrupt


class _Source:
    """The archive's decompressed bytes, with read errors turned into ``_Broken``.

    Gzip is recognised by its magic bytes. Python's ``gzip`` reads one member
    per record and one member for the whole file alike, and raises on a
    cut-off or damaged stream where a bare decompressor would just stop.
    """

    def __init__(self, stream: Readable) -> None:
        head = self._guard(stream.read, 2)
        rest = PrefixedStream(head, stream)
        self._stream: Readable | gzip.GzipFile = rest
        self._readline = rest.readline
        if head.startswith(GZIP_MAGIC):
            unzipped = gzip.GzipFile(fileobj=rest, mode="rb")
            self._stream = unzipped
            self._readline = unzipped.readline

    def read(self, size: int = -1) -> bytes:
        return self._guard(self._stream.read, size)

    def readline(self, size: int = -1) -> bytes:
        limit = _MAX_LINE if size is None or size < 0 else min(size, _MAX_LINE)
        return self._guard(self._readline, limit)

    @staticmethod
    def _guard(read: _ReadFunction, size: int) -> bytes:
        try:
            return read(size)
        except EOFError:
            raise _Broken("the gzip stream is cut off") from None
        except gzip.BadGzipFile as exc:
            raise _Broken(f"damaged gzip stream ({exc})") from None
        except zlib.error as exc:
            raise _Broken(f"damaged gzip data ({exc})") from None
        except OSError as exc:
            reason = (exc.strerror or str(exc)).rstrip(".").lower()
            raise _Broken(reason, corrupt=False) from None


class _ReadFunction(Protocol):
    def __call__(self, size: int, /) -> bytes: ...


def _iter_archive(
    stream: Readable, uri: str, max_record_bytes: int, counts: WarcCounts, shard: Shard
) -> Iterator[tuple[int, RawDocument | NewsmillError]]:
    """``(record number, document or error)``; a record of another shard is framed and
    drained but not decoded."""
    loader = ArcWarcRecordLoader(verify_http=False, arc2warc=False)
    number = 0  # records started so far
    where = "in record 1"  # for errors the bytes themselves raise
    try:
        source = _Source(stream)
        while True:
            line = _next_record_line(source)
            if line is None:
                break
            number += 1
            counts.records += 1
            where = f"in record {number}"
            try:
                record = loader.parse_record_stream(
                    source, line, known_format="warc", no_record_parse=True
                )
            except (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError):
                yield (
                    number,
                    _cut_in_headers(uri, number)
                    if _at_end(source)
                    else _not_a_record(uri, number, line),
                )
                return
            length = _content_length(record)
            if length is None:
                yield (
                    number,
                    _cut_in_headers(uri, number)
                    if _at_end(source)
                    else CorruptArchive(
                        uri, f"record {number} has no valid Content-Length, so it cannot be read on"
                    ),
                )
                return
            outcome = (
                _read_record(record, f"{uri}#{number}", max_record_bytes)
                if shard.owns(number)
                else None
            )
            missing = _drain(record)
            if missing:
                yield (
                    number,
                    CorruptArchive(
                        uri,
                        f"the archive is cut off in record {number} "
                        f"({missing:,} of its {length:,} bytes are missing)",
                    ),
                )
                return
            if source.readline().strip():
                # A record ends with two blank lines; anything else means its
                # Content-Length is wrong, and nothing after it can be trusted.
                yield (
                    number,
                    CorruptArchive(
                        uri,
                        f"record {number} does not end where its Content-Length says "
                        "(no blank line follows it)",
                    ),
                )
                return
            where = f"after record {number}"
            if outcome is None:  # another shard's record
                continue
            if isinstance(outcome, str):
                counts.skip(outcome)
                continue
            if isinstance(outcome, RawDocument):
                counts.html += 1
            yield number, outcome
    except _Broken as exc:
        error = CorruptArchive if exc.corrupt else InputUnreadable
        yield number, error(uri, f"{exc.reason} {where}")
        return
    if number == 0:
        yield number, EmptyInput(uri, "the archive holds no records")


def _next_record_line(source: _Source) -> bytes | None:
    """The first line of the next record, ``None`` at the end of the archive."""
    line = source.readline()
    while line and not line.strip():
        line = source.readline()
    return line or None


def _not_a_record(uri: str, number: int, line: bytes) -> NewsmillError:
    start = line[:40].decode("ascii", "replace").strip()
    if number == 1:
        return CorruptArchive(uri, f"not a WARC archive (it starts with {start!r})")
    return CorruptArchive(uri, f"record {number} is damaged ({start!r} is not a WARC header)")


def _cut_in_headers(uri: str, number: int) -> NewsmillError:
    return CorruptArchive(uri, f"the archive is cut off in record {number} (in its WARC headers)")


def _at_end(source: _Source) -> bool:
    """Whether the archive has no more bytes (after a record that could not be parsed)."""
    return not source.read(1)


def _content_length(record: ArcWarcRecord) -> int | None:
    value = record.rec_headers.get_header("Content-Length")
    try:
        length = int(str(value).strip())
    except ValueError:
        return None
    if length < 0 or not isinstance(record.raw_stream, LimitReader):
        return None
    return length


def _drain(record: ArcWarcRecord) -> int:
    """Read the rest of the record's block; how many of its bytes were missing."""
    raw = record.raw_stream
    while raw.read(CHUNK):
        pass
    missing: int = raw.limit
    return missing


# --- one record ----------------------------------------------------------------------


def _read_record(
    record: ArcWarcRecord, record_uri: str, max_record_bytes: int
) -> RawDocument | NewsmillError | str:
    """The record's HTML page, an error for it, or the reason it is skipped."""
    headers: StatusAndHeaders = record.rec_headers
    record_type = str(record.rec_type or "unknown").lower()
    if record_type not in ("response", "resource"):
        return record_type
    url = _header(headers, "WARC-Target-URI")

    http: StatusAndHeaders | None = None
    content_type = _header(headers, "Content-Type")
    if record_type == "response" and (url or "").lower().startswith(_HTTP_SCHEMES):
        try:
            http = _HTTP_PARSER.parse(record.raw_stream)
        except EOFError:
            return SKIP_EMPTY
        record.http_headers = http
        content_type = _header(http, "Content-Type")
    if not content_type:
        content_type = _header(headers, "WARC-Identified-Payload-Type")
    media_type, charset = _parse_content_type(content_type)
    if media_type not in HTML_TYPES:
        return SKIP_NOT_HTML
    if http is not None and not _is_success(http):
        return SKIP_HTTP_STATUS

    page = url or record_uri
    limit = describe_size_limit(max_record_bytes)
    remaining: int = record.raw_stream.limit
    if remaining > max_record_bytes:
        return InputTooLarge(record_uri, f"the page {page} is larger than the {limit} limit")
    if http is not None:
        unsupported = _check_content_encoding(http)
        if unsupported:
            return UnsupportedInput(
                record_uri,
                f"the page {page} has Content-Encoding {unsupported!r}, which cannot be undone",
            )
    payload = read_at_most(record.content_stream(), max_record_bytes)
    if payload is None:
        return InputTooLarge(
            record_uri, f"the page {page} decompresses to more than the {limit} limit"
        )
    try:
        text, encoding = decode_bytes(payload, record_uri, charset)
    except EmptyInput:
        return SKIP_EMPTY
    except NewsmillError as exc:
        return exc
    return RawDocument(
        uri=record_uri,
        text=text,
        kind="html",
        encoding=encoding,
        container="warc",
        url=url,
        fetched_at=_header(headers, "WARC-Date"),
    )


def _header(headers: StatusAndHeaders, name: str) -> str | None:
    value = headers.get_header(name)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """``text/html; charset="windows-1257"`` to ``("text/html", "windows-1257")``."""
    if not value:
        return None, None
    media_type, *params = value.split(";")
    charset = None
    for param in params:
        name, _, param_value = param.partition("=")
        if name.strip().lower() == "charset":
            label = param_value.strip().strip("\"'").strip()
            # Only what could name a codec: decode_bytes need not vet the rest.
            charset = label if _CHARSET_LABEL.fullmatch(label) else None
    return media_type.strip().lower() or None, charset


def _is_success(http: StatusAndHeaders) -> bool:
    code = str(http.get_statuscode()).strip()
    return code.isascii() and code.isdigit() and 200 <= int(code) < 300


def _check_content_encoding(http: StatusAndHeaders) -> str | None:
    """Normalise the Content-Encoding header; the coding if it cannot be undone."""
    value = _header(http, "Content-Encoding")
    if value is None:
        return None
    coding = value.lower()
    if coding == "identity":
        http.remove_header("Content-Encoding")
        return None
    if coding == "x-gzip":
        coding = "gzip"
        http.replace_header("Content-Encoding", coding)
    if coding not in BufferedReader.get_supported_decompressors():
        return value
    return None
