"""Exact and near duplicates: what counts as the same story, and what must not."""

from __future__ import annotations

from pathlib import Path

from newsmill.dedup.clusters import DuplicateIndex, containment
from newsmill.dedup.events import EventKey, dates_close, same_event
from newsmill.dedup.fingerprint import Fingerprinter
from newsmill.run.ingest import ingest
from newsmill.store.queries import open_store
from tests.corpus_samples import flat_page, story, write_stories

FP = Fingerprinter()


def _index(*texts: str) -> DuplicateIndex:
    index = DuplicateIndex()
    for rowid, text in enumerate(texts, start=1):
        fp = FP.fingerprint(text)
        index.add(rowid, fp.text_hash, fp.signature, fp.shingles)
    return index


def test_layout_case_and_punctuation_do_not_make_a_different_text() -> None:
    text = " ".join(story(1)[1])
    variant = text.upper().replace(". ", ".\n\n  ").replace(",", "")
    assert FP.fingerprint(text).text_hash == FP.fingerprint(variant).text_hash
    match = _index(text).match(FP.fingerprint(variant))
    assert match is not None and match.kind == "exact"


def test_redated_and_truncated_copies_are_near_duplicates() -> None:
    body = story(2, paragraphs=8)[1]
    original = "\n\n".join(body)
    index = _index(original)
    redated = original.replace(body[0], "2023. gada 28. septembrī. " + body[0])
    truncated = "\n\n".join(body[:3])
    for copy in (redated, truncated):
        match = index.match(FP.fingerprint(copy))
        assert match is not None and match.kind == "near" and match.rowid == 1


def test_different_stories_are_not_duplicates() -> None:
    index = _index(*("\n\n".join(story(seed)[1]) for seed in range(50)))
    for seed in range(50, 80):
        assert index.match(FP.fingerprint("\n\n".join(story(seed)[1]))) is None


def test_short_texts_are_only_ever_exact_duplicates() -> None:
    index = _index("Valdība sanāk rīt.")
    assert index.match(FP.fingerprint("Valdība sanāk parīt.")) is None


def test_containment_from_jaccard() -> None:
    # B holds A entirely and is twice as large: J = 1/2, containment of A in B = 1.
    assert containment(0.5, 100, 200) == 1.0
    assert containment(0.0, 100, 200) == 0.0


def test_copies_form_one_cluster_whose_canonical_is_the_longest(tmp_path: Path) -> None:
    title, body = story(7, paragraphs=8)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a-short.txt").write_text(flat_page(title, body[:4]))
    (pages / "b-full.txt").write_text(flat_page(title, body))
    (pages / "c-retitled.txt").write_text(flat_page("Jauns virsraksts šim stāstam", body))
    write_stories(pages, 3, start=500)
    ingest([str(pages)], tmp_path / "c.db", workers=1)
    conn = open_store(tmp_path / "c.db")
    clusters = conn.execute(
        "SELECT c.size, (SELECT uri FROM articles WHERE rowid = c.canonical) FROM clusters c"
        " ORDER BY c.size DESC"
    ).fetchall()
    assert [size for size, _ in clusters] == [3, 1, 1, 1]
    assert clusters[0][1].endswith(("b-full.txt", "c-retitled.txt"))
    kinds = dict(conn.execute("SELECT substr(uri, -14), duplicate_kind FROM articles").fetchall())
    assert kinds["c-retitled.txt"] == "exact"  # the same body under another headline


def test_event_merge_rule() -> None:
    meet = EventKey("MEET", "haftars|putins", "Maskava", "2023-09-28")
    assert same_event(
        meet, EventKey("MEET", "haftars|putins", "maskava", "2023-09-30"), same_cluster=False
    )
    assert not same_event(
        meet, EventKey("MEET", "haftars|putins", "Maskava", "2023-10-09"), same_cluster=False
    )
    assert not same_event(
        meet, EventKey("MEET", "haftars|putins", "Rīga", "2023-09-28"), same_cluster=False
    )
    assert same_event(meet, EventKey("MEET", "haftars|putins", None, None), same_cluster=True)
    assert not same_event(meet, EventKey("TRAVEL", "haftars|putins", None, None), same_cluster=True)
    # Copies of one story that report two meetings of the same people keep them apart.
    in_libya = EventKey("MEET", "haftars|putins", "Lībija", "2023-09-17")
    assert not same_event(meet, in_libya, same_cluster=True)
    assert not same_event(
        EventKey("MEET", "haftars|putins", "Maskava", None), in_libya, same_cluster=True
    )
    assert dates_close("2023-09", "2023-09") and not dates_close("2023-09", None)
