"""Which stored article a new one duplicates: exact by text hash, near by MinHash LSH.

The index lives in the single writer (it decides clusters as articles are committed)
and is rebuilt from the stored signatures when a run resumes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from datasketch import LeanMinHash, MinHashLSH

from newsmill.dedup.fingerprint import NUM_PERM, Fingerprint, signature_minhash

# LSH candidates from an estimated Jaccard of about 0.3, so truncated copies are seen ...
LSH_THRESHOLD = 0.3
# ... and kept as duplicates when the word 4-gram Jaccard is at least this ...
MIN_JACCARD = 0.5
# ... or when the shorter text is this much contained in the longer (truncated versions),
MIN_CONTAINMENT = 0.7
# ... and has this many shingles: the containment estimate is noisy on small sets.
MIN_CONTAINED_SHINGLES = 25
# Texts with fewer shingles than this are too short to call near duplicates safely.
MIN_SHINGLES = 12

DuplicateKind = Literal["exact", "near"]


@dataclass(frozen=True)
class DuplicateMatch:
    rowid: int
    kind: DuplicateKind
    similarity: float


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller shingle set inside the larger, from their Jaccard and sizes."""
    smaller = min(size_a, size_b)
    if smaller == 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / ((1.0 + jaccard) * smaller))


def _contained(jaccard: float, size_a: int, size_b: int) -> bool:
    return (
        min(size_a, size_b) >= MIN_CONTAINED_SHINGLES
        and containment(jaccard, size_a, size_b) >= MIN_CONTAINMENT
    )


class DuplicateIndex:
    def __init__(self) -> None:
        self._exact: dict[str, int] = {}
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._sketches: dict[int, tuple[LeanMinHash, int]] = {}

    def __len__(self) -> int:
        return len(self._exact)

    def add(self, rowid: int, text_hash: str, signature: bytes, shingles: int) -> None:
        self._exact.setdefault(text_hash, rowid)
        minhash = signature_minhash(signature)
        if minhash is not None and shingles >= MIN_SHINGLES:
            self._lsh.insert(rowid, minhash)
            self._sketches[rowid] = (minhash, shingles)

    def match(self, fingerprint: Fingerprint) -> DuplicateMatch | None:
        """The stored article this text copies, the most similar one when several do."""
        exact = self._exact.get(fingerprint.text_hash)
        if exact is not None:
            return DuplicateMatch(exact, "exact", 1.0)
        minhash = fingerprint.minhash()
        if minhash is None or fingerprint.shingles < MIN_SHINGLES:
            return None
        best: DuplicateMatch | None = None
        for rowid in self._lsh.query(minhash):
            other, size = self._sketches[rowid]
            jaccard = float(minhash.jaccard(other))
            if jaccard < MIN_JACCARD and not _contained(jaccard, fingerprint.shingles, size):
                continue
            if best is None or jaccard > best.similarity:
                best = DuplicateMatch(int(rowid), "near", jaccard)
        return best
