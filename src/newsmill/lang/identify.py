"""Language identification with py3langid (a registry package that ships its model).

A short or mixed text is a guess, so very short texts get `und` rather than a confident
wrong language that would send them through the wrong analysers.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this many letters the classifier is guessing.
MIN_LETTERS = 12
# A few paragraphs tell the language as well as the whole text, at a fraction of the cost.
SAMPLE_CHARS = 3000
# The first paragraph or two settle most texts: when the classifier is this sure of them,
# the longer sample is not read (it costs twice as much; texts that open in one language
# and go on in another are the ones that fall short of the bar).
FIRST_SAMPLE_CHARS = 1000
SURE = 0.9999


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or `und` when there is too little text."""
    if not _has_letters(text[:4000], MIN_LETTERS):
        return "und"
    identifier = _identifier()
    code, probability = identifier.classify(text[:FIRST_SAMPLE_CHARS])
    if probability < SURE and len(text) > FIRST_SAMPLE_CHARS:
        code, probability = identifier.classify(text[:SAMPLE_CHARS])
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
