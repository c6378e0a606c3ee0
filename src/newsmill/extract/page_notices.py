"""Notices a site prints beside every article: sign-up consent, thanks and newsletter
calls, calls to follow, comment or share, cookie notices, appeals for support, affiliate
disclosures, copyright lines; and lines that only carry the page's date or tags.

They stand inside the article's container and read like prose ("By signing up, you
agree to receive…"), so the block model keeps some of them; their wording gives them
away. Each pattern is a whole formula, anchored where the formula starts a line, not a
word ("subscribe", "cookies" or "all rights reserved" alone are often the article's own
topic), and only short paragraphs are looked at: a notice is a sentence or three.
Written by hand: these formulas are the product's knowledge of news templates, in the
languages it reads (English, Latvian, Russian; German, French and Spanish for the
commonest: copyright, cookies, newsletters, follow and comment calls; Portuguese,
Italian and Polish copyright, cookie and comment lines; Lithuanian and Estonian
copyright, cookie, comment and date lines).
"""

from __future__ import annotations

import re

from newsmill.extract.html_dates import dates_in_text
from newsmill.record import BoilerplateKind

# Longer paragraphs are prose that may quote a notice, never a notice.
NOTICE_MAX_WORDS = 60
# ... and longer strings, of few long "words", are no notice either (this bounds the
# formulas' time: "©" and 4,000 dots took the copyright formula half a second).
NOTICE_MAX_CHARS = 1_000

# What may stand before a formula at the start of a line: bullets and rules, never a
# quotation mark (a quoted "Follow me," is someone speaking).
_LEAD = r"^[\s*•·|#>–—-]*"
_PLATFORMS = (
    r"(?:facebook|twitter|x|instagram|linkedin|youtube|tiktok|telegram|threads|bluesky|"
    r"mastodon|whatsapp|pinterest|sociāl\w*|социальн\w*|вконтакте|vk|sozialen|réseaux|redes)"
)


def _formula(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Each notice: its kind, words one of which its formula holds (casefolded: a cheap test
# that leaves most paragraphs before any regex runs) and its wording.
_NOTICES: tuple[tuple[BoilerplateKind, tuple[str, ...], re.Pattern[str]], ...] = (
    # Sign-up consent: "By signing up, you agree to receive … / to our Terms".
    (
        "widget",
        ("you agree", "you acknowledge", "you consent", "you confirm"),
        _formula(
            _LEAD + r"by (?:signing up|subscribing|clicking|submitting|registering|entering)\b"
            r"[^.!?]{0,160}?\byou (?:agree|acknowledge|consent|confirm)\b[^.!?]{0,160}?"
            r"\b(?:terms|privacy|policy|receive|e-?mails?|marketing|messages|newsletters?|"
            r"communications)\b"
        ),
    ),
    (
        "widget",
        ("thank",),
        _formula(_LEAD + r"(?:thanks|thank you) for (?:signing up|subscribing|registering)\b"),
    ),
    # Newsletter calls: "Sign up for our newsletter…", "…newsletter. Subscribe now".
    (
        "widget",
        ("newsletter", "jaunum", "vēstul", "рассылк", "новост", "boletín"),
        _formula(
            _LEAD + r"(?:sign up|subscribe)\b[^.!?]{0,80}\bnewsletters?\b"
            r"|\bnewsletters?\b[^.!?]{0,100}\b(?:sign up|subscribe) (?:now|today|here|for free)"
            r"\W*$"
            r"|" + _LEAD + r"(?:piesakies|piesakieties|abonē|abonējiet)\b[^.!?]{0,80}"
            r"\b(?:jaunum|vēstul)"
            r"|" + _LEAD + r"(?:подпишитесь|подписывайтесь)\b[^.!?]{0,80}\b(?:рассылк|новост)"
            r"|" + _LEAD + r"(?:abonnieren sie|abonniere|melden sie sich)\b[^.!?]{0,40}"
            r"\bnewsletter\b"
            r"|" + _LEAD + r"(?:abonnez-vous|inscrivez-vous|inscris-toi|abonne-toi)\b[^.!?]{0,40}"
            r"\bnewsletter\b"
            r"|" + _LEAD + r"(?:suscríbete|suscríbase|regístrate)\b[^.!?]{0,40}"
            r"\b(?:newsletter|boletín)\b"
        ),
    ),
    # Calls to follow (on a named network) or to comment, and bare comment counts.
    (
        "widget",
        (
            "follow",
            "connect with",
            "find us",
            "find me",
            "seko",
            "подписывайтесь",
            "folgen sie",
            "folge uns",
            "suivez",
            "síguenos",
            "síganos",
            "comment",
            "kommentar",
            "comentario",
            "komentar",
            "kommentaar",
            "komentār",
            "comentário",
            "commento",
            "commenti",
            "komentarz",
            "коммент",
            "reply",
            "discussion",
        ),
        _formula(
            _LEAD + r"(?:follow (?:us|me)|connect with (?:us|me)|find (?:us|me)|seko mums|"
            r"sekojiet mums|подписывайтесь на нас|folgen sie uns|folge uns|suivez-nous|"
            r"síguenos|síganos)\b[^.!?]{0,40}?\b" + _PLATFORMS + r"\b"
            r"|" + _LEAD + r"(?:\d+\s+)?(?:comments?|komentār(?:i|s|u|a)|"
            r"комментари(?:й|я|ев|и)|kommentare|commentaires?|comentarios?|komentar(?:ai|ų)|"
            r"kommentaari|kommentaarid|comentários|commenti|komentarz(?:e|y))\W*(?:\(\d+\))?\W*$"
            r"|" + _LEAD + r"(?:leave|post|add|write|join) (?:a|the) (?:comment|reply|discussion)"
            r"\W*$"
            r"|" + _LEAD + r"(?:pievieno|pievienot|raksti|rakstīt) komentāru\W*$"
            r"|" + _LEAD + r"(?:оставить|добавить|написать) комментарий\W*$"
            r"|" + _LEAD + r"(?:schreibe(?:n sie)?|hinterlasse(?:n sie)?) einen kommentar\W*$"
            r"|" + _LEAD + r"(?:laisser|laissez|ajouter|écrire) un commentaire\W*$"
            r"|" + _LEAD + r"(?:deja|dejar|deje|escribe|añadir) (?:un|tu|su) comentario\W*$"
            r"|" + _LEAD + r"deixe (?:um|seu|o seu|o teu) comentário\W*$"
            r"|" + _LEAD + r"lascia (?:un|il tuo) commento\W*$"
            r"|" + _LEAD + r"(?:dodaj|napisz) komentarz\W*$"
        ),
    ),
    # Calls to pass the page on, and a slideshow plugin's note where its script did not run.
    (
        "widget",
        ("share it with", "share this", "share with", "slideshow requires"),
        _formula(
            # The call ends the block, and no one is quoted in it ("Share it with your
            # friends," the founder said).
            r"^[^\"“”„«»]*(?:^|[.!?]\s+)(?:please )?share (?:it |this (?:(?:story|article|post|"
            r"page) )?)?with (?:a friend|your friends|friends)[!.]*$"
            r"|" + _LEAD + r"this slideshow requires javascript\W*$"
        ),
    ),
    # Cookie notices and consent plugins' cookie tables.
    (
        "widget",
        ("cookie", "sīkdat", "slapuk", "küpsis", "ciastecz"),
        _formula(
            r"\b(?:this|the) cookie is (?:set|used) by (?:the )?(?:gdpr|cookie|plugin)"
            r"|\bcookie consent plugin\b"
            r"|" + _LEAD + r"(?:we use cookies|this (?:web)?site uses cookies|"
            r"(?:šī )?vietne izmanto sīkdatnes|mēs izmantojam sīkdatnes|"
            r"(?:этот )?сайт использует (?:файлы )?cookie|мы используем (?:файлы )?cookie|"
            r"diese (?:web)?(?:seite|site) (?:verwendet|nutzt) cookies|"
            r"wir (?:verwenden|nutzen) cookies|ce site (?:web )?utilise des cookies|"
            r"nous utilisons des cookies|este sitio (?:web )?(?:utiliza|usa) cookies|"
            r"esta web (?:utiliza|usa) cookies|utilizamos cookies|usamos cookies|"
            r"(?:ši )?svetainė naudoja slapukus|naudojame slapukus|"
            r"(?:see )?veebi(?:leht|sait) kasutab küpsiseid|"
            r"este (?:site|sítio|website|portal) (?:utiliza|usa) cookies|"
            r"questo sito (?:web )?(?:utilizza|usa|fa uso di) (?:i )?cookies?|"
            r"utilizziamo (?:i )?cookies?|questo sito o gli strumenti terzi|"
            r"noi e terze parti selezionate utilizziamo cookie|"
            r"(?:ta )?(?:strona|witryna|serwis)(?: internetowa)? (?:korzysta z|używa|wykorzystuje|"
            r"stosuje) (?:plików |pliki |ciasteczek)?(?:cookies?)?|używamy (?:plików )?cookies?|"
            r"korzystamy z (?:plików )?cookies?)(?!\w)"
            r"|" + _LEAD + r"(?:accept (?:all )?cookies|(?:customi[sz]e |manage )?(?:your )?"
            r"cookie (?:settings|preferences)|sīkdatņu iestatījumi)\W*$"
        ),
    ),
    # Appeals for support, addressed to the reader.
    (
        "ad",
        ("favor to ask", "favour to ask", "please", "support our"),
        _formula(
            r"\bsmall favou?r to ask\b|\bplease (?:consider )?(?:pitching in|donating|"
            r"supporting us)\b|\bsupport our (?:\w+ )?(?:journalism|reporting|newsroom)\b"
        ),
    ),
    # Affiliate disclosures: a commission on what the reader buys through a link.
    (
        "ad",
        ("commission", "share of"),
        _formula(
            r"^(?=.*\b(?:links?|buy|purchases?|shop|click)\b)"
            r".*\b(?:we|i) (?:may |might |will |could )?(?:earn|receive|get|make) (?:a |an )?"
            r"(?:small |tiny )?(?:commission|affiliate commission|share of (?:the )?sales)"
        ),
    ),
    # Copyright lines: "© 2023 NPR", "Copyright 2019 …", "… Ltd. All rights reserved."
    (
        "footer",
        (
            "©",
            "(c)",
            "copyright",
            "rights reserved",
            "tiesības aizsargātas",
            "права защищены",
            "rechte vorbehalten",
            "droits réservés",
            "droits de reproduction réservés",
            "reservados todos",
            "teisės saugomos",
            "õigused kaitstud",
            "derechos reservados",
            "direitos reservados",
            "diritti riservati",
            "riproduzione riservata",
            "prawa zastrzeżone",
        ),
        _formula(
            _LEAD + r"(?:copyright\s*)?(?:©\s*(?:\d{4}|[^\W\d_])|\(c\)\s*\d{4})"
            r"|" + _LEAD + r"copyright\s+(?:©\s*)?\d{4}"
            r"|(?:^|[.!?©]|\d{4})\W*(?:all rights reserved|visas tiesības aizsargātas|"
            r"все права защищены|alle rechte vorbehalten|tous droits réservés|"
            r"tous droits de reproduction réservés|todos los derechos reservados|"
            r"reservados todos los derechos|visos teisės saugomos|kõik õigused kaitstud|"
            r"todos os direitos reservados|tutti i diritti riservati|riproduzione riservata|"
            r"(?:wszelkie|wszystkie) prawa zastrzeżone)\W*$"
        ),
    ),
)

# A line that only dates the page ("Updated March 13, 2024 | 11:15 AM | By Jane Doe",
# "Publicēts 28.09.2023. 14:05"): the record's dates hold it; in the text it is
# furniture. Between the label and the day stands at most "on", "at" or a byline;
# after the day, at most a time, a zone and a byline.
DATELINE_MAX_WORDS = 16
_DATELINE_LABEL = _formula(
    _LEAD + r"(?:last |first )?(?:updated|published|posted|modified|publicēts|atjaunots|"
    r"atjaunināts|опубликовано|обновлено|veröffentlicht|aktualisiert|stand|publié|mis à jour|"
    r"paskelbta|atnaujinta|avaldatud|uuendatud|"
    r"publicado|actualizado)(?=[\s:,|–—-]|$)"
)
_SEPARATORS = r"[\s,.:;|·•–—-]*+"
_BYLINE = r"(?:(?:by|von|par|por)\s+[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3})"
# A clock time, with its "at" and its half of the day: "at 1:23 p.m.", "14:05 Uhr", "14 h 05".
_TIME = (
    r"(?:(?:at|um|à|a las|kell)\s+)?\d{1,2}(?:[:.]|\s?h\s?)\d{2}"
    r"(?:\s*(?:[ap]\.?m\.?|uhr|h))?"
)
_ZONE = r"(?:(?-i:[A-Z]{2,5})\b)"
# US news sites put the time first and the weekday before the day: "Updated 1:23 PM ET,
# Tue November 19, 2019".
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)"


def _spaced(*parts: str) -> str:
    """The parts in order, separators between and after them, to the end of the text."""
    return _SEPARATORS.join(parts) + _SEPARATORS + "$"


_BEFORE_DAY = re.compile(
    _SEPARATORS
    + _spaced(
        r"(?:(?:on|at|am|le|el)|" + _BYLINE + r"(?:\s+(?:on|at))?)?",
        r"(?:" + _TIME + _SEPARATORS + _ZONE + r"?)?",
        _WEEKDAY + r"?",
    ),
    re.IGNORECASE,
)
_AFTER_DAY = re.compile(
    r"(?:\s*(?:года|г\.))?"
    + _SEPARATORS
    + _spaced(r"(?:" + _TIME + r")?", _ZONE + r"?", _BYLINE + r"?"),
    re.IGNORECASE,
)
# A label and only a time, clock or relative: "Updated at 1:23 p.m.", "Published 3 hours
# ago" (English news templates).
_TIME_ONLY = re.compile(
    _SEPARATORS
    + _spaced(
        r"(?:" + _TIME + _SEPARATORS + _ZONE + r"?"
        r"|\d{1,3}\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago)",
        _BYLINE + r"?",
    ),
    re.IGNORECASE,
)

# Any notice's words, at once: most paragraphs hold none and need no closer look.
_ANY_NEEDLE = re.compile("|".join(re.escape(n) for _, needles, _ in _NOTICES for n in needles))

# A line that only lists the page's tags or section: "Tags: Employment, Health".
TAG_MAX_WORDS = 5
_TAGS_LABEL = _formula(
    _LEAD + r"(?:tags?|topics?|filed under|categories|category|tēmas|birkas|теги|темы|"
    r"рубрика|schlagworte|schlagwörter|stichwörter|themen|mots-clés|mots clés|étiquettes|"
    r"etiquetas|temas|žymės|temos|märksõnad|teemad)\s*:"
)


def notice_kind(text: str, *, page_lines: bool = False) -> BoilerplateKind | None:
    """The kind of notice a paragraph is, or None for anything else. ``page_lines``:
    whether a line that only dates the page or lists its tags counts (on an article
    page, not on a listing whose items are dated, tagged posts)."""
    words = len(text.split())
    if words > NOTICE_MAX_WORDS or len(text) > NOTICE_MAX_CHARS:
        return None
    folded = text.casefold()
    if _ANY_NEEDLE.search(folded):
        for kind, needles, pattern in _NOTICES:
            if any(needle in folded for needle in needles) and pattern.search(text):
                return kind
    if page_lines and words <= DATELINE_MAX_WORDS and _is_dateline(text):
        return "other"
    if page_lines and _is_tags_line(text):
        return "navigation"
    return None


def _is_dateline(text: str) -> bool:
    label = _DATELINE_LABEL.match(text)
    if label is None:
        return False
    days = dates_in_text(text)
    if not days:
        return bool(_TIME_ONLY.match(text[label.end() :]))
    start, end, _ = days[0]
    return bool(_BEFORE_DAY.match(text[label.end() : start]) and _AFTER_DAY.match(text[end:]))


def _is_tags_line(text: str) -> bool:
    """A label and a list of short names, not a sentence ("Topic: why the council…")."""
    label = _TAGS_LABEL.match(text)
    if label is None:
        return False
    items = [item.split() for item in re.split(r"[,;|/]", text[label.end() :])]
    return all(len(words) <= TAG_MAX_WORDS for words in items) and any(items)
