"""The example page's events on a hand-analysed version of its text.

The language layer's models (lemmas, entities, dates) are trained separately; this test
pins the extractor on the example with analyses written by hand (lemma, UPOS and UD
features per word form, as the Latvian UD Treebank gives them; entity mentions and dates as
the expected record lists them), so it runs whether or not those models are present.
`test_events_pipeline.py` runs the same check on newsmill's own analyses.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

from newsmill.events import LatvianEventExtractor
from newsmill.lang.lv.tokenize import split_sentences
from newsmill.lang.tokens import Sentence, Token
from newsmill.record import DateMention, Entity, Event, Mention

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# form lemma UPOS FEATS, one analysis per word form of the example's paragraphs
ANALYSES = """
Lībijas Lībija PROPN Case=Gen|Gender=Fem|Number=Sing
kaujinieku kaujinieks NOUN Case=Gen|Gender=Masc|Number=Plur
komandieris komandieris NOUN Case=Nom|Gender=Masc|Number=Sing
Halifa Halifa PROPN Case=Nom|Gender=Masc|Number=Sing
Haftars Haftars PROPN Case=Nom|Gender=Masc|Number=Sing
, , PUNCT _
kura kura PRON Case=Nom|Gender=Fem|Number=Sing|PronType=Rel
spēki spēks NOUN Case=Nom|Gender=Masc|Number=Plur
kontrolē kontrolēt VERB Evident=Fh|Mood=Ind|Person=3|Polarity=Pos|Tense=Pres|VerbForm=Fin|Voice=Act
valsts valsts NOUN Case=Gen|Gender=Fem|Number=Sing
austrumdaļu austrumdaļa NOUN Case=Acc|Gender=Fem|Number=Sing
ceturtdien ceturtdien ADV _
piedalījās piedalīties VERB Evident=Fh|Mood=Ind|Person=3|Polarity=Pos|Reflex=Yes|Tense=Past|VerbForm=Fin|Voice=Act
sarunās saruna NOUN Case=Loc|Gender=Fem|Number=Plur
ar ar ADP _
Krievijas Krievija PROPN Case=Gen|Gender=Fem|Number=Sing
prezidentu prezidents NOUN Case=Acc|Gender=Masc|Number=Sing
Vladimiru Vladimirs PROPN Case=Acc|Gender=Masc|Number=Sing
Putinu Putins PROPN Case=Acc|Gender=Masc|Number=Sing
Maskavā Maskava PROPN Case=Loc|Gender=Fem|Number=Sing
paziņoja paziņot VERB Evident=Fh|Mood=Ind|Person=3|Polarity=Pos|Tense=Past|VerbForm=Fin|Voice=Act
Haftara Haftars PROPN Case=Gen|Gender=Masc|Number=Sing
un un CCONJ _
Kremlis Kremlis PROPN Case=Nom|Gender=Masc|Number=Sing
. . PUNCT _
atbalstītā atbalstīt VERB Case=Nom|Definite=Def|Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass
austrumdaļas austrumdaļa NOUN Case=Gen|Gender=Fem|Number=Sing
administrācija administrācija NOUN Case=Nom|Gender=Fem|Number=Sing
konkurē konkurēt VERB Mood=Ind|Person=3|Polarity=Pos|Tense=Pres|VerbForm=Fin|Voice=Act
ANO ANO PROPN Abbr=Yes
atbalstīto atbalstīt VERB Case=Acc|Definite=Def|Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part|Voice=Pass
valdību valdība NOUN Case=Acc|Gender=Fem|Number=Sing
Tripolē Tripole PROPN Case=Loc|Gender=Fem|Number=Sing
ir būt AUX Evident=Fh|Mood=Ind|Person=3|Polarity=Pos|Tense=Pres|VerbForm=Fin|Voice=Act
izveidojis izveidot VERB Case=Nom|Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part|Voice=Act
tuvas tuvs ADJ Case=Nom|Definite=Ind|Degree=Pos|Gender=Fem|Number=Plur
attiecības attiecība NOUN Case=Acc|Gender=Fem|Number=Plur
Maskavu Maskava PROPN Case=Acc|Gender=Fem|Number=Sing
atkarīgs atkarīgs ADJ Case=Nom|Definite=Ind|Degree=Pos|Gender=Masc|Number=Sing
no no ADP _
algotņu algotnis NOUN Case=Gen|Gender=Masc|Number=Plur
grupējuma grupējums NOUN Case=Gen|Gender=Masc|Number=Sing
“ “ PUNCT _
Vagner Vagner X _
” ” PUNCT _
militārā militārs ADJ Case=Gen|Definite=Def|Degree=Pos|Gender=Masc|Number=Sing
atbalsta atbalsts NOUN Case=Gen|Gender=Masc|Number=Sing
Haftaram Haftars PROPN Case=Dat|Gender=Masc|Number=Sing
bija būt AUX Evident=Fh|Mood=Ind|Person=3|Polarity=Pos|Tense=Past|VerbForm=Fin|Voice=Act
sarunas saruna NOUN Case=Nom|Gender=Fem|Number=Plur
aizsardzības aizsardzība NOUN Case=Gen|Gender=Fem|Number=Sing
ministru ministrs NOUN Case=Acc|Gender=Masc|Number=Sing
Sergeju Sergejs PROPN Case=Acc|Gender=Masc|Number=Sing
Šoigu Šoigu PROPN Gender=Masc|Number=Sing
viņa viņš PRON Case=Gen|Gender=Masc|Number=Sing|Person=3|PronType=Prs
vadītie vadīt VERB Case=Nom|Definite=Def|Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part|Voice=Pass
Arābu Arābs PROPN Case=Gen|Gender=Masc|Number=Plur
bruņotie bruņots ADJ Case=Nom|Definite=Def|Degree=Pos|Gender=Masc|Number=Plur
savā sava DET Case=Loc|Gender=Fem|Number=Sing|Poss=Yes|PronType=Prs
oficiālajā oficiāls ADJ Case=Loc|Definite=Def|Degree=Pos|Gender=Fem|Number=Sing
Facebook Facebook X _
lapā lapa NOUN Case=Loc|Gender=Fem|Number=Sing
neminot minēt VERB Polarity=Neg|VerbForm=Conv
sīkākas sīks ADJ Case=Acc|Degree=Cmp|Gender=Fem|Number=Plur
detaļas detaļa NOUN Case=Acc|Gender=Fem|Number=Plur
Ziņu ziņa NOUN Case=Acc|Gender=Fem|Number=Sing
par par ADP _
tikšanos tikšanās NOUN Case=Acc|Gender=Fem|Number=Sing
apstiprināja apstiprināt VERB Evident=Fh|Mood=Ind|Person=3|Polarity=Pos|Tense=Past|VerbForm=Fin|Voice=Act
Kremļa Kremlis PROPN Case=Gen|Gender=Masc|Number=Sing
preses prese NOUN Case=Gen|Gender=Fem|Number=Sing
sekretārs sekretārs NOUN Case=Nom|Gender=Masc|Number=Sing
Dmitrijs Dmitrijs PROPN Case=Nom|Gender=Masc|Number=Sing
Peskovs Peskovs PROPN Case=Nom|Gender=Masc|Number=Sing
sakot sacīt VERB Polarity=Pos|VerbForm=Conv
ka ka SCONJ _
viņi viņš PRON Case=Nom|Gender=Masc|Number=Plur|Person=3|PronType=Prs
apsprieda apspriest VERB Mood=Ind|Person=3|Polarity=Pos|Tense=Past|VerbForm=Fin|Voice=Act
situāciju situācija NOUN Case=Acc|Gender=Fem|Number=Sing
Lībijā Lībija PROPN Case=Loc|Gender=Fem|Number=Sing
reģionā reģions NOUN Case=Loc|Gender=Masc|Number=Sing
kopumā kopums NOUN Case=Loc|Gender=Masc|Number=Sing
Šī šis DET Case=Nom|Gender=Fem|Number=Sing|PronType=Dem
Putina Putins PROPN Case=Gen|Gender=Masc|Number=Sing
pirmā pirmais ADJ Case=Nom|Definite=Def|Degree=Pos|Gender=Fem|Number=Sing|NumType=Ord
tikšanās tikšanās NOUN Case=Nom|Gender=Fem|Number=Sing
kopš kopš ADP _
2019. 2019. ADJ NumType=Ord
gada gads NOUN Case=Gen|Gender=Masc|Number=Sing
ziņoja ziņot VERB Evident=Fh|Mood=Ind|Person=3|Polarity=Pos|Tense=Past|VerbForm=Fin|Voice=Act
mediji medijs NOUN Case=Nom|Gender=Masc|Number=Plur
kurš kurš PRON Case=Nom|Gender=Masc|Number=Sing|PronType=Rel
otrdien otrdien ADV _
ieradās ierasties VERB Evident=Fh|Mood=Ind|Person=3|Polarity=Pos|Reflex=Yes|Tense=Past|VerbForm=Fin|Voice=Act
arī arī PART _
ministra ministrs NOUN Case=Gen|Gender=Masc|Number=Sing
vietnieku vietnieks NOUN Case=Acc|Gender=Masc|Number=Sing
Junusbeku Junusbeks PROPN Case=Acc|Gender=Masc|Number=Sing
Jevkurovu Jevkurovs PROPN Case=Acc|Gender=Masc|Number=Sing
Jevkurovs Jevkurovs PROPN Case=Nom|Gender=Masc|Number=Sing
pēdējos pēdējais ADJ Case=Loc|Definite=Ind|Degree=Pos|Gender=Masc|Number=Plur
gados gads NOUN Case=Loc|Gender=Masc|Number=Plur
regulāri regulāri ADV Degree=Pos
apmeklējis apmeklēt VERB Case=Nom|Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part|Voice=Act
austrumus austrumi NOUN Case=Acc|Gender=Masc|Number=Plur
Pēdējoreiz pēdējoreiz ADV _
tas tas PRON Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Dem
notika notikt VERB Evident=Fh|Mood=Ind|Person=3|Polarity=Pos|Tense=Past|VerbForm=Fin|Voice=Act
17. 17. ADJ NumType=Ord
septembrī septembris NOUN Case=Loc|Gender=Masc|Number=Sing
kad kad ADV PronType=Int
viņš viņš PRON Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs
tikās tikties VERB Evident=Fh|Mood=Ind|Person=3|Polarity=Pos|Reflex=Yes|Tense=Past|VerbForm=Fin|Voice=Act
Haftaru Haftars PROPN Case=Acc|Gender=Masc|Number=Sing
dažas daža DET Case=Acc|Gender=Fem|Number=Plur|PronType=Ind
dienas diena NOUN Case=Acc|Gender=Fem|Number=Plur
pēc pēc ADP _
plūdiem plūdi NOUN Case=Dat|Gender=Masc|Number=Ptan
kuri kurš PRON Case=Nom|Gender=Masc|Number=Plur|PronType=Rel
izpostīja izpostīt VERB Mood=Ind|Person=3|Polarity=Pos|Tense=Past|VerbForm=Fin|Voice=Act
piekrastes piekraste NOUN Case=Gen|Gender=Fem|Number=Sing
pilsētu pilsēta NOUN Case=Acc|Gender=Fem|Number=Sing
Dernu Derna PROPN Case=Acc|Gender=Fem|Number=Sing
prasot prasīt VERB Polarity=Pos|VerbForm=Conv
tūkstošiem tūkstotis NOUN Case=Dat|Gender=Masc|Number=Plur
cilvēku cilvēks NOUN Case=Gen|Gender=Masc|Number=Plur
dzīvību dzīvība NOUN Case=Acc|Gender=Fem|Number=Sing
"""  # noqa: E501

ENTITIES = {
    "Halifa Haftars": ("PER", ["Halifa Haftars", "Haftars", "Haftara", "Haftaram", "Haftaru"]),
    "Vladimirs Putins": ("PER", ["Vladimiru Putinu", "Putinu", "Putina"]),
    "Sergejs Šoigu": ("PER", ["Sergeju Šoigu"]),
    "Dmitrijs Peskovs": ("PER", ["Dmitrijs Peskovs"]),
    "Junusbeks Jevkurovs": ("PER", ["Junusbeku Jevkurovu", "Jevkurovs"]),
    "Lībijas Arābu bruņotie spēki": ("ORG", ["Lībijas Arābu bruņotie spēki"]),
    "Lībija": ("LOC", ["Lībijas", "Lībijā"]),
    "Krievija": ("LOC", ["Krievijas"]),
    "Maskava": ("LOC", ["Maskavā", "Maskavu"]),
    "Tripole": ("LOC", ["Tripolē"]),
    "Derna": ("LOC", ["Dernu"]),
    "ANO": ("ORG", ["ANO"]),
    "Kremlis": ("ORG", ["Kremlis", "Kremļa"]),
    "Vagner": ("ORG", ["Vagner"]),
    "Facebook": ("ORG", ["Facebook"]),
}
DATES = {
    "ceturtdien": "2023-09-28",
    "otrdien": "2023-09-26",
    "17.septembrī": "2023-09-17",
    "2019.gada": "2019",
}


def analysed(text: str) -> list[Sentence]:
    table: dict[str, tuple[str, str, str]] = {}
    for line in ANALYSES.strip().splitlines():
        form, lemma, upos, feats = line.split(" ")
        table[form] = (lemma, upos, "" if feats == "_" else feats)
    out = []
    for s in split_sentences(text):
        toks = []
        for t in s.tokens:
            lemma, upos, feats = table[t.text]
            toks.append(Token(t.text, t.start, t.end, lemma, upos, feats))
        out.append(Sentence(s.start, s.end, tuple(toks)))
    return out


def hand_entities(text: str) -> list[Entity]:
    taken: list[tuple[int, int]] = []
    found: dict[str, list[Mention]] = {}
    surfaces = sorted(
        ((form, name) for name, (_, forms) in ENTITIES.items() for form in forms),
        key=lambda fn: -len(fn[0]),
    )
    for form, name in surfaces:
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if all(m.end() <= a or m.start() >= b for a, b in taken):
                taken.append((m.start(), m.end()))
                found.setdefault(name, []).append(Mention(form, m.start(), m.end()))
    return [
        Entity(name, ENTITIES[name][0], tuple(sorted(ms, key=lambda m: m.start)))
        for name, ms in found.items()
    ]


def hand_dates(text: str) -> list[DateMention]:
    out = []
    for form, value in DATES.items():
        for m in re.finditer(re.escape(form), text):
            out.append(DateMention(form, value, m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (EXAMPLES / "la-lv-haftars-putins.expected.json").read_text(encoding="utf-8")
    )
    return data


def unmatched(
    events: tuple[Event, ...], wanted: list[dict[str, Any]]
) -> tuple[list[Any], list[Event]]:
    """Expected events with no match, and stated (status-less) events nobody expected."""
    left = [e for e in events if e.status is None]
    missing = []
    for w in wanted:
        for e in left:
            if (
                e.type == w["type"]
                and set(e.participants) == set(w["participants"])
                and e.place == w["place"]
                and (w.get("date") is None or e.date == w["date"])
                and (w.get("quote") is None or e.quote == w["quote"])
            ):
                left.remove(e)
                break
        else:
            missing.append(w)
    return missing, left


def test_example_events_on_hand_analyses() -> None:
    data = expected()
    text = "\n\n".join(data["paragraphs"])
    events = LatvianEventExtractor.load().extract(
        text, analysed(text), hand_entities(text), hand_dates(text), datetime.date(2023, 9, 28)
    )
    missing, extra = unmatched(events, data["events"])
    assert not missing, f"missing {missing}; got {events}"
    assert not extra, f"not in the text: {extra}"


def test_example_events_carry_codes_evidence_and_attribution() -> None:
    data = expected()
    text = "\n\n".join(data["paragraphs"])
    events = LatvianEventExtractor.load().extract(
        text, analysed(text), hand_entities(text), hand_dates(text), None
    )
    first = next(e for e in events if set(e.participants) == {"Halifa Haftars", "Vladimirs Putins"})
    assert first.codes == {"cameo": "040", "plover": "CONSULT"}
    assert "Kremlis" in (first.attributed_to or ())
    assert text[first.evidence.start : first.evidence.end].startswith(
        "Lībijas kaujinieku komandieris"
    )
    statement = next(e for e in events if e.type == "STATEMENT")
    assert statement.roles == {"speaker": "Dmitrijs Peskovs"}
