"""Latvian date expressions: forms, calendar rules, the example page, the test set floor."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsmill.api
from newsmill.lang.lv.dates import LatvianDateResolver
from newsmill.lang.tokens import Sentence, Token

REPO = Path(__file__).resolve().parent.parent
THURSDAY = datetime.date(2023, 9, 28)


def values(text: str, ref: datetime.date | None = THURSDAY) -> list[tuple[str, str]]:
    return [(f.text, f.value) for f in LatvianDateResolver(ref).find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tas notika 2023.gada 28.septembrī.", [("2023.gada 28.septembrī", "2023-09-28")]),
        ("Tas notika 2023. gada 28. septembrī.", [("2023. gada 28. septembrī", "2023-09-28")]),
        ("Līgums parakstīts 28.09.2023.", [("28.09.2023.", "2023-09-28")]),
        ("Sēde notika 28. septembrī.", [("28. septembrī", "2023-09-28")]),
        ("Inflācija septembrī bija 5%.", [("septembrī", "2023-09")]),
        ("Darbi sāksies septembra beigās.", [("septembra beigās", "2023-09")]),
        ("Uzņēmums dibināts 2019.gadā.", [("2019.gadā", "2019")]),
        ("Tas sākās 1990. gadu sākumā.", [("1990. gadu sākumā", "1990/1999")]),
        ("Pirmā tikšanās kopš 2019.gada.", [("2019.gada", "2019")]),
        ("Vakar lija.", [("Vakar", "2023-09-27")]),
        ("Aizvakar lija.", [("Aizvakar", "2023-09-26")]),
        ("Šodien līst.", [("Šodien", "2023-09-28")]),
        ("Rīt līs.", [("Rīt", "2023-09-29")]),
        ("Parīt līs.", [("Parīt", "2023-09-30")]),
        ("Viņš ieradās pagājušajā piektdienā.", [("pagājušajā piektdienā", "2023-09-22")]),
        ("Viņš ieradīsies nākamajā pirmdienā.", [("nākamajā pirmdienā", "2023-10-02")]),
        ("Tas notika pirms divām nedēļām.", [("pirms divām nedēļām", "2023-09-14")]),
        ("Tas notika pirms trim gadiem.", [("pirms trim gadiem", "2020")]),
        ("Pieauga pagājušajā gadā.", [("pagājušajā gadā", "2022")]),
        ("Šogad pieaugs.", [("Šogad", "2023")]),
        (
            "Izstāde būs no 1. līdz 3.oktobrim.",
            [("no 1. līdz 3.oktobrim", "2023-10-01/2023-10-03")],
        ),
        ("Sākums plkst. 14.00.", [("plkst. 14.00", "2023-09-28T14:00")]),
        (
            "Koncerts notiks š.g. 15.novembrī plkst.14.00.",
            [("š.g. 15.novembrī plkst.14.00", "2023-11-15T14:00")],
        ),
        (
            "Tirgus bija no 29. jūnija līdz 6. jūlijam.",
            [("no 29. jūnija līdz 6. jūlijam", "2023-06-29/2023-07-06")],
        ),
        (
            "Tirgus notiks no 29. jūnija līdz 6. jūlijam.",
            [("no 29. jūnija līdz 6. jūlijam", "2024-06-29/2024-07-06")],
        ),
        ("Cenas kāpa pērn septembrī.", [("pērn septembrī", "2022-09")]),
        ("Gaidāms šīs nedēļas nogalē.", [("šīs nedēļas nogalē", "2023-09-30/2023-10-01")]),
        (
            "Pieaugums 2012.gada ceturtajā ceturksnī.",
            [("2012.gada ceturtajā ceturksnī", "2012-10/2012-12")],
        ),
        ("Viņš 90. gados dzīvoja Rīgā.", [("90. gados", "1990/1999")]),
        ("Jelgava, 4.jūn., LETA.", [("4.jūn.", "2023-06-04")]),
    ],
)
def test_forms(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


def test_weekdays_follow_the_tense() -> None:
    assert values("Viņš ceturtdien piedalījās sarunās.") == [("ceturtdien", "2023-09-28")]
    assert values("Viņš otrdien ieradās Maskavā.") == [("otrdien", "2023-09-26")]
    assert values("Viņš otrdien tiksies ar ministru.") == [("otrdien", "2023-10-03")]
    assert values("Pirmdien notiks sēde.") == [("Pirmdien", "2023-10-02")]


def test_year_less_dates_follow_the_tense() -> None:
    assert values("Viņš ieradās 30. decembrī.") == [("30. decembrī", "2022-12-30")]
    assert values("Viņš ieradīsies 30. augustā.") == [("30. augustā", "2024-08-30")]
    assert values("Lēmums 30. septembrī.") == [("30. septembrī", "2023-09-30")]


def test_tagged_tense_wins_over_the_text() -> None:
    text = "Sēde otrdien."
    verb = Token("sēde", 0, 4, feats="Mood=Ind|Tense=Fut|VerbForm=Fin")
    sentence = Sentence(0, len(text), (verb, Token("otrdien", 5, 12)))
    found = LatvianDateResolver(THURSDAY).find(text, [sentence])
    assert [(f.text, f.value) for f in found] == [("otrdien", "2023-10-03")]


def test_no_reference_keeps_only_absolute_dates() -> None:
    text = "Vakar, 2023.gada 28.septembrī, septembrī un 28.09.2023. Rīt plkst. 14.00."
    assert values(text, None) == [
        ("2023.gada 28.septembrī", "2023-09-28"),
        ("28.09.2023.", "2023-09-28"),
    ]


def test_a_clock_time_takes_the_date_of_its_sentence() -> None:
    text = "Šī gada 19.oktobrī muzejā (Rīgā) plkst.16:00 tiks atklāta zīme. Sākums plkst. 9.30."
    assert values(text) == [
        ("Šī gada 19.oktobrī", "2023-10-19"),
        ("plkst.16:00", "2023-10-19T16:00"),
        ("plkst. 9.30", "2023-09-28T09:30"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sestdienās un svētdienās viņš vienmēr cenšas būt mājās.",
        "Raidījumu LTV varēs vērot katru trešdienu, plkst. 19.15.",
        "Augusts Kirhenšteins un Marta devās mājās.",
        "Bērni no 6 līdz 9 mēnešiem.",
        "Viņi tajā pašā pilsētā pēc 20 gadiem uzcēla jaunu.",
        "Jevkurovs pēdējos gados ir regulāri apmeklējis Lībiju.",
        "Pieaugums bija 13.15 procenti, 2:1 uzvara.",
    ],
)
def test_no_calendar_value(text: str) -> None:
    assert values(text) == []


def test_example_page(example_expected: dict[str, object]) -> None:
    text = newsmill.api.extract(str(REPO / "examples" / "la-lv-haftars-putins.txt")).text
    found = LatvianDateResolver(datetime.date(2023, 9, 28)).find(text)
    expected = example_expected["dates"]
    assert isinstance(expected, list)
    assert {(f.text, f.value) for f in found} == {(d["text"], d["value"]) for d in expected}
    assert len(found) == len(expected)
    for f in found:
        assert text[f.start : f.end] == f.text


def test_test_set_floor() -> None:
    path = REPO / "bench" / "data" / "lv-dates.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len([i for i in items if i["value"]]) >= 200
    exact = 0
    for item in items:
        resolver = LatvianDateResolver(datetime.date.fromisoformat(item["reference"]))
        hits = [
            f
            for f in resolver.find(item["sentence"])
            if f.start < item["end"] and item["start"] < f.end
        ]
        if item["value"] is None:
            exact += not hits
        else:
            exact += any(f.value == item["value"] for f in hits)
    assert exact / len(items) >= 0.95


_PIECES = st.sampled_from(
    [
        "2023.gada ",
        "28.",
        "septembrī",
        " ",
        ".",
        ",",
        "plkst. ",
        "14.00",
        "no ",
        "līdz ",
        "ceturtdien",
        "pagājušajā ",
        "nedēļā",
        "pirms ",
        "divām ",
        "nedēļām",
        "vakar",
        "gada",
        "90. gados",
        "š.g. ",
        "12:35",
        "-",
        "katru ",
        "İ",
        "ß",
        "\n",
        "Rīt, ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=14), st.booleans())
def test_random_text_spans_point_at_the_text(parts: list[str], with_reference: bool) -> None:
    text = "".join(parts)
    resolver = LatvianDateResolver(THURSDAY if with_reference else None)
    found = resolver.find(text)
    ends = 0
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.value
        assert f.start >= ends  # sorted, not overlapping
        ends = f.end


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="abš.", min_size=1, max_size=5), min_size=1, max_size=8),
    st.text(alphabet="abš. ", max_size=60),
)
def test_word_alternation_tree_matches_like_the_flat_longest_first_one(
    words: list[str], text: str
) -> None:
    """The patterns' word lists are factored into a prefix tree for speed; what they match,
    even when what follows a word fails and a shorter one is tried, must not change."""
    import re

    from newsmill.lang.lv.date_patterns import _alt

    flat = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    for tail in ("", r"(?!\w)", r"(?:a|\.)(?!b)"):
        tree = re.compile(f"(?P<w>{_alt(words)}){tail}")
        plain = re.compile(f"(?P<w>{flat}){tail}")
        assert [(m.span(), m.group("w")) for m in tree.finditer(text)] == [
            (m.span(), m.group("w")) for m in plain.finditer(text)
        ]
