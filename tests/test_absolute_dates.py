"""Full dates written in words in the languages newsmill meets beside English, Latvian
and Russian: each form on its own, the words that must not read as a month, and a
byline date on an HTML page that states no date anywhere else."""

from __future__ import annotations

from datetime import date

import lxml.html
import pytest

from newsmill.extract.absolute_dates import SlashOrder, find_absolute_dates
from newsmill.extract.html_metadata import read_page_metadata


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Veröffentlicht am 15. Dezember 2025, 10:00 Uhr", date(2025, 12, 15)),  # German
        ("Aktualisiert: 3. März 2024", date(2024, 3, 3)),
        ("15 Dez. 2025", date(2025, 12, 15)),
        ("Publié le 1er mars 2024 à 10h12", date(2024, 3, 1)),  # French
        ("mis à jour le 12 déc. 2023", date(2023, 12, 12)),
        ("Publicado el 15 de diciembre de 2025", date(2025, 12, 15)),  # Spanish
        ("By: FlowGuard EMEA on 04-ago-2021 5:11:10", date(2021, 8, 4)),
        ("Publicado em 7 de outubro de 2022", date(2022, 10, 7)),  # Portuguese
        ("Pubblicato il 3 maggio 2024", date(2024, 5, 3)),  # Italian
        ("opublikowano 5 września 2023", date(2023, 9, 5)),  # Polish
        ("Avaldatud 15. detsember 2025", date(2025, 12, 15)),  # Estonian
        ("Paskelbta 2025 m. gruodžio 15 d.", date(2025, 12, 15)),  # Lithuanian
        ("2025 m. gruodžio mėn. 15 d.", date(2025, 12, 15)),
        ("Avaldatud 15. detsembril 2025", date(2025, 12, 15)),  # Estonian adessive
        ("Ceturtdiena, 28. septembris 2023", date(2023, 9, 28)),  # Latvian, day first
        ("28. septembrī, 2023", date(2023, 9, 28)),
        ("Publicēts 2023. gada 5. okt.", date(2023, 10, 5)),  # Latvian short form
        # short forms with their dot, and the Spanish "del"
        ("Обновлено 15 дек. 2025 г.", date(2025, 12, 15)),
        ("Publicado em 15 de set. de 2025", date(2025, 9, 15)),
        ("Publicado em 15 de out. de 2025", date(2025, 10, 15)),
        ("mis à jour le 15 juill. 2025", date(2025, 7, 15)),
        ("15 fév. 2025", date(2025, 2, 15)),
        ("15 gru 2025", date(2025, 12, 15)),  # Polish short form
        ("15. dets 2025", date(2025, 12, 15)),  # Estonian short form
        ("15 de diciembre del 2025", date(2025, 12, 15)),
        ("Rhino © 2010-2018 Robert McNeel. 24-Nov-2021", date(2021, 11, 24)),
        ("Date: 16-19 March 2026", date(2026, 3, 19)),  # a range's last day, as before
    ],
)
def test_a_full_date_in_words(text: str, day: date) -> None:
    found = find_absolute_dates(text)
    assert [value for _, _, value in found] == [day]
    start, end, _ = found[0]
    assert text[start:end].strip()[0].isdigit()  # the span starts at the date itself


@pytest.mark.parametrize(
    "text",
    [
        "31 février 2024",  # no such day
        "Top 10 out 2024 picks",  # English "out" is no October
        "the 3 set 2024 results",  # nor "set" September
        "Mai 2024",  # a month without its day is no full date
        "2025 m. gruodžio",  # Lithuanian without the day
        # found by a review: words that only look like months next to numbers
        "Apple iPad Air (5th Gen, 2022) drops to its lowest price",  # Italian "gen"
        "the Queen Mary 2, 2024 world voyage",  # "Mary" is no "mar" + "y"
        "Il numero 2 mare 2024",
        "Schools closed during the COVID-19 March 2020 lockdown",
        "Part 3 - Jan 2024",  # a spaced dash is no date's hyphen
        "2 маяка 2024",
        # a name's number, then a month and year
        "Microsoft begins rolling out the Windows 10 May 2020 Update",
        "Apple unveiled the iPhone 15 September 2023 lineup",
        "the company's Chapter 11 December 2023 filing",
        "Journal of Ecology, Volume 112 Issue 3 March 2024",
    ],
)
def test_words_that_are_no_full_date(text: str) -> None:
    assert find_absolute_dates(text) == []


def test_a_text_listing_thousands_of_dates_is_read_whole() -> None:
    """An archive page's one block: every date is found, each once (the overlap check
    searches the spans read so far instead of scanning them all)."""
    text = " ".join(f"{1 + i % 28} March {1990 + i % 30}, 4 Sep 2024" for i in range(3000))
    assert len(find_absolute_dates(text)) == 6000


def test_a_byline_name_before_a_day_is_no_number_name() -> None:
    assert find_absolute_dates("Jane Doe 4 September 2025")[0][2] == date(2025, 9, 4)
    assert find_absolute_dates("publicado no 5 de maio de 2024")[0][2] == date(2024, 5, 5)


def test_english_and_latvian_forms_keep_their_readings() -> None:
    assert find_absolute_dates("5 mars, 2024")[0][2] == date(2024, 3, 5)
    assert find_absolute_dates("September 4, 2025")[0][2] == date(2025, 9, 4)
    assert find_absolute_dates("2023.gada 28.septembrī")[0][2] == date(2023, 9, 28)


def test_a_german_byline_dates_the_page() -> None:
    html = (
        "<html><head><title>Stadtrat beschließt neue Brücke</title></head><body><article>"
        "<h1>Stadtrat beschließt neue Brücke</h1>"
        "<p class='byline'>Von Anna Schmidt, 15. Dezember 2025</p>"
        "<p>Der Stadtrat hat am Montag den Bau einer neuen Brücke über den Fluss beschlossen. "
        "Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern.</p>"
        "</article></body></html>"
    )
    meta = read_page_metadata(lxml.html.document_fromstring(html), None)
    assert (meta.published, meta.date_source) == ("2025-12-15", "byline")


def test_slashed_days_follow_the_order_the_caller_names() -> None:
    day_first = SlashOrder(day_first=True)
    assert find_absolute_dates("Publié le 05/12/2025")[0][2] == date(2025, 5, 12)
    assert find_absolute_dates("Publié le 05/12/2025", day_first)[0][2] == date(2025, 12, 5)
    # a reading only one order allows is taken whichever order is asked
    assert find_absolute_dates("15/12/2025")[0][2] == date(2025, 12, 15)
    assert find_absolute_dates("12/15/2025", day_first)[0][2] == date(2025, 12, 15)
    # a day the page's machine-written dates confirm wins over either order
    confirmed = SlashOrder(day_first=True, known=frozenset({date(2025, 5, 12)}))
    assert find_absolute_dates("05/12/2025", confirmed)[0][2] == date(2025, 5, 12)
    confirmed = SlashOrder(known=frozenset({date(2025, 12, 5)}))
    assert find_absolute_dates("05/12/2025", confirmed)[0][2] == date(2025, 12, 5)


def _byline_page(lang: str, byline: str) -> str:
    return (
        f"<html lang='{lang}'><head><title>Le conseil vote le budget</title></head><body>"
        "<article><h1>Le conseil vote le budget</h1>"
        f"<p class='byline'>{byline}</p>"
        "<p>Le conseil municipal a adopté lundi le budget de la ville pour l'année prochaine, "
        "après un long débat sur les investissements.</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "byline", "day"),
    [
        ("fr", "Publié le 05/12/2025 à 10h00", "2025-12-05"),  # French writes the day first
        ("pt-BR", "Publicado em 03/04/2024", "2024-04-03"),
        ("en", "Posted 05/12/2025", "2025-05-12"),  # English pages keep the US order
    ],
)
def test_a_slashed_byline_day_follows_the_page_language(lang: str, byline: str, day: str) -> None:
    meta = read_page_metadata(lxml.html.document_fromstring(_byline_page(lang, byline)), None)
    assert (meta.published, meta.date_source) == (day, "byline")


@pytest.mark.parametrize(
    ("lang", "machine", "day"),
    [
        ("en-GB", "2025-12-05T09:00:00Z", "2025-12-05"),  # a British page, day first
        ("fr", "2025-05-12T09:00:00Z", "2025-05-12"),  # a French page in the US order
    ],
)
def test_a_slashed_byline_day_is_read_as_the_page_s_machine_date_says(
    lang: str, machine: str, day: str
) -> None:
    html = _byline_page(lang, "Maria Rossi | 05/12/2025").replace(
        "<title>", f"<meta property='article:published_time' content='{machine}'><title>"
    )
    meta = read_page_metadata(lxml.html.document_fromstring(html), None)
    assert meta.published is not None and meta.published[:10] == day


@pytest.mark.parametrize(("lang", "day"), [("fr", "2025-12-05"), ("en", "2025-05-12")])
def test_a_slashed_meta_date_follows_the_page_language(lang: str, day: str) -> None:
    html = _byline_page(lang, "").replace(
        "<title>", "<meta property='article:published_time' content='05/12/2025'><title>"
    )
    meta = read_page_metadata(lxml.html.document_fromstring(html), None)
    assert (meta.published, meta.date_source) == (day, "meta")
