"""Hashed feature ids of a word type for the Latvian tagger, shared by training and run time.

Every feature depends on one word only (the token itself, or a neighbour seen from the token),
so a sentence's scores are sums of per-type vectors: the tagger computes each distinct word
once per batch and adds the vectors of the token and its neighbours with numpy. Latvian
inflection lives in the word's ending, so suffixes of 1-5 letters carry most of the signal;
neighbours contribute their word and ending (agreement of adjective and noun, case after a
preposition). Hashing with crc32 keeps the model free of a feature vocabulary and the ids
the same in every process (Python's `hash` is salted per process). At run time the ids of a
batch's new words come from `padded_ids_many`, which hashes each feature string once.
"""

from __future__ import annotations

from collections.abc import Sequence
from zlib import crc32

import numpy as np

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


#: zlib's crc32 is affine in its starting value: crc32(data, seed) == crc32(data) ^ a term that
#: depends only on the seed and len(data). So a neighbour feature is hashed once (seed 0, the
#: same string as the token's own feature) and each offset's id is one XOR away, in numpy.
_SHIFTS: list[list[int]] = [[] for _ in OFFSETS]


def _shift_table(length: int) -> np.ndarray:
    """Per offset, the XOR term of each data length below `length` (grown when needed)."""
    for seed, shifts in zip(_SEEDS, _SHIFTS, strict=True):
        for size in range(len(shifts), length):
            zeros = bytes(size)
            shifts.append(crc32(zeros, seed) ^ crc32(zeros))
    return np.asarray(_SHIFTS, dtype=np.int64)


_CONSTANT: dict[str, int] = {}


def _constant(feature: str) -> int:
    """The crc32 of a feature shared by many words (bias, shapes, lengths), computed once."""
    found = _CONSTANT.get(feature)
    if found is None:
        found = _CONSTANT[feature] = crc32(feature.encode("utf-8"))
    return found


#: Columns of the neighbour features kept per word (seed-0 crc and byte length): w, sh, s1-s3.
_NEAR_COLUMNS = 5
#: crc32 of the fixed starts of feature strings, to continue from (see `padded_ids_many`)
_W_LOW, _W_WORD, _P2, _P3 = (crc32(start.encode()) for start in ("w=", "W=", "p2=", "p3="))
_SUFFIX = (0, *(crc32(f"s{k}=".encode()) for k in range(1, 6)))
_BIAS = crc32(b"bias")
_LENGTHS = tuple(crc32(f"len={k}".encode()) for k in range(11))
_PADS = tuple((-1,) * k for k in range(SLOT_WIDTHS[0] + 1))
#: shape -> crc32 of "sh=" + shape, of "nf" + shape and "f" + shape, and the byte length of
#: "sh=" + shape (a handful of shapes: kept for the process)
_SHAPES: dict[str, tuple[int, int, int, int]] = {}


def _shape_codes(shp: str) -> tuple[int, int, int, int]:
    """The entry of `_SHAPES` for one shape, made and kept."""
    codes = _SHAPES[shp] = (
        _constant("sh=" + shp),
        _constant("nf" + shp),
        _constant("f" + shp),
        len(("sh=" + shp).encode("utf-8")),
    )
    return codes


_ZEROS = tuple((0,) * k for k in range(_NEAR_COLUMNS + 1))


def padded_ids_many(words: Sequence[tuple[str, bool]], buckets: int) -> np.ndarray:
    """`padded_ids` of many (word, first) types at once, as rows of an int array: the same
    ids (each slot's ids may come in another order, which a sum does not see), with each
    feature string hashed once and the neighbour ids derived in numpy (see `_SHIFTS`)."""
    own: list[int] = []
    raw: list[int] = []
    sizes: list[int] = []
    own_width = SLOT_WIDTHS[0]
    s1, s2, s3, s4, s5 = _SUFFIX[1:]
    shapes = _SHAPES
    for word, first in words:
        low = word.lower()
        shp = shape(word)
        known = shapes.get(shp)
        sh, not_first, is_first, shape_size = known or _shape_codes(shp)
        n = len(low)
        lowb = low.encode("utf-8")
        cw = crc32(lowb, _W_LOW)  # == crc32(("w=" + low).encode()): crc32 continues a crc
        if n >= 6:  # the common case, unrolled: five suffixes, two prefixes, no padding
            if len(lowb) == n:  # ASCII: letters are bytes
                b1, b2, b3, b4, b5 = lowb[-1:], lowb[-2:], lowb[-3:], lowb[-4:], lowb[-5:]
                b6, b7 = lowb[:2], lowb[:3]
            else:
                b1, b2, b3 = low[-1:].encode(), low[-2:].encode(), low[-3:].encode()
                b4, b5 = low[-4:].encode(), low[-5:].encode()
                b6, b7 = low[:2].encode(), low[:3].encode()
            c1, c2, c3 = crc32(b1, s1), crc32(b2, s2), crc32(b3, s3)
            own += (
                _BIAS,
                cw,
                crc32(word.encode("utf-8"), _W_WORD),
                sh,
                is_first if first else not_first,
                c1,
                c2,
                c3,
                crc32(b4, s4),
                crc32(b5, s5),
                crc32(b6, _P2),
                crc32(b7, _P3),
                _LENGTHS[n if n < 10 else 10],
            )
            raw += (cw, sh, c1, c2, c3)
            sizes += (2 + len(lowb), shape_size, 3 + len(b1), 3 + len(b2), 3 + len(b3))
            continue
        start = len(own)
        own += (_BIAS, cw, crc32(word.encode("utf-8"), _W_WORD), sh)
        own.append(is_first if first else not_first)
        raw += (cw, sh)
        sizes += (2 + len(lowb), shape_size)
        for k in range(1, min(n, 6)):
            sb = low[-k:].encode("utf-8")
            code = crc32(sb, _SUFFIX[k])
            own.append(code)
            if k <= 3:
                raw.append(code)
                sizes.append(3 + len(sb))
        if n > 3:
            own += (crc32(low[:2].encode("utf-8"), _P2), crc32(low[:3].encode("utf-8"), _P3))
        own.append(_LENGTHS[min(n, 10)])
        own.extend(_PADS[own_width - len(own) + start])
        missing = _NEAR_COLUMNS - min(n - 1, 3) - 2 if n > 1 else _NEAR_COLUMNS - 2
        raw.extend(_PADS[missing])
        sizes.extend(_ZEROS[missing])
    count = len(words)
    own_ids = np.asarray(own, dtype=np.int64).reshape(count, SLOT_WIDTHS[0])
    own_ids = np.where(own_ids < 0, buckets, own_ids % buckets)
    codes = np.asarray(raw, dtype=np.int64).reshape(count, _NEAR_COLUMNS)
    lengths = np.asarray(sizes, dtype=np.intp).reshape(count, _NEAR_COLUMNS)
    table = _shift_table(int(lengths.max(initial=0)) + 1)
    blocks = [own_ids]
    for j, off in enumerate(OFFSETS):
        cols = [0, 1, 2, 3, 4] if abs(off) == 1 else [0, 1, 3]
        part = codes[:, cols]
        ids = (part ^ table[j][lengths[:, cols]]) % buckets
        blocks.append(np.where(part < 0, buckets, ids))
    out: np.ndarray = np.concatenate(blocks, axis=1).astype(np.intc)
    return out
