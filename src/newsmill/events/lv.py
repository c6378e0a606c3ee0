"""Latvian event extraction: MEET, TRAVEL and STATEMENT events from tagged sentences.

Hand-written rules on purpose: the trigger lexicon is data learned and checked from the
FullStack-LV FrameNet train split, and the argument rules read case and preposition, which
is how Latvian marks who met whom and where; no corpus of Latvian news events exists to
train on, and rules keep every event explainable by its evidence span. Cost is a few
microseconds per token, negligible next to tagging: phrases and clauses are worked out only
for the sentences that hold a trigger lemma (and, for titles, those that name a person).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from newsmill.events.arguments import Frame, bounded_time, find_frames
from newsmill.events.coref import EntityIndex, ReferenceResolver
from newsmill.events.lexicon import TriggerLexicon
from newsmill.events.merge import Draft, attribute, inherit_places, merge
from newsmill.events.ontology import EventKind, load_ontology
from newsmill.events.syntax import Phrase, SentenceAnalysis, segment_of
from newsmill.lang.tokens import Sentence
from newsmill.record import DateMention, Entity, Event, Span

_PLACE_TYPES = frozenset({"LOC", "GPE", "ORG", "MISC"})
_WHO = ("participant", "speaker", "traveller", "addressee")


class LatvianEventExtractor:
    def __init__(self, lexicon: TriggerLexicon, ontology: dict[str, EventKind]) -> None:
        self.lexicon = lexicon
        self.ontology = ontology

    @classmethod
    def load(cls) -> LatvianEventExtractor:
        return cls(TriggerLexicon.load("lv"), load_ontology())

    def frames(self, sentence: Sentence) -> list[Frame]:
        """Event candidates of one sentence with token-range arguments (the benchmark's view)."""
        return find_frames(SentenceAnalysis(sentence.tokens), self.lexicon)

    def extract(
        self,
        text: str,
        sentences: Sequence[Sentence],
        entities: Sequence[Entity],
        dates: Sequence[DateMention],
        reference: datetime.date | None = None,
    ) -> tuple[Event, ...]:
        """The events the text states, in order of first mention.

        `reference` is accepted for symmetry with the date layer: a date comes only from a
        date mention in the event's clause (which the date layer resolved against it),
        never from the article's date alone.
        """
        any_trigger = self.lexicon.any_trigger
        triggered = [s for s, sentence in enumerate(sentences) if any_trigger(sentence.tokens)]
        if not triggered:  # about half of all articles: no entity index to build
            return ()
        resolver = ReferenceResolver(EntityIndex(sentences, entities))
        drafts: list[Draft] = []
        group: list[str] = []
        for s in triggered:
            sentence = sentences[s]
            analysis = resolver.analysis(s)
            for frame in find_frames(analysis, self.lexicon):
                for d in self._drafts(text, s, sentence, analysis, frame, resolver, dates, group):
                    drafts.append(d)
                    if d.type == "MEET" and len(d.participants) > 1:
                        group = list(d.participants)
        inherit_places(drafts)
        drafts = attribute(drafts)
        shown = [d for d in drafts if d.status != "habitual" and d.participants]
        return tuple(self._event(d) for d in merge(shown))

    def _drafts(
        self,
        text: str,
        s: int,
        sentence: Sentence,
        analysis: SentenceAnalysis,
        frame: Frame,
        resolver: ReferenceResolver,
        dates: Sequence[DateMention],
        group: Sequence[str],
    ) -> list[Draft]:
        toks = sentence.tokens
        names: dict[str, list[str]] = {}
        speakers: list[str] = []
        own = {
            n
            for a in frame.args + frame.counterparts
            for n in _direct(resolver, s, a.first, a.last, a.head)
        }
        for a in frame.args:
            if a.role not in _WHO:
                continue
            phrase = Phrase(a.first, a.last, toks[a.head].feature("Case"), None)
            exclude = own - set(_direct(resolver, s, a.first, a.last, a.head))
            found = resolver.name(s, phrase, exclude, group)
            names.setdefault(a.role, []).extend(n for n in found if n not in names.get(a.role, []))
            if a.role == "speaker":
                speakers.extend(found or [resolver.surface(s, phrase)])
        place = self._place(resolver, s, frame)
        date = self._date(sentence, analysis, frame, dates)
        evidence = (sentence.start, sentence.end)
        base = Draft(
            s, frame.trigger, frame.type, frame.status, (), place, date, evidence, speakers=speakers
        )
        if frame.type == "MEET":
            side = names.get("participant", [])
            others: list[str] = []
            for c in frame.counterparts:
                phrase = Phrase(c.first, c.last, toks[c.head].feature("Case"), None)
                others.extend(
                    n for n in resolver.name(s, phrase, set(side), group) if n not in side
                )
            if not others:
                return [_with(base, tuple(sorted(set(side))), {})]
            return [_with(base, tuple(sorted(set(side) | {o})), {}) for o in dict.fromkeys(others)]
        if frame.type == "TRAVEL":
            who = names.get("traveller", [])
            roles = {"traveller": who[0]} if len(who) == 1 else {}
            return [_with(base, tuple(who), roles)]
        speaker, addressee = names.get("speaker", []), names.get("addressee", [])
        roles = {"speaker": speaker[0]} if len(speaker) == 1 else {}
        if len(addressee) == 1:
            roles["addressee"] = addressee[0]
        d = _with(base, tuple(dict.fromkeys(speaker + addressee)), roles)
        if frame.content is not None:
            first, last = frame.content
            d.quote = text[toks[first].start : toks[last - 1].end]
            d.full_quote = frame.full_quote
            d.content = frame.content
        return [d]

    def _place(self, resolver: ReferenceResolver, s: int, frame: Frame) -> str | None:
        for a in frame.args:
            if a.role != "place":
                continue
            named = resolver.index.at(s, a.head)
            if named is not None and named.type in _PLACE_TYPES:
                return named.name
            inside = [
                n for n in resolver.index.within(s, a.first, a.last) if n.type in ("LOC", "GPE")
            ]
            return inside[-1].name if inside else None
        return None

    def _date(
        self,
        sentence: Sentence,
        analysis: SentenceAnalysis,
        frame: Frame,
        dates: Sequence[DateMention],
    ) -> str | None:
        toks = sentence.tokens
        ranges = [(toks[lo].start, toks[hi - 1].end) for lo, hi in frame.clause]
        segs = analysis.segments
        k = segment_of(segs, frame.trigger)
        if segs[k].kind == "sub" and k > 0:
            ranges.append((toks[segs[k - 1].first].start, toks[segs[k - 1].last - 1].end))
        for lo, hi in ranges:
            for m in dates:
                if lo <= m.start and m.end <= hi:
                    j = next((n for n, t in enumerate(toks) if t.start >= m.start), None)
                    if j is not None and not bounded_time(toks, j):
                        return m.value
        return None

    def _event(self, d: Draft) -> Event:
        kind = self.ontology[d.type]
        return Event(
            type=d.type,
            codes=dict(kind.codes),
            participants=d.participants,
            place=d.place,
            date=d.date,
            evidence=Span(*d.evidence),
            roles=d.roles or None,
            quote=d.quote if d.type == "STATEMENT" else None,
            attributed_to=tuple(d.attributed_to) if d.attributed_to else None,
            status=d.status,
        )


def _direct(resolver: ReferenceResolver, s: int, first: int, last: int, head: int) -> list[str]:
    named = resolver.index.at(s, head)
    return [named.name] if named else []


def _with(base: Draft, participants: tuple[str, ...], roles: dict[str, str]) -> Draft:
    return Draft(
        base.sentence,
        base.trigger,
        base.type,
        base.status,
        participants,
        base.place,
        base.date,
        base.evidence,
        roles,
        speakers=list(base.speakers),
    )
