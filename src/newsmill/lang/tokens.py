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
        """One UD feature value (`Case`, `Number`, ...), or None when the token has none."""
        for pair in self.feats.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


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
