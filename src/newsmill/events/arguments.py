"""Role frames filled from one tagged sentence: who, where, when, what was said, and whether
it happened (negated, planned, habitual).

Hand-written rules over case and preposition (the product's edge: no Latvian event corpus is
large enough to learn them). Each argument is a token range, so a benchmark can score it
against annotated spans and the extractor can name it by the entity it covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsmill.events.lexicon import TRIGGER_UPOS, TriggerLexicon, TriggerRule
from newsmill.events.syntax import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    Phrase,
    Segment,
    SentenceAnalysis,
    clause,
    coordinated,
    in_segments,
    segment_of,
)
from newsmill.lang.tokens import Token

TIME_NOUNS = frozenset(
    "gads mēnesis nedēļa diena rīts vakars nakts pusdienlaiks brīdis laiks gadsimts sezona "
    "nogale pavasaris vasara rudens ziema janvāris februāris marts aprīlis maijs jūnijs "
    "jūlijs augusts septembris oktobris novembris decembris pirmdiena otrdiena trešdiena "
    "ceturtdiena piektdiena sestdiena svētdiena stunda minūte".split()
)
TIME_ADVERBS = frozenset(
    "vakar šodien rīt aizvakar parīt šorīt šovakar vakarvakarā šonakt šogad pērn aizpērn "
    "tagad nesen pašlaik patlaban toreiz drīz pirmdien otrdien trešdien ceturtdien piektdien "
    "sestdien svētdien pēdējoreiz šonedēļ pagājušnedēļ".split()
)
_PLAN_LEMMAS = frozenset(
    "plānot gatavoties paredzēt grasīties gribēt vēlēties cerēt varēt vajadzēt taisīties "
    "solīt apsolīt nolemt ierosināt piedāvāt aicināt mēģināt gaidīt".split()
)
_PLAN_ADJ = frozenset("plānots paredzēts gaidāms iespējams nākamais ieplānots".split())
_HABITUAL = frozenset("regulāri bieži parasti reizēm dažreiz dažkārt allaž ik mēdz".split())
_BOUND_PREPS = frozenset({"kopš", "līdz", "pēc", "no"})
_LIGHT_VERBS = frozenset(
    "piedalīties rīkot sarīkot aizvadīt vadīt turpināt sākt noturēt organizēt uzsākt".split()
)
_LIGHT_NOUN_SUBJECTS = frozenset({"DET"})


@dataclass(frozen=True)
class Arg:
    role: str
    first: int
    last: int  # exclusive
    head: int


@dataclass
class Frame:
    """One event candidate in one sentence."""

    trigger: int
    type: str
    status: str | None
    clause: tuple[tuple[int, int], ...]  # token ranges of the trigger's clause segments
    args: list[Arg] = field(default_factory=list)
    counterparts: list[Arg] = field(default_factory=list)  # MEET: the ar-side, one event each
    content: tuple[int, int] | None = None  # STATEMENT: reported clause or quote
    full_quote: bool = False


def find_frames(sent: SentenceAnalysis, lexicon: TriggerLexicon) -> list[Frame]:
    frames: list[Frame] = []
    for i, tok in enumerate(sent.tokens):
        if tok.upos not in TRIGGER_UPOS or not tok.lemma:
            continue
        for rule in lexicon.rules(tok.lemma, tok.upos):
            frame = _fill(sent, i, rule)
            if frame is not None:
                frames.append(frame)
                break
    return frames


def _fill(sent: SentenceAnalysis, i: int, rule: TriggerRule) -> Frame | None:
    toks, segs = sent.tokens, sent.segments
    k = segment_of(segs, i)
    picked = clause(segs, k)
    first, last = segs[picked[0]].first, segs[picked[-1]].last
    inside = [
        (n, p)
        for n, p in enumerate(sent.phrases)
        if in_segments(segs, picked, p.head) and not (p.first <= i < p.last)
    ]
    if not _condition(sent, rule, i, inside, first, last):
        return None
    parts = tuple((segs[j].first, segs[j].last) for j in picked)
    frame = Frame(i, rule.type, _status(toks, i, first, last), parts)
    own = sent.phrase_at(i)
    taken: set[int] = set()
    for slot, role in rule.slots.items():
        for n, p in _slot_phrases(sent, slot, i, own, inside, segs[k]):
            if n in taken:
                continue
            single = slot == "gen" or role in ("place", "source")
            # A list never runs across the clause's edge: `Kad ... jāpamet Eiropa, Vācijas
            # valdība izsludināja` has two nominatives joined by a comma, but only the
            # second is in the trigger's clause.
            group = (
                [p]
                if single
                else [
                    q
                    for q in coordinated(toks, sent.phrases, n)
                    if in_segments(segs, picked, q.head)
                ]
            )
            taken.add(n)
            for q in group:
                if q in sent.phrases:
                    taken.add(sent.phrases.index(q))
                arg = Arg(role, q.first, q.last, q.head)
                if role == "participant" and slot in ("ar", "acc") and rule.type == "MEET":
                    frame.counterparts.append(arg)
                else:
                    frame.args.append(arg)
            if role in ("place", "source"):
                break
    if segs[k].kind == "conv" and "nom" in rule.slots and k > 0:
        _borrow_subject(sent, frame, rule.slots["nom"], k)
    if rule.type == "STATEMENT":
        frame.content, frame.full_quote = _content(toks, segs, k, i)
    for lo, hi in parts:
        frame.args.extend(time_args(sent, lo, hi))
    return frame


def _borrow_subject(sent: SentenceAnalysis, frame: Frame, role: str, k: int) -> None:
    """A converb (`sakot`, `uzsverot`) shares the subject of the clause before it."""
    if any(a.role == role for a in frame.args):
        return
    segs = sent.segments
    j = k - 1
    while j > 0 and segs[j].kind != "main":
        j -= 1
    picked = clause(segs, j)
    for p in sent.phrases:
        subject = in_segments(segs, picked, p.head) and p.prep is None and p.case == "Nom"
        if subject and sent.tokens[p.head].upos not in _LIGHT_NOUN_SUBJECTS:
            frame.args.append(Arg(role, p.first, p.last, p.head))
            return


def _condition(
    sent: SentenceAnalysis,
    rule: TriggerRule,
    i: int,
    inside: list[tuple[int, Phrase]],
    first: int,
    last: int,
) -> bool:
    req = rule.requires
    if req == "-":
        return True
    if req in ("ar", "!ar"):
        has = any(p.prep == "ar" and _personal(sent.tokens[p.head]) for _, p in inside)
        return has == (req == "ar")
    if req.startswith("word:"):
        word = req[5:]
        return any(t.text.lower() == word for t in sent.tokens[first:last])
    if req == "named-place":
        return any(
            p.prep in ("uz", "līdz", "pie") or (p.case == "Loc" and p.prep is None)
            for _, p in inside
            if p.first > i and sent.tokens[p.head].upos == "PROPN"
        )
    return False


def _personal(tok: Token) -> bool:
    return tok.upos in ("PROPN", "PRON", "NOUN", "X")


def _slot_phrases(
    sent: SentenceAnalysis,
    slot: str,
    i: int,
    own: int | None,
    inside: list[tuple[int, Phrase]],
    seg: Segment,
) -> list[tuple[int, Phrase]]:
    toks = sent.tokens
    if slot == "gen":
        return _genitives(sent, i, own)
    if slot == "loc":
        return [(n, p) for n, p in _near(inside, i) if _is_place_loc(toks, p, own, sent.phrases)]
    if slot == "nom" and toks[i].upos == "NOUN" and not _light_verb(toks, inside, seg):
        return []
    if slot in ("nom", "acc", "dat"):
        case = {"nom": "Nom", "acc": "Acc", "dat": "Dat"}[slot]
        found = [
            (n, p)
            for n, p in _near(inside, i)
            if p.prep is None
            and p.case == case
            and not _is_time(toks, p)
            and not (slot == "nom" and toks[p.head].upos in _LIGHT_NOUN_SUBJECTS)
        ]
        if slot == "nom" and seg.kind == "rel" and not found:
            return []
        return found[:1]
    return [(n, p) for n, p in _near(inside, i) if p.prep == slot and not _is_time(toks, p)][:1]


def _light_verb(toks: Sequence[Token], inside: list[tuple[int, Phrase]], seg: Segment) -> bool:
    """A noun trigger takes the clause subject only as the object of a light verb
    (`Haftars piedalījās sarunās`), not when it is a topic (`ziņu par tikšanos apstiprināja`)."""
    return any(t.lemma.lower() in _LIGHT_VERBS for t in toks[seg.first : seg.last])


def _near(inside: list[tuple[int, Phrase]], i: int) -> list[tuple[int, Phrase]]:
    """Phrases by distance from the trigger, later ones first on a tie."""
    return sorted(
        inside, key=lambda np: (min(abs(np[1].head - i), abs(np[1].first - i)), -np[1].first)
    )


def _genitives(sent: SentenceAnalysis, i: int, own: int | None) -> list[tuple[int, Phrase]]:
    """Genitive words in front of a noun trigger (`Haftara un Putina ... tikšanās`)."""
    if own is None:
        return []
    toks, p = sent.tokens, sent.phrases[own]
    out: list[tuple[int, Phrase]] = []
    gens = [
        j
        for j in range(p.first, i)
        if toks[j].feature("Case") == "Gen" and toks[j].upos in ("PROPN", "NOUN", "PRON", "X")
    ]
    if gens:
        out.append((own, Phrase(gens[0], gens[-1] + 1, "Gen", None)))
        if own > 0 and p.first >= 2 and toks[p.first - 1].text.lower() == "un":
            prev = sent.phrases[own - 1]
            if prev.last == p.first - 1 and prev.case == "Gen":
                out.append((own - 1, prev))
    return out


def _is_time(toks: Sequence[Token], p: Phrase) -> bool:
    return toks[p.head].lemma.lower() in TIME_NOUNS or toks[p.head].upos == "NUM"


def _is_place_loc(toks: Sequence[Token], p: Phrase, own: int | None, found: list[Phrase]) -> bool:
    """A locative place of the event: not a time, not the modifier of a common noun."""
    if p.prep is not None or p.case != "Loc" or _is_time(toks, p):
        return False
    if toks[p.head].upos in ("PRON", "DET", "ADJ"):
        return False
    before = p.first - 1
    if before >= 0 and toks[before].upos == "NOUN" and toks[before].feature("Case") != "Loc":
        idx = next((k for k, q in enumerate(found) if q.first <= before < q.last), None)
        if idx is not None and idx != own:
            return False
    return True


def time_args(sent: SentenceAnalysis, first: int, last: int) -> list[Arg]:
    """Time expressions of the clause: temporal adverbs and phrases headed by a time noun."""
    toks = sent.tokens
    out: list[Arg] = []
    for p in sent.phrases:
        if first <= p.head < last and _is_time(toks, p) and toks[p.head].upos != "NUM":
            start = p.first - 1 if p.prep is not None else p.first
            out.append(Arg("time", start, p.last, p.head))
    for j in range(first, last):
        if toks[j].upos == "ADV" and toks[j].lemma.lower() in TIME_ADVERBS:
            out.append(Arg("time", j, j + 1, j))
    return out


def bounded_time(toks: Sequence[Token], first: int) -> bool:
    """A time after `kopš`, `līdz`, `pēc`, `no` bounds the event; it does not date it."""
    return first > 0 and toks[first - 1].lemma.lower() in _BOUND_PREPS


def _status(toks: Sequence[Token], i: int, first: int, last: int) -> str | None:
    trig = toks[i]
    window = toks[max(first, i - 3) : i]
    if trig.feature("Polarity") == "Neg" or any(
        t.feature("Polarity") == "Neg" and t.upos in ("AUX", "VERB") for t in window
    ):
        return "negated"
    if trig.feature("Tense") == "Fut" or trig.feature("Mood") == "Cnd":
        return "planned"
    if trig.feature("VerbForm") == "Inf" and any(
        t.lemma.lower() in _PLAN_LEMMAS or t.feature("Mood") == "Cnd" for t in window
    ):
        return "planned"
    if trig.upos == "NOUN":
        if any(t.lemma.lower() in _PLAN_ADJ for t in window):
            return "planned"
        verbs = [t for t in toks[first:last] if t.feature("VerbForm") == "Fin"]
        if verbs and all(t.feature("Tense") == "Fut" for t in verbs):
            return "planned"
    if any(t.lemma.lower() in _HABITUAL or t.text.lower() in _HABITUAL for t in toks[first:last]):
        return "habitual"
    return None


def _content(
    toks: Sequence[Token], segs: Sequence[Segment], k: int, i: int
) -> tuple[tuple[int, int] | None, bool]:
    """What a statement says: the `ka` clause or quote after it, or the quote/clause before it."""
    n = len(toks)
    j = i + 1
    while j < n and toks[j].upos not in ("PUNCT", "SCONJ") and j < segs[k].last:
        j += 1
    while j < n and toks[j].text in (",", ":"):
        j += 1
    if j < n and (
        (toks[j].lemma.lower() == "ka" and toks[j].upos == "SCONJ") or toks[j].text in QUOTE_OPEN
    ):
        start = j + 1 if toks[j].upos == "SCONJ" else j
        end = n
        while (
            end > start and toks[end - 1].upos == "PUNCT" and toks[end - 1].text not in QUOTE_CLOSE
        ):
            end -= 1
        return _unquote(toks, start, end)
    seg_start = segs[k].first
    words_before = [t for t in toks[seg_start:i] if t.upos not in ("PUNCT", "ADV", "PART")]
    if seg_start > 0 and not words_before:
        end = seg_start
        while end > 0 and toks[end - 1].text in (",", "–", "—", ":"):
            end -= 1
        return _unquote(toks, 0, end)
    return None, False


def _unquote(toks: Sequence[Token], start: int, end: int) -> tuple[tuple[int, int] | None, bool]:
    if end <= start:
        return None, False
    if toks[start].text in QUOTE_OPEN and toks[end - 1].text in QUOTE_CLOSE and end - start > 2:
        inner = [t.text for t in toks[start + 1 : end - 1]]
        if not any(q in inner for q in QUOTE_OPEN | QUOTE_CLOSE):
            return (start + 1, end - 1), True
    return (start, end), False
