"""decode_bytes: BOMs, declarations, UTF-8, detection with the plausibility tie-break."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmill.errors import BinaryInput, DecodeFailed, EmptyInput, NewsmillError
from newsmill.read.decode import (
    _DAMAGED_TEXT,
    _DOUBLE_ENCODED,
    MAX_REPAIRED_RUN,
    REPAIRED_SUFFIX,
    decode_bytes,
    normalize_newlines,
    sniff_meta_charset,
)
from tests.conftest import double_encoded

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "la-lv-haftars-putins.txt"

# Article paragraphs of the example, a sentence or two each. The second and
# third hold curly quotes, which sit at different bytes in the two encodings.
LATVIAN_PARAGRAPHS = [
    "Lībijas kaujinieku komandieris Halifa Haftars, kura spēki kontrolē valsts austrumdaļu, "
    "ceturtdien piedalījās sarunās ar Krievijas prezidentu Vladimiru Putinu Maskavā, "
    "paziņoja Haftara spēki un Kremlis.",
    "Haftars, kura atbalstītā Lībijas austrumdaļas administrācija konkurē ar ANO atbalstīto "
    "Lībijas valdību Tripolē, ir izveidojis tuvas attiecības ar Maskavu un ir atkarīgs no "
    "Krievijas algotņu grupējuma “Vagner” militārā atbalsta.",
    "Ziņu par Haftara tikšanos ar Putinu apstiprināja Kremļa preses sekretārs Dmitrijs "
    "Peskovs, sakot, ka “viņi apsprieda situāciju Lībijā un reģionā kopumā”.",
]
# A pangram: every Latvian letter, small and capital.
LATVIAN_PANGRAM = "Glāžšķūņu rūķīši dzērumā čiepj Baha koncertflīģeļu vākus."
BALTIC = ["cp1257", "iso8859_13"]


def test_example_paragraphs_are_in_the_example_file() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for paragraph in LATVIAN_PARAGRAPHS:
        assert paragraph in text


@pytest.mark.parametrize("encoding", BALTIC)
@pytest.mark.parametrize("paragraph", LATVIAN_PARAGRAPHS)
def test_short_latvian_legacy_text_decodes_to_the_right_letters(
    paragraph: str, encoding: str
) -> None:
    text, _used = decode_bytes(paragraph.encode(encoding), "lv.txt")
    assert text == paragraph


@pytest.mark.parametrize("encoding", BALTIC)
@pytest.mark.parametrize("text", [LATVIAN_PANGRAM, LATVIAN_PANGRAM.upper()])
def test_every_latvian_letter_small_and_capital(text: str, encoding: str) -> None:
    # A short sentence alone is ambiguous; one of news length is not.
    body = f"{text} {LATVIAN_PARAGRAPHS[0]}"
    decoded, _used = decode_bytes(body.encode(encoding), "lv.txt")
    assert decoded == body


@pytest.mark.parametrize(
    ("encoding", "expected"), [("cp1257", "cp1257"), ("iso8859_13", "iso8859-13")]
)
def test_quotes_tell_the_two_baltic_encodings_apart(encoding: str, expected: str) -> None:
    text, used = decode_bytes(LATVIAN_PARAGRAPHS[2].encode(encoding), "lv.txt")
    assert text == LATVIAN_PARAGRAPHS[2]
    assert used == expected


def test_whole_latvian_example_round_trips_through_windows_1257() -> None:
    original = EXAMPLE.read_text(encoding="utf-8")
    data = original.encode("cp1257", errors="replace")
    text, used = decode_bytes(data, "lv.txt")
    assert used == "cp1257"
    assert text == data.decode("cp1257")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "Le gouvernement a présenté jeudi un projet de loi visant à renforcer la sécurité.",
            "cp1252",
        ),
        (
            "Rząd przyjął w czwartek projekt ustawy, który ma zwiększyć wydatki na zdrowie.",
            "cp1250",
        ),
        (
            "Vláda ve čtvrtek schválila návrh zákona, který má zvýšit výdaje na zdravotnictví.",
            "iso8859_2",
        ),
        ("Правительство в четверг одобрило законопроект про расходы на здравоохранение.", "cp1251"),
        (
            "Lietuvos Seimas ketvirtadienį priėmė įstatymą dėl viešųjų paslaugų prieinamumo.",
            "cp1257",
        ),
        (
            "Die Bundesregierung hat einen neuen Gesetzentwurf für die Förderung vorgestellt.",
            "cp1252",
        ),
    ],
)
def test_tie_break_is_not_latvian_only(text: str, encoding: str) -> None:
    decoded, _used = decode_bytes(text.encode(encoding), "page.txt")
    assert decoded == text


def test_utf8_bom_is_removed() -> None:
    text, used = decode_bytes(codecs.BOM_UTF8 + "Rīga\r\n".encode(), "a.txt")
    assert (text, used) == ("Rīga\n", "utf-8")


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom(bom: bytes, encoding: str) -> None:
    original = "Ziņas: “Šoigu” Maskavā.\r\nOtrā rinda."
    text, used = decode_bytes(bom + original.encode(encoding), "a.txt")
    assert text == normalize_newlines(original)
    assert used == encoding


def test_utf16_without_bom_is_recognised_by_its_nul_columns() -> None:
    original = "Plain English text, saved by an old editor as UTF-16."
    assert decode_bytes(original.encode("utf-16-le"), "a.txt") == (original, "utf-16-le")
    assert decode_bytes(original.encode("utf-16-be"), "a.txt") == (original, "utf-16-be")


def test_broken_bom_data_is_a_decode_failure() -> None:
    with pytest.raises(DecodeFailed, match=r"UTF-8 byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"ok \xff\xfe\xfa", "a.txt")


def test_html_meta_charset_is_honoured() -> None:
    page = (
        '<!DOCTYPE html><html><head><meta charset="windows-1257"><title>x</title></head>'
        "<body><p>Ķekava, Ļaudona, Ņukši</p></body></html>"
    )
    text, used = decode_bytes(page.encode("cp1257"), "page.html")
    assert text == page
    assert used == "cp1257"


def test_html_http_equiv_charset_is_honoured() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-13">'
        "</head><body>Ģirts un Ūna</body></html>"
    )
    assert decode_bytes(page.encode("iso8859_13"), "page.html") == (page, "iso8859-13")


def test_declared_charset_beats_meta() -> None:
    page = '<meta charset="iso-8859-2"><p>Ļoti labi</p>'
    text, used = decode_bytes(page.encode("cp1257"), "page.html", declared="windows-1257")
    assert (text, used) == (page, "cp1257")


def test_valid_utf8_beats_a_wrong_latin1_label() -> None:
    page = '<meta charset="iso-8859-1"><p>Žurnāls “Ir”</p>'
    assert decode_bytes(page.encode("utf-8"), "page.html") == (page, "utf-8")


def test_latin1_label_means_windows_1252() -> None:
    page = '<meta charset="iso-8859-1"><p>“Café” \u2013 naïve</p>'
    assert decode_bytes(page.encode("cp1252"), "page.html") == (page, "cp1252")


def test_nonsense_and_ebcdic_labels_are_ignored() -> None:
    page = '<meta charset="cp037"><p>Plain ASCII page</p>'
    assert decode_bytes(page.encode("ascii"), "page.html") == (page, "utf-8")
    assert decode_bytes(b"<p>hi</p>", "p.html", declared="x-no-such-charset")[0] == "<p>hi</p>"


def test_slightly_damaged_utf8_is_kept_as_utf8() -> None:
    good = "Lībijas kaujinieku komandieris Haftars ticies ar Putinu un Šoigu Maskavā."
    text, used = decode_bytes(good.encode() + b"\xe2\x80", "cut.txt")
    assert used == "utf-8"
    assert text.startswith(good)


def test_sniff_meta_charset() -> None:
    assert sniff_meta_charset(b'<html><head><meta charset="windows-1257">') == "cp1257"
    assert (
        sniff_meta_charset(b"<meta content='text/html; charset=koi8-r' http-equiv=x>") == "koi8-r"
    )
    assert sniff_meta_charset(b'<?xml version="1.0" encoding="ISO-8859-13"?><html>') == "iso8859-13"
    assert sniff_meta_charset(b'<meta charset="no-such-thing">') is None
    assert sniff_meta_charset(b"charset=windows-1257 but no tag") is None
    assert sniff_meta_charset(b" " * 5000 + b'<meta charset="cp1257">') is None


def test_newlines_are_normalised() -> None:
    assert decode_bytes(b"a\r\nb\rc\n", "a.txt")[0] == "a\nb\nc\n"


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
)
def test_empty_and_blank_input(data: bytes) -> None:
    with pytest.raises(EmptyInput) as info:
        decode_bytes(data, "blank.txt")
    assert str(info.value).startswith("blank.txt: ")
    assert str(info.value).endswith("[E002]")


def test_random_bytes_with_nuls_are_binary() -> None:
    data = random.Random(7).randbytes(4096)
    assert b"\x00" in data
    with pytest.raises(BinaryInput, match=r"^noise\.bin: .*\[E003\]$"):
        decode_bytes(data, "noise.bin")


def test_png_header_is_binary() -> None:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
        b"\x00\x00\x00\x1f\xf3\xffa\x00\x00\x00\x19tEXtSoftware\x00Adobe ImageReady"
    )
    with pytest.raises(BinaryInput):
        decode_bytes(png, "image.png")


def test_control_bytes_without_nuls_are_binary() -> None:
    data = bytes(b for b in random.Random(3).randbytes(4000) if b != 0)
    with pytest.raises(BinaryInput):
        decode_bytes(data, "noise.bin")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_any_bytes_give_text_or_a_newsmill_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, "fuzz")
    except NewsmillError as exc:
        assert str(exc).startswith("fuzz: ")
        assert "\n" not in str(exc)
        return
    assert isinstance(text, str) and text.strip()
    assert isinstance(encoding, str) and encoding
    assert "\r" not in text
    assert not text.startswith("\ufeff")


_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\ufeff")
    | st.sampled_from("\n\t"),
    min_size=1,
    max_size=300,
).filter(lambda s: s.strip() != "" and "\r" not in s)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_utf8_text_round_trips(text: str) -> None:
    decoded, encoding = decode_bytes(text.encode("utf-8"), "u.txt")
    # Only text holding what double encoding leaves ("Ã©", "â€") may be repaired, and says so.
    assert (decoded, encoding) == (text, "utf-8") or encoding == "utf-8" + REPAIRED_SUFFIX


@pytest.mark.parametrize("reading", ["latin_1", "cp1252"])
def test_double_encoded_utf8_is_repaired(reading: str) -> None:
    english = "It doesn’t matter — the café’s “naïve” menu costs 50 €."
    page = f"<html><body><p>{english}</p><p>{LATVIAN_PANGRAM}</p></body></html>"
    broken = double_encoded(page, reading)
    assert english not in broken.decode("utf-8")
    text, encoding = decode_bytes(broken, "page.html")
    assert english in text
    assert LATVIAN_PANGRAM in text
    assert encoding == "utf-8" + REPAIRED_SUFFIX


@pytest.mark.parametrize("reading", ["latin_1", "cp1252"])
def test_double_encoded_latvian_without_quotes_is_repaired(reading: str) -> None:
    # No curly quote or dash to give it away: only "Ä«", "Å¡", "Ä\x81" and the like.
    text, encoding = decode_bytes(double_encoded(LATVIAN_PANGRAM, reading), "lv.txt")
    assert (text, encoding) == (LATVIAN_PANGRAM, "utf-8" + REPAIRED_SUFFIX)


def test_only_runs_of_text_up_to_the_limit_are_repaired() -> None:
    data = "x" * MAX_REPAIRED_RUN + "caf\u00c3\u00a9"  # script data: left, however damaged
    page = f"<script>{data}</script><p>caf\u00c3\u00a9 \u00c3\u00a9t\u00c3\u00a9</p>"
    text, encoding = decode_bytes(page.encode("utf-8"), "big.html")
    assert text == f"<script>{data}</script><p>café été</p>"
    assert encoding == "utf-8" + REPAIRED_SUFFIX


_NEAR_DAMAGE = st.sampled_from(
    list("aé\u00a0\u00a9\u00bf\u00c0\u00c2\u00c3\u00c4\u00c5\u00e2\u00ff\u0080\u0099\u009f")
    + list("\u0100\u0140\u017f\u0180\u01bf\u02c0\u02ff\u2000\u20ac\u2fff\u3000<>")
)


@settings(max_examples=500, deadline=None)
@given(st.text(_NEAR_DAMAGE | st.characters(blacklist_categories=("Cs",)), max_size=8))
def test_the_bytes_and_the_text_signatures_of_damage_agree(text: str) -> None:
    assert bool(_DOUBLE_ENCODED.search(text.encode("utf-8"))) == bool(_DAMAGED_TEXT.search(text))


def test_text_that_only_looks_accented_is_left_alone() -> None:
    text = "Naïve café: 50 °C ± 2 in São Paulo, © 2024 Ægir — «Ça va?» ¿Qué? Glāžšķūņu rūķīši."
    assert decode_bytes(text.encode("utf-8"), "t.txt") == (text, "utf-8")
    example = EXAMPLE.read_bytes()
    assert decode_bytes(example, "la.txt") == (example.decode("utf-8"), "utf-8")
