"""Keys of the Latvian lemma lexicon, shared by training and run time.

The lexicon maps a form and its UPOS to the lemma the treebank gives it most often, and a
form + UPOS + Case/Gender/Number where one form has several lemmas (`Valērija`: Valērija,
or Valērijs's genitive). Whether a lemma keeps the form's capitals is decided per UPOS and
all-caps spelling, as the treebank does most often. Words the lexicon lacks get a learned
edit rule (`morph_rules`).
"""

from __future__ import annotations

#: Features that tell apart the lemmas one form has (`Valērija`: Valērija, or Valērijs's
#: genitive).
SENSE_FEATURES = ("Case=", "Gender=", "Number=")


def sense_key(form: str, upos: str, feats: str) -> str:
    """Lexicon key of a form under its tag's Case, Gender and Number."""
    sense = "|".join(p for p in feats.split("|") if p.startswith(SENSE_FEATURES))
    return f"{form}\t{upos}\t{sense}"


def case_key(word: str, upos: str) -> str:
    """What decides whether a lemma keeps the form's capitals: the UPOS and all-caps spelling."""
    return upos + ("|X" if len(word) > 1 and word.isupper() else "")


def cased(word: str, keep_case: bool) -> str:
    return word if keep_case else word.lower()
