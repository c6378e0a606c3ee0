"""The token and sentence records every analysis step shares.

Offsets are character offsets into the text that was analysed (an article's `text`), so a
mention found on tokens points straight back at the words a reader sees.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, init=False)
class Token:
    text: str
    start: int
    end: int
    lemma: str = ""
    upos: str = ""
    feats: str = ""  # UD FEATS, e.g. "Case=Nom|Gender=Masc|Number=Sing"; "" when none

    def __init__(
        self, text: str, start: int, end: int, lemma: str = "", upos: str = "", feats: str = ""
    ) -> None:
        # The generated __init__ of a frozen class goes through object.__setattr__ by name;
        # setting the slots directly halves the cost of the record built for every token.
        _SET_TEXT(self, text)
        _SET_START(self, start)
        _SET_END(self, end)
        _SET_LEMMA(self, lemma)
        _SET_UPOS(self, upos)
        _SET_FEATS(self, feats)

    def feature(self, name: str) -> str | None:
        """One UD feature value (`Case`, `Number`, ...), or None when the token has none.

        Looked up in the parsed FEATS string, parsed once per distinct string: event rules
        and base forms ask this many times per token, and a tagger emits a few hundred
        distinct strings.
        """
        return features(self).get(name)


def _slot_setter(name: str) -> Callable[[Token, object], None]:
    setter: Callable[[Token, object], None] = vars(Token)[name].__set__
    return setter


_SET_TEXT = _slot_setter("text")
_SET_START = _slot_setter("start")
_SET_END = _slot_setter("end")
_SET_LEMMA = _slot_setter("lemma")
_SET_UPOS = _slot_setter("upos")
_SET_FEATS = _slot_setter("feats")

#: Distinct FEATS strings kept parsed; past this many the cache starts over.
PARSED_LIMIT = 20_000
_PARSED: dict[str, dict[str, str]] = {}


def features(token: Token) -> Mapping[str, str]:
    """All UD features of a token by name (shared and cached: do not change it), for rules
    that read several features of every token."""
    parsed = _PARSED.get(token.feats)
    if parsed is None:
        parsed = _parse_feats(token.feats)
    return parsed


def _parse_feats(feats: str) -> dict[str, str]:
    """`Case=Nom|Number=Sing` as a dict; on a repeated name the first value counts, and a
    part without `=` names nothing."""
    parsed: dict[str, str] = {}
    if feats:
        for part in feats.split("|"):
            name, sep, value = part.partition("=")
            if sep:
                parsed.setdefault(name, value)
    if len(_PARSED) >= PARSED_LIMIT:
        _PARSED.clear()
    _PARSED[feats] = parsed
    return parsed


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """One named-entity mention over tokens `first`..`last - 1` of a sentence.

    `type` is the fine type of the training data: person, organization, GPE, location,
    product, event, entity, money, time.
    """

    first: int
    last: int
    type: str
    start: int
    end: int
    text: str
    base: str
