"""Boilerplate phrase lexicons, kept as data files per language.

A lexicon names the kind of a line by its wording ("Reklāma" is an ad,
"Lasīt citas ziņas" a widget); adding a language is adding a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from itertools import repeat
from typing import cast

from newsmill.record import BOILERPLATE_KINDS, BoilerplateKind

_EDGES = " .:!?»›>|-–—•·*#"
# Prefix matches only count on short lines: a long sentence that starts with
# "Share" or "Foto" is prose, not a widget.
PREFIX_MAX_WORDS = 8
# Words remembered by ``opens_phrase``; past this many the memory starts afresh.
OPENS_CACHE_WORDS = 100_000
# The languages whose phrases the shipped models are trained with: their training pages
# are English (WCXB) and Latvian. At run time every language's phrases fill the same
# columns, so a lexicon file for another language changes no model and needs no rebuild
# (training with them moved the models by what a new seed moves them, for 22 lines).
TRAINED_LANGUAGES = ("lv", "en")


@dataclass(frozen=True)
class BoilerplateLexicon:
    exact: dict[str, BoilerplateKind]
    prefixes: tuple[tuple[str, BoilerplateKind], ...]
    # Each word's ``opens_phrase`` answer: lines open with the same words page after page.
    _opens: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def _prefix_pattern(self) -> re.Pattern[str]:
        # One alternation, longest first, instead of a startswith per phrase.
        return re.compile("|".join(re.escape(p) for p, _ in self.prefixes) or "(?!)")

    @cached_property
    def _prefix_kind(self) -> dict[str, BoilerplateKind]:
        return dict(self.prefixes)

    @cached_property
    def _first_words(self) -> frozenset[str]:
        """First words of all phrases: a line starting otherwise needs no closer look."""
        phrases = [*self.exact, *(p for p, _ in self.prefixes)]
        return frozenset(p.split()[0].strip(_EDGES) for p in phrases if p.split())

    def opens_phrase(self, words: list[str]) -> list[bool]:
        """For each word, whether it (folded, edges stripped) opens some phrase.

        The test ``kind_of`` starts with, for a page's first words at once. Answers are
        remembered per word, so only words new to this extractor are looked at: one
        ``casefold`` of those joined (case folding maps each character on its own, and a
        word holds no newline), then C-level maps. A full memory is replaced, never
        cleared, so a call in another thread keeps the dict it is reading.
        """
        known = self._opens
        if len(known) > OPENS_CACHE_WORDS:
            known = {}
            object.__setattr__(self, "_opens", known)
        new = [word for word in words if word not in known]
        if new:
            folded = "\n".join(new).casefold().split("\n")
            firsts = self._first_words.__contains__
            known.update(zip(new, map(firsts, map(str.strip, folded, repeat(_EDGES))), strict=True))
        return list(map(known.__getitem__, words))

    def is_whole_phrase(self, line: str) -> bool:
        return line.casefold().strip(_EDGES) in self.exact

    def kind_of(self, line: str) -> BoilerplateKind | None:
        head = line.split(None, 1)
        if not head or head[0].casefold().strip(_EDGES) not in self._first_words:
            return None
        folded = line.casefold()
        key = folded.strip(_EDGES)
        found = self.exact.get(key)
        if found is not None:
            return found
        if len(key.split()) > PREFIX_MAX_WORDS:
            return None
        m = self._prefix_pattern.match(folded)
        return self._prefix_kind[m.group()] if m else None


def shipped_languages() -> tuple[str, ...]:
    """The languages with a lexicon file, Latvian and English first."""
    base = resources.files("newsmill.extract") / "lexicons"
    names = sorted(
        entry.name[len("boilerplate-") : -len(".txt")]
        for entry in base.iterdir()
        if entry.name.startswith("boilerplate-") and entry.name.endswith(".txt")
    )
    first = [lang for lang in ("lv", "en") if lang in names]
    return (*first, *(lang for lang in names if lang not in first))


def load_lexicon(languages: tuple[str, ...] | None = None) -> BoilerplateLexicon:
    """All shipped languages' phrases at once (a page's language is often undeclared or
    wrong, and the phrases of different languages hardly collide); ``languages`` picks some."""
    exact: dict[str, BoilerplateKind] = {}
    prefixes: list[tuple[str, BoilerplateKind]] = []
    base = resources.files("newsmill.extract") / "lexicons"
    for lang in languages if languages is not None else shipped_languages():
        text = (base / f"boilerplate-{lang}.txt").read_text(encoding="utf-8")
        for row in text.splitlines():
            if not row.strip() or row.startswith("#"):
                continue
            kind_name, phrase = row.split("\t", 1)
            if kind_name not in BOILERPLATE_KINDS:
                raise ValueError(f"lexicon boilerplate-{lang}.txt: unknown kind {kind_name!r}")
            kind = cast(BoilerplateKind, kind_name)
            written = phrase.strip().casefold()
            # Sites write the apostrophe typographically too ("s’abonner").
            for phrase in dict.fromkeys((written, written.replace("'", "’"))):
                exact.setdefault(phrase.strip(_EDGES), kind)
                if len(phrase) >= 4 and (" " in phrase or phrase.endswith((":", "/", "-"))):
                    prefixes.append((phrase, kind))
    prefixes.sort(key=lambda item: -len(item[0]))
    return BoilerplateLexicon(exact, tuple(prefixes))
