"""Bytes to text: BOM, declared charset, UTF-8, then detection with a plausibility tie-break.

Pages arrive in legacy single-byte encodings with no reliable label, and the detector
(charset-normalizer) often cannot tell close code pages apart on a sentence or two:
Windows-1257 Latvian comes back as cp1250 or cp1252 with every ``ā``/``š`` wrong. So
its top guesses and a few common code pages are re-ranked by how plausible each
decoding looks: letters that belong together in one known alphabet or script, no C1
controls, no stray accents or symbols inside words. This is a tie-break over whole
decodings, not a charset detector of our own.

Text that was UTF-8, read as Latin-1 or Windows-1252 and saved as UTF-8 again
("doesnâ€™t" for "doesn’t") is common in crawls; ftfy, made for exactly this, undoes
it. It costs about 100 ms per 100 KB of text, so it runs only where one regex pass over
the bytes finds a signature double encoding leaves, and then only on the runs of text
between tags that show one.
"""

from __future__ import annotations

import codecs
import encodings
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from charset_normalizer import from_bytes
from charset_normalizer.constant import IANA_SUPPORTED

from newsmill.errors import BinaryInput, DecodeFailed, EmptyInput

__all__ = ["decode_bytes", "normalize_newlines", "sniff_meta_charset"]

# How much of the input the cheap checks, the detector and the scoring look at.
_BINARY_SAMPLE = 64 * 1024
_DETECT_SAMPLE = 256 * 1024
_SCORE_SAMPLE = 32 * 1024
_META_WINDOW = 4096

# Share of control bytes above which the input is taken for binary.
_MAX_CONTROL_RATIO = 0.05
# Decodings whose plausibility cost is within this of the best count as a tie.
_TIE_MARGIN = 0.05
# Extra code pages always weighed next to the detector's guesses: Baltic, Central
# European, Cyrillic and Western, the ones short texts are most often confused in.
_EXTRA_CANDIDATES = (
    "cp1257",
    "iso8859_13",
    "iso8859_4",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "cp1252",
    "latin_1",
)
_MAX_DETECTOR_CANDIDATES = 6
# What UTF-8 read as Latin-1 or Windows-1252 and written out as UTF-8 again leaves in the
# bytes: a Latin-1 letter, then a C1 control ("â\x80\x99" for ’, "Ä\x81" for ā); "Â",
# "Ã", "Ä" or "Å", then a Latin-1 sign or a Windows-1252 letter or quote ("Ã©" for é,
# "Ä«" for ī, "Å¡" for š, "Ä“" for ē, "Â\xa0" for a no-break space); or "â€". Real text
# all but never holds these pairs, while "café’s" or "é »" do not match. One regex pass,
# about 0.15 ms on 200 KB.
_DOUBLE_ENCODED = re.compile(
    rb"\xc3(?:[\x80-\xbf]\xc2[\x80-\x9f]|[\x82-\x85](?:\xc2[\xa0-\xbf]|[\xc5\xc6\xcb\xe2])"
    rb"|\xa2\xe2\x82\xac)"
)
# The same pairs as decoded text, to find the runs to repair: C1 controls after a Latin-1
# letter; Latin-1 signs, Latin Extended-A/B letters, spacing modifiers or punctuation after
# "Â", "Ã", "Ä" or "Å"; "â€". It matches where the bytes form does (a test holds the two
# together), but over a whole page it takes about 50 times as long (7 ms on 220 KB), so
# the bytes form screens every page and this one only reads the pages it flags.
_DAMAGED_TEXT = re.compile(
    "[\u00c0-\u00ff][\u0080-\u009f]"
    "|[\u00c2-\u00c5][\u00a0-\u00bf\u0140-\u01bf\u02c0-\u02ff\u2000-\u2fff]"
    "|\u00e2\u20ac"
)
# A run of text between tags, or a line of plain text.
_TEXT_RUN = re.compile(r"[^<>\n]+")
# Longer runs are script data (a shop page's 3 MB JSON), not prose: ftfy would take
# seconds on them and the article never stands in one.
MAX_REPAIRED_RUN = 50_000
REPAIRED_SUFFIX = "+repaired"
# Preference among decodings that score alike: Windows-1252 (the web's default
# legacy encoding), then the encodings most pages in their script use (the
# other Windows code pages, the main CJK ones), then the rest of WHATWG's legacy
# set (ISO 8859, KOI8, Mac). Anything else (DOS and rare code pages, which the
# detector proposes for short text) also pays a fixed cost, so it wins only on
# clear evidence. Python codec names.
_PREFERRED_ENCODINGS = frozenset(
    (
        *(f"cp125{n}" for n in range(9)),
        *("gbk", "gb18030", "gb2312", "big5", "big5hkscs", "shift_jis", "cp932", "euc_jp"),
        *("euc_jis_2004", "euc_jisx0213", "shift_jis_2004", "shift_jisx0213", "euc_kr", "cp949"),
        *("iso2022_jp", "iso2022_jp_2", "iso2022_kr", "utf_8"),
    )
)
_WEB_ENCODINGS = _PREFERRED_ENCODINGS | frozenset(
    (
        *(f"iso8859_{n}" for n in range(1, 17)),
        *("latin_1", "mac_roman", "mac_cyrillic", "cp866", "tis_620", "cp874", "koi8_r", "koi8_u"),
    )
)
_RARE_ENCODING_COST = 0.2

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16-LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Codecs a label may name: the text encodings charset-normalizer knows, without
# UTF-7 (a known XSS vector that no page legitimately uses).
_ALLOWED_CODECS = (frozenset(IANA_SUPPORTED) | {"iso8859_1"}) - {"utf_7"}
# What browsers do with a few labels (WHATWG Encoding): ISO-8859-1 and ASCII
# pages are really Windows-1252, ISO-8859-9 ones Windows-1254.
_LABEL_REMAP = {
    "iso8859_1": "cp1252",
    "latin_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
}

_META_CHARSET_RE = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9][A-Za-z0-9_.:+\-]*)""",
    re.IGNORECASE,
)
_XML_ENCODING_RE = re.compile(
    rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9][A-Za-z0-9_.:+\-]*)""",
    re.IGNORECASE,
)

# Control bytes that never occur in text (TAB, LF, VT, FF, CR and ESC do; ESC
# starts ISO-2022 shifts).
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])
_WHITESPACE_CONTROLS = frozenset("\t\n\x0b\x0c\r\x1b")
# Non-ASCII characters that do occur inside words: apostrophes, the Catalan
# middle dot, hyphens, soft hyphen, zero-width (non-)joiners.
_IN_WORD_PUNCTUATION = frozenset("\u2019\u02bc\u00b7\u2010\u2011\u00ad\u200c\u200d")

# Letters beyond ASCII that each Latin-script language writes with (lower case),
# roughly most frequent first. A right decoding puts a text's accented letters
# into one alphabet, mostly its common letters; a wrong one scatters them
# (``â î ð û þ`` is no language's alphabet) or lands on a language's rarest ones
# (Latvian ``ā ī ē`` read as Windows-1252 is ``â î ç``: French letters, but
# French would have ``é`` long before those).
_LATIN_ALPHABETS: tuple[dict[str, float], ...] = tuple(
    {letter: max(0.5, 1.0 - 0.04 * rank) for rank, letter in enumerate(letters)}
    for letters in (
        "āīēšūņžļčķģ",  # Latvian
        "ėšųįąūžčę",  # Lithuanian
        "äõüöšž",  # Estonian
        "äöåšž",  # Finnish
        "üäöß",  # German
        "éèàêçâîôûùëïœæÿü",  # French
        "óíáéñúü",  # Spanish
        "ãéçáíóõêúâàô",  # Portuguese
        "àèùòéìíóî",  # Italian
        "èéàóíçòúïü",  # Catalan
        "łęążóśćńź",  # Polish
        "íáéěýčřžšůúňťďó",  # Czech
        "áíéýúčžšäôľňťďóĺŕ",  # Slovak
        "éáőöóíüúű",  # Hungarian
        "ăîșțâşţ",  # Romanian (comma and cedilla forms)
        "čšžćđ",  # Croatian, Bosnian, Serbian Latin, Slovene
        "ışçğüöâîû",  # Turkish
        "əışçğöü",  # Azerbaijani
        "áðíóéúæþöý",  # Icelandic
        "øåæéó",  # Danish, Norwegian
        "äåöé",  # Swedish
        "éëïèöüáàó",  # Dutch
        "ħżġċàèìòù",  # Maltese
        "ëç",  # Albanian
        "ĉĝŝĵĥŭ",  # Esperanto
        "áíéóú",  # Irish
        "âŵŷêôîûïëäöü",  # Welsh
    )
)
# Scripts whose letters all belong to one writing system for this purpose.
_SCRIPT_GROUPS = {
    "HIRAGANA": "CJK",
    "KATAKANA": "CJK",
    "HANGUL": "CJK",
    "FULLWIDTH": "CJK",
    "HALFWIDTH": "CJK",
    "IDEOGRAPHIC": "CJK",
}
# Scripts written without spaces between words: mixing scripts and punctuation
# inside their runs is normal.
_UNSPACED_SCRIPTS = frozenset(("CJK", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN"))
# Half-width katakana: rare in real text, and what single-byte text read as
# Shift_JIS turns into.
_HALFWIDTH_KANA_START, _HALFWIDTH_KANA_END = 0xFF61, 0xFF9F


def decode_bytes(data: bytes, uri: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text and name the encoding used.

    The order is: byte-order mark; ``declared`` (an HTTP header charset) or a
    ``<meta>``/XML charset sniffed from the first 4 KB; strict UTF-8; detection.
    Valid UTF-8 with non-ASCII characters beats a declaration, since pages that
    say ISO-8859-1 but are UTF-8 are common and the converse is vanishingly rare;
    so does UTF-8 damaged only by a cut-off last character or a few bad bytes
    (repaired with U+FFFD). UTF-16/32 without a BOM and 7-bit ISO-2022 are
    recognised too.
    A leading BOM is removed and newlines are normalised to ``\\n``.

    Raises ``EmptyInput`` for empty or blank input, ``BinaryInput`` for data that
    is not text, ``DecodeFailed`` when a BOM promises an encoding the data breaks.
    """
    if not data.strip():
        raise EmptyInput(uri, "the input is empty" if not data else "the input is blank")

    text, encoding = _decode(data, uri, declared)
    if text.startswith("\ufeff"):
        text = text[1:]
    if encoding == "utf-8" and _DOUBLE_ENCODED.search(data):
        repaired = _repair_double_encoding(text)
        if repaired != text:
            text, encoding = repaired, encoding + REPAIRED_SUFFIX
    if not text.strip():
        raise EmptyInput(uri, "the input is blank")
    return normalize_newlines(text), encoding


def _repair_double_encoding(text: str) -> str:
    """ftfy's encoding repairs only: its other fixes (quotes, widths, ligatures, entities,
    Unicode normalisation) would change text that is not broken. Imported here, as few
    inputs need it and the import costs about a tenth of a second."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )

    # Only the runs of text between tags that show the damage go through ftfy: on a whole
    # page it takes about 100 ms per 100 KB (5 s on a 5 MB page), on the runs a few ms.
    def repaired(run: re.Match[str]) -> str:
        found = run.group()
        damaged = len(found) <= MAX_REPAIRED_RUN and _DAMAGED_TEXT.search(found)
        return ftfy.fix_text(found, config) if damaged else found

    return _TEXT_RUN.sub(repaired, text)


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag or XML declaration in the first 4 KB names.

    Returns a Python codec name (``cp1257``, ``utf-8``) or ``None`` when there is
    no declaration or it names no text encoding we accept.
    """
    head = data[:_META_WINDOW]
    if b"<" not in head:
        return None
    match = _XML_ENCODING_RE.search(head) or _META_CHARSET_RE.search(head)
    if match is None:
        return None
    return _codec_for_label(match.group(1).decode("ascii", "replace"))


# --- the decision steps -----------------------------------------------------------


def _decode(data: bytes, uri: str, declared: str | None) -> tuple[str, str]:
    bom = _decode_bom(data, uri)
    if bom is not None:
        return bom

    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        wide = _decode_wide(data)
        if wide is not None:
            return wide
        raise BinaryInput(uri, "contains NUL bytes; not a text file")
    if _control_ratio(sample) > _MAX_CONTROL_RATIO:
        raise BinaryInput(uri, "contains control bytes; not a text file")

    if b"\x1b" in sample and data.isascii():
        iso2022 = _decode_iso2022(data)
        if iso2022 is not None:
            return iso2022

    utf8 = _try_decode(data, "utf-8")
    if utf8 is not None and not data.isascii():
        return utf8, "utf-8"
    if utf8 is None:
        damaged = _decode_mostly_utf8(data)
        if damaged is not None:
            return damaged, "utf-8"

    for label in (declared, sniff_meta_charset(data)):
        if not label:
            continue
        declared_text = _decode_declared(data, label)
        if declared_text is not None:
            return declared_text

    if utf8 is not None:
        return utf8, "utf-8"
    return _detect(data, uri)


def _decode_bom(data: bytes, uri: str) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data[len(bom) :], encoding)
            if text is None:
                raise DecodeFailed(
                    uri,
                    f"starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()}",
                )
            return text, encoding
    return None


def _decode_wide(data: bytes) -> tuple[str, str] | None:
    """UTF-16/32 without a BOM, told by where the NUL bytes fall.

    Text in these has NUL bytes lined up in columns (the high bytes of ASCII
    and Latin characters); binary data has them anywhere.
    """
    sample = _cut_sample(data, 4096)
    quads = [sample[i::4].count(0) for i in range(4)]
    column = max(1, len(sample) // 4)
    even, odd = quads[0] + quads[2], quads[1] + quads[3]
    guesses: list[str] = []
    # UTF-32 of the Basic Multilingual Plane: the two high bytes are always 0.
    if quads[3] >= column - 1 and quads[2] >= column * 0.9 and quads[0] < column // 4:
        guesses.append("utf-32-le")
    if quads[0] >= column - 1 and quads[1] >= column * 0.9 and quads[3] < column // 4:
        guesses.append("utf-32-be")
    # UTF-16: spaces, digits and Latin letters put a 0 in the high byte.
    if odd >= len(sample) // 40 and even * 4 < odd:
        guesses.append("utf-16-le")
    if even >= len(sample) // 40 and odd * 4 < even:
        guesses.append("utf-16-be")
    for encoding in guesses:
        head = _try_decode_sample(sample, encoding)
        if head is None or "\x00" in head or _plausibility_cost(head) > 0.5:
            continue
        text = _try_decode(data, encoding)
        if text is not None and "\x00" not in text:
            return text, encoding
    return None


def _decode_mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a bad splice, a cut-off tail), repaired.

    A character cut off at the very end after valid non-ASCII UTF-8, or
    well-formed multi-byte sequences outnumbering bad bytes three to one, is
    UTF-8 that got damaged: legacy text rarely forms even one valid sequence.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason == "unexpected end of data":
            body = data[: exc.start]
            if not body.isascii():
                return body.decode("utf-8") + "\ufffd"
    sample = _cut_sample(data, _SCORE_SAMPLE)
    text = sample.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - broken
    if good < 4 or broken * 3 > good:
        return None
    full = data.decode("utf-8", errors="replace")
    broken = full.count("\ufffd")
    good = len(full) - len(full.encode("ascii", errors="ignore")) - broken
    if broken * 3 > good:
        return None
    return full


def _decode_iso2022(data: bytes) -> tuple[str, str] | None:
    """7-bit ISO-2022 Japanese or Korean: ASCII bytes with escape sequences."""
    for encoding in ("iso2022_jp", "iso2022_jp_2", "iso2022_kr"):
        text = _try_decode(data, encoding)
        if text is not None and not text.isascii():
            return text, _canonical(encoding)
    return None


def _decode_declared(data: bytes, label: str) -> tuple[str, str] | None:
    encoding = _codec_for_label(label)
    if encoding is None or not _ascii_compatible(encoding):
        # A declared UTF-16/32 (without a BOM) or EBCDIC is a mislabelled
        # ASCII-compatible page: a <meta> that could be read as ASCII proves
        # it. (WHATWG does the same.) NUL-bearing data never gets here.
        return None
    remapped = _LABEL_REMAP.get(encodings.normalize_encoding(encoding), encoding)
    for name in dict.fromkeys((remapped, encoding)):
        text = _try_decode(data, name)
        if text is not None and _control_ratio_text(text[:_SCORE_SAMPLE]) <= _MAX_CONTROL_RATIO:
            return text, _canonical(name)
    return None


def _detect(data: bytes, uri: str) -> tuple[str, str]:
    sample = _cut_sample(data, _DETECT_SAMPLE)
    try:
        matches = list(from_bytes(sample))
    except (LookupError, ValueError, UnicodeError):  # pragma: no cover - detector defence
        matches = []
    detected: list[str] = []
    for match in matches:
        name = _canonical(match.encoding)
        if name.startswith(("utf-16", "utf-32")):
            continue  # without NUL bytes (checked before) it is not UTF-16/32
        if name not in detected:
            detected.append(name)
        if len(detected) >= _MAX_DETECTOR_CANDIDATES:
            break

    ranked = _rank_candidates(data, detected)
    for encoding in ranked:
        text = _try_decode(data, encoding)
        if text is not None:
            return text, encoding
    if ranked:
        # Every candidate trips on some byte past the scored sample: keep the
        # best one and mark the bad bytes rather than lose the document.
        return data.decode(ranked[0], errors="replace"), ranked[0]
    raise BinaryInput(uri, "does not decode as text in any known encoding")


@dataclass(frozen=True)
class _Scored:
    cost: float
    preference: int
    rank: int
    encoding: str


def _rank_candidates(data: bytes, detected: list[str]) -> list[str]:
    """Candidate encodings, best first.

    Lowest cost wins; candidates within ``_TIE_MARGIN`` of the best count as
    tied and go by ``_preference``, then the detector's order, then the order
    of the extras.
    """
    sample = _cut_sample(data, _SCORE_SAMPLE)
    pool = dict.fromkeys([*detected, *(_canonical(name) for name in _EXTRA_CANDIDATES)])
    scored: list[_Scored] = []
    for rank, encoding in enumerate(pool):
        text = _try_decode_sample(sample, encoding)
        if text is None:
            continue
        preference = _preference(encoding)
        cost = _plausibility_cost(text) + (_RARE_ENCODING_COST if preference == 3 else 0.0)
        scored.append(_Scored(cost, preference, rank, encoding))
    if not scored:
        return []
    limit = min(s.cost for s in scored) + _TIE_MARGIN
    near = sorted((s for s in scored if s.cost <= limit), key=lambda s: (s.preference, s.rank))
    rest = sorted((s for s in scored if s.cost > limit), key=lambda s: (s.cost, s.rank))
    return [s.encoding for s in (*near, *rest)]


def _preference(encoding: str) -> int:
    name = encodings.normalize_encoding(encoding)
    if name == "cp1252":
        return 0
    if name in _PREFERRED_ENCODINGS:
        return 1
    return 2 if name in _WEB_ENCODINGS else 3


# --- plausibility -------------------------------------------------------------------


def _plausibility_cost(text: str) -> float:
    """How implausible a decoding looks, per non-ASCII character (0 is perfect).

    Controls, replacement and unassigned characters cost most; then stray
    accents, symbols inside words (``Rz¹d``) and script changes inside words
    (``Lнbijas``); then combining marks (legacy code pages rarely decode to
    them), capitals after small letters inside words (``пРАВИТЕЛЬСТВО``) or
    outnumbering them, CJK
    glued to Latin letters, half-width katakana, and accented letters that fit
    the best alphabet badly or not at all. Pure ASCII costs nothing.
    """
    non_ascii = bad = odd = minor = upper = lower = 0
    latin = Counter[str]()
    other_scripts = Counter[str]()
    prev_script: str | None = None  # script of the letter just before, if any
    prev_lower = False
    symbol_after_letter = False

    for char in text:
        code = ord(char)
        if code < 128:
            if char.isalpha():
                odd_switch, minor_switch = _script_switch(prev_script, "LATIN")
                odd += odd_switch + symbol_after_letter
                minor += minor_switch
                prev_script, prev_lower = "LATIN", char.islower()
            else:
                if (code < 32 and char not in _WHITESPACE_CONTROLS) or code == 127:
                    bad += 1
                prev_script = None
            symbol_after_letter = False
            continue

        non_ascii += 1
        if char in _IN_WORD_PUNCTUATION:
            continue
        category = unicodedata.category(char)
        if category == "Lm" and not 0x2B0 <= code <= 0x2FF:
            continue  # iteration and length marks (々, ー): part of the word
        if category in ("Ll", "Lu", "Lt", "Lo"):
            script = _script(char)
            if script == "LATIN":
                latin[char.lower()] += 1
            else:
                other_scripts[script] += 1
            odd_switch, minor_switch = _script_switch(prev_script, script)
            odd += odd_switch + symbol_after_letter
            minor += minor_switch + (prev_script is not None and prev_lower and category == "Lu")
            minor += _HALFWIDTH_KANA_START <= code <= _HALFWIDTH_KANA_END
            upper += category == "Lu"
            lower += category == "Ll"
            prev_script, prev_lower, symbol_after_letter = script, category == "Ll", False
        elif category in ("Mn", "Me"):
            minor += 1  # keeps the word going: a mark belongs to the letter before
        elif char == "\ufffd" or category in ("Cc", "Co", "Cn", "Cs"):
            bad += 1
            prev_script, symbol_after_letter = None, False
        elif category in ("Sk", "Lm"):
            odd += 1  # a spacing accent or modifier (acute, caron, circumflex) is mojibake
            prev_script, symbol_after_letter = None, False
        else:
            # A symbol, number or punctuation mark: odd if a letter follows it
            # straight after a letter (not in unspaced scripts, where it's normal).
            symbol_after_letter = prev_script is not None and prev_script not in _UNSPACED_SCRIPTS
            prev_script = None

    if non_ascii == 0:
        return float(bad)
    letters = _letter_cost(latin, other_scripts)
    # Text is mostly small letters; a decoding that makes most of them capitals
    # has swapped cases (KOI8-R read as Windows-1251 and back).
    capitals = 0.5 * max(0, upper - lower)
    return (10.0 * bad + 3.0 * odd + minor + capitals + letters) / non_ascii


def _script_switch(before: str | None, after: str) -> tuple[int, int]:
    """(odd, minor) cost of one letter following another inside a word.

    Latin next to Cyrillic or Greek inside a word is mojibake; next to CJK it
    happens (``iPhone手机``) but is rare enough per character to count a little.
    """
    if before is None or before == after:
        return 0, 0
    if before in _UNSPACED_SCRIPTS or after in _UNSPACED_SCRIPTS:
        return 0, 1
    return 1, 0


def _letter_cost(latin: Counter[str], other_scripts: Counter[str]) -> float:
    """What the text's accented letters cost under the best-fitting writing system.

    A text is mostly in one writing system: either its accented Latin letters
    come from one alphabet (each costing less the more common it is there), or
    its letters come from one other script (Cyrillic, Greek, CJK...). Letters
    outside the chosen system cost 1 each.
    """
    total_latin = sum(latin.values())
    total_other = sum(other_scripts.values())
    best = float(total_latin + total_other - max(other_scripts.values(), default=0))
    if total_latin:
        for alphabet in _LATIN_ALPHABETS:
            cost = sum(n * (1.0 - alphabet.get(ch, 0.0)) for ch, n in latin.items())
            best = min(best, cost + total_other)
    return best


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0] if name else "UNKNOWN"
    return _SCRIPT_GROUPS.get(first, first)


# --- helpers --------------------------------------------------------------------------


def _codec_for_label(label: str) -> str | None:
    """A label's Python codec name, if it is a text encoding we accept."""
    label = label.strip().strip("\"'").lower()
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):  # unknown, or not a name at all (a NUL inside)
        return None
    if encodings.normalize_encoding(name) not in _ALLOWED_CODECS:
        return None
    return name


@lru_cache(maxsize=256)
def _ascii_compatible(encoding: str) -> bool:
    """Whether ASCII bytes mean ASCII in ``encoding`` (not EBCDIC, UTF-16, ...)."""
    probe = bytes(range(9, 127))
    try:
        return probe.decode(encoding) == probe.decode("ascii")
    except (UnicodeError, LookupError):
        return False


def _canonical(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeError, LookupError):
        return None


def _try_decode_sample(sample: bytes, encoding: str) -> str | None:
    """Decode a prefix strictly, forgiving only a character cut at its end."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        return decoder.decode(sample, final=False)
    except (UnicodeError, LookupError):
        return None


def _cut_sample(data: bytes, size: int) -> bytes:
    """A prefix of at most ``size`` bytes, ended at a line break when one is near."""
    if len(data) <= size:
        return data
    cut = data.rfind(b"\n", size // 2, size)
    return data[: cut + 1] if cut >= 0 else data[:size]


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    stripped = sample.translate(None, _CONTROL_BYTES)
    return (len(sample) - len(stripped)) / len(sample)


def _control_ratio_text(text: str) -> float:
    if not text:
        return 0.0
    count = sum(
        1
        for ch in text
        if (ord(ch) < 32 and ch not in _WHITESPACE_CONTROLS) or 0x7F <= ord(ch) <= 0x9F
    )
    return count / len(text)
