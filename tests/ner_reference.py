"""The NER decoder's scores as the CRF defines them, for tests of its shortcuts."""

from __future__ import annotations

import numpy as np

from newsmill.lang.lv.ner_crf import CrfDecoder


def summed_emissions(decoder: CrfDecoder, forms: list[str]) -> np.ndarray:
    """Each word's label scores: the sum of the weights of its attribute list."""
    expected = np.zeros((len(forms), len(decoder.labels)))
    for i, attributes in enumerate(decoder._featurizer.sentence(forms)):
        for a in attributes:
            k = decoder._index.get(a)
            if k is not None:
                expected[i] += decoder._weights[k]
    return expected
