"""A small CoNLL-U reader: the word lines of each sentence, nothing else.

Multi-word token ranges (`1-2`) and empty nodes (`1.1`) are skipped, so a sentence is the
list of its syntactic words, as UD scores lemmas and tags. `_` in FEATS becomes "".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str  # "" when the file has `_`


def read_conllu(path: Path) -> Iterator[list[Word]]:
    """The sentences of a CoNLL-U file, each a list of its words."""
    sentence: list[Word] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not line:
                if sentence:
                    yield sentence
                    sentence = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            feats = "" if cols[5] == "_" else cols[5]
            sentence.append(Word(cols[1], cols[2], cols[3], cols[4], feats))
    if sentence:
        yield sentence


def feature_value(feats: str, name: str, missing: str = "") -> str:
    """One feature's value in a FEATS string (`Case=Nom|Number=Sing`), else `missing`."""
    for pair in feats.split("|"):
        key, _, value = pair.partition("=")
        if key == name:
            return value
    return missing
