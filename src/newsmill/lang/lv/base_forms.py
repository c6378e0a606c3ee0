"""Base forms of Latvian entity names: a mention's words back in the nominative.

Personal names have every part in the nominative (`Vladimiru Putinu` -> `Vladimirs
Putins`). Other names inflect only the head (the last noun not in the genitive, normally
the last word) and the adjectives and participles agreeing with it just before it;
genitive modifiers stay as written (`Lībijas Arābu bruņotajiem spēkiem` -> `Lībijas Arābu
bruņotie spēki`). Nominatives come from the token's lemma and UD features; the surface
capitalisation is kept (`Eitanāzijas` with lemma `eitanāzija` -> `Eitanāzija`). Words
whose lemma equals the surface (indeclinable `Šoigu`) come out unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsmill.lang.tokens import Token

OBLIQUE = frozenset({"Gen", "Dat", "Acc", "Ins", "Loc", "Voc"})
NOMINAL = frozenset({"NOUN", "PROPN"})
MODIFIER = frozenset({"ADJ", "DET", "NUM", "VERB"})
EDGE_PUNCT = frozenset("\"'“”„«»‘’‚`()[],.;:!?-–—")
_EDGE_CHARS = "".join(sorted(EDGE_PUNCT))

# Adjective (and participle) endings by (definite, gender, number, case).
_ADJ_IND = {
    ("Masc", "Sing"): {"Nom": "s", "Gen": "a", "Dat": "am", "Acc": "u", "Ins": "u", "Loc": "ā"},
    ("Masc", "Plur"): {
        "Nom": "i",
        "Gen": "u",
        "Dat": "iem",
        "Acc": "us",
        "Ins": "iem",
        "Loc": "os",
    },
    ("Fem", "Sing"): {"Nom": "a", "Gen": "as", "Dat": "ai", "Acc": "u", "Ins": "u", "Loc": "ā"},
    ("Fem", "Plur"): {"Nom": "as", "Gen": "u", "Dat": "ām", "Acc": "as", "Ins": "ām", "Loc": "ās"},
}
_ADJ_DEF = {
    ("Masc", "Sing"): {
        "Nom": "ais",
        "Gen": "ā",
        "Dat": "ajam",
        "Acc": "o",
        "Ins": "o",
        "Loc": "ajā",
    },
    ("Masc", "Plur"): {
        "Nom": "ie",
        "Gen": "o",
        "Dat": "ajiem",
        "Acc": "os",
        "Ins": "ajiem",
        "Loc": "ajos",
    },
    ("Fem", "Sing"): {"Nom": "ā", "Gen": "ās", "Dat": "ajai", "Acc": "o", "Ins": "o", "Loc": "ajā"},
    ("Fem", "Plur"): {
        "Nom": "ās",
        "Gen": "o",
        "Dat": "ajām",
        "Acc": "ās",
        "Ins": "ajām",
        "Loc": "ajās",
    },
}
# Plural noun endings of the oblique cases, and the nominative plural by lemma ending.
_NOUN_PLUR = {
    "Gen": ("u",),
    "Dat": ("iem", "ām", "ēm", "īm"),
    "Ins": ("iem", "ām", "ēm", "īm"),
    "Acc": ("us", "as", "es", "is"),
    "Loc": ("os", "ās", "ēs", "īs"),
    "Voc": ("i", "as", "es", "is"),
}


def span_text(tokens: Sequence[Token]) -> str:
    """The tokens' text with the gaps between them as single spaces."""
    parts: list[str] = []
    prev_end: int | None = None
    for tok in tokens:
        if prev_end is not None and tok.start > prev_end:
            parts.append(" ")
        parts.append(tok.text)
        prev_end = tok.end
    return "".join(parts)


def recase(surface: str, base: str) -> str:
    """`base` with the capitalisation of `surface` over their common (case-blind) prefix."""
    if not base:
        return surface
    n = 0
    for a, b in zip(surface, base, strict=False):
        if a.lower() != b.lower():
            break
        n += 1
    if n == 0:
        if surface[:1].isupper():
            return base[:1].upper() + base[1:]
        return base
    return surface[:n] + base[n:]


def _nominal_plural(tok: Token, case: str) -> str:
    """Nominative plural of a noun: the surface with its plural case ending replaced."""
    form = tok.text
    low = form.lower()
    lemma = tok.lemma.lower()
    fem = tok.feature("Gender") == "Fem"
    if fem and lemma.endswith("e"):
        nom = "es"
    elif fem and lemma.endswith("s"):
        nom = "is"
    elif fem:
        nom = "as"
    else:
        nom = "i"
    if case == "Gen" and fem and (lemma.endswith("e") or lemma.endswith("s")) and tok.lemma:
        # 5th/6th declension genitives alternate the stem (upju, siržu): use the lemma.
        return recase(form, tok.lemma[:-1] + nom)
    for ending in _NOUN_PLUR.get(case, ()):
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return form[: -len(ending)] + nom
    return form


def _adjective(tok: Token, case: str) -> str:
    """Nominative of an adjective or participle, keeping its gender, number, definiteness."""
    gender = tok.feature("Gender") or "Masc"
    number = tok.feature("Number") or "Sing"
    table = _ADJ_DEF if tok.feature("Definite") == "Def" else _ADJ_IND
    endings = table.get((gender, number))
    if endings is None:
        return tok.text
    old = endings.get(case)
    form = tok.text
    if old is None or not form.lower().endswith(old):
        return form
    new = endings["Nom"]
    if new == "s" and tok.upos == "ADJ" and tok.lemma.endswith("š"):
        new = "š"  # zaļš, not zaļs
    return form[: len(form) - len(old)] + new


def nominative(tok: Token, *, every_part: bool = False) -> str:
    """The token in the nominative (same number and gender); unchanged when it already is,
    has no case, or is not a word that declines."""
    case = tok.feature("Case")
    if case not in OBLIQUE:
        return tok.text
    if tok.upos in NOMINAL or (every_part and tok.upos in {"X", ""}):
        if not tok.lemma:
            return tok.text
        if tok.feature("Number") == "Plur" and not every_part:
            return _nominal_plural(tok, case)
        return recase(tok.text, tok.lemma)
    if tok.upos in MODIFIER:
        return _adjective(tok, case)
    return tok.text


def _strip_edges(tokens: Sequence[Token]) -> Sequence[Token]:
    """Without quotes and punctuation around the name (`“ Vagner ”` -> `Vagner`)."""
    a, b = 0, len(tokens)
    # a token is all edge punctuation when stripping those characters leaves nothing
    while a < b and not tokens[a].text.strip(_EDGE_CHARS):
        a += 1
    while b > a and not tokens[b - 1].text.strip(_EDGE_CHARS):
        # keep the full stop of an abbreviation or initial glued to the name
        if tokens[b - 1].text == "." and b - 1 > a and tokens[b - 1].start == tokens[b - 2].end:
            break
        b -= 1
    return tokens[a:b] if a < b else tokens


def _head(tokens: Sequence[Token]) -> int:
    """Index of the head: the last noun not in the genitive, else the last noun, else the
    last token."""
    nouns = [i for i, t in enumerate(tokens) if t.upos in NOMINAL]
    for i in reversed(nouns):
        if tokens[i].feature("Case") != "Gen":
            return i
    return nouns[-1] if nouns else len(tokens) - 1


def _agrees(mod: Token, head: Token) -> bool:
    if mod.upos not in MODIFIER or mod.feature("Case") != head.feature("Case"):
        return False
    if mod.upos == "VERB" and mod.feature("VerbForm") != "Part":
        return False
    for name in ("Number", "Gender"):
        a, b = mod.feature(name), head.feature(name)
        if a and b and a != b:
            return False
    return True


def base_form(tokens: Sequence[Token], entity_type: str) -> str:
    """The name of a mention in its base form (see the module docstring)."""
    if not tokens:
        return ""
    if entity_type in {"time", "money"}:
        return span_text(tokens)
    name = _strip_edges(tokens)
    words = [t.text for t in name]
    if entity_type == "person":
        # The parts of a name share one case, and the surname's ending tells it best
        # (`Halifa Haftars` is nominative although `Halifa` looks genitive).
        if name[-1].feature("Case") in OBLIQUE or len(name) == 1:
            words = [nominative(t, every_part=True) for t in name]
    elif (
        len(name) == 1
        and name[0].upos not in MODIFIER
        and name[0].feature("Case") != "Nom"
        and name[0].lemma.isalpha()
    ):
        # a one-word name is its lemma (in the surface capitalisation), even in the plural
        # (`Jāņiem` -> `Jānis`) or when the tagger gave no case; a nominative stays as
        # written, so a wrong lemma guess cannot spoil it
        words = [recase(name[0].text, name[0].lemma)]
    else:
        head = _head(name)
        words[head] = nominative(name[head])
        i = head - 1
        while i >= 0 and _agrees(name[i], name[head]):
            words[i] = nominative(name[i])
            i -= 1
    out: list[str] = []
    for k, (tok, word) in enumerate(zip(name, words, strict=True)):
        if k and tok.start > name[k - 1].end:
            out.append(" ")
        out.append(word)
    return "".join(out)
