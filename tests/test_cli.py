"""The command line on real and hostile inputs: one-line errors, batches go on."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from newsmill.cli import main

from .conftest import EXAMPLE_PAGE


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_extract_json_gives_the_expected_record(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["extract", str(EXAMPLE_PAGE), "--format", "json"], capsys)
    assert code == 0, err
    record = json.loads(out)
    assert record["schema"] == "newsmill.article/1"
    assert (
        record["title"]
        == "Lībijas kaujinieku komandieris Haftars ticies ar Putinu un Šoigu Maskavā"
    )
    assert record["comment_count"] == 25
    assert record["text"] == "\n\n".join(record["paragraphs"])


def test_text_and_markdown_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", str(EXAMPLE_PAGE), "-f", "text"], capsys)
    assert code == 0
    assert out.startswith("Lībijas kaujinieku komandieris Haftars ticies")
    assert "Reklāma" not in out
    code, out, _ = run(["extract", str(EXAMPLE_PAGE), "-f", "markdown"], capsys)
    assert out.startswith("# Lībijas kaujinieku komandieris Haftars")
    assert "**Publisher:** LA.LV" in out


def test_explain_lists_every_removed_line_with_its_kind(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["extract", str(EXAMPLE_PAGE), "-f", "jsonl", "--explain"], capsys)
    assert code == 0
    json.loads(out)
    assert "- ad" in err and "Reklāma" in err
    assert "- credit" in err and "Foto: AFP/SCANPIX" in err
    assert "+ paragraph" in err


def test_stdin_and_gzip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    packed = tmp_path / "page.txt.gz"
    packed.write_bytes(gzip.compress(EXAMPLE_PAGE.read_bytes()))
    code, out, _ = run(["extract", str(packed), "-f", "jsonl"], capsys)
    assert code == 0
    assert json.loads(out)["comment_count"] == 25

    class FakeStdin:
        buffer = open(EXAMPLE_PAGE, "rb")  # noqa: SIM115

    monkeypatch.setattr("sys.stdin", FakeStdin)
    try:
        code, out, _ = run(["extract", "-", "-f", "jsonl"], capsys)
    finally:
        FakeStdin.buffer.close()
    assert code == 0
    assert json.loads(out)["source"]["uri"] == "<stdin>"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t\n", "blank"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("cut.txt.gz", gzip.compress(EXAMPLE_PAGE.read_bytes())[:600], "gzip"),
    ],
)
def test_bad_file_gets_one_line_error_and_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, words: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run(["extract", str(bad)], capsys)
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(bad) in lines[0] and words in lines[0].lower()
    assert "Traceback" not in err


def test_directory_with_one_bad_file_keeps_the_good_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_bytes(EXAMPLE_PAGE.read_bytes())
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "c.txt").write_bytes(EXAMPLE_PAGE.read_bytes())
    code, out, err = run(["extract", str(tmp_path), "-f", "jsonl"], capsys)
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["source"]["uri"]).name for r in records] == ["a.txt", "c.txt"]
    assert "b.txt" in err and "2 extracted, 1 failed" in err


@pytest.mark.parametrize("codec", ["cp1257", "iso8859_13"])
def test_baltic_encodings_come_out_as_latvian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], codec: str
) -> None:
    page = tmp_path / f"page-{codec}.txt"
    page.write_bytes(EXAMPLE_PAGE.read_text(encoding="utf-8").encode(codec, errors="replace"))
    code, out, _ = run(["extract", str(page), "-f", "jsonl"], capsys)
    assert code == 0
    record = json.loads(out)
    assert (
        record["title"]
        == "Lībijas kaujinieku komandieris Haftars ticies ar Putinu un Šoigu Maskavā"
    )
    assert record["source"]["encoding"].replace("-", "").replace("_", "") in {"cp1257", "iso885913"}


def test_fifty_megabyte_file_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    paragraph = EXAMPLE_PAGE.read_text(encoding="utf-8").split("\n\n")[2] + "\n\n"
    with open(big, "w", encoding="utf-8") as handle:
        while handle.tell() < 50_000_000:
            handle.write(paragraph * 200)
    assert os.path.getsize(big) >= 50_000_000
    code, _, err = run(["extract", str(big), "-f", "jsonl", "--max-mb", "40"], capsys)
    assert code == 1 and "limit" in err and "big.txt" in err


def test_missing_file_fails_while_an_html_page_comes_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "page.html"
    html.write_text(
        "<!doctype html><html lang='lv'><head><title>Ziņa | LA.LV</title></head><body>"
        "<nav><a href='/'>Sākums</a></nav><article><h1>Ziņa</h1>"
        + "<p>Lībijas kaujinieku komandieris Halifa Haftars ceturtdien piedalījās sarunās "
        "ar Krievijas prezidentu Vladimiru Putinu Maskavā, paziņoja Kremlis.</p>"
        * 3
        + "</article><footer>© LA.LV</footer></body></html>",
        encoding="utf-8",
    )
    code, out, err = run(["extract", str(tmp_path / "nope.txt"), str(html), "-f", "jsonl"], capsys)
    assert code == 1
    assert "nope.txt" in err and "Traceback" not in err
    record = json.loads(out)
    assert record["source"]["kind"] == "html"
    assert "Halifa Haftars" in record["text"]


def test_explain_shows_the_text_as_the_record_holds_it() -> None:
    from newsmill.render import explain

    shown = explain([("paragraph", 0.93, "Wäh\u00adrend Sie über den Markt schlen\u00addern")])
    assert shown == "+ paragraph  0.93  Während Sie über den Markt schlendern\n"


def test_explain_leaves_out_a_block_of_nothing_but_marks() -> None:
    from newsmill.render import explain

    rows = [("other", 0.10, "\u00ad"), ("paragraph", 0.93, "Der Markt war voll.")]
    assert explain(rows) == "+ paragraph  0.93  Der Markt war voll.\n"
