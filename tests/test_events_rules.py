"""Unit checks of the event rules on small hand-analysed sentences.

Each sentence is tokenized by newsmill and tagged from a hand-written table (lemma, UPOS,
UD features), so the rules are checked apart from the taggers' errors.
"""

from __future__ import annotations

import re

from newsmill.events import LatvianEventExtractor
from newsmill.events.render import event_line
from newsmill.lang.lv.tokenize import split_sentences
from newsmill.lang.tokens import Sentence, Token
from newsmill.record import DateMention, Entity, Event, Mention

M_NOM = "Case=Nom|Gender=Masc|Number=Sing"
M_ACC = "Case=Acc|Gender=Masc|Number=Sing"
F_NOM = "Case=Nom|Gender=Fem|Number=Sing"
F_ACC = "Case=Acc|Gender=Fem|Number=Sing"
F_LOC = "Case=Loc|Gender=Fem|Number=Sing"
PAST = "Mood=Ind|Person=3|Polarity=Pos|Tense=Past|VerbForm=Fin|Voice=Act"
WORDS: dict[str, tuple[str, str, str]] = {
    "Putins": ("Putins", "PROPN", M_NOM),
    "Putinu": ("Putins", "PROPN", M_ACC),
    "Haftars": ("Haftars", "PROPN", M_NOM),
    "Haftaru": ("Haftars", "PROPN", M_ACC),
    "Jevkurovs": ("Jevkurovs", "PROPN", M_NOM),
    "Merkele": ("Merkele", "PROPN", F_NOM),
    "Kariņu": ("Kariņš", "PROPN", M_ACC),
    "Maskavā": ("Maskava", "PROPN", F_LOC),
    "Rīgā": ("Rīga", "PROPN", F_LOC),
    "Lībijā": ("Lībija", "PROPN", F_LOC),
    "Lībiju": ("Lībija", "PROPN", F_ACC),
    "tikās": ("tikties", "VERB", PAST),
    "netikās": ("tikties", "VERB", PAST.replace("Pos", "Neg")),
    "tikties": ("tikties", "VERB", "Polarity=Pos|VerbForm=Inf"),
    "plāno": ("plānot", "VERB", PAST.replace("Past", "Pres")),
    "varētu": ("varēt", "VERB", "Mood=Cnd|Polarity=Pos|VerbForm=Fin"),
    "ieradās": ("ierasties", "VERB", PAST),
    "apmeklēja": ("apmeklēt", "VERB", PAST),
    "apsprieda": ("apspriest", "VERB", PAST),
    "paziņoja": ("paziņot", "VERB", PAST),
    "situāciju": ("situācija", "NOUN", F_ACC),
    "ar": ("ar", "ADP", ""),
    "un": ("un", "CCONJ", ""),
    "ka": ("ka", "SCONJ", ""),
    "Tur": ("tur", "ADV", ""),
    "Kad": ("kad", "ADV", "PronType=Int"),
    "viņš": ("viņš", "PRON", M_NOM + "|Person=3|PronType=Prs"),
    "viņa": ("viņa", "PRON", F_NOM + "|Person=3|PronType=Prs"),
    "Kremļa": ("Kremlis", "PROPN", "Case=Gen|Gender=Masc|Number=Sing"),
    "preses": ("prese", "NOUN", "Case=Gen|Gender=Fem|Number=Sing"),
    "sekretārs": ("sekretārs", "NOUN", M_NOM),
    "Dmitrijs": ("Dmitrijs", "PROPN", M_NOM),
    "Peskovs": ("Peskovs", "PROPN", M_NOM),
    "sarunas": ("saruna", "NOUN", "Case=Nom|Gender=Fem|Number=Plur"),
    "notikušas": ("notikt", "VERB", "Case=Nom|Gender=Fem|Number=Plur|Tense=Past|VerbForm=Part"),
    "ir": ("būt", "AUX", PAST.replace("Past", "Pres")),
    "vakar": ("vakar", "ADV", ""),
    ".": (".", "PUNCT", ""),
    ",": (",", "PUNCT", ""),
}
NAMES = {
    "Vladimirs Putins": ("PER", ("Putins", "Putinu")),
    "Halifa Haftars": ("PER", ("Haftars", "Haftaru")),
    "Junusbeks Jevkurovs": ("PER", ("Jevkurovs",)),
    "Angela Merkele": ("PER", ("Merkele",)),
    "Krišjānis Kariņš": ("PER", ("Kariņu",)),
    "Dmitrijs Peskovs": ("PER", ("Dmitrijs Peskovs",)),
    "Maskava": ("GPE", ("Maskavā",)),
    "Rīga": ("GPE", ("Rīgā",)),
    "Lībija": ("GPE", ("Lībijā", "Lībiju")),
    "Kremlis": ("ORG", ("Kremļa",)),
}


def run(text: str, dates: tuple[DateMention, ...] = ()) -> tuple[Event, ...]:
    sentences = []
    for s in split_sentences(text):
        toks = tuple(Token(t.text, t.start, t.end, *WORDS[t.text]) for t in s.tokens)
        sentences.append(Sentence(s.start, s.end, toks))
    entities = []
    for name, (kind, forms) in NAMES.items():
        mentions = [
            Mention(m.group(), m.start(), m.end())
            for form in forms
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)
        ]
        if mentions:
            entities.append(Entity(name, kind, tuple(mentions)))
    return LatvianEventExtractor.load().extract(text, sentences, entities, dates, None)


def test_meeting_participants_are_symmetric() -> None:
    one = run("Putins tikās ar Haftaru Maskavā.")
    other = run("Haftars tikās ar Putinu Maskavā.")
    assert [(e.type, e.participants, e.place) for e in one] == [
        ("MEET", ("Halifa Haftars", "Vladimirs Putins"), "Maskava")
    ]
    assert [(e.participants, e.place) for e in one] == [(e.participants, e.place) for e in other]


def test_place_is_where_it_happened_not_the_topic() -> None:
    events = run("Putins tikās ar Haftaru Maskavā un apsprieda situāciju Lībijā.")
    assert {e.place for e in events} == {"Maskava"}


def test_personal_pronoun_resolves_to_last_agreeing_subject() -> None:
    events = run("Jevkurovs apmeklēja Lībiju. Tur viņš tikās ar Haftaru.")
    meet = [e for e in events if e.type == "MEET"]
    assert [e.participants for e in meet] == [("Halifa Haftars", "Junusbeks Jevkurovs")]
    assert meet[0].place == "Lībija"  # inherited from the visit before it


def test_pronoun_gender_agreement() -> None:
    events = run("Merkele ieradās Rīgā. Tur viņa tikās ar Kariņu.")
    meet = next(e for e in events if e.type == "MEET")
    assert meet.participants == ("Angela Merkele", "Krišjānis Kariņš")
    travel = next(e for e in events if e.type == "TRAVEL")
    assert (travel.participants, travel.place, travel.roles) == (
        ("Angela Merkele",),
        "Rīga",
        {"traveller": "Angela Merkele"},
    )


def test_title_resolves_to_the_name_it_stood_beside() -> None:
    text = (
        "Kremļa preses sekretārs Dmitrijs Peskovs ieradās Rīgā."
        " Kremļa preses sekretārs paziņoja, ka Putins tikās ar Haftaru."
    )
    events = run(text)
    meet = next(e for e in events if e.type == "MEET")
    assert meet.attributed_to == ("Dmitrijs Peskovs",)
    assert not [e for e in events if e.type == "STATEMENT"]  # a source, not a statement


def test_negated_and_planned_meetings_are_not_reported_as_happened() -> None:
    assert [e.status for e in run("Putins netikās ar Haftaru.")] == ["negated"]
    assert [e.status for e in run("Putins plāno tikties ar Haftaru.")] == ["planned"]
    assert [e.status for e in run("Putins varētu tikties ar Haftaru.")] == ["planned"]


def test_date_comes_from_a_date_in_the_clause() -> None:
    text = "Putins vakar tikās ar Haftaru."
    at = text.index("vakar")
    events = run(text, (DateMention("vakar", "2023-09-27", at, at + 5),))
    assert [e.date for e in events] == ["2023-09-27"]
    assert [e.date for e in run(text)] == [None]


def test_an_event_line_has_its_context_first_and_no_absent_fields() -> None:
    (event,) = run("Putins tikās ar Haftaru Maskavā.")
    line = event_line(event, uri="a.txt")
    assert '"participants": ["Halifa Haftars", "Vladimirs Putins"]' in line
    assert line.startswith('{"uri": "a.txt", "type": "MEET"')
    assert "quote" not in line and "status" not in line


def test_only_sentences_with_a_trigger_lemma_are_analysed() -> None:
    from newsmill.events.lexicon import TriggerLexicon

    lexicon = TriggerLexicon.load()
    quiet = [Token("Rīgā", 0, 4, "Rīga", "PROPN", F_LOC), Token("tikās", 5, 10, "Tikties", "PROPN")]
    assert not lexicon.any_trigger(quiet)  # a name is never a trigger, whatever its lemma
    assert lexicon.any_trigger([Token("Tikās", 0, 5, "Tikties", "VERB", PAST)])
    # a title learnt in a sentence without a trigger still names the bare title later
    events = run(
        "Kremļa preses sekretārs Dmitrijs Peskovs. "
        "Tur preses sekretārs paziņoja, ka Putins tikās ar Haftaru."
    )
    assert [e.type for e in events] == ["MEET"]
    assert events[0].attributed_to == ("Dmitrijs Peskovs",)


def test_a_list_of_subjects_stops_at_the_clause_edge() -> None:
    # `Merkele` ends the `kad` clause; the comma after it does not make her a co-speaker.
    events = run("Kad Rīgā ieradās Merkele, Putins paziņoja, ka Haftars tikās ar Kariņu.")
    meet = next(e for e in events if e.type == "MEET")
    assert meet.attributed_to == ("Vladimirs Putins",)
    travel = next(e for e in events if e.type == "TRAVEL")
    assert travel.participants == ("Angela Merkele",)
