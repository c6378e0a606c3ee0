"""Who a phrase names: the entity under it, or, for a pronoun or a bare title, the entity it
points back to.

A cheap rule-based resolver, good enough for news where the referent of `viņš` is nearly
always the last person in subject position: gender and number agreement, the last
compatible subject (this sentence first, then up to three sentences back), relative
pronouns to the noun before the comma, titles (`Kremļa preses sekretārs`) to the name they
stood in apposition with earlier in the article, and a plural `viņi` to the parties of the
last meeting.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from newsmill.events.syntax import Phrase, SentenceAnalysis, segment_of
from newsmill.lang.tokens import Sentence
from newsmill.record import Entity

_CASE_RANK = {"Nom": 0, "Dat": 1}
_PERSONAL = frozenset({"viņš", "viņa", "viņi", "viņas"})
_DEMONSTRATIVE = frozenset({"tas", "tā", "tie", "tās"})
_RELATIVE = frozenset({"kurš", "kura", "kas"})
_LOOKBACK = 3


@dataclass(frozen=True)
class Named:
    name: str
    type: str
    sentence: int
    first: int
    last: int  # exclusive
    case: str | None
    gender: str | None


class EntityIndex:
    """Entity mentions placed on the tokens of the sentences they fall in."""

    def __init__(self, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> None:
        self.sentences = sentences
        self.by_sentence: list[list[Named]] = [[] for _ in sentences]
        starts = [s.start for s in sentences]
        # Token starts and ends of a sentence, built for the sentences that hold a mention
        # (tokens are in order and do not overlap, so both lists are sorted).
        bounds: dict[int, tuple[list[int], list[int]]] = {}
        for entity in entities:
            for m in entity.mentions:
                s = _sentence_at(sentences, starts, m.start)
                if s is None:
                    continue
                toks = sentences[s].tokens
                if s not in bounds:
                    bounds[s] = ([t.start for t in toks], [t.end for t in toks])
                token_starts, token_ends = bounds[s]
                # the tokens overlapping the mention: from the first ending after its start
                # to the last starting before its end
                first = bisect_right(token_ends, m.start)
                last = bisect_left(token_starts, m.end) - 1
                if first <= last:
                    head = toks[last]
                    self.by_sentence[s].append(
                        Named(
                            entity.name,
                            entity.type,
                            s,
                            first,
                            last + 1,
                            head.feature("Case"),
                            head.feature("Gender"),
                        )
                    )
        for lst in self.by_sentence:
            lst.sort(key=lambda n: n.first)

    def at(self, s: int, index: int) -> Named | None:
        for n in self.by_sentence[s]:
            if n.first <= index < n.last:
                return n
        return None

    def within(self, s: int, first: int, last: int) -> list[Named]:
        return [n for n in self.by_sentence[s] if n.first >= first and n.last <= last]


class ReferenceResolver:
    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        # `title + name` appositions of the whole text, learnt on the first bare title
        # (most articles never ask, and learning costs a phrase analysis of every
        # sentence naming a person); those met while naming phrases fill in other keys.
        self._text_titles: dict[str, Named] | None = None
        self._met_titles: dict[str, Named] = {}
        self._analyses: dict[int, SentenceAnalysis] = {}

    def analysis(self, s: int) -> SentenceAnalysis:
        """Phrases and segments of sentence `s`, shared with the frame finder."""
        found = self._analyses.get(s)
        if found is None:
            found = self._analyses[s] = SentenceAnalysis(self.index.sentences[s].tokens)
        return found

    def name(self, s: int, p: Phrase, exclude: set[str], group: Sequence[str] = ()) -> list[str]:
        """Entity names the phrase refers to ([] when unknown; several for a plural pronoun)."""
        toks = self.index.sentences[s].tokens
        head = toks[p.head]
        found = self.index.at(s, p.head)
        if found is not None:
            self._remember_title(s, p, found, self._met_titles)
            return [found.name]
        lemma = head.lemma.lower()
        if head.upos in ("PRON", "DET"):
            if lemma in _RELATIVE or head.feature("PronType") in ("Rel", "Int,Rel"):
                return self._relative(s, p, exclude)
            if lemma in _PERSONAL or lemma in _DEMONSTRATIVE:
                if head.feature("Number") == "Plur" or lemma in ("viņi", "viņas", "tie", "tās"):
                    return [g for g in group if g not in exclude] if len(group) > 1 else []
                person = lemma in _PERSONAL
                pick = self._antecedent(s, p.first, head.feature("Gender"), person, exclude)
                return [pick.name] if pick else []
            return []
        if head.upos == "NOUN":
            key = self._title_key(s, p)
            title = self._titles().get(key) or self._met_titles.get(key)
            if title is not None and title.name not in exclude:
                return [title.name]
        return []

    def surface(self, s: int, p: Phrase) -> str:
        sent = self.index.sentences[s]
        return " ".join(t.text for t in sent.tokens[p.first : p.last])

    def _titles(self) -> dict[str, Named]:
        """`title + name` appositions of the whole text, first one per title."""
        if self._text_titles is None:
            self._text_titles = {}
            for s, named_here in enumerate(self.index.by_sentence):
                # only a person's name is remembered: sentences naming none have no title
                if not any(n.type == "PER" for n in named_here):
                    continue
                for p in self.analysis(s).phrases:
                    named = self.index.at(s, p.head)
                    if named is not None and named.type == "PER":
                        self._remember_title(s, p, named, self._text_titles)
        return self._text_titles

    def _title_key(self, s: int, p: Phrase) -> str:
        toks = self.index.sentences[s].tokens
        words = [t.lemma.lower() for t in toks[p.first : p.last] if t.upos == "NOUN"]
        return " ".join(words)

    def _remember_title(self, s: int, p: Phrase, named: Named, titles: dict[str, Named]) -> None:
        if named.type != "PER" or named.first <= p.first:
            return
        sub = Phrase(p.first, named.first, p.case, p.prep)
        key = self._title_key(s, sub)
        if key:
            titles.setdefault(key, named)

    def _relative(self, s: int, p: Phrase, exclude: set[str]) -> list[str]:
        analysis = self.analysis(s)
        segs = analysis.segments
        k = segment_of(segs, p.head)
        if k == 0:
            return []
        before = [q for q in analysis.phrases if q.last <= segs[k - 1].last]
        if not before:
            return []
        return self.name(s, before[-1], exclude)

    def _antecedent(
        self, s: int, index: int, gender: str | None, person: bool, exclude: set[str]
    ) -> Named | None:
        best: tuple[int, int, int] | None = None
        pick: Named | None = None
        for back in range(0, _LOOKBACK + 1):
            t = s - back
            if t < 0:
                break
            for n in self.index.by_sentence[t]:
                if back == 0 and n.first >= index:
                    continue
                if n.name in exclude or (n.type == "PER") != person:
                    continue
                if gender and n.gender and gender != n.gender:
                    continue
                score = (back, _CASE_RANK.get(n.case or "", 2), -n.first)
                if best is None or score < best:
                    best, pick = score, n
            if pick is not None:
                return pick
        return pick


def _sentence_at(sentences: Sequence[Sentence], starts: list[int], offset: int) -> int | None:
    lo, hi = 0, len(starts) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid - 1
    if hi >= 0 and sentences[hi].start <= offset < sentences[hi].end:
        return hi
    return None
