"""The corpus commands end to end on real inputs: the repo's examples and written stories."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import newsmill
from newsmill.cli import main
from newsmill.record import Article, Event, Source, Span
from newsmill.store.writer import StoreWriter
from tests.conftest import EXAMPLES
from tests.corpus_samples import write_stories


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("corpus")
    write_stories(folder / "stories", 4)
    path = str(folder / "c.db")
    inputs = [
        str(EXAMPLES / "la-lv-haftars-putins.txt"),
        str(EXAMPLES / "la-lv-haftars.cp1257.html"),
    ]
    assert main(["ingest", *inputs, str(folder / "stories"), "--db", path, "-w", "1", "-q"]) == 0
    return path


def test_ingest_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = str(EXAMPLES / "la-lv-haftars-putins.txt")
    assert main(["ingest", page, "--db", str(tmp_path / "c.db"), "-w", "1"]) == 0
    assert "1 inputs: 1 articles stored, 0 already stored, 0 quarantined" in capsys.readouterr().err


def test_search_shows_ranked_hits_with_highlights_and_copies(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "Haftars Maskavā", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    # The flattened page and the HTML page are one story: one hit, with one copy.
    assert len(out) == 2
    assert (
        out[0].startswith("1. Lībijas kaujinieku komandieris Haftars") and "(+1 copies)" in out[0]
    )
    assert "[Maskavā]" in out[1] or "[Haftars]" in out[1]
    assert main(["search", "Haftars", "--db", db, "--all-copies"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4


def test_search_filters_and_no_hits(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Haftars", "--db", db, "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no articles match" in captured.err
    assert (
        main(["search", "Haftars", "--db", db, "--from", "2023-09-28", "--to", "2023-09-28"]) == 0
    )
    assert capsys.readouterr().out.startswith("1. Lībijas")


def test_show_by_id_prefix_and_unknown_id(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["export", "--format", "jsonl", "--db", db])
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert main(["show", first["id"][:10], "--db", db]) == 0
    shown = Article.from_json(capsys.readouterr().out)
    assert shown.id == first["id"] and shown.text == first["text"]
    assert main(["show", "nosuchid", "--db", db]) == 1
    err = capsys.readouterr().err
    assert (
        err.startswith("newsmill: error: nosuchid: no article with this id")
        and "Traceback" not in err
    )


def test_exports_round_trip(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["export", "-f", "jsonl", "--db", db])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 6
    assert {r["cluster"]["canonical"] for r in records} == {True, False}
    assert (
        Article.from_dict({k: v for k, v in records[0].items() if k != "cluster"}).id
        == records[0]["id"]
    )

    main(["export", "-f", "csv", "--db", db])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["id"] for r in rows] == [r["id"] for r in records]

    import pyarrow.parquet as pq

    out = tmp_path / "c.parquet"
    assert main(["export", "-f", "parquet", "--out", str(out), "--db", db]) == 0
    table = pq.read_table(out)
    assert table.num_rows == 6 and table.column("id").to_pylist() == [r["id"] for r in records]
    assert main(["export", "-f", "parquet", "--db", db]) == 1  # needs --out: one line
    assert "needs an output file" in capsys.readouterr().err


def test_entities_and_events_from_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.db"
    with StoreWriter(db):
        pass
    assert main(["entities", "--db", str(db)]) == 0
    assert "no entities stored" in capsys.readouterr().err

    article = newsmill.extract(EXAMPLES / "la-lv-haftars-putins.txt")
    meet = Event(
        "MEET",
        {"CAMEO": "040"},
        ("Halifa Haftars", "Vladimirs Putins"),
        "Maskava",
        "2023-09-28",
        Span(0, 9),
    )
    from newsmill.dedup.fingerprint import Fingerprinter
    from newsmill.store.rows import IngestedArticle

    with StoreWriter(db) as writer:
        fp = Fingerprinter().fingerprint(article.text)
        writer.add(IngestedArticle("h1", _with_events(article, meet), article.text.lower(), fp))
    assert main(["events", "--db", str(db), "--participant", "Putins"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["date", "type", "participants", "place", "reports", "sources"]
    assert table[1].split()[:2] == ["2023-09-28", "MEET"]
    assert main(["events", "--db", str(db), "--type", "TRAVEL", "-f", "jsonl"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["events", "--db", str(db), "-f", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["mentions"] == 1


def _with_events(article: Article, *events: Event) -> Article:
    from dataclasses import replace

    return replace(article, events=events)


def test_events_of_inputs_need_no_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = str(EXAMPLES / "la-lv-haftars-putins.txt")
    assert main(["events", page, "--db", str(tmp_path / "none.db"), "-f", "jsonl"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events and all(event["uri"] == page for event in events)
    meetings = [e["participants"] for e in events if e["type"] == "MEET"]
    assert ["Halifa Haftars", "Vladimirs Putins"] in meetings
    assert all(event.get("quote") for event in events if "quote" in event)  # no nulls
    assert main(["events", str(tmp_path / "missing.txt")]) == 1


def test_readers_without_a_store_get_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in (["search", "x"], ["entities"], ["events"], ["show", "x"], ["export"]):
        assert main([*command, "--db", str(tmp_path / "none.db")]) == 1
        assert "no corpus database here" in capsys.readouterr().err


def test_the_python_api(db: str) -> None:
    with newsmill.Corpus(db) as corpus:
        assert corpus.counts()["articles"] == 6
        (hit,) = corpus.search("Haftars")
        assert corpus.get(hit.id).title == hit.title
        assert len(corpus.copies(hit.id)) == 2
        assert corpus.entities() == [] or corpus.entities()[0].articles >= 1


def test_source_records_are_unchanged_by_the_store(db: str) -> None:
    original = newsmill.extract(EXAMPLES / "la-lv-haftars-putins.txt")
    with newsmill.Corpus(db) as corpus:
        stored = corpus.get(original.id)
    assert stored.paragraphs == original.paragraphs and stored.title == original.title
    assert stored.source == Source(
        str(EXAMPLES / "la-lv-haftars-putins.txt"), "text", original.source.encoding
    )
