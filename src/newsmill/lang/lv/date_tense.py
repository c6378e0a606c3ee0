"""The tense around a date expression, which decides the year of `septembrī` or the day of
`ceturtdien`.

With tagged sentences the nearest finite verb's `Tense` feature decides (a present `ir`
followed by a past participle is the perfect, so past). Without them a cheap heuristic
scans the text once for frequent past and future verb forms; the nearest marker in the same
sentence wins. No marker means unknown: the resolver then takes the nearest date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsmill.lang.lv.date_calendar import Direction
from newsmill.lang.tokens import Sentence, Token

_PAST = re.compile(
    r"(?<!\w)(?:bija|notika|tika|tikās|ieradās|devās|atradās|sākās|beidzās|kļuva|ieguva|sāka"
    r"|teica|izteica|nāca|gāja|deva|palika|nomira|dzima|piedzima|sacīja|runāja|atzina"
    r"|[a-zāčēģīķļņšūž]{2,}(?:oja|āja|ēja|īja|ojās|ājās|ējās|ījās|inās|ināja)"
    r"|(?:ir|nav|bija|esot)\s[a-zāčēģīķļņšūž]{3,}(?:jis|jusi|jies|jusies|is|usi|uši|ušas))(?!\w)",
)
_FUTURE = re.compile(
    r"(?<!\w)(?:būs|būšot|tiks|notiks|sāks|varēs|vajadzēs|dosies|plāno|plānots|plānotā"
    r"|paredzēts|paredzēta|paredzētā|gaidāms|gaidāma|ieplānots"
    r"|jā[a-zāčēģīķļņšūž]{3,}|[a-zāčēģīķļņšūž]{2,}(?:(?<!u)sies|šot|sim|siet))(?!\w)",
)
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-ZĀČĒĢĪĶĻŅŠŪŽ“\"«(])")


class TextTense:
    """Tense by heuristic markers over raw text, read only in sentences that hold a date."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lower = text.lower()
        self._bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
        self._marks: dict[int, list[tuple[int, Direction]]] = {}

    def _sentence_marks(self, low: int, high: int) -> list[tuple[int, Direction]]:
        marks = self._marks.get(low)
        if marks is None:
            window = self._lower[low:high]
            found: list[tuple[int, Direction]] = [
                (low + m.start(), "past") for m in _PAST.finditer(window)
            ]
            found += [(low + m.start(), "future") for m in _FUTURE.finditer(window)]
            marks = self._marks[low] = found
        return marks

    def direction(self, start: int, end: int) -> Direction:
        i = bisect.bisect_right(self._bounds, start)
        low = self._bounds[i - 1] if i else 0
        high = self._bounds[i] if i < len(self._bounds) else len(self._text)
        best: tuple[int, Direction] | None = None
        for pos, kind in self._sentence_marks(low, high):
            distance = start - pos if pos < start else pos - end
            if best is None or distance < best[0]:
                best = (distance, kind)
        return None if best is None else best[1]


def _token_direction(tokens: Sequence[Token], index: int) -> Direction:
    token = tokens[index]
    tense = token.feature("Tense")
    if tense == "Fut":
        return "future"
    if tense == "Past":
        return "past"
    if tense == "Pres" and token.upos == "AUX":
        for follower in tokens[index + 1 : index + 4]:
            if follower.feature("VerbForm") == "Part" and follower.feature("Tense") == "Past":
                return "past"
    return None


class TaggedTense:
    """Tense from a tagger's sentences: the finite verb nearest the expression."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = sentences
        self._starts = [s.start for s in sentences]

    def direction(self, start: int, end: int) -> Direction:
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return None
        tokens = self._sentences[i].tokens
        best: tuple[int, int] | None = None
        for index, token in enumerate(tokens):
            if token.feature("VerbForm") != "Fin":
                continue
            distance = start - token.end if token.end <= start else max(0, token.start - end)
            if best is None or distance < best[0]:
                best = (distance, index)
        return None if best is None else _token_direction(tokens, best[1])
