"""Small real-shaped inputs for the corpus tests: distinct news texts, copies, bad files."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

# Enough words that two random stories share almost no word 4-grams.
_WORDS = (
    "valdība ministrs sanāksme budžets pilsēta iedzīvotāji skola slimnīca ceļš tilts policija "
    "tiesa prezidents parlaments likums nodoklis cena enerģija ūdens mežs osta dzelzceļš "
    "universitāte students ārsts pacients uzņēmums banka eksports imports lauksaimnieks "
    "zemnieks graudi piens gaļa zivis kuģis lidosta autobuss vilciens teātris koncerts "
    "festivāls muzejs bibliotēka grāmata rakstnieks dzejnieks sportists komanda spēle "
    "čempionāts treneris medaļa rekords laikapstākļi lietus sniegs vējš saule pavasaris"
).split()


def story(seed: int, paragraphs: int = 5) -> tuple[str, list[str]]:
    """A headline and paragraphs of plausible length, different for every seed."""
    rng = random.Random(seed)

    def sentence() -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(10, 16))).capitalize() + "."

    title = " ".join(rng.choice(_WORDS) for _ in range(6)).capitalize()
    body = [" ".join(sentence() for _ in range(3)) for _ in range(paragraphs)]
    return title, body


def flat_page(title: str, body: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(body) + "\n"


def write_stories(folder: Path, count: int, *, start: int = 0, paragraphs: int = 5) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(start, start + count):
        path = folder / f"story-{seed:04d}.txt"
        path.write_text(flat_page(*story(seed, paragraphs)), encoding="utf-8")
        paths.append(path)
    return paths


def write_bad_inputs(folder: Path) -> dict[str, Path]:
    """One input of each bad kind the ingest must quarantine and survive."""
    folder.mkdir(parents=True, exist_ok=True)
    bad = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "jsonl": folder / "mixed.jsonl",
        "gzip": folder / "cut.txt.gz",
        "warc": folder / "cut.warc.gz",
    }
    bad["empty"].write_bytes(b"")
    bad["binary"].write_bytes(bytes(range(256)) * 40)
    good = flat_page(*story(9001))
    bad["jsonl"].write_text(
        json.dumps({"text": good, "url": "https://example.lv/a"})
        + "\n{not json\n"
        + json.dumps({"text": flat_page(*story(9002)), "url": "https://example.lv/b"})
        + "\n",
        encoding="utf-8",
    )
    bad["gzip"].write_bytes(gzip.compress(flat_page(*story(9003)).encode())[:-30])
    bad["warc"].write_bytes(_warc(flat_page(*story(9004)))[:-200])
    return bad


def _warc(text: str) -> bytes:
    html = f"<html><body><article><h1>Virsraksts</h1><p>{text}</p></article></body></html>"
    payload = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}".encode()
    records = []
    for n in range(2):
        header = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Target-URI: https://example.lv/{n}\r\nWARC-Date: 2023-09-28T10:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:0000000{n}-0000-0000-0000-000000000000>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}"
            "\r\n\r\n"
        ).encode()
        records.append(gzip.compress(header + payload + b"\r\n\r\n"))
    return b"".join(records)
