"""A site's notices are told from prose by their whole formula: each notice below is
named, and each sentence of news prose that shares its words (many found by a review of
the rules) stays prose."""

from __future__ import annotations

from datetime import date

import pytest

from newsmill.extract.absolute_dates import find_absolute_dates
from newsmill.extract.page_notices import notice_kind

NOTICES = [
    ("By signing up, you agree to receive recurring automated SMS marketing messages.", "widget"),
    ("By clicking Sign Me Up, you confirm you are 16+ and agree to our Terms of Use.", "widget"),
    ("Thank you for subscribing to our daily newsletter.", "widget"),
    ("Sign up for our newsletter for mental health tips, updates, and events", "widget"),
    ("Get the Watch Party newsletter in your inbox every Friday: subscribe now!", "widget"),
    ("Follow us on Telegram, Facebook and X for the latest news.", "widget"),
    ("*** Follow me on Instagram for a daily moment of travel inspiration ***", "widget"),
    ("12 Comments", "widget"),
    ("Comments (12)", "widget"),
    ("12 комментариев", "widget"),
    ("0 komentāru", "widget"),
    ("Post a comment!", "widget"),
    (
        "viewed_cookie_policy | 11 months | The cookie is set by the GDPR Cookie Consent plugin.",
        "widget",
    ),
    ("We use cookies to give you the best experience.", "widget"),
    ("Customize Your Cookie Settings", "widget"),
    ("Šī vietne izmanto sīkdatnes, lai uzlabotu lietošanu.", "widget"),
    ("Since you made it to the bottom of this article, we have a small favor to ask.", "ad"),
    ("If stories like this matter to you, please consider pitching in what you can.", "ad"),
    ("If you buy through our links, we may earn a commission at no cost to you.", "ad"),
    ("Copyright © 2023 NPR. All rights reserved.", "footer"),
    ("© Reuters 2019", "footer"),
    ("(c) 2024 Acme Media Ltd.", "footer"),
    ("Acme Media Ltd. All rights reserved.", "footer"),
    ("Visas tiesības aizsargātas.", "footer"),
    ("© 2024 Spiegel-Verlag. Alle Rechte vorbehalten.", "footer"),
    ("Tous droits réservés", "footer"),
    ("Todos los derechos reservados.", "footer"),
    ("Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.", "widget"),
    ("Ce site utilise des cookies pour améliorer votre expérience.", "widget"),
    ("Este sitio web utiliza cookies para mejorar su experiencia.", "widget"),
    ("Abonnieren Sie unseren Newsletter!", "widget"),
    ("Inscrivez-vous à notre newsletter", "widget"),
    ("Suscríbete a nuestro boletín", "widget"),
    ("Folgen Sie uns auf Facebook und Instagram", "widget"),
    ("Suivez-nous sur les réseaux sociaux", "widget"),
    ("Síguenos en Twitter", "widget"),
    ("12 Kommentare", "widget"),
    ("3 commentaires", "widget"),
    ("Deja un comentario", "widget"),
    ("Schreibe einen Kommentar", "widget"),
    ("Wir nutzen Cookies, um unsere Website zu verbessern.", "widget"),
    ("Esta web utiliza cookies propias y de terceros.", "widget"),
    ("Tous droits de reproduction réservés", "footer"),
    ("Reservados todos los derechos.", "footer"),
    ("© 2025 ERR. Kõik õigused kaitstud.", "footer"),
    ("Visos teisės saugomos.", "footer"),
    ("Ši svetainė naudoja slapukus.", "widget"),
    ("See veebileht kasutab küpsiseid.", "widget"),
    ("12 komentarų", "widget"),
    ("Kommentaarid (5)", "widget"),
    ("Like this story? Share it with a friend!", "widget"),
    ("Share this article with your friends", "widget"),
    ("Share with a friend", "widget"),
    ("This slideshow requires JavaScript.", "widget"),
    ("© 2024 Folha. Todos os direitos reservados.", "footer"),
    ("Riproduzione riservata", "footer"),
    ("Wszelkie prawa zastrzeżone.", "footer"),
    ("12 comentários", "widget"),
    ("Commenti (3)", "widget"),
    ("15 komentarzy", "widget"),
    ("Este site utiliza cookies para melhorar a sua experiência.", "widget"),
    ("Questo sito utilizza cookie tecnici.", "widget"),
    ("Ta strona korzysta z plików cookies.", "widget"),
    ("Ta strona używa ciasteczek.", "widget"),
    ("Questo sito fa uso di cookies.", "widget"),
    ("Este website utiliza cookies.", "widget"),
    ("Wszystkie prawa zastrzeżone.", "footer"),
    ("Deixe seu comentário", "widget"),
    ("Lascia un commento", "widget"),
    ("Dodaj komentarz", "widget"),
]

PROSE = [
    "The foundation pledged $5 million on Tuesday to support local journalism in rural counties.",
    "The mayor asked residents to consider pitching in to clear the snow from the bridge.",
    "Most readers accept cookies without reading the banner, the regulator's study found.",
    "Regulators want browsers to remember cookie preferences across every site a user visits.",
    "Inspekcija konstatēja, ka vietne izmanto sīkdatnes bez lietotāju piekrišanas.",
    "По данным проверки, сайт использует cookie без согласия пользователей.",
    "By clicking 'accept', you agree to let the company sell your data, the lawsuit alleges.",
    "“I earn a commission only when the house sells,” said agent Maria Lopez.",
    "“We will receive a share of sales from the new drug,” the chief executive said.",
    "The paper's newsletter has lost readers who say they no longer want to sign up.",
    "“Follow me,” the officer shouted, leading the group out of the burning building.",
    "(c) the company must publish its accounts within 30 days of the year's end.",
    "The singer said she had kept all rights reserved for her early recordings.",
    "Comments from readers shaped the second half of the plan.",
    "Komentāri par likumprojektu tika iesniegti Saeimā ceturtdien.",
    "Kommentar",
    "Jetzt hat der Verlag seinen Newsletter eingestellt.",
    "Die Behörde prüft, ob diese Website Cookies ohne Einwilligung setzt.",
    "Der Autor hat sich alle Rechte vorbehalten, sagte sein Anwalt.",
    "Les commentaires des lecteurs ont changé le projet.",
    "La ministra dijo que los comentarios de la oposición no la afectan.",
    "Suivez-nous, a crié le policier en sortant de l'immeuble.",
    "Komentarai apie įstatymą buvo pateikti Seimui ketvirtadienį.",
    "Kommentaarid eelnõule esitati Riigikogule neljapäeval.",
    # Found by a review: "küpsis" is a biscuit too; "Kommentaar" heads an opinion piece.
    "Kasutame küpsiseid ja võid põhja jaoks.",
    "Kommentaar",
    "She baked a cake to share with friends.",
    "We share this view with friends of the council.",
    "The slideshow requires a projector, the teacher said.",
    # Found by a review: the call inside prose or a quotation.
    "The app lets you take a photo. Share it with friends, and they can add comments.",
    "Found a great book? Share it with a friend: libraries say lending is up 20 per cent.",
    '"We must act now. Share it with your friends," the campaign\'s founder said.',
    "Os comentários dos leitores mudaram o projeto.",
    "I commenti dei lettori hanno cambiato il progetto.",
    "Komentarz",
    "Comentário",
]


@pytest.mark.parametrize(("text", "kind"), NOTICES)
def test_notices_are_named(text: str, kind: str) -> None:
    assert notice_kind(text) == kind


@pytest.mark.parametrize("text", PROSE)
def test_prose_sharing_their_words_stays(text: str) -> None:
    assert notice_kind(text) is None
    assert notice_kind(text, page_lines=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "Updated March 13, 2024",
        "Updated: March 13, 2024 | 11:15 AM | By Jane Doe",
        "Last updated on September 16th, 2023 at 09:27 am",
        "Published on May 02, 2024 07:44 PM IST",
        "Posted by David at December 16, 2025 11:15 AM",
        "Publicēts 28.09.2023. 14:05",
        "Veröffentlicht am 15. Dezember 2025 um 14:05 Uhr",
        "Mis à jour le 1er mars 2024 à 14h05",
        "Publicado el 15 de diciembre de 2025",
        "Stand: 15.12.2025, 14:05 Uhr",
        "Publié le 1er mars 2024 à 14 h 05 par Marie Dupont",
        "Publicado el 15 de diciembre de 2025 a las 14:05 h",
        "Paskelbta 2025 m. gruodžio 15 d. 14:05",
        "Avaldatud 15. detsembril 2025",
        "Uuendatud 13.03.2024 kell 11:15",
        "Updated 1:23 PM ET, Tue November 19, 2019",
        "Updated: 12:30 PM EST Nov 19, 2019",
        "Updated Monday, March 13, 2024",
        "Updated at 1:23 p.m.",
        "Last updated at 10:15 a.m. EST",
        "Published 3 hours ago",
        "Updated 2 mins ago by Jane Doe",
    ],
)
def test_a_line_that_only_dates_the_page(text: str) -> None:
    assert notice_kind(text, page_lines=True) == "other"
    assert notice_kind(text) is None  # not on a listing, whose items are dated posts


@pytest.mark.parametrize(
    "text",
    [
        "Published March 3, 2024, the audit drew fury.",
        "Updated figures released on March 1, 2024 showed inflation fell.",
        "Publicēts 2023. gada 28. septembrī, ziņojums izraisīja skandālu.",
        "Published in 2019, the report found that half the bridges needed repair.",
        "Last updated: December 2025.",
        "Veröffentlicht am 15. Dezember 2025 wurde der Bericht sofort kritisiert.",
        "Publié le 1er mars 2024, le rapport a fait scandale.",
        "Stand der Dinge am 15.12.2025: der Bericht ist fertig.",
        "Updated at 1:23 p.m. the council said the bridge would stay shut.",
        "Updated 3 hours ago, the forecast now calls for snow.",
        "Published Monday, the report found half the bridges needed repair.",
        "Updated at 1:23 p.m. and again at 2:40 p.m.",
    ],
)
def test_prose_that_opens_like_a_dateline_stays(text: str) -> None:
    assert notice_kind(text, page_lines=True) is None


def test_tag_lines_and_sentences_after_a_tag_label() -> None:
    assert notice_kind("Tags: Employment, Health & Fitness", page_lines=True) == "navigation"
    assert notice_kind("Tēmas: Lībija, Krievija", page_lines=True) == "navigation"
    assert notice_kind("Schlagworte: Libyen, Russland", page_lines=True) == "navigation"
    assert notice_kind("Mots-clés : Libye, Russie", page_lines=True) == "navigation"
    assert notice_kind("Etiquetas: Libia, Rusia", page_lines=True) == "navigation"
    assert notice_kind("Žymės: Vilnius, Seimas", page_lines=True) == "navigation"
    assert notice_kind("Märksõnad: Tallinn, Riigikogu", page_lines=True) == "navigation"
    assert notice_kind("Tags: Employment, Health & Fitness") is None
    topic = "Topic: why the council voted to close three schools, and what parents can do next."
    assert notice_kind(topic, page_lines=True) is None


def test_long_paragraphs_are_never_notices() -> None:
    prose = "The council met again on Friday to discuss the budget. " * 7
    assert notice_kind(prose + "All rights reserved.") is None


def test_russian_days_in_words_are_read_and_date_a_line() -> None:
    assert find_absolute_dates("Опубликовано 5 марта 2024 года") == [(13, 25, date(2024, 3, 5))]
    assert find_absolute_dates("Обновлено: 12 мая 2023, 14:05")[0][2] == date(2023, 5, 12)
    assert find_absolute_dates("31 февраля 2024") == []  # no such day
    assert find_absolute_dates("2 маяка 2024") == []  # "маяк" is a lighthouse
    assert notice_kind("Опубликовано 5 марта 2024 года", page_lines=True) == "other"
    assert notice_kind("Опубликовано 5 марта 2024 г. 12:30", page_lines=True) == "other"
    prose = "Опубликовано 5 марта 2024 года, доклад вызвал скандал."
    assert notice_kind(prose, page_lines=True) is None
