"""Loops over numbers of the Latvian morphology, compiled by numba (`newsmill.jit`).

The tagger and the lemma rules cost most on a text's new words, and most of that was many
small Python and numpy steps per word: hashing some 40 feature strings, gathering and
summing weight rows, scoring a few dozen candidate rules. Here each is one pass over a
whole batch; the strings stay in Python (lower case, spelling shape, dictionary lookups),
which hands over UTF-8 bytes and integer ids. Every result is the exact integer (or the
same float32 operations in the same order) that the numpy and zlib code gave, which the
tests check against those definitions.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from newsmill.jit import jit_compiled

IntArray = npt.NDArray[np.int64]
ByteArray = npt.NDArray[np.uint8]


def crc_table() -> IntArray:
    """The byte table of zlib's CRC-32 (reflected polynomial 0xEDB88320)."""
    table = np.zeros(256, dtype=np.int64)
    for byte in range(256):
        value = byte
        for _ in range(8):
            value = (value >> 1) ^ 0xEDB88320 if value & 1 else value >> 1
        table[byte] = value
    return table


def _feature_ids(
    lows: ByteArray,
    low_chars: IntArray,
    words: ByteArray,
    word_chars: IntArray,
    shape_rows: IntArray,
    first: npt.NDArray[np.bool_],
    shapes: IntArray,
    starts: IntArray,
    fixed: IntArray,
    table: IntArray,
    buckets: int,
) -> npt.NDArray[np.intc]:
    """The padded feature ids of word types (see `morph_features.padded_ids_many`).

    `lows` and `words` are the UTF-8 of the lower-cased and the plain words one after the
    other, `*_chars` their lengths in characters (an ending is so many characters, found
    by skipping UTF-8 continuation bytes). A feature string is a fixed start ("s2=") and a
    piece of the word, hashed in its namespace: its crc32 continues from `starts[slot,
    start]`, the crc32 of the start in that namespace (zlib's crc32 continues a crc).
    `starts` rows: own, then each neighbour offset; columns: w=, W=, s1=...s5=, p2=, p3=.
    `shapes` rows: per spelling shape the crc32 of its features (own sh=, nf, f, then sh=
    in each neighbour namespace); `fixed`: bias, then len=0 ... len=10.
    """
    count = low_chars.shape[0]
    out = np.full((count, 29), buckets, dtype=np.intc)
    widest = 0
    for i in range(count):
        widest = max(widest, low_chars[i])
    at = np.empty(widest + 1, dtype=np.int64)  # byte offset of each character of a word
    # per feature to hash: first byte, end byte, crc to continue from, column
    job_start = np.empty(29, dtype=np.int64)
    job_end = np.empty(29, dtype=np.int64)
    job_crc = np.empty(29, dtype=np.int64)
    job_column = np.empty(29, dtype=np.int64)
    low_at = 0
    word_at = 0
    size = lows.shape[0]
    word_size = words.shape[0]
    for i in range(count):
        n = low_chars[i]
        pos = low_at
        for c in range(n):
            at[c] = pos
            pos += 1
            while pos < size and (lows[pos] & 0xC0) == 0x80:
                pos += 1
        at[n] = pos
        end = pos
        word_end = word_at
        for _ in range(word_chars[i]):
            word_end += 1
            while word_end < word_size and (words[word_end] & 0xC0) == 0x80:
                word_end += 1
        row = shape_rows[i]
        # the features that are no string of the word: bias, shapes, length
        out[i, 0] = fixed[0] % buckets
        out[i, 3] = shapes[row, 0] % buckets
        out[i, 4] = shapes[row, 2 if first[i] else 1] % buckets
        # W= (the word as written) from its own buffer
        crc = starts[0, 1] ^ 0xFFFFFFFF
        for p in range(word_at, word_end):
            crc = table[(crc ^ words[p]) & 0xFF] ^ (crc >> 8)
        out[i, 2] = (crc ^ 0xFFFFFFFF) % buckets
        jobs = 0
        job_start[jobs], job_end[jobs], job_crc[jobs], job_column[jobs] = (
            low_at,
            end,
            starts[0, 0],
            1,
        )
        jobs += 1
        column = 5
        for k in range(1, min(n, 6)):
            job_start[jobs], job_end[jobs] = at[n - k], end
            job_crc[jobs], job_column[jobs] = starts[0, 1 + k], column
            jobs += 1
            column += 1
        if n > 3:
            job_start[jobs], job_end[jobs] = low_at, at[2]
            job_crc[jobs], job_column[jobs] = starts[0, 7], column
            jobs += 1
            job_start[jobs], job_end[jobs] = low_at, at[3]
            job_crc[jobs], job_column[jobs] = starts[0, 8], column + 1
            jobs += 1
            column += 2
        out[i, column] = fixed[1 + min(n, 10)] % buckets
        base = 13
        for j in range(4):
            near = j == 1 or j == 2
            job_start[jobs], job_end[jobs] = low_at, end
            job_crc[jobs], job_column[jobs] = starts[1 + j, 0], base
            jobs += 1
            out[i, base + 1] = shapes[row, 3 + j] % buckets
            column = base + 2
            for k in range(1, 4):
                if n > k and (near or k == 2):
                    job_start[jobs], job_end[jobs] = at[n - k], end
                    job_crc[jobs], job_column[jobs] = starts[1 + j, 1 + k], column
                    jobs += 1
                    column += 1
            base += 5 if near else 3
        for t in range(jobs):
            crc = job_crc[t] ^ 0xFFFFFFFF
            for p in range(job_start[t], job_end[t]):
                crc = table[(crc ^ lows[p]) & 0xFF] ^ (crc >> 8)
            out[i, job_column[t]] = (crc ^ 0xFFFFFFFF) % buckets
        low_at = end
        word_at = word_end
    return out


feature_ids = jit_compiled(_feature_ids)


def _slot_sums(
    ids: npt.NDArray[np.intc],
    weights: npt.NDArray[np.int8],
    widths: IntArray,
    out: npt.NDArray[np.int16],
    at: int,
) -> None:
    """Per slot (own, then each neighbour offset), the summed weight rows of each word's ids
    (`ids` padded with the zero row), written to `out[slot, at + word]`: exact int16 sums
    (at most 29 x 128)."""
    classes = weights.shape[1]
    total = np.empty(classes, dtype=np.int32)
    for i in range(ids.shape[0]):
        column = 0
        for slot in range(widths.shape[0]):
            total[:] = 0
            for c in range(column, column + widths[slot]):
                row = ids[i, c]
                for k in range(classes):
                    total[k] += weights[row, k]
            for k in range(classes):
                out[slot, at + i, k] = total[k]
            column += widths[slot]


slot_sums = jit_compiled(_slot_sums)


def _ranked_rules(
    numbers: IntArray,
    number_bounds: IntArray,
    candidates: IntArray,
    candidate_bounds: IntArray,
    starts: IntArray,
    ends: IntArray,
    ids: IntArray,
    values: npt.NDArray[np.float64],
    dense_rows: IntArray,
    dense: npt.NDArray[np.float64],
) -> IntArray:
    """Each word's candidate rules, best-scoring first, ties by the lower rule number (see
    `morph_rules.RuleModel._order_fits`). Word w has the model features
    `numbers[number_bounds[w]:number_bounds[w + 1]]` (feature f weighs rule `ids[j]` by
    `values[j]` for j in `starts[f]:ends[f]`, and if `dense_rows[f]` >= 0 every rule by
    that row of `dense`) and the candidates between its `candidate_bounds`. The weights are
    integers, so float64 sums are exact in any order."""
    total = np.zeros(dense.shape[1], dtype=np.float64)
    score = np.empty(candidates.shape[0], dtype=np.float64)
    out = candidates.copy()
    for w in range(number_bounds.shape[0] - 1):
        first, last = candidate_bounds[w], candidate_bounds[w + 1]
        for f in range(number_bounds[w], number_bounds[w + 1]):
            feature = numbers[f]
            if dense_rows[feature] < 0:
                for j in range(starts[feature], ends[feature]):
                    total[ids[j]] += values[j]
        for c in range(first, last):
            score[c] = total[candidates[c]]
        for f in range(number_bounds[w], number_bounds[w + 1]):
            feature = numbers[f]
            row = dense_rows[feature]
            if row < 0:
                for j in range(starts[feature], ends[feature]):
                    total[ids[j]] = 0.0
            else:
                for c in range(first, last):
                    score[c] += dense[row, candidates[c]]
        # insertion sort of the few candidates: higher score first, then lower rule
        for c in range(first + 1, last):
            rule, value = out[c], score[c]
            at = c
            while at > first and (
                score[at - 1] < value or (score[at - 1] == value and out[at - 1] > rule)
            ):
                out[at] = out[at - 1]
                score[at] = score[at - 1]
                at -= 1
            out[at] = rule
            score[at] = value
    return out


ranked_rules = jit_compiled(_ranked_rules)


def _token_scores(
    rows: IntArray,
    lengths: IntArray,
    vectors: npt.NDArray[np.int16],
    offsets: IntArray,
    deltas: IntArray,
    delta_table: npt.NDArray[np.int16],
    scale: npt.NDArray[np.float32],
    bias: npt.NDArray[np.float32],
) -> npt.NDArray[np.float32]:
    """Class scores of every token (see `LatvianMorphology._scores`): `rows` holds each
    token's row of `vectors`, sentence after sentence (`lengths`); a token's sum is its own
    slot vector and each neighbour's vector for its offset (rows 0 and 1, the sentence
    bounds, past the sentence's ends), plus its `delta_table` row when it is a sentence's
    first word (`deltas`, one per non-empty sentence). The integer sum is exact; it is
    then scaled as numpy does, in float32."""
    classes = vectors.shape[2]
    out = np.empty((rows.shape[0], classes), dtype=np.float32)
    total = np.empty(classes, dtype=np.int32)
    start = 0
    sentence = 0
    for s in range(lengths.shape[0]):
        size = lengths[s]
        for i in range(size):
            own = rows[start + i]
            for k in range(classes):
                total[k] = vectors[0, own, k]
            for j in range(offsets.shape[0]):
                at = i + offsets[j]
                near = 0 if at < 0 else (1 if at >= size else rows[start + at])
                for k in range(classes):
                    total[k] += vectors[j + 1, near, k]
            if i == 0:
                for k in range(classes):
                    total[k] += delta_table[deltas[sentence], k]
            for k in range(classes):
                out[start + i, k] = np.float32(total[k]) * scale[k] + bias[k]
        if size:
            sentence += 1
        start += size
    return out


token_scores = jit_compiled(_token_scores)


def _head_choices(
    scores: npt.NDArray[np.float32], bounds: IntArray, gender: int, margin: float
) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """Each token's best class of every head (the first best, as numpy's argmax) between
    consecutive `bounds`, and whether head `gender`'s best score is `margin` above its next
    (float32 difference, as numpy's on sorted scores)."""
    tokens = scores.shape[0]
    heads = bounds.shape[0] - 1
    choice = np.empty((tokens, heads), dtype=np.int64)
    sure = np.empty(tokens, dtype=np.bool_)
    for t in range(tokens):
        for h in range(heads):
            first = bounds[h]
            best = first
            for c in range(first + 1, bounds[h + 1]):
                if scores[t, c] > scores[t, best]:
                    best = c
            choice[t, h] = best - first
        a = bounds[gender]
        top = a + choice[t, gender]
        second = -np.inf
        for c in range(a, bounds[gender + 1]):
            if c != top and scores[t, c] > second:
                second = scores[t, c]
        sure[t] = np.float32(scores[t, top] - np.float32(second)) >= margin
    return choice, sure


head_choices = jit_compiled(_head_choices)
