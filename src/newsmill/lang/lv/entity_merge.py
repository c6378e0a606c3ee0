"""Mentions of one entity within an article merged into one record entity.

Mentions with the same base form are one entity, whatever type each was tagged with (the
tagger does not always agree with itself: `Kremlis` as a place and as an organisation,
`Lībija` as GPE and as location), and the entity takes the type most of them have (on a
tie, the first mention's). A surname-only person mention (`Haftaram`, base `Haftars`)
joins the full name ending in the same word (`Halifa Haftars`), and so does an initialled
name (`H. Haftars`); the entity is named by its fullest name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsmill.lang.lv.ner_features import stem
from newsmill.lang.tokens import EntitySpan
from newsmill.record import Entity, Mention

RECORD_TYPE = {
    "person": "PER",
    "organization": "ORG",
    "GPE": "GPE",
    "location": "LOC",
    "product": "MISC",
    "event": "MISC",
    "entity": "MISC",
    "money": "MISC",
}


@dataclass
class _Group:
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    spans: list[EntitySpan] = field(default_factory=list)
    # name() and type() asked again and again while groups are joined, worked out once
    # until the group changes (only `add` and `absorb` change it)
    _name: str | None = field(default=None, compare=False, repr=False)
    _type: str | None = field(default=None, compare=False, repr=False)

    def add(self, span: EntitySpan, record_type: str) -> None:
        self.names[span.base] += 1
        self.types[record_type] += 1
        self.spans.append(span)
        self._name = self._type = None

    @property
    def first(self) -> int:
        return min(s.start for s in self.spans)

    def type(self) -> str:
        """The type most mentions have; on a tie an organisation (a name used both as a
        place and as an organisation is the institution: `Kremlis`, `Saeima`), else the
        first mention's."""
        if self._type is None:
            first = RECORD_TYPE[min(self.spans, key=lambda s: s.start).type]
            self._type = max(self.types, key=lambda t: (self.types[t], t == "ORG", t == first))
        return self._type

    def name(self) -> str:
        """The fullest name: most words, then most mentions, then the earliest."""
        if self._name is None:
            order = {s.base: i for i, s in reversed(list(enumerate(self.spans)))}
            self._name = min(self.names, key=lambda n: (-len(n.split()), -self.names[n], order[n]))
        return self._name

    def words(self) -> list[str]:
        return self.name().split()

    def absorb(self, other: _Group) -> None:
        """Take over another group's mentions; the other is left empty."""
        self.names.update(other.names)
        self.types.update(other.types)
        self.spans.extend(other.spans)
        other.spans.clear()
        self._name = self._type = other._name = other._type = None


def _is_initial(word: str) -> bool:
    return len(word) <= 3 and word.endswith(".") and word[:1].isupper()


def _joins(short: _Group, full: _Group) -> int:
    """How well a one-word (or initialled) person group matches a full name: 2 the same
    last word, 1 the same stem, 0 not at all."""
    words = short.words()
    target = full.words()
    if len(target) < 2 or len(words) >= len(target):
        return 0
    if len(words) == 2:
        if not (_is_initial(words[0]) and target[0][:1] == words[0][:1]):
            return 0
    elif len(words) != 1:
        return 0
    last, full_last = words[-1].casefold(), target[-1].casefold()
    if last == full_last:
        return 2
    return 1 if stem(last) == stem(full_last) else 0


#: Types whose one-word names are joined when only their endings differ.
_NAME_TYPES = frozenset({"GPE", "LOC", "ORG", "MISC"})
_MIN_STEM = 4


def _join_inflection_variants(groups: list[_Group]) -> None:
    """One-word names that differ only in the ending (`Maskava`, and `Maskavi` from a wrong
    lemma of `Maskavu`) are one entity: an article does not name two places that way. The
    group with more mentions (then the earlier) keeps them all."""
    by_stem: dict[str, list[_Group]] = {}
    for group in groups:
        words = group.words() if group.spans else []
        if len(words) == 1 and group.type() in _NAME_TYPES:
            key = stem(words[0])
            if len(key) >= _MIN_STEM:
                by_stem.setdefault(key, []).append(group)
    for variants in by_stem.values():
        if len(variants) < 2:
            continue
        keeper = max(variants, key=lambda g: (len(g.spans), -g.first))
        for group in variants:
            if group is not keeper:
                keeper.absorb(group)


def merge_mentions(spans: Sequence[EntitySpan], text: str | None = None) -> list[Entity]:
    """Record entities of an article's mentions, in order of first mention; `time` spans
    are left out (dates have their own field). Given the analysed `text`, mentions quote it
    exactly, line breaks and all; else they are the spans' text."""
    groups: dict[str, _Group] = {}
    for span in spans:
        record_type = RECORD_TYPE.get(span.type)
        if record_type is None or not span.base:
            continue
        group = groups.get(span.base.casefold())
        if group is None:
            group = groups[span.base.casefold()] = _Group()
        group.add(span, record_type)
    people = [g for g in groups.values() if g.type() == "PER"]
    full = [g for g in people if len(g.words()) >= 2 and not _is_initial(g.words()[0])]
    for group in people:
        if group in full:
            continue
        scored = [(_joins(group, f), f) for f in full]
        best = max((s for s, _ in scored), default=0)
        targets = [f for s, f in scored if s == best]
        if best == 0 or (best == 1 and len(targets) > 1):
            continue
        max(targets, key=lambda f: (len(f.spans), -f.first)).absorb(group)
    _join_inflection_variants(list(groups.values()))
    entities: list[tuple[int, Entity]] = []
    for group in groups.values():
        if not group.spans:
            continue
        found = sorted({(s.start, s.end, s.text) for s in group.spans})
        if text is None:
            mentions = tuple(Mention(quote, start, end) for start, end, quote in found)
        else:
            mentions = tuple(Mention(text[start:end], start, end) for start, end, _ in found)
        entities.append((group.first, Entity(group.name(), group.type(), mentions)))
    entities.sort(key=lambda pair: pair[0])
    return [entity for _, entity in entities]
