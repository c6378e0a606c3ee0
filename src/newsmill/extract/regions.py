"""Keep doubtful paragraphs only near the page's main stretch of article text.

Comment threads, teaser lists and author boxes above or below an article can look
like prose unit by unit; their distance from the article gives them away. The main
stretch is the run of units (lines or blocks) with the largest sum of (probability -
centre) weighted by length, the centre 0.5 or an HTML page's own keep threshold; a unit
well outside it stays in the article only when the classifier is sure. Shared by the
flattened-text and HTML extractors.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsmill.extract.line_features import best_region

# Units this far outside the main stretch need this much belief to stay.
MAIN_REGION_SLACK = 3
FAR_UNIT_MIN_PROBABILITY = 0.9
# Long units should not outweigh the rest entirely.
MAX_WEIGHT_CHARS = 400


def drop_far_doubtful(
    lengths: Sequence[int] | npt.NDArray[np.int64],
    kinds: list[str],
    probs: Sequence[float] | npt.NDArray[np.float64],
    paragraph: str,
    threshold: float = 0.5,
) -> None:
    """Turn far, doubtful ``paragraph`` kinds into "" (undecided) in place.

    Only the doubtful units outside the stretch (and its slack) are visited, found with
    numpy rather than by walking every unit before and after it.
    """
    if not kinds:
        return
    beliefs = np.asarray(probs, dtype=np.float64)
    weights = (beliefs - threshold) * np.minimum(np.asarray(lengths), MAX_WEIGHT_CHARS)
    start, end = best_region(weights)
    far = beliefs < FAR_UNIT_MIN_PROBABILITY
    far[max(start - MAIN_REGION_SLACK, 0) : end + MAIN_REGION_SLACK + 1] = False
    for i in far.nonzero()[0].tolist():
        if kinds[i] == paragraph:
            kinds[i] = ""
