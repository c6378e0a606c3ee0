"""Hashed feature ids of a word type for the Latvian tagger, shared by training and run time.

Every feature depends on one word only (the token itself, or a neighbour seen from the token),
so a sentence's scores are sums of per-type vectors: the tagger computes each distinct word
once per batch and adds the vectors of the token and its neighbours with numpy. Latvian
inflection lives in the word's ending, so suffixes of 1-5 letters carry most of the signal;
neighbours contribute their word and ending (agreement of adjective and noun, case after a
preposition). Hashing with crc32 keeps the model free of a feature vocabulary and the ids
the same in every process (Python's `hash` is salted per process).
"""

from __future__ import annotations

from zlib import crc32

#: Positions of the neighbours a token sees, relative to the token.
OFFSETS: tuple[int, ...] = (-2, -1, 1, 2)
BOS = "<s>"
EOS = "</s>"


def shape(word: str) -> str:
    """A coarse spelling class: capitalisation, digits, punctuation, trailing full stop."""
    if word.isalpha():  # the common case first: plain words
        if word.isupper():
            return "X"
        return "Xx" if word[0].isupper() else "x"
    if not word:
        return "empty"
    if word in (BOS, EOS):
        return word
    if word.isdigit():
        return "d"
    if word[:-1].isdigit() and word[-1] == ".":
        return "d."
    if any(ch.isdigit() for ch in word):
        return "dx"
    if not any(ch.isalpha() for ch in word):
        return "p"
    if word.isupper():
        return "X." if word.endswith(".") else "X"
    if word[0].isupper():
        return "Xx-" if "-" in word else "Xx"
    return "x-" if "-" in word else "x"


def own_features(word: str, first: bool, low: str, shp: str) -> list[str]:
    """What the token's own spelling says; `first` marks the sentence's first word, where a
    capital letter says little."""
    feats = ["bias", "w=" + low, "W=" + word, "sh=" + shp, ("f" if first else "nf") + shp]
    n = len(low)
    feats.extend(f"s{k}={low[-k:]}" for k in range(1, min(n, 6)))
    if n > 3:
        feats.append("p2=" + low[:2])
        feats.append("p3=" + low[:3])
    feats.append(f"len={min(n, 10)}")
    return feats


def context_features(low: str, shp: str, near: bool) -> list[str]:
    """What a neighbour contributes: its word and ending (more of it when adjacent)."""
    feats = ["w=" + low, "sh=" + shp]
    n = len(low)
    for k in (1, 2, 3) if near else (2,):
        if n > k:
            feats.append(f"s{k}={low[-k:]}")
    return feats


def hashed(namespace: str, feats: list[str], buckets: int) -> list[int]:
    """The bucket of each feature in a namespace (the offset it is seen from)."""
    seed = crc32(namespace.encode("utf-8"))
    return [crc32(f.encode("utf-8"), seed) % buckets for f in feats]


def type_ids(word: str, first: bool, buckets: int) -> list[list[int]]:
    """Feature ids of a word type: its own, then as a token's neighbour at each of OFFSETS."""
    low = word.lower()
    shp = shape(word)
    slots = [hashed("", own_features(word, first, low, shp), buckets)]
    near = context_features(low, shp, True)
    far = context_features(low, shp, False)
    for off in OFFSETS:
        slots.append(hashed(f"{off:+d}|", near if abs(off) == 1 else far, buckets))
    return slots


#: Most features a slot can have (own, then each of OFFSETS): the run-time scorer pads each
#: slot to this width with a zero row, so numpy sums fixed-shape blocks.
SLOT_WIDTHS: tuple[int, ...] = (13, 3, 5, 5, 3)


_SEEDS = tuple(crc32(f"{off:+d}|".encode()) for off in OFFSETS)


def padded_ids(word: str, first: bool, buckets: int) -> list[int]:
    """All slots of `type_ids` side by side, each padded to its SLOT_WIDTHS with `buckets`
    (the same ids, computed with each neighbour feature encoded once for all offsets)."""
    low = word.lower()
    shp = shape(word)
    out = [crc32(f.encode("utf-8")) % buckets for f in own_features(word, first, low, shp)]
    out.extend([buckets] * (SLOT_WIDTHS[0] - len(out)))
    near = [f.encode("utf-8") for f in context_features(low, shp, True)]
    far = [f.encode("utf-8") for f in context_features(low, shp, False)]
    for off, seed, width in zip(OFFSETS, _SEEDS, SLOT_WIDTHS[1:], strict=True):
        feats = near if abs(off) == 1 else far
        out.extend([crc32(f, seed) % buckets for f in feats])
        out.extend([buckets] * (width - len(feats)))
    return out
