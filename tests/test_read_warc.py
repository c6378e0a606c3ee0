"""Reading WARC archives: HTML responses out, everything else counted, breakage reported."""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsmill.errors import (
    BinaryInput,
    CorruptArchive,
    EmptyInput,
    InputNotFound,
    InputTooLarge,
    NewsmillError,
    UnsupportedInput,
)
from newsmill.read.files import iter_documents, read_documents
from newsmill.read.raw import RawDocument, Shard
from newsmill.read.warc import WarcCounts, is_warc_file, iter_warc, iter_warc_stream

LATVIAN = "Lībijas kaujinieku komandieris Halifa Haftars ceturtdien piedalījās sarunās Maskavā."
LV_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Ziņas</title></head>"
    f"<body><p>{LATVIAN}</p></body></html>\n"
)
EN_PAGE = (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>News</title></head>'
    "<body><p>Café owners’ “résumé” — naïve.</p></body></html>\n"
)
LV_URL = "https://www.la.lv/haftars-putins"
EN_URL = "https://example.com/news/1"
LV_DATE = "2020-01-16T08:30:00Z"
EN_DATE = "2021-03-04T05:06:07Z"
MB = 1_000_000


# --- building archives ----------------------------------------------------------------


class Archive:
    """A WARC written with warcio's writer, record by record."""

    def __init__(self, *, gzipped: bool) -> None:
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=gzipped)
        self.ends: list[int] = []  # byte offset just past each record

    def _write(self, record: object) -> None:
        self.writer.write_record(record)
        self.ends.append(self.buffer.tell())

    def warcinfo(self) -> None:
        self._write(self.writer.create_warcinfo_record("crawl.warc", {"software": "tests"}))

    def request(self, url: str) -> None:
        headers = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True
        )
        self._write(
            self.writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), length=0, http_headers=headers
            )
        )

    def response(
        self,
        url: str,
        body: bytes,
        content_type: str | None,
        *,
        date: str = EN_DATE,
        status: str = "200 OK",
        extra: list[tuple[str, str]] | None = None,
    ) -> None:
        fields = [("Content-Type", content_type)] if content_type else []
        headers = StatusAndHeaders(status, fields + (extra or []), protocol="HTTP/1.1")
        self._write(
            self.writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )
        )

    def resource(self, url: str, body: bytes, content_type: str) -> None:
        self._write(
            self.writer.create_warc_record(
                url,
                "resource",
                payload=io.BytesIO(body),
                length=len(body),
                warc_content_type=content_type,
                warc_headers_dict={"WARC-Date": EN_DATE},
            )
        )

    def metadata(self, url: str) -> None:
        body = b"outlink: https://example.com/\r\n"
        self._write(
            self.writer.create_warc_record(
                url,
                "metadata",
                payload=io.BytesIO(body),
                length=len(body),
                warc_content_type="application/warc-fields",
            )
        )

    @property
    def data(self) -> bytes:
        return self.buffer.getvalue()

    def save(self, path: Path) -> Path:
        path.write_bytes(self.data)
        return path


def mixed_archive(*, gzipped: bool) -> Archive:
    """warcinfo, request, Latvian Windows-1257 page, JPEG, UTF-8 page."""
    archive = Archive(gzipped=gzipped)
    archive.warcinfo()
    archive.request(LV_URL)
    archive.response(
        LV_URL, LV_PAGE.encode("cp1257"), "text/html; charset=windows-1257", date=LV_DATE
    )
    archive.response("https://www.la.lv/foto.jpg", b"\xff\xd8\xff\xe0" + bytes(300), "image/jpeg")
    archive.response(EN_URL, EN_PAGE.encode("utf-8"), "text/html")
    return archive


def _read(path: Path) -> tuple[list[RawDocument | NewsmillError], WarcCounts]:
    counts = WarcCounts()
    items = list(iter_warc(str(path), max_record_bytes=MB, counts=counts))
    return items, counts


def _docs(items: list[RawDocument | NewsmillError]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def _errors(items: list[RawDocument | NewsmillError]) -> list[NewsmillError]:
    return [item for item in items if isinstance(item, NewsmillError)]


# --- the good path --------------------------------------------------------------------


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
def test_html_responses_become_documents(tmp_path: Path, gzipped: bool) -> None:
    name = "crawl.warc.gz" if gzipped else "crawl.warc"
    path = mixed_archive(gzipped=gzipped).save(tmp_path / name)
    items, counts = _read(path)
    assert items == [
        RawDocument(
            uri=f"{path}#3",
            text=LV_PAGE,
            kind="html",
            encoding="cp1257",
            container="warc",
            url=LV_URL,
            fetched_at=LV_DATE,
        ),
        RawDocument(
            uri=f"{path}#5",
            text=EN_PAGE,
            kind="html",
            encoding="utf-8",
            container="warc",
            url=EN_URL,
            fetched_at=EN_DATE,
        ),
    ]
    assert isinstance(items[0], RawDocument)
    assert "Lībijas kaujinieku komandieris" in items[0].text
    assert counts == WarcCounts(
        archives=1,
        records=5,
        html=2,
        skipped={"warcinfo": 1, "request": 1, "not-html": 1},
        failed=0,
    )
    assert counts.summary() == (
        "2 HTML pages from 5 WARC records in 1 archive; "
        "skipped 3 (1 not-html, 1 request, 1 warcinfo)"
    )


def test_counts_add_up_over_archives(tmp_path: Path) -> None:
    counts = WarcCounts()
    for name in ("a.warc", "b.warc.gz"):
        path = mixed_archive(gzipped=name.endswith(".gz")).save(tmp_path / name)
        list(iter_warc(str(path), max_record_bytes=MB, counts=counts))
    assert (counts.archives, counts.records, counts.html) == (2, 10, 4)
    assert counts.skipped == {"warcinfo": 2, "request": 2, "not-html": 2}


def test_charset_from_meta_when_the_header_has_none(tmp_path: Path) -> None:
    page = LV_PAGE.replace("<head>", '<head><meta charset="windows-1257">')
    archive = Archive(gzipped=True)
    archive.response(LV_URL, page.encode("cp1257"), "text/html")
    [doc], _ = _read(archive.save(tmp_path / "meta.warc.gz"))
    assert isinstance(doc, RawDocument)
    assert (doc.text, doc.encoding) == (page, "cp1257")


def test_content_encoding_and_chunking_are_undone(tmp_path: Path) -> None:
    archive = Archive(gzipped=False)
    archive.response(
        EN_URL, gzip.compress(EN_PAGE.encode()), "text/html", extra=[("Content-Encoding", "gzip")]
    )
    deflater = zlib.compressobj(wbits=15)
    deflated = deflater.compress(EN_PAGE.encode()) + deflater.flush()
    archive.response(EN_URL, deflated, "text/html", extra=[("Content-Encoding", "deflate")])
    body = EN_PAGE.encode()
    chunked = (
        b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:50], body[50:]))
        + b"0\r\n\r\n"
    )
    archive.response(EN_URL, chunked, "text/html", extra=[("Transfer-Encoding", "chunked")])
    items, counts = _read(archive.save(tmp_path / "encoded.warc"))
    assert [doc.text for doc in _docs(items)] == [EN_PAGE] * 3
    assert counts.failed == 0


def test_unsupported_content_encoding_is_an_error_for_that_record(tmp_path: Path) -> None:
    archive = Archive(gzipped=False)
    archive.response(
        EN_URL, b"\x0b\x07\x80compressed", "text/html", extra=[("Content-Encoding", "zstd")]
    )
    archive.response(EN_URL, EN_PAGE.encode(), "text/html")
    path = archive.save(tmp_path / "zstd.warc")
    items, counts = _read(path)
    assert isinstance(items[0], UnsupportedInput)
    assert items[0].source == f"{path}#1" and "'zstd'" in items[0].reason
    assert isinstance(items[1], RawDocument)
    assert counts.failed == 1


def test_xhtml_and_html_resources_are_read(tmp_path: Path) -> None:
    archive = Archive(gzipped=False)
    archive.response(EN_URL, EN_PAGE.encode(), "application/xhtml+xml; charset=utf-8")
    archive.resource("https://example.com/saved", EN_PAGE.encode(), "text/html")
    archive.resource("https://example.com/style.css", b"p { color: red }", "text/css")
    items, counts = _read(archive.save(tmp_path / "x.warc"))
    assert [(doc.uri.rsplit("#")[1], doc.kind) for doc in _docs(items)] == [
        ("1", "html"),
        ("2", "html"),
    ]
    assert counts.skipped == {"not-html": 1}


def test_redirects_errors_empties_and_other_records_are_skipped(tmp_path: Path) -> None:
    archive = Archive(gzipped=True)
    archive.response(EN_URL, b"<html>moved</html>", "text/html", status="301 Moved Permanently")
    archive.response(EN_URL, b"<html>gone</html>", "text/html", status="404 Not Found")
    archive.response(EN_URL, b"", "text/html")
    archive.response(EN_URL, b"  \r\n", "text/html")
    archive.response(EN_URL, b'{"a": 1}', "application/json")
    archive.response(EN_URL, b"%PDF-1.4", "application/pdf")
    archive.response(EN_URL, EN_PAGE.encode(), None)  # no content type: not taken for HTML
    archive.metadata(EN_URL)
    items, counts = _read(archive.save(tmp_path / "skips.warc.gz"))
    assert items == []
    assert counts.skipped == {"http-status": 2, "empty": 2, "not-html": 3, "metadata": 1}
    assert (counts.records, counts.html, counts.failed) == (8, 0, 0)


def test_undecodable_html_record_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    archive = Archive(gzipped=False)
    archive.response(EN_URL, b"\x00\x01\x02\xff" * 100, "text/html")
    archive.response(EN_URL, EN_PAGE.encode(), "text/html")
    path = archive.save(tmp_path / "binary.warc")
    items, counts = _read(path)
    assert isinstance(items[0], BinaryInput) and items[0].source == f"{path}#1"
    assert isinstance(items[1], RawDocument)
    assert (counts.html, counts.failed) == (1, 1)


def test_odd_headers_do_not_raise(tmp_path: Path) -> None:
    archive = Archive(gzipped=False)
    archive.response(EN_URL, EN_PAGE.encode(), "text/html", status="209 OK")
    archive.response(LV_URL, LV_PAGE.encode("cp1257"), "text/html; charset=windows\x00-1257")
    path = tmp_path / "odd.warc"
    # "20¹" in Latin-1, the same length: int() does not take it, though isdigit() says yes.
    path.write_bytes(archive.data.replace(b"HTTP/1.1 209 OK", b"HTTP/1.1 20\xb9 OK"))
    items, counts = _read(path)
    assert counts.skipped == {"http-status": 1}
    [doc] = _docs(items)
    assert doc.text == LV_PAGE  # the bad label is dropped; detection finds Windows-1257


# --- limits ---------------------------------------------------------------------------


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
def test_oversized_record_is_reported_and_skipped(tmp_path: Path, gzipped: bool) -> None:
    big = LV_PAGE.replace("<p>", "<p>" + "x" * 5000).encode("utf-8")
    archive = Archive(gzipped=gzipped)
    archive.response(EN_URL, EN_PAGE.encode(), "text/html")
    archive.response(LV_URL, big, "text/html")
    archive.response(EN_URL + "/2", EN_PAGE.encode(), "text/html")
    path = archive.save(tmp_path / "big.warc")
    counts = WarcCounts()
    items = list(iter_warc(str(path), max_record_bytes=4000, counts=counts))
    assert [type(item) for item in items] == [RawDocument, InputTooLarge, RawDocument]
    error = items[1]
    assert isinstance(error, InputTooLarge)
    assert error.source == f"{path}#2"
    assert LV_URL in error.reason and "4,000-byte limit" in error.reason
    assert "\n" not in str(error)
    assert (counts.html, counts.failed) == (2, 1)


def test_compressed_payload_is_limited_after_decompression(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<html>" + b" " * 200_000, compresslevel=9)
    archive = Archive(gzipped=False)
    archive.response(EN_URL, bomb, "text/html", extra=[("Content-Encoding", "gzip")])
    path = archive.save(tmp_path / "bomb.warc")
    [error] = list(iter_warc(str(path), max_record_bytes=10_000))
    assert isinstance(error, InputTooLarge)
    assert "decompresses to more than the 10,000-byte limit" in error.reason


def test_archive_may_be_larger_than_max_bytes(tmp_path: Path) -> None:
    archive = Archive(gzipped=True)
    for n in range(20):
        archive.response(f"{EN_URL}/{n}", EN_PAGE.encode(), "text/html")
    path = archive.save(tmp_path / "many.warc.gz")
    assert len(gzip.decompress(archive.data)) > 5000
    items = list(read_documents(str(path), max_bytes=5000))
    assert len(_docs(items)) == 20 and not _errors(items)


# --- broken archives ------------------------------------------------------------------


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
def test_truncated_in_the_third_record(tmp_path: Path, gzipped: bool) -> None:
    archive = Archive(gzipped=gzipped)
    archive.warcinfo()
    archive.response(EN_URL, EN_PAGE.encode(), "text/html")
    archive.response(LV_URL, LV_PAGE.encode("cp1257"), "text/html; charset=windows-1257")
    archive.response(EN_URL + "/2", EN_PAGE.encode(), "text/html")
    cut = (archive.ends[1] + archive.ends[2]) // 2
    path = tmp_path / "cut.warc"
    path.write_bytes(archive.data[:cut])
    items, counts = _read(path)
    assert len(items) == 2
    doc, error = items
    assert isinstance(doc, RawDocument) and doc.url == EN_URL
    assert isinstance(error, CorruptArchive)
    assert error.source == str(path)
    assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
    assert "record 3" in error.reason and "cut off" in error.reason
    assert (counts.records, counts.html, counts.failed) == (3, 1, 1)


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
def test_every_cut_gives_good_records_then_at_most_one_error(tmp_path: Path, gzipped: bool) -> None:
    archive = mixed_archive(gzipped=gzipped)
    data = archive.data
    full = list(iter_warc_stream(io.BytesIO(data), "crawl", max_record_bytes=MB))
    for cut in range(len(data) + 1):
        items = list(iter_warc_stream(io.BytesIO(data[:cut]), "crawl", max_record_bytes=MB))
        docs, errors = _docs(items), _errors(items)
        assert docs == full[: len(docs)], cut
        assert len(errors) <= 1 and items[len(docs) :] == errors, (cut, items)
        # Cut between records: a clean end (a plain archive may lose the blank
        # lines after its last record; in gzip they are inside the member).
        clean = {0, *archive.ends}
        if not gzipped:
            clean |= {end - gap for end in archive.ends for gap in range(1, 5)}
        if cut in clean:
            assert errors == [] or isinstance(errors[0], EmptyInput), (cut, errors)
        else:
            assert len(errors) == 1 and isinstance(errors[0], CorruptArchive), (cut, items)


def test_damaged_gzip_member(tmp_path: Path) -> None:
    archive = mixed_archive(gzipped=True)
    data = bytearray(archive.data)
    data[archive.ends[3]] = 0  # the gzip magic of the last page's member
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(bytes(data))
    items, _ = _read(path)
    assert [doc.url for doc in _docs(items)] == [LV_URL]
    [error] = _errors(items)
    assert isinstance(error, CorruptArchive)
    assert error.reason.startswith("damaged gzip stream") and error.reason.endswith(
        "after record 4"
    )


def test_wrong_content_length_stops_with_an_error(tmp_path: Path) -> None:
    archive = Archive(gzipped=False)
    archive.response(EN_URL, EN_PAGE.encode(), "text/html")
    archive.response(EN_URL + "/2", EN_PAGE.encode(), "text/html")
    data = archive.data
    second = data.index(b"WARC/1", 1)
    length_at = data.index(b"Content-Length: ", second) + len(b"Content-Length: ")
    end = data.index(b"\r\n", length_at)
    wrong = str(int(data[length_at:end]) - 10).encode()
    path = tmp_path / "wrong.warc"
    path.write_bytes(data[:length_at] + wrong + data[end:])
    items, _ = _read(path)
    assert isinstance(items[0], RawDocument)
    [error] = items[1:]
    assert isinstance(error, CorruptArchive) and "record 2" in error.reason


def test_not_a_warc_and_empty_archives(tmp_path: Path) -> None:
    html = tmp_path / "page.warc"
    html.write_text(EN_PAGE)
    [error] = list(iter_warc(str(html), max_record_bytes=MB))
    assert isinstance(error, CorruptArchive) and "not a WARC archive" in error.reason

    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(gzip.compress(b""))
    [error] = list(iter_warc(str(empty), max_record_bytes=MB))
    assert isinstance(error, EmptyInput)

    [error] = list(iter_warc(str(tmp_path / "missing.warc"), max_record_bytes=MB))
    assert isinstance(error, InputNotFound)


def test_one_gzip_member_for_the_whole_archive(tmp_path: Path) -> None:
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(mixed_archive(gzipped=False).data))
    items, _ = _read(path)
    assert [doc.url for doc in _docs(items)] == [LV_URL, EN_URL] and not _errors(items)


# --- through the file readers ---------------------------------------------------------


def test_directory_with_text_and_warc(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(LATVIAN + "\n", encoding="utf-8")
    path = mixed_archive(gzipped=True).save(tmp_path / "b.warc.gz")
    counts = WarcCounts()
    items = list(iter_documents([str(tmp_path)], warc_counts=counts))
    assert [(doc.uri, doc.kind, doc.container) for doc in _docs(items)] == [
        (str(tmp_path / "a.txt"), "text", "file"),
        (f"{path}#3", "html", "warc"),
        (f"{path}#5", "html", "warc"),
    ]
    assert not _errors(items)
    assert (counts.archives, counts.html) == (1, 2)


def test_warc_under_another_name_is_recognised(tmp_path: Path) -> None:
    data = mixed_archive(gzipped=True).data
    path = tmp_path / "crawl-00001"
    path.write_bytes(data)
    assert is_warc_file(str(path))
    items = list(read_documents(str(path)))
    assert [doc.uri for doc in _docs(items)] == [f"{path}#3", f"{path}#5"]
    # Too big to read whole: streamed as an archive all the same.
    items = list(read_documents(str(path), max_bytes=1000))
    assert [doc.uri for doc in _docs(items)] == [f"{path}#3", f"{path}#5"]


def test_is_warc_file_says_no_quietly(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(EN_PAGE)
    (tmp_path / "bad.gz").write_bytes(b"\x1f\x8b\x08garbage")
    assert not is_warc_file(str(tmp_path / "page.html"))
    assert not is_warc_file(str(tmp_path / "bad.gz"))
    assert not is_warc_file(str(tmp_path / "missing"))
    assert not is_warc_file(str(tmp_path))


def test_warc_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = mixed_archive(gzipped=True).data
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    items = list(read_documents("-"))
    assert [doc.uri for doc in _docs(items)] == ["<stdin>#3", "<stdin>#5"]
    assert not _errors(items)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    items = list(iter_warc("-", max_record_bytes=MB))
    assert [doc.url for doc in _docs(items)] == [LV_URL, EN_URL]


@pytest.mark.parametrize("shards", [2, 3])
def test_shards_split_the_records_and_errors_of_an_archive_without_overlap(
    tmp_path: Path, shards: int
) -> None:
    archive = mixed_archive(gzipped=True)
    archive.response(EN_URL + "/2", EN_PAGE.encode("utf-8"), "text/html")
    # Cut inside the last record: the error belongs to the shard that owns that record.
    data = archive.data[: archive.ends[-2] + (archive.ends[-1] - archive.ends[-2]) // 2]
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data)
    whole = list(read_documents(str(path)))
    parts = [list(read_documents(str(path), shard=Shard(k, shards))) for k in range(shards)]
    assert sorted(map(repr, whole)) == sorted(repr(item) for part in parts for item in part)
    assert [len(_errors(part)) for part in parts].count(1) == 1
    assert len(_docs(whole)) == 2


def test_a_missing_archive_is_reported_by_one_shard_only(tmp_path: Path) -> None:
    path = str(tmp_path / "gone.warc.gz")
    parts = [list(read_documents(path, shard=Shard(k, 2))) for k in range(2)]
    assert [len(part) for part in parts] == [1, 0]
