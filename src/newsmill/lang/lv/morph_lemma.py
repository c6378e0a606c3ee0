"""Lemmas of Latvian words: edit scripts from a form to its lemma, and the backoff table that
predicts a script for a word the training data never saw.

An edit script is `(prefix, strip, append)`: drop the prefix from the start (`ne-`),
`strip` from the end, append a string (`Jevkurovu` -> `("", 1, "s")` -> `Jevkurovs`). Latvian
declension and conjugation are almost entirely in the ending and are decided by the word's
class (noun gender, case, number; verb form), so the table is keyed by the predicted tag and
the word's ending, backing off from the longest ending and the richest tag to shorter ones.
A hand-made table would need a linguist and still miss the treebank's conventions; counting
scripts over the treebank's word types is both simpler and faithful to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Script = tuple[str, int, str]

#: Longest ending the table looks at.
MAX_SUFFIX = 6
#: Tag features the table is keyed by: case and verb form decide the lemma's ending; Polarity,
#: Mood and Degree whether a prefix goes (`ne-`, `jā-`, `vis-`). Gender and Number are left to
#: the word's ending, which on dev tells them better than the tagger's guess.
KEY_FEATURES = (
    "Case", "VerbForm", "Mood", "Degree", "Polarity",
)  # fmt: skip
#: A name's gender comes from its context (`pilsētu Dernu`), which the tagger sees; its
#: ending alone cannot tell `Dernu` (Derna) from `Putinu` (Putins). Without a gender (the
#: tagger unsure) the ending decides.
PROPN_KEYS = (("Case", "Gender"), ("Case",))
#: Longest prefix a script may drop (`visne-`).
MAX_PREFIX = 5


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


def make_script(base: str, lemma: str) -> Script:
    """The script that turns `base` (the form, lowercased unless its lemma keeps capitals)
    into `lemma`: drop a prefix when that lines up at least three letters, then the ending."""
    best = (0, 0)
    for pre in range(0, min(MAX_PREFIX, len(base)) + 1):
        source = base[pre:]
        limit = min(len(source), len(lemma))
        common = 0
        while common < limit and source[common] == lemma[common]:
            common += 1
        if common >= min(3, len(lemma)):
            best = (pre, common)
            break
    pre, common = best
    return (base[:pre], len(base) - pre - common, lemma[common:])


def apply_script(base: str, script: Sequence[int | str]) -> str | None:
    """The lemma a script makes of a form, or None when the script does not fit it (the
    form lacks the script's prefix, or is shorter than what the script drops)."""
    prefix, strip, append = str(script[0]), int(script[1]), str(script[2])
    if not base.startswith(prefix) or (strip and len(prefix) + strip >= len(base)):
        return None
    return base[len(prefix) : len(base) - strip] + append


def tag_keys(upos: str, feats: str) -> list[str]:
    """Table keys from the richest tag to the bare part of speech."""
    values = dict(pair.split("=", 1) for pair in feats.split("|") if "=" in pair)
    keys: list[str] = []
    for names in PROPN_KEYS if upos == "PROPN" else (KEY_FEATURES,):
        rich = ",".join(f"{name}={values[name]}" for name in names if name in values)
        if f"{upos}|{rich}" not in keys:
            keys.append(f"{upos}|{rich}")
    return [*keys, upos]


def suffix_keys(word: str) -> list[str]:
    """Endings from the longest to none, lowercased (case is the script's business)."""
    low = word.lower()
    return [low[-k:] if k else "" for k in range(min(MAX_SUFFIX, len(low)), -1, -1)]


def guess_lemma(table: Mapping[str, Sequence[int | str]], base: str, upos: str, feats: str) -> str:
    """The lemma of an unseen word: the script of the longest known ending under the richest
    tag, else under the part of speech alone, else the word itself."""
    for tag in tag_keys(upos, feats):
        for suffix in suffix_keys(base):
            script = table.get(tag + "|" + suffix)
            if script is not None:
                lemma = apply_script(base, script)
                if lemma is not None:
                    return lemma
    return base
