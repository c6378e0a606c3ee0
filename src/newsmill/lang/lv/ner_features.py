"""Surface features of the Latvian NER tagger, shared by training and run time.

Only the word forms are used (no lemma or part of speech), so the tagger does not depend
on the morphology model and training sees exactly the features run time computes. A
word's own features are computed once per form and kept in the featurizer instance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
    low = word.lower()
    for n, endings in _BY_LENGTH:
        if len(low) - n >= 3 and low[-n:] in endings:
            return low[:-n]
    return low


def shape(word: str) -> str:
    """Character classes with runs collapsed: `Putins` -> `Xx`, `2023.` -> `d.`."""
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        elif ch.isdigit():
            c = "d"
        elif ch in QUOTES:
            c = "q"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


Word = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]
MAX_QUOTED = 8
OFFSETS = (-1, 1, -2, 2)
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
    prefixed with the offset) and those of its place in the sentence (`context`).
    """

    def __init__(
        self,
        gazetteer: Mapping[str, str],
        phrases: Mapping[str, str],
        lowercase: frozenset[str],
    ) -> None:
        self.gazetteer = gazetteer
        self.phrases = phrases
        self.lowercase = lowercase
        self._starts = frozenset(k.partition(" ")[0] for k in phrases)
        self._own: dict[str, Word] = {}

    def word(self, form: str) -> Word:
        """(own, near, far) attributes and the stem of one form, cached per form."""
        hit = self._own.get(form)
        if hit is not None:
            return hit
        low = form.lower()
        st = stem(form)
        sh = shape(form)
        first = form[:1]
        cap = "U" if first.isupper() else ("l" if first.islower() else "o")
        if len(form) > 1 and form.isupper():
            cap = "A"
        gaz = self.gazetteer.get(st, "")
        own = [
            "w=" + low,
            "st=" + st,
            "sh=" + sh,
            "c=" + cap,
            "g=" + gaz,
            "p1=" + low[:1],
            "p2=" + low[:2],
            "p3=" + low[:3],
            "p4=" + low[:4],
            "s1=" + low[-1:],
            "s2=" + low[-2:],
            "s3=" + low[-3:],
            "s4=" + low[-4:],
        ]
        if cap in "UA" and low in self.lowercase:
            own.append("lcseen")
        if len(form) <= 2:
            own.append("short")
        near = ("w=" + low, "sh=" + sh, "g=" + gaz, "s2=" + low[-2:], "st=" + st, "s3=" + low[-3:])
        result = (tuple(own), near, near[:3], st)
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
        out: list[list[str]] = [["b"] for _ in range(n)]
        caps = ["U" if f[:1].isupper() else "l" if f[:1].islower() else "o" for f in forms]
        for i in range(n):
            feats = out[i]
            # capitalisation of the word and its neighbours: names are runs of capitals
            feats.append(("cp1=" if i else "cp0=") + "".join(caps[max(0, i - 1) : i + 2]))
            if i == 0 or (i == 1 and forms[0] in OPENERS):
                feats.append("first")
            if i == n - 1:
                feats.append("last")
            if i < 2:
                feats.append("-2BOS" if i == 1 else "-1BOS")
            if i >= n - 2:
                feats.append("+2EOS" if i == n - 2 else "+1EOS")
            if i > 0:
                feats.append("bi=" + lows[i - 1] + "|" + lows[i])
            if i < n - 1:
                feats.append("bi+=" + lows[i] + "|" + lows[i + 1])
        opened = -1
        for i, form in enumerate(forms):
            if form not in QUOTES:
                continue
            if opened < 0:
                opened = i
                continue
            if 0 < i - opened - 1 <= MAX_QUOTED:
                out[opened].append("qO")
                out[i].append("qC")
                for k in range(opened + 1, i):
                    out[k].append("inq")
                out[opened + 1].append("inqF")
                out[i - 1].append("inqL")
            opened = -1
        if self.phrases:
            stems = [self.word(f)[3] for f in forms]
            i = 0
            while i < n:
                step = 1
                if stems[i] in self._starts:
                    for j in range(min(n, i + MAX_PHRASE), i + 1, -1):
                        kind = self.phrases.get(" ".join(stems[i:j]))
                        if kind:
                            out[i].append("pB=" + kind)
                            for k in range(i + 1, j):
                                out[k].append("pI=" + kind)
                            step = j - i
                            break
                i += step
        return out

    def sentence(self, forms: Sequence[str]) -> list[list[str]]:
        """The full attribute list of every token (what the CRF is trained on)."""
        words = [self.word(f) for f in forms]
        n = len(words)
        out = self.context(forms)
        for i in range(n):
            feats = out[i]
            feats.extend(words[i][0])
            for off in OFFSETS:
                j = i + off
                if 0 <= j < n:
                    role = 1 if off in (-1, 1) else 2
                    tag = f"{off:+d}"
                    feats.extend(tag + a for a in words[j][role])
        return out


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last-exclusive, type) of BIO-tagged spans; a stray I- starts a span."""
    out: list[tuple[int, int, str]] = []
    start = -1
    kind = ""
    for i, tag in enumerate((*tags, "O")):
        prefix, _, label = tag.partition("-")
        if start >= 0 and (prefix != "I" or label != kind):
            out.append((start, i, kind))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, kind = i, label
    return out
