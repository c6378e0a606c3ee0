"""Hashed feature ids of a word type for the Latvian tagger, shared by training and run time.

Every feature depends on one word only (the token itself, or a neighbour seen from the token),
so a sentence's scores are sums of per-type vectors: the tagger computes each distinct word
once per batch and adds the vectors of the token and its neighbours. Latvian
inflection lives in the word's ending, so suffixes of 1-5 letters carry most of the signal;
neighbours contribute their word and ending (agreement of adjective and noun, case after a
preposition). Hashing with crc32 keeps the model free of a feature vocabulary and the ids
the same in every process (Python's `hash` is salted per process). At run time the ids of a
batch's new words come from `padded_ids_many`, which hashes all their feature strings in
one compiled pass (`morph_kernels.feature_ids`); `type_ids` stays the definition (training
and the tests use it).
"""

from __future__ import annotations

from collections.abc import Sequence
from zlib import crc32

import numpy as np

from newsmill.lang.lv.morph_kernels import crc_table, feature_ids

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


#: crc32 of each feature start ("w=", "W=", "s1=" ... "s5=", "p2=", "p3=") in each namespace
#: (own, then each of OFFSETS): a feature's crc32 continues from it over the word's bytes
#: (zlib's crc32 continues a crc), in `morph_kernels.feature_ids`.
_STARTS = np.asarray(
    [
        [
            crc32(start.encode(), crc32(space.encode()))
            for start in ("w=", "W=", *(f"s{k}=" for k in range(1, 6)), "p2=", "p3=")
        ]
        for space in ("", *(f"{off:+d}|" for off in OFFSETS))
    ],
    dtype=np.int64,
)
#: crc32 of "bias", then of "len=0" ... "len=10"
_FIXED = np.asarray(
    [crc32(b"bias"), *(crc32(f"len={k}".encode()) for k in range(11))], dtype=np.int64
)
_TABLE = crc_table()
#: spelling shape -> its row of `_shape_table`: the crc32 of "sh=" + shape, "nf" + shape
#: and "f" + shape, then of "sh=" + shape in each neighbour namespace (a handful of shapes:
#: kept for the process)
_SHAPE_ROWS: dict[str, int] = {}
_shape_table = np.zeros((0, 3 + len(OFFSETS)), dtype=np.int64)


def _shape_row(shp: str) -> int:
    """The row of `_shape_table` of one shape, made and kept."""
    global _shape_table
    codes = [crc32(f.encode()) for f in ("sh=" + shp, "nf" + shp, "f" + shp)]
    codes += [crc32(("sh=" + shp).encode(), crc32(f"{off:+d}|".encode())) for off in OFFSETS]
    _shape_table = np.vstack([_shape_table, np.asarray([codes], dtype=np.int64)])
    row = _SHAPE_ROWS[shp] = len(_SHAPE_ROWS)
    return row


def padded_ids_many(words: Sequence[tuple[str, bool]], buckets: int) -> np.ndarray:
    """`type_ids` of many (word, first) types at once, as rows of an int array: each slot's
    ids padded to its width (`SLOT_WIDTHS`) with `buckets`, the zero row. Python gives the
    lower case and shape of each word and the UTF-8 of all; one compiled pass hashes every
    feature (`morph_kernels.feature_ids`)."""
    texts = [word for word, _ in words]
    lows = [word.lower() for word in texts]
    spellings = list(map(shape, texts))
    shapes: list[int | None] = list(map(_SHAPE_ROWS.get, spellings))
    if None in shapes:
        for shp in set(spellings).difference(_SHAPE_ROWS):
            _shape_row(shp)
        shapes = list(map(_SHAPE_ROWS.get, spellings))
    ids: np.ndarray = feature_ids(
        np.frombuffer("".join(lows).encode("utf-8"), dtype=np.uint8),
        np.fromiter(map(len, lows), dtype=np.int64, count=len(lows)),
        np.frombuffer("".join(texts).encode("utf-8"), dtype=np.uint8),
        np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)),
        np.asarray(shapes, dtype=np.int64),
        np.asarray([first for _, first in words], dtype=np.bool_),
        _shape_table,
        _STARTS,
        _FIXED,
        _TABLE,
        buckets,
    )
    return ids
