"""Keep doubtful paragraphs only near the page's main stretch of article text.

Comment threads, teaser lists and author boxes above or below an article can look
like prose unit by unit; their distance from the article gives them away. The main
stretch is the run of units (lines or blocks) with the largest sum of
(probability - 0.5) weighted by length; a unit well outside it stays in the article
only when the classifier is sure. Shared by the flattened-text and HTML extractors.
"""

from __future__ import annotations

from itertools import chain

import numpy as np

from newsmill.extract.line_features import best_region

# Units this far outside the main stretch need this much belief to stay.
MAIN_REGION_SLACK = 3
FAR_UNIT_MIN_PROBABILITY = 0.9
# Long units should not outweigh the rest entirely.
MAX_WEIGHT_CHARS = 400


def drop_far_doubtful(
    lengths: list[int], kinds: list[str], probs: list[float], paragraph: str
) -> None:
    """Turn far, doubtful ``paragraph`` kinds into "" (undecided) in place."""
    if not lengths:
        return
    weights = (np.asarray(probs) - 0.5) * np.minimum(np.asarray(lengths), MAX_WEIGHT_CHARS)
    start, end = best_region(weights)
    # Only the units before and after the stretch (and its slack) can be far: visit those.
    before = range(max(start - MAIN_REGION_SLACK, 0))
    after = range(end + MAIN_REGION_SLACK + 1, len(kinds))
    for i in chain(before, after):
        if kinds[i] == paragraph and probs[i] < FAR_UNIT_MIN_PROBABILITY:
            kinds[i] = ""
