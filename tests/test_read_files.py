"""Reading inputs: expansion, gzip, limits, stdin, per-input errors, and kind sniffing."""

from __future__ import annotations

import gzip
import io
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newsmill.errors import (
    BinaryInput,
    CorruptArchive,
    EmptyInput,
    InputNotFound,
    InputTooLarge,
    InputUnreadable,
    NewsmillError,
    UnsupportedInput,
)
from newsmill.read import files
from newsmill.read.files import (
    DEFAULT_MAX_BYTES,
    expand_inputs,
    iter_documents,
    read_file_bytes,
)
from newsmill.read.raw import RawDocument
from newsmill.read.sniff import looks_like_jsonl, sniff_kind

LATVIAN = (
    "Lībijas kaujinieku komandieris Halifa Haftars, kura spēki kontrolē valsts austrumdaļu, "
    "ceturtdien piedalījās sarunās ar Krievijas prezidentu Vladimiru Putinu Maskavā, "
    "paziņoja Haftara spēki un Kremlis.\n"
)
PAGE = "<!DOCTYPE html>\n<html><head><title>Ziņas</title></head><body><p>Sveiki</p></body></html>\n"
MB = 1_000_000  # decimal, as the limit is given and reported


def _docs(items: list[RawDocument | NewsmillError]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def _errors(items: list[RawDocument | NewsmillError]) -> list[NewsmillError]:
    return [item for item in items if isinstance(item, NewsmillError)]


def _only_error(path: Path, **kwargs: Any) -> NewsmillError:
    items = list(iter_documents([str(path)], **kwargs))
    assert len(items) == 1, items
    assert isinstance(items[0], NewsmillError), items[0]
    message = str(items[0])
    assert message.startswith(f"{path}: ") and "\n" not in message
    return items[0]


# --- single files ---------------------------------------------------------------------


def test_text_and_html_files_become_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(LATVIAN, encoding="utf-8")
    page = PAGE.replace("Sveiki", LATVIAN)  # legacy-encoded, undeclared: detection
    (tmp_path / "b.html").write_bytes(page.encode("cp1257"))
    text_doc, html_doc = list(iter_documents([str(tmp_path / "a.txt"), str(tmp_path / "b.html")]))
    assert text_doc == RawDocument(
        uri=str(tmp_path / "a.txt"), text=LATVIAN, kind="text", encoding="utf-8"
    )
    assert html_doc == RawDocument(
        uri=str(tmp_path / "b.html"), text=page, kind="html", encoding="cp1257"
    )


def test_windows_1257_file_reads_as_latvian(tmp_path: Path) -> None:
    path = tmp_path / "lv.txt"
    path.write_bytes(LATVIAN.encode("cp1257"))
    [doc] = list(iter_documents([str(path)]))
    assert isinstance(doc, RawDocument)
    assert doc.text == LATVIAN


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert isinstance(_only_error(path), EmptyInput)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\n\t  \r\n")
    assert isinstance(_only_error(path), EmptyInput)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(random.Random(1).randbytes(10_000))
    assert isinstance(_only_error(path), BinaryInput)


def test_png_file_given_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(200))
    assert isinstance(_only_error(path), BinaryInput)


def test_good_gzip_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    [doc] = list(iter_documents([str(path)]))
    assert isinstance(doc, RawDocument)
    assert (doc.text, doc.kind, doc.uri) == (PAGE, "html", str(path))


def test_gzip_is_recognised_by_magic_not_name(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(gzip.compress(LATVIAN.encode("cp1257")))
    assert read_file_bytes(str(path)) == LATVIAN.encode("cp1257")


def test_truncated_gzip_file(tmp_path: Path) -> None:
    data = gzip.compress((LATVIAN * 200).encode("utf-8"))
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    error = _only_error(path)
    assert isinstance(error, CorruptArchive)
    assert "truncated gzip stream" in error.reason
    assert str(error).endswith("[E006]")


def test_damaged_gzip_file(tmp_path: Path) -> None:
    data = bytearray(gzip.compress((LATVIAN * 200).encode("utf-8")))
    data[-6] ^= 0xFF  # inside the CRC-32 / length trailer
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(bytes(data))
    assert isinstance(_only_error(path), CorruptArchive)


def test_fifty_megabyte_file_reads_under_the_default_limit(tmp_path: Path) -> None:
    assert DEFAULT_MAX_BYTES >= 50 * MB
    line = LATVIAN.encode("utf-8")
    path = tmp_path / "big.txt"
    with path.open("wb") as out:
        block = line * (MB // len(line))
        while out.tell() < 50 * MB:
            out.write(block)
    size = path.stat().st_size
    started = time.perf_counter()
    [doc] = list(iter_documents([str(path)]))
    elapsed = time.perf_counter() - started
    assert isinstance(doc, RawDocument)
    assert len(doc.text.encode("utf-8")) == size
    assert doc.text.startswith(LATVIAN)
    assert elapsed < 30


def test_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (MB + 1))
    error = _only_error(path, max_bytes=MB)
    assert isinstance(error, InputTooLarge)
    assert "1 MB" in error.reason
    assert read_file_bytes(str(path), max_bytes=MB + 1) == b"x" * (MB + 1)


def test_gzip_that_decompresses_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (3 * MB)))
    assert path.stat().st_size < MB
    error = _only_error(path, max_bytes=2 * MB)
    assert isinstance(error, InputTooLarge)
    assert "decompresses to more than the 2 MB limit" in error.reason


def test_default_limit_is_named_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (DEFAULT_MAX_BYTES + 1), compresslevel=1))
    error = _only_error(path)
    assert isinstance(error, InputTooLarge)
    assert "the 64 MB limit" in str(error)


def test_warc_cut_off_in_its_first_record_is_one_error(tmp_path: Path) -> None:
    # WARC reading proper is tested in test_read_warc.py.
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\n"))
    error = _only_error(path)
    assert isinstance(error, CorruptArchive)
    assert "record 1" in error.reason


def test_permission_denied_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def deny(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files, "open", deny, raising=False)
    error = _only_error(path)
    assert isinstance(error, InputUnreadable)
    assert str(error) == f"{path}: permission denied [E009]"


def test_directory_given_to_read_file_bytes(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedInput):
        read_file_bytes(str(tmp_path))


# --- inputs, directories, globs -------------------------------------------------------


def _tree(root: Path) -> None:
    (root / "a.txt").write_text(LATVIAN, encoding="utf-8")
    (root / "b.html").write_text(PAGE, encoding="utf-8")
    (root / "c.txt").write_bytes(b"")  # the bad one
    (root / "d.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # not a text suffix: skipped
    (root / ".hidden.txt").write_text("hidden")  # hidden: skipped
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("hidden dir")  # in a hidden directory: skipped
    (root / "sub").mkdir()
    (root / "sub" / "e.txt.gz").write_bytes(gzip.compress(b"Nested text file."))
    (root / "sub" / "archive.tar.gz").write_bytes(gzip.compress(b"not read"))


def test_directory_with_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(iter_documents([str(tmp_path)]))
    assert [doc.uri for doc in _docs(items)] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.html"),
        str(tmp_path / "sub" / "e.txt.gz"),
    ]
    [error] = _errors(items)
    assert isinstance(error, EmptyInput)
    assert error.source == str(tmp_path / "c.txt")
    assert str(error).startswith(f"{tmp_path / 'c.txt'}: ")


def test_expand_inputs_order_and_kinds(tmp_path: Path) -> None:
    _tree(tmp_path)
    explicit = tmp_path / "d.png"
    expanded = list(expand_inputs([str(explicit), str(tmp_path / "sub"), "-"]))
    assert expanded == [str(explicit), str(tmp_path / "sub" / "e.txt.gz"), "-"]


def test_glob_expansion(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert list(expand_inputs([str(tmp_path / "*.txt")])) == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "c.txt"),
    ]
    assert list(expand_inputs([str(tmp_path / "**" / "*.gz")])) == [
        str(tmp_path / "sub" / "archive.tar.gz"),
        str(tmp_path / "sub" / "e.txt.gz"),
    ]
    assert list(expand_inputs([str(tmp_path / "s?b")])) == [str(tmp_path / "sub" / "e.txt.gz")]


def test_missing_path_and_empty_glob_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(LATVIAN, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    pattern = str(tmp_path / "*.nothing")
    items = list(iter_documents([str(missing), pattern, str(good)]))
    assert isinstance(items[0], InputNotFound)
    assert str(items[0]) == f"{missing}: no such file or directory [E001]"
    assert isinstance(items[1], InputNotFound)
    assert items[1].source == pattern
    assert isinstance(items[2], RawDocument) and items[2].uri == str(good)


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "only.png").write_bytes(b"\x89PNG")
    [error] = list(expand_inputs([str(tmp_path)]))
    assert isinstance(error, InputNotFound)
    assert "no readable files" in error.reason


def test_jsonl_file_in_a_directory_yields_one_document_per_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"html": "<p>Rīga</p>", "url": "https://example.lv/1"}, ensure_ascii=False),
        "{broken",
        json.dumps({"text": "Otrais", "date": "2023-09-28"}),
    ]
    (tmp_path / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents([str(tmp_path)]))
    base = str(tmp_path / "crawl.jsonl")
    assert [(doc.uri, doc.kind, doc.container) for doc in _docs(items)] == [
        (f"{base}:1", "html", "jsonl"),
        (f"{base}:3", "text", "jsonl"),
    ]
    [error] = _errors(items)
    assert error.source == f"{base}:2" and error.code == "E008"


# --- stdin ----------------------------------------------------------------------------


def _fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, LATVIAN.encode("cp1257"))
    [doc] = list(iter_documents(["-"]))
    assert isinstance(doc, RawDocument)
    assert (doc.uri, doc.text, doc.kind) == ("<stdin>", LATVIAN, "text")


def test_gzipped_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, gzip.compress(PAGE.encode("utf-8")))
    [doc] = list(iter_documents(["-"]))
    assert isinstance(doc, RawDocument) and doc.text == PAGE


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, b"y" * 5000)
    [error] = list(iter_documents(["-"], max_bytes=4000))
    assert isinstance(error, InputTooLarge) and error.source == "<stdin>"


def test_text_only_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Sveika, pasaule!"))
    assert read_file_bytes("-") == b"Sveika, pasaule!"


# --- sniffing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        PAGE,
        "\ufeff  <!-- saved --><html lang=lv><body>x</body></html>",
        '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n<html>',
        "<div class=x>Ziņas</div>",
        "<META charset=utf-8><title>t</title>",
        "Saved page\n<p>one</p> <p>two</p> <br/> text",
    ],
)
def test_sniff_kind_html(text: str) -> None:
    assert sniff_kind(text) == "html"


@pytest.mark.parametrize(
    "text",
    [
        LATVIAN,
        "Hello <br> world, a flattened page with one stray tag.",
        "a < b and c > d",
        "<custom-element>not a known tag</custom-element>",
        "",
    ],
)
def test_sniff_kind_text(text: str) -> None:
    assert sniff_kind(text) == "text"


def test_looks_like_jsonl() -> None:
    assert looks_like_jsonl('\n\n  {"text": "a"}\n{"text": "b"}')
    assert looks_like_jsonl('{"html": "<p>"}')
    assert not looks_like_jsonl('[{"text": "a"}]')
    assert not looks_like_jsonl("{ not json")
    assert not looks_like_jsonl("Plain text {with braces}")
    assert not looks_like_jsonl("  \n ")
