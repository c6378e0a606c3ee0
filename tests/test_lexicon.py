"""Every shipped lexicon is read at once, and a page in any of its languages loses its
furniture labels to boilerplate while its prose stays."""

from __future__ import annotations

import pytest

from newsmill.extract.html import HtmlExtractor
from newsmill.extract.lexicon import load_lexicon, shipped_languages
from newsmill.extract.lines import split_lines
from newsmill.record import Source


def test_all_shipped_languages_are_read_latvian_first() -> None:
    languages = shipped_languages()
    assert languages[:2] == ("lv", "en")
    assert {"de", "fr", "es", "ru", "lt", "et", "pt", "it", "pl"} <= set(languages)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Reklāma", "ad"),
        ("Related articles", "widget"),
        ("Ähnliche Beiträge", "widget"),
        ("Anzeige", "ad"),
        ("Alle Rechte vorbehalten", "footer"),
        ("Foto: dpa", "credit"),
        ("À lire aussi", "widget"),
        ("Photo : AFP", "credit"),
        ("Mentions légales", "footer"),
        ("Leer más", "widget"),
        ("Todos los derechos reservados", "footer"),
        ("Читайте также", "widget"),
        ("Фото: ТАСС", "credit"),
        ("Skaitykite taip pat", "widget"),
        ("Nuotr.: BNS", "credit"),
        ("Visos teisės saugomos", "footer"),
        ("Loe ka: Valitsus otsustas eelarve üle", "widget"),
        ("Kõik õigused kaitstud", "footer"),
        ("Reklaam", "ad"),
        ("Leia também: Governo anuncia novo pacote", "widget"),
        ("Você pode gostar", "widget"),
        ("Todos os direitos reservados", "footer"),
        ("Leggi anche", "widget"),
        ("Riproduzione riservata", "footer"),
        ("Czytaj także: Sejm przyjął ustawę", "widget"),
        ("Wszelkie prawa zastrzeżone", "footer"),
        ("Źródło: PAP", "credit"),
        ("Continua após a publicidade", "ad"),
        ("Siga-nos no Instagram", "widget"),
        ("Przeczytaj również: Sejm przyjął ustawę", "widget"),
        ("Materiał promocyjny", "ad"),
    ],
)
def test_labels_of_each_language_are_named(line: str, kind: str) -> None:
    assert load_lexicon().kind_of(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Teilen Sie uns mit, was Sie denken, sagte der Minister am Dienstag in Berlin.",
        "Publicité mensongère : le tribunal a condamné la marque à une amende record.",
        "Compartir datos con la policía no es obligatorio, dijo el juez en Madrid ayer.",
        # Found by a review: a phrase's start inside a longer word, a masthead's name.
        "Folge unserem Rat, sagte er.",
        "À la UNESCO, les pays ont voté.",
        "Se connecter à Internet coûte cher.",
        "BILD: Herr Merz, wie geht es weiter?",
        "Loe kaks korda läbi, ütles ta.",
        # A law's articles and log entries, not navigation; inflected footer words.
        "Kitas straipsnis numato baudas iki 500 eurų.",
        "Järgmine artikkel sätestab erandid.",
        "Logi sissekanded näitavad, et häkker sisenes öösel.",
        "Privatumo politikai skirtas atskiras skyrius.",
        "Você pode gostar ou não, mas o governo decidiu ontem em Brasília.",
        "Condividi la responsabilità con i colleghi, ha detto il ministro.",
        # Found by a review: headlines and legal prose that open like furniture.
        "Torna su Rai 1 Don Matteo",
        "Saiba mais sobre os sintomas da dengue",
        "Notícia anteriormente divulgada foi corrigida",
        "Próximo artigo da lei trata das multas",
        "Następny artykuł ustawy dotyczy kar",
        "Polityka prywatności Facebooka się zmienia",
        "Informativa sulla privacy di Meta, cosa cambia",
    ],
)
def test_long_prose_opening_with_a_label_is_not_named(line: str) -> None:
    assert load_lexicon().kind_of(line) is None


@pytest.mark.parametrize(
    "heading",
    [
        "Kontakt",
        "Themen",
        "Datenschutz",
        "Temas",
        "Contacto",
        "Поиск",
        "Печать",
        "Comentário",
        "Komentarz",
        "Notícias",
    ],
)
def test_topic_nouns_are_no_labels(heading: str) -> None:
    """Words an article's heading may be; English lists "contact us", not "contact"."""
    assert load_lexicon().kind_of(heading) is None


def test_typographic_apostrophes_and_narrow_spaces_match() -> None:
    lexicon = load_lexicon()
    assert lexicon.kind_of("S’abonner") == lexicon.kind_of("S'abonner") == "widget"
    assert lexicon.kind_of("Conditions générales d’utilisation") == "footer"
    # French puts a narrow no-break space before a colon; a flattened line folds it.
    (line,) = split_lines("Photo\u202f: AFP")
    assert lexicon.kind_of(line.text) == "credit"


def test_one_language_can_be_loaded_alone() -> None:
    german = load_lexicon(("de",))
    assert german.kind_of("Ähnliche Beiträge") == "widget"
    assert german.kind_of("Related articles") is None


GERMAN_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Stadtrat beschließt neuen Radweg | Beispielzeitung</title></head><body>
<header><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav></header>
<article><h1>Stadtrat beschließt neuen Radweg</h1>
<p>Der Stadtrat hat am Dienstag mit großer Mehrheit beschlossen, entlang der Hauptstraße
einen neuen Radweg zu bauen. Die Arbeiten sollen im kommenden Frühjahr beginnen und
rund zwei Millionen Euro kosten.</p>
<p>Die Bürgermeisterin sagte, der Radweg werde die Innenstadt sicherer machen und den
Verkehr entlasten. Anwohner hatten seit Jahren eine bessere Verbindung gefordert.</p>
<p>Kritik kam von der Opposition, die die Kosten für zu hoch hält und eine günstigere
Lösung über die Nebenstraßen vorgeschlagen hatte. Der Antrag fand jedoch keine Mehrheit.</p>
<div class="box"><p>Teilen</p></div>
<h3>Ähnliche Beiträge</h3>
</article>
<footer><p>© 2025 Beispielzeitung. Alle Rechte vorbehalten.</p><p>Impressum</p></footer>
</body></html>"""


def test_a_german_page_gives_its_furniture_labels_to_boilerplate() -> None:
    article = HtmlExtractor().extract(GERMAN_PAGE, Source("test://de", "html"))
    text = "\n".join(article.paragraphs)
    assert "Der Stadtrat hat am Dienstag" in text
    assert "Startseite" not in text
    dropped = {b.text: b.kind for b in article.boilerplate}
    assert dropped.get("Ähnliche Beiträge") == "widget"
    assert dropped.get("Teilen") == "widget"
    assert "Alle Rechte vorbehalten" not in text
