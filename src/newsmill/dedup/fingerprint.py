"""The fingerprint of an article's text: exact hash and MinHash over word shingles.

Computed where the article is extracted (in a worker), so the single writer only
compares signatures; the signature is stored so a resumed run rebuilds its index.

Shingles are hashed here rather than by datasketch's default (SHA-1 of each shingle, one
Python call per shingle, most of the fingerprint's cost): each word is hashed once with
CRC-32 and the 4-word windows are combined in numpy. datasketch still applies its
avalanche pre-mix and the permutations, so the estimate keeps its guarantees. A store
records ``SCHEME``; one made with another scheme is re-fingerprinted when it is opened.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash

# 128 permutations: the Jaccard estimate's standard error is ~0.04, enough for a 0.5 cut.
NUM_PERM = 128
# Word 4-grams: long enough that shared phrases of unrelated stories rarely collide.
SHINGLE_WORDS = 4
PERMUTATION_SCHEME = "affine32"
SEED = 1
# Names how signatures are made: stored with the database, changed whenever they change.
SCHEME = "crc32-words4/affine32"
_WORD = re.compile(r"\w+")
# Words whose hashes are remembered before the memory is emptied (a few tens of MB at most).
WORD_CACHE_SIZE = 200_000
# Odd 64-bit multipliers that mix the word hashes of a window in order (wrapping arithmetic).
_WINDOW_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_FINAL_MULTIPLIER = np.uint64(0xC2B2AE3D27D4EB4F)


@dataclass(frozen=True)
class Fingerprint:
    text_hash: str
    signature: bytes  # NUM_PERM little-endian uint32 values; empty when there are no shingles
    shingles: int

    def minhash(self) -> LeanMinHash | None:
        return signature_minhash(self.signature)


def signature_minhash(signature: bytes) -> LeanMinHash | None:
    """The MinHash of a stored signature (None for a text too short to have one).

    Lean: comparing needs only the values, and drawing permutations costs milliseconds.
    """
    if not signature:
        return None
    values = np.frombuffer(signature, dtype="<u4")
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=PERMUTATION_SCHEME)


def normalised_words(text: str) -> list[str]:
    """Words after Unicode folding and case folding: layout and punctuation do not count."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


class _WordCodes(dict[str, int]):
    """CRC-32 of each word, remembered: most words of a corpus recur."""

    def __missing__(self, word: str) -> int:
        if len(self) >= WORD_CACHE_SIZE:
            self.clear()
        code = self[word] = zlib.crc32(word.encode("utf-8"))
        return code


_word_codes = _WordCodes()


def shingle_hashes(words: list[str]) -> np.ndarray:
    """The distinct 32-bit hashes of the word 4-grams (one gram for a shorter text)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    codes = np.fromiter(map(_word_codes.__getitem__, words), dtype=np.uint64, count=len(words))
    windows = max(1, len(words) - SHINGLE_WORDS + 1)
    mixed = np.zeros(windows, dtype=np.uint64)
    for offset in range(min(SHINGLE_WORDS, len(words))):
        mixed = mixed * _WINDOW_MULTIPLIER + codes[offset : offset + windows] + np.uint64(1)
    mixed ^= mixed >> np.uint64(29)
    mixed *= _FINAL_MULTIPLIER
    mixed ^= mixed >> np.uint64(32)
    hashes = mixed & np.uint64(0xFFFFFFFF)
    hashes.sort()  # then drop repeats: ten times cheaper than np.unique's hashing here
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]


def _identity(value: int) -> int:
    return value


class Fingerprinter:
    """Makes fingerprints; holds the permutations so each text does not redraw them."""

    def __init__(self) -> None:
        self._permutations = MinHash(
            num_perm=NUM_PERM, seed=SEED, scheme=PERMUTATION_SCHEME
        ).permutations

    def fingerprint(self, text: str) -> Fingerprint:
        words = normalised_words(text)
        text_hash = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:32]
        grams = shingle_hashes(words)
        if not len(grams):
            return Fingerprint(text_hash, b"", 0)
        minhash = MinHash(
            num_perm=NUM_PERM,
            seed=SEED,
            permutations=self._permutations,
            scheme=PERMUTATION_SCHEME,
            hashfunc=_identity,
        )
        minhash.update_batch(grams.tolist())
        # affine32 keeps hash values as uint32: 512 bytes per article.
        signature = np.asarray(minhash.hashvalues, dtype="<u4").tobytes()
        return Fingerprint(text_hash, signature, len(grams))
