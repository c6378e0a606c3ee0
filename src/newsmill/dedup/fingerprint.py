"""The fingerprint of an article's text: exact hash and MinHash over word shingles.

Computed where the article is extracted (in a worker), so the single writer only
compares signatures; the signature is stored so a resumed run rebuilds its index.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash

# 128 permutations: the Jaccard estimate's standard error is ~0.04, enough for a 0.5 cut.
NUM_PERM = 128
# Word 4-grams: long enough that shared phrases of unrelated stories rarely collide.
SHINGLE_WORDS = 4
SCHEME = "affine32"
SEED = 1
_WORD = re.compile(r"\w+")


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
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def normalised_words(text: str) -> list[str]:
    """Words after Unicode folding and case folding: layout and punctuation do not count."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(words: list[str]) -> set[str]:
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


class Fingerprinter:
    """Makes fingerprints; holds the permutations so each text does not redraw them."""

    def __init__(self) -> None:
        self._permutations = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations

    def fingerprint(self, text: str) -> Fingerprint:
        words = normalised_words(text)
        text_hash = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:32]
        grams = shingles(words)
        if not grams:
            return Fingerprint(text_hash, b"", 0)
        minhash = MinHash(
            num_perm=NUM_PERM, seed=SEED, permutations=self._permutations, scheme=SCHEME
        )
        minhash.update_batch([gram.encode("utf-8") for gram in grams])
        # affine32 keeps hash values as uint32: 512 bytes per article.
        signature = np.asarray(minhash.hashvalues, dtype="<u4").tobytes()
        return Fingerprint(text_hash, signature, len(grams))
