"""Language identification with py3langid (a registry package that ships its model).

A short or mixed text is a guess, so very short texts get `und` rather than a confident
wrong language that would send them through the wrong analysers.
"""

from __future__ import annotations

import py3langid

# Below this many letters the classifier is guessing.
MIN_LETTERS = 12
# A few paragraphs tell the language as well as the whole text, at a fraction of the cost.
SAMPLE_CHARS = 3000


def identify_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or `und` when there is too little text."""
    if not _has_letters(text[:4000], MIN_LETTERS):
        return "und"
    code, _score = py3langid.classify(text[:SAMPLE_CHARS])
    return str(code)


def _has_letters(text: str, wanted: int) -> bool:
    """Whether `text` has at least `wanted` letters; stops counting once it has."""
    letters = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if letters >= wanted:
                return True
    return False
