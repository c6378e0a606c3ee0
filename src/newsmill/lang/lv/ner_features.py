"""Surface features of the Latvian NER tagger, shared by training and run time.

Only the word forms are used (no lemma or part of speech), so the tagger does not depend
on the morphology model and training sees exactly the features run time computes. A
word's own features are computed once per form and kept in the featurizer instance.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise
from operator import itemgetter

# Case and number endings, longest first: what is left is a stem shared by a name's forms
# (`Putinu`, `Putins` -> `putin`), which the gazetteer and the mention merger key on.
ENDINGS: tuple[str, ...] = (
    "ajiem",
    "ajām",
    "ajai",
    "ajās",
    "ajam",
    "ajos",
    "ajā",
    "ais",
    "iem",
    "ām",
    "ās",
    "ēm",
    "ēs",
    "os",
    "ie",
    "ai",
    "am",
    "as",
    "ei",
    "es",
    "is",
    "us",
    "ā",
    "ē",
    "ī",
    "a",
    "e",
    "i",
    "u",
    "s",
    "š",
    "o",
)
_BY_LENGTH = tuple(
    (n, frozenset(e for e in ENDINGS if len(e) == n))
    for n in sorted({len(e) for e in ENDINGS}, reverse=True)
)
QUOTES = frozenset("\"'“”„«»‘’‚`")
OPENERS = frozenset('"“„«‘([')
MAX_CACHE = 200_000


def stem(word: str) -> str:
    """The lowercased word without its inflectional ending (stems keep ≥ 3 letters)."""
    return stem_lower(word.lower())


#: the endings by their last letter, as `_BY_LENGTH` (a word's last letter rules most out)
_BY_LAST: dict[str, tuple[tuple[int, frozenset[str]], ...]] = {
    last: tuple(
        (n, frozenset(e for e in endings if e.endswith(last)))
        for n, endings in _BY_LENGTH
        if any(e.endswith(last) for e in endings)
    )
    for last in {e[-1] for e in ENDINGS}
}


def stem_lower(low: str) -> str:
    """`stem` of a word already in lower case."""
    for n, endings in _BY_LAST.get(low[-1:], ()):
        if len(low) - n >= 3 and low[-n:] in endings:
            return low[:-n]
    return low


def _char_class(ch: str) -> str:
    if ch.isupper():
        return "X"
    if ch.isalpha():
        return "x"
    if ch.isdigit():
        return "d"
    return "q" if ch in QUOTES else ch


# Classes of the characters below U+2100 (Latin, Greek, Cyrillic, quotes) for
# `str.translate`; a word with a character above it takes the loop.
_TABLE_END = "\u2100"
_CLASSES = {i: _char_class(chr(i)) for i in range(ord(_TABLE_END))}
_RUNS = re.compile(r"(.)\1+", re.DOTALL)
_FIRST = itemgetter(1)  # a run's character (faster than the template `\1`)


def capitalisation(form: str) -> str:
    """A: all capitals (two letters or more), U: capitalised, l: lower case, o: other."""
    if len(form) > 1 and form.isupper():
        return "A"
    first = form[:1]
    return "U" if first.isupper() else ("l" if first.islower() else "o")


def shape(word: str) -> str:
    """Character classes with runs collapsed: `Putins` -> `Xx`, `2023.` -> `d.`."""
    if word.isalpha():  # the commonest shapes without a pass over the letters
        if word.islower():
            return "x"
        if word[0].isupper() and word[1:].islower():
            return "Xx"
    if word and max(word) < _TABLE_END:
        classes = word.translate(_CLASSES)
        head = classes.rstrip("x")
        if len(head) <= 1:  # most words: `x`, `Xx`, `X`, `d`, ... without the regex
            return head + "x" if len(head) < len(classes) else head
        return _RUNS.sub(_FIRST, classes)[:6]
    return class_runs(word)


def class_runs(word: str) -> str:
    """`shape` by its definition, a character at a time: the path for words beyond the
    class table, and the reference its shortcuts keep to."""
    out: list[str] = []
    for ch in word:
        c = _char_class(ch)
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


Word = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], str]
MAX_QUOTED = 8
OFFSETS = (-1, 1, -2, 2)
WIDE = (-3, 3)  # the offsets a model with a window of 3 adds (`NerFeaturizer.window`)
MAX_PHRASE = 6


def phrase_key(forms: Sequence[str]) -> str:
    """The key of a multi-word name in the phrase gazetteer: its stems joined."""
    return " ".join(stem(f) for f in forms)


class NerFeaturizer:
    """Turns a sentence's word forms into CRF attribute lists.

    `gazetteer` maps a stem to the entity types it was part of in training ("person",
    "GPE|organization"); `phrases` maps a multi-word name's stems (`phrase_key`) to its
    type; `lowercase` holds forms seen written in lower case, which tells a capitalised
    sentence-initial common word from a name. A token's attributes are its word's own
    (`word()[0]`), its neighbours' as seen from it (`word()[1]` at ±1, `word()[2]` at ±2,
    `word()[3]` at ±3 when `window` is 3, prefixed with the offset) and those of its place
    in the sentence (`context`).

    The other options are the training script's settings, kept in the model's side data:
    `ends` maps a stem to the types of the names it often ends (`padome`, `banka`),
    `counts` a stem to its main type with a count class, `affix` is the longest prefix and
    suffix taken (`p1=`..., `s1=`...). `kinds` maps the kind noun written before a quoted
    name (`b:grupējum`) or after it (`a:lap`) to what the quotes held in training, and
    `majority` a stem to its most frequent entity type: both only for quoted names
    (`quoted_kinds`).
    """

    def __init__(
        self,
        gazetteer: Mapping[str, str],
        phrases: Mapping[str, str],
        lowercase: frozenset[str],
        ends: Mapping[str, str] | None = None,
        counts: Mapping[str, str] | None = None,
        affix: int = 4,
        window: int = 2,
        kinds: Mapping[str, str] | None = None,
        majority: Mapping[str, str] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.kinds = kinds or {}
        self.majority = majority or {}
        self.ends = ends or {}
        self.counts = counts or {}
        self.affix = affix
        self.window = window
        self.offsets = OFFSETS + WIDE if window == 3 else OFFSETS
        self.phrases = phrases
        self.lowercase = lowercase
        # the most stems of a phrase by its first stem
        self.phrase_parts: dict[str, int] = {}
        for key in phrases:
            first = key.partition(" ")[0]
            parts = key.count(" ") + 1
            self.phrase_parts[first] = max(parts, self.phrase_parts.get(first, 0))
        self.phrase_starts = frozenset(self.phrase_parts)
        # every phrase cut before one of its spaces: a run of stems that is none of these
        # is the start of no phrase, so a longer run need not be looked up
        self.phrase_heads = frozenset(
            key[:at] for key in phrases for at, ch in enumerate(key) if ch == " "
        )
        self._own: dict[str, Word] = {}

    def own(self, form: str) -> tuple[list[str], str]:
        """A form's own attributes and its stem (not cached: the decoder keeps their
        scores, `word` keeps them for training)."""
        low = form.lower()
        st = stem(form)
        cap = capitalisation(form)
        affix = range(1, self.affix + 1)
        own = [
            "w=" + low,
            "st=" + st,
            "sh=" + shape(form),
            "c=" + cap,
            "g=" + self.gazetteer.get(st, ""),
            *[f"p{k}=" + low[:k] for k in affix],
            *[f"s{k}=" + low[-k:] for k in affix],
            "ge=" + self.ends.get(st, ""),
        ]
        if self.counts:
            own.append("gm=" + self.counts.get(st, ""))
        if cap in "UA" and low in self.lowercase:
            own.append("lcseen")
        if len(form) <= 2:
            own.append("short")
        return own, st

    def word(self, form: str) -> Word:
        """(own, near, far, farthest) attributes and the stem of one form, cached per
        form."""
        hit = self._own.get(form)
        if hit is not None:
            return hit
        own, st = self.own(form)
        # as a neighbour: the word, shape, gazetteer types, name ends, suffixes, stem
        # (and the gazetteer's main type with its count)
        a = self.affix
        near: tuple[str, ...] = (
            own[0],
            own[2],
            own[4],
            own[5 + 2 * a],
            own[6 + a],
            own[1],
            own[7 + a],
        )
        if self.counts:
            near = (*near, own[6 + 2 * a])
        # at ±3 only the gazetteer types and the name ends (`Latvijas ... fonds`)
        result = (tuple(own), near, near[:4], near[2:4], st)
        if len(self._own) >= MAX_CACHE:
            self._own.clear()
        self._own[form] = result
        return result

    def context(self, forms: Sequence[str]) -> list[list[str]]:
        """Attributes of each token's place: bias, sentence edges, word bigrams, quotes
        (names are often quoted: `“ Vagner ”`), and phrase-gazetteer matches (longest
        first, left to right)."""
        n = len(forms)
        lows = [f.lower() for f in forms]
        # capitalisation of the word and its neighbours: names are runs of capitals
        caps = "".join("U" if f[:1].isupper() else "l" if f[:1].islower() else "o" for f in forms)
        pairs = [a + "|" + b for a, b in pairwise(lows)]
        out: list[list[str]] = []
        for i in range(n):
            if 2 <= i < n - 2:  # the common case, with no sentence edge near
                out.append(
                    [
                        "b",
                        "cp1=" + caps[i - 1 : i + 2],
                        "cp2=" + caps[i - 2 : i + 3] + "2",
                        "bi=" + pairs[i - 1],
                        "bi+=" + pairs[i],
                    ]
                )
                continue
            feats = ["b", ("cp1=" if i else "cp0=") + caps[max(0, i - 1) : i + 2]]
            feats.append("cp2=" + caps[max(0, i - 2) : i + 3] + str(min(i, 2)))
            if i == 0 or (i == 1 and forms[0] in OPENERS):
                feats.append("first")
            if i == n - 1:
                feats.append("last")
            if i < 2:
                feats.append("-2BOS" if i == 1 else "-1BOS")
            if i >= n - 2:
                feats.append("+2EOS" if i == n - 2 else "+1EOS")
            if i > 0:
                feats.append("bi=" + pairs[i - 1])
            if i < n - 1:
                feats.append("bi+=" + pairs[i])
            out.append(feats)
        for i, attribute in self.sparse(forms):
            out[i].append(attribute)
        return out

    def sparse(
        self,
        forms: Sequence[str],
        stems: Sequence[str] | None = None,
        starts: Sequence[int] | None = None,
    ) -> list[tuple[int, str]]:
        """The context attributes few tokens have, as (token, attribute): quotes around a
        short run (names are often quoted: `“ Vagner ”`) and phrase-gazetteer matches
        (longest first, left to right; `stems` are the forms' stems when known, `starts`
        the tokens whose stem starts a phrase, in order). The decoder adds these one by
        one and computes the dense ones (`context`) from per-word codes."""
        n = len(forms)
        out: list[tuple[int, str]] = []
        for opened, i in quoted_runs(forms):
            out.append((opened, "qO"))
            out.append((i, "qC"))
            if opened > 0:
                out.append((opened - 1, "bqO"))
            if i + 1 < n:
                out.append((i + 1, "aqC"))
            for k in range(opened + 1, i):
                out.append((k, "inq"))
                out.append((k, f"qd={min(k - opened, 4)}|{min(i - k, 4)}"))
            out.append((opened + 1, "inqF"))
            out.append((i - 1, "inqL"))
            if self.kinds or self.majority:
                out.extend(self.quoted_kinds(forms, stems, opened, i))
        if self.phrases:
            if stems is None:
                stems = [stem(f) for f in forms]
            if starts is None:
                starts = [i for i, st in enumerate(stems) if st in self.phrase_starts]
            longest = self.phrase_parts
            heads = self.phrase_heads
            after = 0  # tokens before this one are in a match already
            for i in starts:
                if i < after:
                    continue
                # the longest phrase from i (k stems cover at most k tokens): longer
                # runs are looked up while the run is the start of some phrase
                key = stems[i]
                kind = ""
                end = i
                for j in range(i + 1, min(n, i + MAX_PHRASE, i + longest[stems[i]])):
                    key += " " + stems[j]
                    found = self.phrases.get(key)
                    if found:
                        kind, end = found, j + 1
                    if key not in heads:
                        break
                if kind:
                    out.append((i, "pB=" + kind))
                    out.extend((k, "pI=" + kind) for k in range(i + 1, end))
                    after = end
        return out

    def quoted_kinds(
        self, forms: Sequence[str], stems: Sequence[str] | None, opened: int, closed: int
    ) -> list[tuple[int, str]]:
        """What a quoted name is, given to the quotes and the words between. Latvian writes
        a name in quotes after (or before) a common noun that says what it is
        (`grupējums “ Vagner ”`, `partija “ Vienotība ”`, `filma “ ... ”`, `“ Facebook ”
        lapā`): `kt=` / `ka=` is what the quotes after / before that noun's stem held in
        training (a type, `O`, or `in` for a part of a longer name). `qt=` is the most
        frequent type of a quoted word's stem in training. Both are type names shared by
        many nouns and names, so the CRF learns how far to trust them from all quoted
        spans, not from each noun's few uses."""

        def stem_at(k: int) -> str:
            return stems[k] if stems is not None else stem(forms[k])

        names: list[str] = []
        if opened > 0 and forms[opened - 1][:1].islower():
            names.append("kt=" + self.kinds.get("b:" + stem_at(opened - 1), "?"))
        if closed + 1 < len(forms) and forms[closed + 1][:1].islower():
            names.append("ka=" + self.kinds.get("a:" + stem_at(closed + 1), "?"))
        for k in range(opened + 1, closed):
            kind = self.majority.get(stem_at(k))
            if kind:
                names.append("qt=" + kind)
        out: list[tuple[int, str]] = []
        for k in range(opened, closed + 1):
            out.extend((k, name) for name in dict.fromkeys(names))
        return out

    def sentence(self, forms: Sequence[str]) -> list[list[str]]:
        """The full attribute list of every token (what the CRF is trained on)."""
        words = [self.word(f) for f in forms]
        n = len(words)
        out = self.context(forms)
        for i in range(n):
            feats = out[i]
            feats.extend(words[i][0])
            for off in self.offsets:
                j = i + off
                if 0 <= j < n:
                    role = abs(off)
                    tag = f"{off:+d}"
                    feats.extend(tag + a for a in words[j][role])
        return out


_PREFIXES = {"L": "I", "U": "B"}  # BILOU's last and unit tags, read as BIO


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last-exclusive, type) of BIO-tagged spans; a stray I- starts a span. BILOU
    tags (a model trained with them) read as BIO: L- as I-, U- as B-."""
    out: list[tuple[int, int, str]] = []
    if tags.count("O") == len(tags):  # most sentences of a text: no span, and no loop
        return out
    start = -1
    kind = ""
    for i, tag in enumerate((*tags, "O")):
        if tag == "O":  # most tokens: ends an open span, starts none
            if start >= 0:
                out.append((start, i, kind))
                start = -1
            continue
        prefix, _, label = tag.partition("-")
        prefix = _PREFIXES.get(prefix, prefix)
        if start >= 0 and (prefix != "I" or label != kind):
            out.append((start, i, kind))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, kind = i, label
    return out


# Legal forms written before a company's quoted name, which belong to the name
# (`SIA " Aparts "`, `AS „ Latvenergo "`).
LEGAL_FORMS = frozenset({"SIA", "AS", "A/S", "VAS", "AAS", "PAS", "IK", "ZS", "Ltd"})
# quote tokens for mending spans, also written with two characters (`'' Dienas Bizness ''`)
QUOTE_TOKENS = QUOTES | {"''", "``", ",,"}
CLOSERS = frozenset("”»’")
UNQUOTED = frozenset({"person", "time", "money"})  # quotes around these are not theirs


def repair_spans(
    forms: Sequence[str], found: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Spans with their quotes made whole, as the data writes names: a span with one
    quote of a pair takes in the other one next to it (`ZAAO "` -> `„ ZAAO "`), a name
    between quotes takes them in unless it is a person's, a time or a sum, and an
    organisation's quoted name takes in the legal form before it (`SIA " Aparts "`)."""
    taken: set[int] = set()
    for a, b, _ in found:
        taken.update(range(a, b))
    out: list[tuple[int, int, str]] = []
    n = len(forms)
    for a, b, kind in found:
        quotes = sum(1 for i in range(a, b) if forms[i] in QUOTE_TOKENS)
        if quotes % 2:
            if (
                forms[b - 1] in QUOTE_TOKENS
                and a > 0
                and forms[a - 1] in QUOTE_TOKENS
                and forms[a - 1] not in CLOSERS
                and a - 1 not in taken
            ):
                a -= 1
            elif forms[a] in QUOTE_TOKENS and b < n and forms[b] in QUOTE_TOKENS and b not in taken:
                b += 1
        elif (
            quotes == 0
            and kind not in UNQUOTED
            and a > 0
            and b < n
            and forms[a - 1] in QUOTE_TOKENS
            and forms[a - 1] not in CLOSERS
            and forms[b] in QUOTE_TOKENS
            and a - 1 not in taken
            and b not in taken
        ):
            a, b = a - 1, b + 1  # `„ Latvijas Gāze ”`: the quotes are part of the name
        if (
            kind == "organization"
            and forms[a] in QUOTE_TOKENS
            and a > 0
            and forms[a - 1] in LEGAL_FORMS
            and a - 1 not in taken
        ):
            a -= 1
        out.append((a, b, kind))
    return out


def quoted_runs(forms: Sequence[str]) -> list[tuple[int, int]]:
    """(opening, closing) positions of quote tokens that pair up in order around 1 to
    `MAX_QUOTED` tokens (`“ Vagner ”`): where quoted names can be. A pair around a longer
    run, or around nothing, is not one, and the next quote opens a new pair."""
    runs: list[tuple[int, int]] = []
    if QUOTES.isdisjoint(forms):  # most sentences: no quote, and no loop over the words
        return runs
    opened = -1
    for i, form in enumerate(forms):
        if form not in QUOTES:
            continue
        if opened < 0:
            opened = i
            continue
        if 0 < i - opened - 1 <= MAX_QUOTED:
            runs.append((opened, i))
        opened = -1
    return runs


def retype_quoted(
    forms: Sequence[str],
    found: Sequence[tuple[int, int, str]],
    names: Mapping[str, str],
    kind_nouns: Mapping[str, str] | None = None,
) -> list[tuple[int, int, str]]:
    """Spans with a quoted name known from training given that name's type there: a quoted
    name is typed by its context (`grupējums “ ... ”`, `filma “ ... ”`), which often says
    nothing (`savā “ Facebook ” lapā`), while the same name seen in training is strong
    evidence. `names` maps a name's stems (`phrase_key`, without quotes and legal form)
    to the type most of its training mentions have (`training/train_lv_ner.py` keeps only
    names seen at least twice, mostly with one type). A name training never saw takes the
    type that the quoted names after the same lowercase kind noun mostly had there
    (`kind_nouns`: `grupējum` -> organisation, `film` -> product). Unquoted names are left
    to the CRF, which sees them as words (retyping those too scored lower on dev)."""
    if not names and not kind_nouns:
        return list(found)
    out: list[tuple[int, int, str]] = []
    for a, b, kind in found:
        part = forms[a:b]
        if kind not in ("time", "money") and not QUOTE_TOKENS.isdisjoint(part):
            words = [f for f in part if f not in QUOTE_TOKENS and f not in LEGAL_FORMS]
            known = names.get(phrase_key(words)) if words else None
            if known is not None:
                kind = known
            elif kind_nouns and forms[a] in QUOTE_TOKENS and a > 0 and forms[a - 1][:1].islower():
                kind = kind_nouns.get(stem(forms[a - 1]), kind)
        out.append((a, b, kind))
    return out
