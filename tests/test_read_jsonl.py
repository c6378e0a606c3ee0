"""iter_jsonl: one document per good line, one MalformedRecord per bad line, never a raise."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsmill.errors import CorruptArchive, InputTooLarge, MalformedRecord, NewsmillError
from newsmill.read.files import read_documents
from newsmill.read.jsonl import iter_jsonl
from newsmill.read.raw import RawDocument, Shard


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_good_lines_become_documents_with_line_numbered_uris() -> None:
    text = "\n".join(
        [
            _line(html="<p>Rīga</p>", url="https://example.lv/a", fetched_at="2023-09-28"),
            "",
            _line(text="Plain text\r\nsecond line", date="2023-09-29T10:00:00Z"),
        ]
    )
    items = list(iter_jsonl(text, "crawl.jsonl", encoding="utf-8"))
    assert items == [
        RawDocument(
            uri="crawl.jsonl:1",
            text="<p>Rīga</p>",
            kind="html",
            encoding="utf-8",
            container="jsonl",
            url="https://example.lv/a",
            fetched_at="2023-09-28",
        ),
        RawDocument(
            uri="crawl.jsonl:3",
            text="Plain text\nsecond line",
            kind="text",
            encoding="utf-8",
            container="jsonl",
            url=None,
            fetched_at="2023-09-29T10:00:00Z",
        ),
    ]


def test_malformed_lines_are_reported_by_line_and_reading_goes_on() -> None:
    lines = [
        _line(text="first good"),  # 1
        '{"text": "unterminated',  # 2
        "[1, 2, 3]",  # 3
        _line(url="https://example.lv/no-content"),  # 4
        _line(html="   ", text=""),  # 5
        _line(html=42),  # 6
        "   ",  # 7: blank, skipped silently
        "[" * 100_000,  # 8: too deep for the parser
        _line(html="<p>last good</p>"),  # 9
    ]
    items = list(iter_jsonl("\n".join(lines), "dump.jsonl"))

    docs = [item for item in items if isinstance(item, RawDocument)]
    errors = [item for item in items if isinstance(item, NewsmillError)]
    assert [doc.uri for doc in docs] == ["dump.jsonl:1", "dump.jsonl:9"]
    assert [doc.text for doc in docs] == ["first good", "<p>last good</p>"]
    assert all(isinstance(error, MalformedRecord) for error in errors)
    assert [error.source for error in errors] == [
        "dump.jsonl:2",
        "dump.jsonl:3",
        "dump.jsonl:4",
        "dump.jsonl:5",
        "dump.jsonl:6",
        "dump.jsonl:8",
    ]
    reasons = [error.reason for error in errors]
    assert reasons[0].startswith("not valid JSON")
    assert reasons[1] == "expected a JSON object, got an array"
    assert reasons[2] == reasons[3] == 'no non-empty "html" or "text" field'
    assert reasons[4] == 'field "html" must be a string, got a number'
    for error in errors:
        message = str(error)
        assert message.endswith(" [E008]")
        assert "\n" not in message


def test_html_is_preferred_and_empty_html_falls_back_to_text() -> None:
    both = list(iter_jsonl(_line(html="<p>h</p>", text="t"), "x.jsonl"))
    empty_html = list(iter_jsonl(_line(html="", text="t"), "x.jsonl"))
    assert isinstance(both[0], RawDocument) and both[0].kind == "html"
    assert isinstance(empty_html[0], RawDocument) and empty_html[0].text == "t"


def test_non_string_metadata_is_ignored() -> None:
    [doc] = list(iter_jsonl(_line(text="t", url=7, fetched_at=None, date=" "), "x.jsonl"))
    assert isinstance(doc, RawDocument)
    assert doc.url is None and doc.fetched_at is None


def test_last_line_without_newline_and_crlf_line_ends() -> None:
    text = _line(text="a") + "\r\n" + _line(text="b")
    items = list(iter_jsonl(text, "x.jsonl"))
    assert [item.uri for item in items if isinstance(item, RawDocument)] == [
        "x.jsonl:1",
        "x.jsonl:2",
    ]


def test_a_lone_surrogate_escape_becomes_a_replacement_character() -> None:
    # JSON allows "\ud800" alone; Python decodes it to a character no encoder accepts.
    line = '{"text": "Rīga \\ud800 un \\ud83d\\ude00 pilsēta", "url": "https://x.lv/\\udc00"}'
    (doc,) = iter_jsonl(line + "\n", "crawl.jsonl")
    assert isinstance(doc, RawDocument)
    assert doc.text == "Rīga \ufffd un \U0001f600 pilsēta"
    assert doc.url == "https://x.lv/\ufffd"
    doc.text.encode("utf-8")  # downstream steps (extractors, SQLite, JSON) can take it


def test_shards_take_every_nth_line_and_its_errors() -> None:
    lines = [json.dumps({"text": f"page {n}"}) for n in range(5)]
    lines.insert(2, "{broken")
    text = "\n".join(lines) + "\n"
    parts = [list(iter_jsonl(text, "c.jsonl", shard=Shard(k, 2))) for k in range(2)]
    assert [item.uri if isinstance(item, RawDocument) else item.source for item in parts[0]] == [
        "c.jsonl:1",
        "c.jsonl:3",
        "c.jsonl:5",
    ]
    assert isinstance(parts[0][1], MalformedRecord)
    assert [item.uri for item in parts[1] if isinstance(item, RawDocument)] == [
        "c.jsonl:2",
        "c.jsonl:4",
        "c.jsonl:6",
    ]


def _page(n: int) -> str:
    return json.dumps({"text": f"Ziņa numur {n}: Rīgā līst.", "url": f"https://x.lv/{n}"})


def test_a_named_jsonl_file_streams_past_the_size_limit_which_applies_per_line(
    tmp_path: Path,
) -> None:
    lines = [_page(n) for n in range(40)]
    lines[7] = json.dumps({"text": "x" * 500})
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 1000
    items = list(read_documents(str(path), max_bytes=200))
    assert len(items) == 40
    assert isinstance(items[7], InputTooLarge) and items[7].source == f"{path}:8"
    docs = [item for item in items if isinstance(item, RawDocument)]
    assert docs[0].text == "Ziņa numur 0: Rīgā līst." and docs[-1].uri == f"{path}:40"


def test_a_cut_gzipped_jsonl_gives_its_good_lines_then_one_error(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(_page(n) for n in range(200)) + "\n").encode())
    path = tmp_path / "crawl.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(read_documents(str(path)))
    assert all(isinstance(item, RawDocument) for item in items[:-1]) and len(items) > 50
    assert isinstance(items[-1], CorruptArchive) and "truncated gzip" in items[-1].reason


def test_a_legacy_encoded_line_is_decoded_and_a_jsonl_name_alone_proves_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.jsonl"
    text = (
        "Lībijas kaujinieku komandieris Halifa Haftars ceturtdien Maskavā tikās ar Krievijas "
        "prezidentu Vladimiru Putinu, paziņoja Kremļa preses sekretārs. Viņi apsprieda "
        "situāciju Lībijā un reģionā kopumā, kā arī sadarbības iespējas."
    )
    path.write_bytes(json.dumps({"text": text}, ensure_ascii=False).encode("cp1257") + b"\n")
    (doc,) = read_documents(str(path))
    assert isinstance(doc, RawDocument) and doc.text == text
    page = tmp_path / "page.jsonl"
    page.write_text("<html><body><p>Not JSON at all.</p></body></html>")
    (item,) = read_documents(str(page))
    assert isinstance(item, RawDocument) and item.kind == "html"
