"""Reader for the FullStack-LV named-entity files ("CoNLL-2003 on top of CoNLL-U").

Kept apart from the trainer so the benchmark scores any file of the same format with the
same reading: sentences with their gold analyses and outer BIO tags, grouped by paragraph
(the NER data's unit, which is what in-article merging sees).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsmill.lang.lv.ner_features import bio_spans as spans

__all__ = ["NerSentence", "read_conll2003", "spans"]


@dataclass(frozen=True)
class NerSentence:
    sent_id: str
    par_id: str
    text: str
    forms: tuple[str, ...]
    lemmas: tuple[str, ...]
    upos: tuple[str, ...]
    feats: tuple[str, ...]
    tags: tuple[str, ...]  # outer BIO: "O", "B-person", "I-GPE", ...
    space_after: tuple[bool, ...]


def read_conll2003(path: Path) -> Iterator[NerSentence]:
    """Sentences of one file in file order; FEATS "_" becomes ""."""
    sent_id = par_id = text = ""
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key = key.strip()
                if key == "sent_id":
                    sent_id = value.strip()
                elif key == "newpar id":
                    par_id = value.strip()
                elif key == "text":
                    text = value.strip()
                continue
            if not line.strip():
                if rows:
                    yield _sentence(sent_id, par_id, text, rows)
                    rows = []
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            rows.append(cols)
    if rows:
        yield _sentence(sent_id, par_id, text, rows)


def _sentence(sent_id: str, par_id: str, text: str, rows: list[list[str]]) -> NerSentence:
    forms = tuple(r[1] for r in rows)
    return NerSentence(
        sent_id=sent_id,
        par_id=par_id,
        text=text,
        forms=forms,
        lemmas=tuple(r[2] for r in rows),
        upos=tuple(r[3] for r in rows),
        feats=tuple("" if r[5] == "_" else r[5] for r in rows),
        tags=tuple(r[6] if r[6] != "_" else "O" for r in rows),
        space_after=_spaces(text, forms),
    )


def _spaces(text: str, forms: tuple[str, ...]) -> tuple[bool, ...]:
    """Whether each form is followed by a space in `text` (True when the text disagrees)."""
    out: list[bool] = []
    pos = 0
    for form in forms:
        at = text.find(form, pos)
        if at < 0:
            out.append(True)
            continue
        pos = at + len(form)
        out.append(pos < len(text) and text[pos] == " ")
    return tuple(out)
