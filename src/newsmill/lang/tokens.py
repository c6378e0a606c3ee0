"""The token and sentence records every analysis step shares.

Offsets are character offsets into the text that was analysed (an article's `text`), so a
mention found on tokens points straight back at the words a reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    lemma: str = ""
    upos: str = ""
    feats: str = ""  # UD FEATS, e.g. "Case=Nom|Gender=Masc|Number=Sing"; "" when none

    def feature(self, name: str) -> str | None:
        """One UD feature value (`Case`, `Number`, ...), or None when the token has none.

        Searched in the string, not split into pairs: event rules ask this many times per
        token.
        """
        feats = self.feats
        key = name + "="
        at = feats.find(key)
        while at > 0 and feats[at - 1] != "|":
            at = feats.find(key, at + 1)
        if at < 0:
            return None
        end = feats.find("|", at)
        return feats[at + len(key) : end if end >= 0 else len(feats)]


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
