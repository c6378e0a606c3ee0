"""Language identification picks the analysers, so it must be right on news-length text."""

from __future__ import annotations

import pytest

from newsmill.api import extract_text
from newsmill.lang.identify import identify_language

SAMPLES = {
    "lv": "Lībijas austrumu daļu kontrolējošais komandieris ceturtdien Maskavā tikās ar "
    "Krievijas prezidentu, paziņoja viņa spēki un Kremlis.",
    "en": "The commander who controls the east of Libya met the Russian president in Moscow "
    "on Thursday, his forces and the Kremlin said.",
    "de": "Der Kommandeur, der den Osten Libyens kontrolliert, traf am Donnerstag in Moskau "
    "den russischen Präsidenten.",
    "lt": "Rytų Libiją kontroliuojantis vadas ketvirtadienį Maskvoje susitiko su Rusijos "
    "prezidentu, pranešė jo pajėgos ir Kremlius.",
    "et": "Ida-Liibüat kontrolliv väejuht kohtus neljapäeval Moskvas Venemaa presidendiga, "
    "teatasid tema väed ja Kreml.",
    "ru": "Командующий, контролирующий восток Ливии, в четверг встретился в Москве с "
    "президентом России, сообщили его силы и Кремль.",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_news_sentences_get_their_language(code: str) -> None:
    assert identify_language(SAMPLES[code]) == code


@pytest.mark.parametrize("text", ["", "   ", "OK", "12:30", "— • —"])
def test_too_little_text_is_undetermined(text: str) -> None:
    assert identify_language(text) == "und"


def test_english_article_gets_its_language_and_no_latvian_analysis() -> None:
    article = extract_text(SAMPLES["en"] + "\n\n" + SAMPLES["en"].replace("Thursday", "Friday"))
    assert article.language == "en"
    assert article.entities == ()
    assert article.dates == ()
    assert article.events == ()
