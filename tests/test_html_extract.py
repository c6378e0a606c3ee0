"""HTML pages to Articles: a Latvian page in Windows-1257, hostile markup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsmill import extract, extract_text
from newsmill.cli import main
from newsmill.record import BOILERPLATE_KINDS

from .conftest import EXAMPLES, double_encoded

PAGE = EXAMPLES / "la-lv-haftars.cp1257.html"

EXPECTED_PARAGRAPHS = [
    "Lībijas kaujinieku komandieris Halifa Haftars, kura spēki kontrolē valsts austrumdaļu,",
    "Haftars, kura atbalstītā Lībijas austrumdaļas administrācija konkurē ar ANO",
    "Haftaram bija “sarunas ar Krievijas prezidentu Vladimiru Putinu",
    "Ziņu par Haftara tikšanos ar Putinu apstiprināja Kremļa preses sekretārs",
    "Šī bija Haftara un Putina pirmā tikšanās kopš 2019.gada",
    "Haftaram, kurš otrdien ieradās Maskavā",
]


def test_windows_1257_page_comes_out_in_latvian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(PAGE), "-f", "jsonl"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"]["encoding"].replace("-", "").replace("_", "") == "cp1257"
    assert record["title"] == (
        "Lībijas kaujinieku komandieris Haftars ticies ar Putinu un Šoigu Maskavā"
    )
    assert record["language"] == "lv"
    assert record["publisher"]["name"] == "LA.LV"
    assert record["published"].startswith("2023-09-28")
    assert record["url"] == "https://www.la.lv/haftars-putins"


def test_a_double_encoded_page_comes_out_as_the_clean_one(tmp_path: Path) -> None:
    # UTF-8 read as Windows-1252 and saved again: "ā" is stored as "Ä" and a C1 control.
    page = PAGE.read_bytes().decode("cp1257")
    broken = tmp_path / "double-encoded.html"
    broken.write_bytes(double_encoded(page, "cp1252"))
    assert "Lībijas" not in broken.read_text(encoding="utf-8")
    article = extract(broken)
    clean = extract(PAGE)
    assert article.paragraphs == clean.paragraphs
    assert article.title == clean.title
    assert article.source.encoding == "utf-8+repaired"


def test_body_is_the_article_and_the_rest_is_boilerplate() -> None:
    article = extract(PAGE)
    assert len(article.paragraphs) == len(EXPECTED_PARAGRAPHS)
    for paragraph, start in zip(article.paragraphs, EXPECTED_PARAGRAPHS, strict=True):
        assert paragraph.startswith(start)
    for dropped in ("Reklāma", "Sākums", "vārti uz elli", "Dalīties", "Visas tiesības"):
        assert dropped not in article.text
    kinds = {b.text: b.kind for b in article.boilerplate}
    assert kinds["Reklāma"] == "ad"
    assert kinds["Sākums"] == "navigation"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<div>" * 5000 + "Dziļi iekšā." + "</div>" * 5000 + "</body></html>",
        "<html><body><p>Nepabeigts <b>teksts <i>bez beigām<p>Otrā rindkopa",
        "<html></html>",
        "<p>" + "Ļoti gara rinda bez atstarpēm" * 2000,
        "<!-- tikai komentārs -->",
    ],
)
def test_hostile_markup_gives_a_record_not_a_crash(html: str) -> None:
    article = extract_text(html)
    assert isinstance(article.paragraphs, tuple)
    for block in article.boilerplate:
        assert block.kind in BOILERPLATE_KINDS


def test_a_100_mb_page_is_stopped_by_the_size_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.html"
    chunk = ("<p>" + "Ļoti gara rindkopa. " * 50 + "</p>\n").encode("utf-8") * 1000
    with open(huge, "wb") as handle:
        handle.write(b"<html><body>")
        while handle.tell() < 100_000_000:
            handle.write(chunk)
    assert main(["extract", str(huge)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "huge.html" in err and "64 MB limit" in err


def test_an_open_div_in_a_header_button_does_not_hide_the_article() -> None:
    # libxml2 nests everything after such a button inside it (browsers close it at
    # </button>); buttons are skipped as page furniture, which would lose the whole story.
    html = PAGE.read_bytes().decode("cp1257")
    start = html.index(">", html.index("<body")) + 1
    broken = '<header><button class="menu-toggle"><div class="icon">\n<div>\n</button></header>'
    article = extract_text(html[:start] + broken + html[start:], uri="broken-button.html")
    text = str(article.text)
    assert all(paragraph in text for paragraph in EXPECTED_PARAGRAPHS)


@pytest.mark.parametrize("encoding", ["UTF-8", "ISO-8859-13", "windows-1257"])
def test_an_xhtml_page_opening_with_an_xml_declaration_is_read(encoding: str) -> None:
    # lxml refuses a str that declares its encoding; the page is decoded already, so the
    # declaration (like a <meta charset>) is no longer true of it and must not count.
    html = PAGE.read_bytes().decode("cp1257")
    declared = f'<?xml version="1.0" encoding="{encoding}"?>\n' + html
    article = extract_text(declared, uri="xhtml.html")
    text = str(article.text)
    assert all(paragraph in text for paragraph in EXPECTED_PARAGRAPHS)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Sala\ud83d\ude00s", "Sala\U0001f600s"),  # a pair as two code units: its character
        ("Sala\ud800s", "Sala\ufffd\ufffd\ufffds"),  # a lone one: marks, and no crash
    ],
)
def test_surrogates_in_a_python_string(written: str, read: str) -> None:
    article = extract_text(
        f"<html><body><article><p>{written} dome vakar lēma par tilta būvi pār upi, "
        "un darbi sāksies pavasarī.</p></article></body></html>",
        analyse=False,
    )
    assert f"{read} dome vakar lēma par tilta būvi" in str(article.text)


def test_a_stray_end_of_page_before_the_article_does_not_hide_it() -> None:
    # A template that closes </body></html> before the story: browsers go on with the body.
    html = PAGE.read_bytes().decode("cp1257")
    start = html.index(">", html.index("<body")) + 1
    article = extract_text(html[:start] + "</body></html>" + html[start:], uri="stray-end.html")
    text = str(article.text)
    assert all(paragraph in text for paragraph in EXPECTED_PARAGRAPHS)


def test_the_collector_is_off_while_a_page_is_extracted_and_restored_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc
    import importlib

    # `newsmill.extract` is also the package's extract function, so import by name.
    html_extract = importlib.import_module("newsmill.extract.html")

    seen: list[bool] = []
    measure = html_extract.measure_page

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return measure(*args, **kwargs)

    monkeypatch.setattr(html_extract, "measure_page", spy)
    was = gc.isenabled()
    gc.enable()
    try:
        article = extract_text(PAGE.read_bytes().decode("cp1257"), uri="la-lv.html")
        assert seen == [False]
        assert gc.isenabled()
        assert EXPECTED_PARAGRAPHS[0] in str(article.text)
    finally:
        if not was:
            gc.disable()
