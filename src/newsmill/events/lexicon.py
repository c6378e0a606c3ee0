"""The Latvian trigger lexicon (`data/triggers-lv.tsv`): lemma -> event type and role frame.

Lemmas, not word forms, so every inflection (`tikās`, `ticies`, `tiksies`, `netikās`) is
one row. Rows were derived from the FullStack-LV FrameNet train split (which lemmas carry
news-event frames, and how often) and checked by hand; the file says which is which.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from newsmill.lang.tokens import Token

#: Parts of speech a trigger may have (a noun rule never fires on a name).
TRIGGER_UPOS = frozenset({"VERB", "NOUN", "AUX"})


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    upos: str
    type: str
    slots: Mapping[str, str]  # slot (nom, acc, dat, gen, loc, ar, uz, ...) -> role
    requires: str  # "-", "ar", "!ar", "word:W", "named-place"


class TriggerLexicon:
    def __init__(self, rules: list[TriggerRule]) -> None:
        self._by_lemma: dict[tuple[str, str], list[TriggerRule]] = {}
        for rule in rules:
            self._by_lemma.setdefault((rule.lemma, rule.upos), []).append(rule)
        self._lemmas = frozenset(lemma for lemma, _ in self._by_lemma)

    @classmethod
    def load(cls, language: str = "lv") -> TriggerLexicon:
        text = (
            resources.files("newsmill.events")
            .joinpath(f"data/triggers-{language}.tsv")
            .read_text("utf-8")
        )
        return cls(parse_rules(text))

    def rules(self, lemma: str, upos: str) -> list[TriggerRule]:
        """The rows for a lemma, in file order (the first whose condition holds wins)."""
        pos = "NOUN" if upos in ("NOUN", "PROPN") else "VERB"
        return self._by_lemma.get((lemma.lower(), pos), [])

    def any_trigger(self, tokens: Sequence[Token]) -> bool:
        """Whether any token may trigger an event: a cheap test that lets the extractor skip
        the phrase and clause analysis of the many sentences that report none."""
        return not self._lemmas.isdisjoint(
            [t.lemma.lower() for t in tokens if t.upos in TRIGGER_UPOS]
        )

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_lemma.values())


def parse_rules(text: str) -> list[TriggerRule]:
    rules: list[TriggerRule] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        lemma, upos, kind, roles, requires, *_ = line.split("\t")
        slots = dict(pair.split("=", 1) for pair in roles.split())
        rules.append(TriggerRule(lemma, upos, kind, slots, requires))
    return rules
