"""Shallow Latvian syntax over tagged tokens: noun phrases, clause segments, clauses.

The language layer gives lemmas and morphology but no dependency tree, so arguments are
found the way a reader of an inflected language finds them: by case and preposition inside
the clause. Latvian noun phrases are head-final with genitive modifiers in front
(`Krievijas prezidentu Vladimiru Putinu`), so a phrase is a run of nominal words that agree
in case and number, genitives first; clauses are comma segments, with relative clauses
(`, kura spēki ...,`) lifted out of the clause they interrupt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from newsmill.lang.tokens import Token, features

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "DET", "NUM", "X"})
_BREAKS = frozenset({",", ";", ":", "–", "—", "(", ")"})
QUOTE_OPEN = frozenset({"“", "„", "«", '"', "‘"})
QUOTE_CLOSE = frozenset({"”", "»", '"', "’", "“"})
_RELATIVE = frozenset({"kurš", "kura", "kas", "kāds"})
_SUBORDINATING = frozenset({"kad", "kur", "kamēr", "kopš", "līdzko", "tiklīdz"})
_COORD = frozenset({"un", "kā arī", "vai", ","})


@dataclass(frozen=True)
class Phrase:
    first: int
    last: int  # exclusive
    case: str | None
    prep: str | None  # lemma of the governing preposition, if any

    @property
    def head(self) -> int:
        return self.last - 1


@dataclass(frozen=True)
class Segment:
    first: int
    last: int  # exclusive
    kind: str  # main, rel, sub, conv
    finite: bool


class SentenceAnalysis:
    """Phrases and segments of one sentence, each computed once and only when asked for
    (most sentences of an article hold no event and never need them)."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens

    @cached_property
    def phrases(self) -> list[Phrase]:
        return phrases(self.tokens)

    @cached_property
    def segments(self) -> list[Segment]:
        return segments(self.tokens)

    def phrase_at(self, index: int) -> int | None:
        for k, p in enumerate(self.phrases):
            if p.first <= index < p.last:
                return k
        return None


def is_nominal(tok: Token) -> bool:
    if tok.upos in _NOMINAL:
        return bool(tok.text[:1].isalnum())
    return (
        tok.upos == "VERB" and tok.feature("VerbForm") == "Part" and tok.feature("Case") is not None
    )


def _joins_parsed(lpos: str, left: Mapping[str, str], rpos: str, right: Mapping[str, str]) -> bool:
    lc, rc = left.get("Case"), right.get("Case")
    if lpos == "PRON" and lc != "Gen":
        return False
    if lc == "Gen" and (rc != "Gen" or rpos in ("NOUN", "PROPN", "PRON", "X")):
        return True
    if lc is None or rc is None:
        return lpos in ("PROPN", "X", "NUM", "ADJ") or rpos in ("PROPN", "X")
    if lc != rc:
        return False
    ln, rn = left.get("Number"), right.get("Number")
    return ln is None or rn is None or ln == rn or "Ptan" in (ln, rn)


def phrases(tokens: Sequence[Token]) -> list[Phrase]:
    """Noun phrases in order; the head is the last word, the case is the head's."""
    out: list[Phrase] = []
    upos = [tok.upos for tok in tokens]
    parsed = [features(tok) for tok in tokens]
    # is_nominal of every token, from the features read once
    nominal = [
        (pos in _NOMINAL and tok.text[:1].isalnum())
        or (pos == "VERB" and f.get("VerbForm") == "Part" and f.get("Case") is not None)
        for tok, pos, f in zip(tokens, upos, parsed, strict=True)
    ]
    i, n = 0, len(tokens)
    while i < n:
        if not nominal[i]:
            i += 1
            continue
        j = i + 1
        while (
            j < n and nominal[j] and _joins_parsed(upos[j - 1], parsed[j - 1], upos[j], parsed[j])
        ):
            j += 1
        prep = None
        if i > 0 and upos[i - 1] == "ADP":
            prep = tokens[i - 1].lemma.lower() or tokens[i - 1].text.lower()
        out.append(Phrase(i, j, parsed[j - 1].get("Case"), prep))
        i = j
    return out


def coordinated(tokens: Sequence[Token], found: Sequence[Phrase], index: int) -> list[Phrase]:
    """The phrase at `index` with the phrases coordinated to it (`X un Y`, `X, Y un Z`)."""
    group = [found[index]]
    for step in (1, -1):
        k = index
        while 0 <= k + step < len(found):
            a, b = (found[k], found[k + step]) if step == 1 else (found[k + step], found[k])
            between = [t.text.lower() for t in tokens[a.last : b.first]]
            if (
                not between
                or any(w not in _COORD for w in between)
                or ("un" not in between and "vai" not in between and between != [","])
            ):
                break
            if b.prep is not None and a.prep is None and step == 1:
                break
            if a.case and b.case and a.case != b.case:
                break
            k += step
            group.append(found[k])
    return sorted(group, key=lambda p: p.first)


def segments(tokens: Sequence[Token]) -> list[Segment]:
    """Comma segments, each marked main, rel (relative), sub (ka, kad, jo ...) or conv."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for i, tok in enumerate(tokens):
        if tok.text in _BREAKS:
            if i > start:
                bounds.append((start, i))
            start = i + 1
    if start < len(tokens):
        bounds.append((start, len(tokens)))
    out: list[Segment] = []
    for first, last in bounds:
        words = [t for t in tokens[first:last] if t.upos != "PUNCT"]
        finite = any(t.feature("VerbForm") == "Fin" for t in words)
        kind = "main"
        if words:
            lead = words[1] if words[0].upos == "ADP" and len(words) > 1 else words[0]
            if lead.lemma.lower() in _RELATIVE and lead.upos in ("PRON", "DET"):
                kind = "rel"
            elif words[0].upos == "SCONJ" or words[0].lemma.lower() in _SUBORDINATING:
                kind = "sub"
            elif not finite and any(t.feature("VerbForm") == "Conv" for t in words[:3]):
                kind = "conv"
        out.append(Segment(first, last, kind, finite))
    return out


def segment_of(segs: Sequence[Segment], index: int) -> int:
    for k, seg in enumerate(segs):
        if seg.first <= index < seg.last:
            return k
    return max(0, len(segs) - 1)


def clause(segs: Sequence[Segment], k: int) -> list[int]:
    """Segment numbers of the clause holding segment k.

    A main segment takes in verbless main segments around it (the subject before an
    interrupting relative clause, the rest of a coordinated list), skipping relative ones.
    """
    if segs[k].kind != "main":
        return [k]
    picked = [k]
    j = k - 1
    while j >= 0:
        if segs[j].kind == "rel":
            j -= 1
            continue
        if segs[j].kind == "main" and not segs[j].finite:
            picked.append(j)
            j -= 1
            continue
        break
    j = k + 1
    while j < len(segs):
        if segs[j].kind == "rel":
            j += 1
            continue
        if segs[j].kind == "main" and not segs[j].finite and segs[k].finite:
            picked.append(j)
            j += 1
            continue
        break
    return sorted(picked)


def in_segments(segs: Sequence[Segment], picked: Sequence[int], index: int) -> bool:
    return any(segs[k].first <= index < segs[k].last for k in picked)


def quoted_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks (exclusive of the marks)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, tok in enumerate(tokens):
        if open_at is None and tok.text in QUOTE_OPEN:
            open_at = i
        elif open_at is not None and tok.text in QUOTE_CLOSE:
            if i > open_at + 1:
                spans.append((open_at + 1, i))
            open_at = None
    return spans
