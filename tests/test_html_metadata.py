"""HTML metadata: each source on its own (small hand-written pages), garbage, and a
quality floor on benchmark article pages from ../shared (skipped when absent)."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from datetime import date, datetime
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.extract.html_dates import normalise_date, url_date
from newsmill.extract.html_metadata import PageMetadata, read_page_metadata
from newsmill.record import Publisher

DATA = Path(__file__).resolve().parent / "data" / "html"
BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "wcxb-dev"


def page(name: str, url: str | None = None) -> PageMetadata:
    html = (DATA / name).read_text(encoding="utf-8")
    return read_page_metadata(lxml.html.document_fromstring(html), url)


def snippet(html: str, url: str | None = None) -> PageMetadata:
    return read_page_metadata(lxml.html.document_fromstring(html), url)


def test_json_ld_graph_with_author_list_and_references() -> None:
    meta = page("metadata-jsonld-graph.html")
    assert meta.title == "Council approves new river bridge"
    assert meta.published == "2023-09-28T14:05:00+03:00"
    assert meta.modified == "2023-09-29T09:00:00+03:00"
    assert meta.date_source == "meta"
    assert meta.authors == ("Ana Ozola", "Mark Lee")  # @id resolved, "By" cut, deduplicated
    assert meta.publisher == Publisher("Riverside Gazette", "riverside-gazette.example")
    assert meta.canonical_url == "https://www.riverside-gazette.example/news/2023/council-bridge"
    assert meta.section == "Local"
    assert meta.tags == ("bridge", "council", "transport")
    assert meta.comment_count == 12
    assert meta.language == "en"
    assert meta.description == "The council voted 9-2 for the bridge."
    assert meta.headline_element is not None and meta.headline_element.tag == "h1"


def test_opengraph_only() -> None:
    meta = page("metadata-opengraph-only.html")
    assert meta.title == "Harbour festival draws record crowds"  # site suffix cut
    assert meta.site_name == "Coastline Daily"
    assert meta.published == "2024-07-14T08:30:00+00:00"
    assert meta.modified == "2024-07-14T12:00:00+00:00"
    assert meta.authors == ("Rosa Klein",)  # the profile URL is no name
    assert meta.section == "Culture"
    assert meta.tags == ("festivals", "harbour")
    assert meta.canonical_url == "https://coastline.example/culture/harbour-festival"
    assert meta.publisher == Publisher("Coastline Daily", "coastline.example")
    assert meta.language == "en"
    assert meta.headline_element is None


def test_plain_meta_tags_only() -> None:
    meta = page("metadata-meta-only.html", "https://www.stadtanzeiger.example/radwege")
    assert meta.title == "Neue Radwege für die Innenstadt"
    assert meta.site_name == "Stadtanzeiger"
    assert meta.authors == ("Jana Vogel",)
    assert (meta.published, meta.date_source) == ("2021-03-04", "meta")
    assert meta.tags == ("Radwege", "Verkehr", "Stadt")  # case-insensitive duplicates go
    assert meta.description == "Die Stadt baut zwölf Kilometer Radwege."
    assert meta.language == "de"
    assert meta.publisher == Publisher("Stadtanzeiger", "stadtanzeiger.example")


def test_time_element_in_the_article_not_the_related_list() -> None:
    meta = page("metadata-time-only.html")
    assert meta.published == "2022-05-06T08:00:00+02:00"
    assert meta.modified == "2022-05-07T10:00:00+02:00"
    assert meta.date_source == "meta"
    assert meta.title == "Library extends opening hours"


def test_visible_byline_with_two_authors_and_a_date() -> None:
    meta = page("metadata-byline-only.html")
    assert meta.authors == ("Jane Doe", "John Roe")
    assert (meta.published, meta.date_source) == ("2025-09-04", "byline")
    assert meta.title == "Night trains return to the coast"


def test_date_from_the_url_when_the_page_states_none() -> None:
    meta = page("metadata-url-date-only.html", "https://markets.example/2019/07/15/close/")
    assert (meta.published, meta.date_source) == ("2019-07-15", "url")
    assert meta.publisher == Publisher("markets.example", "markets.example")


def test_latvian_page() -> None:
    meta = page("metadata-lv.html")
    headline = "Lībijas kaujinieku komandieris Haftars ticies ar Putinu un Šoigu Maskavā"
    assert meta.title == headline
    assert meta.comment_count == 25  # the counter inside the h1 is not part of the title
    assert meta.language == "lv"
    assert meta.site_name == "LA.LV"
    assert meta.publisher == Publisher("LA.LV", "la.lv")
    assert meta.published == "2023-09-28T10:30:00+03:00"
    assert meta.date_source == "meta"
    assert meta.authors == ("Jānis Bērziņš",)
    assert meta.section == "Pasaulē"
    assert meta.headline_element is not None
    assert meta.headline_element.get("class") == "article-title"


def test_broken_json_ld_does_not_crash() -> None:
    meta = page("metadata-broken-jsonld.html")
    assert meta.title == "Storm closes mountain pass"
    assert meta.site_name == "Alpine Post"
    assert meta.published is None  # 30 February is no date
    assert meta.comment_count is None


def test_a_page_without_metadata_gives_nothing() -> None:
    meta = page("metadata-none.html")
    assert meta == PageMetadata()
    assert meta.headline_element is None


def test_headline_element_is_left_out_of_equality_and_repr() -> None:
    html = "<html><body><h1>Same headline here</h1></body></html>"
    first, second = snippet(html), snippet(html)
    assert first == second
    assert first.headline_element is not second.headline_element
    assert "headline_element" not in repr(first)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Jane Doe, Staff Writer", ("Jane Doe",)),
        ("Written by Jane Doe | Updated March 3, 2024", ("Jane Doe",)),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("By Mary Smith, MD, PhD", ("Mary Smith",)),
        ("By jane.doe@paper.example", ()),
        ("By Staff", ()),
    ],
)
def test_byline_cleaning(byline: str, authors: tuple[str, ...]) -> None:
    html = f'<html><body><h1>Tram line opens</h1><p class="byline">{byline}</p></body></html>'
    assert snippet(html).authors == authors


@pytest.mark.parametrize(
    ("head", "authors"),
    [
        # Yoast SEO writes the author as a label/data pair for Twitter's cards.
        (
            '<meta name="twitter:label1" content="Est. reading time">'
            '<meta name="twitter:data1" content="4 minutes">'
            '<meta name="twitter:label2" content="Written by">'
            '<meta name="twitter:data2" content="Linda Rosen">',
            ("Linda Rosen",),
        ),
        (
            '<meta name="twitter:label1" content="Est. reading time">'
            '<meta name="twitter:data1" content="4 minutes">',
            (),
        ),
        # Highwire's tags, one an author, "Last, First" as often as not.
        (
            '<meta name="citation_author" content="Kaufman, Jeff T.">'
            '<meta name="citation_author" content="Ana Ozola">'
            '<meta name="citation_author" content="Mark Lee, Jr.">'
            '<meta name="citation_author" content="Roe, J.">'
            '<meta name="citation_author" content="Berg, Anna, PhD">',
            ("Jeff T. Kaufman", "Ana Ozola", "Mark Lee", "J. Roe", "Anna Berg"),
        ),
        # A label whose data is missing does not end the search.
        (
            '<meta name="twitter:label1" content="Written by">'
            '<meta name="twitter:label2" content="Author">'
            '<meta name="twitter:data2" content="Jane Roe">',
            ("Jane Roe",),
        ),
        # The site's imprint (its name, then its address) names no one (spiegel.de wrote
        # this; the town and the country were read as two authors).
        (
            '<meta property="og:site_name" content="SPIEGEL ONLINE">'
            '<meta name="author" content="SPIEGEL ONLINE, Hamburg, Germany">'
            '<meta name="copyright" content="SPIEGEL ONLINE, Hamburg, Germany">',
            (),
        ),
        (
            '<meta property="og:site_name" content="Der Bote">'
            '<meta name="author" content="Der Bote, Hamburg">'
            '<meta name="copyright" content="Der Bote, Hamburg">'
            '<meta name="parsely-author" content="Anna Schmidt">',
            ("Anna Schmidt",),
        ),
        # Without the copyright line to match, a site's name and a person are two names.
        (
            '<meta property="og:site_name" content="Jane Doe">'
            '<meta name="author" content="Jane Doe, Bob Roe">',
            ("Jane Doe", "Bob Roe"),
        ),
        # A name that only shares the site's words is still a person's.
        (
            '<meta property="og:site_name" content="Jane Roe Photography">'
            '<meta name="author" content="Jane Roe, Mark Lee">',
            ("Jane Roe", "Mark Lee"),
        ),
        # On a site named after its author, the name stays, without the letters after it.
        (
            '<meta property="og:site_name" content="Jane Roe">'
            '<meta name="author" content="Jane Roe, MD">',
            ("Jane Roe",),
        ),
    ],
)
def test_authors_from_meta_tags(head: str, authors: tuple[str, ...]) -> None:
    html = f"<html><head>{head}</head><body><h1>Backup strategy</h1><p>Text.</p></body></html>"
    assert snippet(html).authors == authors


def _byline_outside_the_article(og_type: str) -> str:
    return (
        f'<html><head><meta property="og:type" content="{og_type}"></head><body>'
        '<div class="hero"><div class="author-card"><a rel="author" href="/author/nm">'
        "Naoise McNally</a></div></div>"
        "<article><h1>Ten walks near Dublin</h1>" + "<p>Walk along the bay.</p>" * 3 + "</article>"
        "</body></html>"
    )


def test_a_declared_article_finds_its_byline_outside_the_article_element() -> None:
    assert snippet(_byline_outside_the_article("article")).authors == ("Naoise McNally",)


def test_a_menu_of_author_pages_does_not_use_up_the_byline_search() -> None:
    menu = "".join(f'<li><a href="/author/w{i}">Writer Number{i}</a></li>' for i in range(40))
    html = _byline_outside_the_article("article").replace(
        "<body>", f"<body><nav><ul>{menu}</ul></nav>"
    )
    assert snippet(html).authors == ("Naoise McNally",)


def test_an_undeclared_page_does_not_take_a_byline_from_outside_the_article() -> None:
    # On listings and service pages the names outside are items' or testimonials'.
    assert snippet(_byline_outside_the_article("website")).authors == ()


def test_a_link_to_an_author_page_is_a_byline() -> None:
    html = (
        "<html><body><article><p>Written by <a href='/blog/author/moses-kim'>Moses Kim</a>"
        "</p><h1>How mobile apps are made</h1>"
        + "<p>Apps start as sketches.</p>" * 3
        + "</article></body></html>"
    )
    assert snippet(html).authors == ("Moses Kim",)


def test_the_body_class_does_not_hide_the_byline() -> None:
    # WordPress themes write "has-share-buttons", "comments-open" on <body>.
    html = (
        '<html><body class="has-share-buttons comments-open"><main><h1></h1>'
        '<h2>The coffee houses of London</h2><div class="collection-byline">Text by '
        '<a href="/contributor/hd/">Hunter Dukes</a></div>'
        + "<p>Coffee came to London in 1652.</p>" * 3
        + "</main></body></html>"
    )
    assert snippet(html).authors == ("Hunter Dukes",)


def test_a_sign_in_link_classed_authorization_is_no_author() -> None:
    html = (
        '<html><head><meta property="og:type" content="article"></head><body>'
        '<ul><li class="link authorization-link"><a href="/login">Sign In</a></li></ul>'
        "<h1>Best cheap home cameras</h1><p>Text of the guide.</p></body></html>"
    )
    assert snippet(html).authors == ()


def test_a_date_shown_under_the_headline_beats_a_template_meta_date() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2025-01-01T00:00:00Z">'
        "</head><body><h1>Dam repairs finished early</h1><p>March 5, 2024</p></body></html>"
    )
    assert (snippet(html).published, snippet(html).date_source) == ("2024-03-05", "byline")


def test_an_updated_label_does_not_replace_the_publication_date() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2023-06-01T09:00:00Z">'
        "</head><body><h1>Dam repairs finished early</h1><p>Updated March 5, 2024</p>"
        "</body></html>"
    )
    meta = snippet(html)
    assert (meta.published, meta.modified) == ("2023-06-01T09:00:00+00:00", "2024-03-05")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2023-09-28T14:05:00+03:00", "2023-09-28T14:05:00+03:00"),
        ("2023-09-28T14:05+0300", "2023-09-28T14:05:00+03:00"),
        ("2023-09-28T14:05:07.123Z", "2023-09-28T14:05:07+00:00"),
        ("2023-09-28 14:05:00", "2023-09-28T14:05:00"),
        ("2023-09-28", "2023-09-28"),
        ("20230928", "2023-09-28"),
        ("2023/09/28", "2023-09-28"),
        ("Thu, 28 Sep 2023 10:30:00 +0300", "2023-09-28T10:30:00+03:00"),
        ("September 28, 2023", "2023-09-28"),
        ("2023.gada 28.septembrī", "2023-09-28"),
        ("28-09-2023", "2023-09-28"),
        ("03-09-2023", None),  # day-month or month-day: not guessed
        ("2023-02-30", None),
        ("1899-01-01", None),
        ("2023-09-28T25:00:00", "2023-09-28"),
        ("yesterday", None),
        ("", None),
    ],
)
def test_normalise_date(value: str, iso: str | None) -> None:
    assert normalise_date(value) == iso


def test_url_date() -> None:
    assert url_date("https://x.example/2023/09/28/story") == "2023-09-28"
    assert url_date("https://x.example/news/story-2023-09-28.html") == "2023-09-28"
    assert url_date("https://x.example/2023/13/45/story") is None
    assert url_date("https://20230928.example/") is None
    assert url_date(None) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_normalise_date_never_raises_and_gives_real_days(value: str) -> None:
    found = normalise_date(value)
    if found is not None:
        day = datetime.fromisoformat(found).date() if "T" in found else date.fromisoformat(found)
        assert 1990 <= day.year <= 2100


_TAGS = st.sampled_from(
    [
        "<h1>",
        "</h1>",
        "<time datetime='",
        "'>",
        "</time>",
        '<script type="application/ld+json">',
        "</script>",
        '<meta property="article:published_time" content="',
        '">',
        '<p class="byline">By ',
        "</p>",
        '{"@type":"NewsArticle","author":[',
        "]}",
        "2023-09-28",
        "99-99-9999",
        "<!-- x -->",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_TAGS, st.text(max_size=12)), max_size=25))
def test_garbage_pages_never_raise(parts: list[str]) -> None:
    html = "<html><head></head><body>" + "".join(parts) + "</body></html>"
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml itself refuses some inputs; that is not ours to test
        return
    meta = read_page_metadata(root, "http://[::1")
    assert isinstance(meta, PageMetadata)


# ---------------------------------------------------------------- benchmark floor

BENCH_PAGES = 150
# Measured on the first 150 article pages: title 0.840, day 0.952, authors 0.846
# (trafilatura 2.0: 0.480, 0.856, 0.744). The day ranker was trained on these pages
# (0.880 with the hand rules alone; 0.902 cross-validated on all 586 dated pages), so
# the date floor guards against a broken model, not an in-sample score.
FLOORS = {"title": 0.80, "date": 0.88, "authors": 0.80}


def _norm_title(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def _is_credential(part: str) -> bool:
    words = part.strip().strip(".").split()
    return all(
        re.fullmatch(r"[A-Z][A-Z.\-®]{1,9}\d*|Ph\.?D\.?|M\.?D\.?|\d+|\(.*\)", w) for w in words
    )


def _author_set(value: str | tuple[str, ...] | None) -> frozenset[str]:
    """Gold writes "A, MD and B; C": split on , ; & and, drop credentials, fold case."""
    names = set()
    for item in [value] if isinstance(value, str) else list(value or ()):
        for part in re.split(r"\s*(?:;|,|&|\band\b|\|)\s*", item):
            if part.strip() and not _is_credential(part):
                folded = unicodedata.normalize("NFKD", part.casefold())
                folded = re.sub(r"[^\w\s]", " ", "".join(c for c in folded if c.isascii()))
                names.add(" ".join(folded.split()))
    return frozenset(n for n in names if n)


def test_benchmark_articles_stay_above_floors() -> None:
    if not BENCH.exists():
        pytest.skip(
            f"{BENCH} is absent: the benchmark floor needs the shared/ folder beside the repo"
        )
    files = json.loads((BENCH / "metadata.json").read_text(encoding="utf-8"))["files"]
    ids = sorted(k for k, v in files.items() if v["page_type"] == "article")[:BENCH_PAGES]
    hits = {"title": [0, 0], "date": [0, 0], "authors": [0, 0]}
    for key in ids:
        record = json.loads((BENCH / "ground-truth" / f"{key}.json").read_text(encoding="utf-8"))
        gold = record["ground_truth"]
        raw = gzip.decompress((BENCH / "html" / f"{key}.html.gz").read_bytes())
        meta = read_page_metadata(
            lxml.html.document_fromstring(raw.decode("utf-8", errors="replace").encode()),
            record["url"],
        )
        hits["title"][0] += _norm_title(meta.title) == _norm_title(gold["title"])
        hits["title"][1] += 1
        if gold.get("publish_date"):
            hits["date"][0] += (meta.published or "")[:10] == gold["publish_date"][:10]
            hits["date"][1] += 1
        if gold.get("author"):
            hits["authors"][0] += _author_set(meta.authors) == _author_set(gold["author"])
            hits["authors"][1] += 1
    rates = {name: right / total for name, (right, total) in hits.items()}
    for name, floor in FLOORS.items():
        assert rates[name] >= floor, f"{name}: {rates[name]:.3f} < {floor} ({rates})"


def test_extract_text_takes_the_fetch_url_of_a_page_in_memory() -> None:
    import newsmill

    body = "The storm reached the coast on Monday and cut power to thousands of homes. " * 5
    page = (
        "<html><head><title>Storm hits coast</title></head><body><article>"
        f"<h1>Storm hits coast</h1><p>{body}</p></article></body></html>"
    )
    url = "https://news.example.com/2021/05/03/storm-hits-coast"
    article = newsmill.extract_text(page, url=url, analyse=False)
    assert (article.url, article.published, article.date_source) == (url, "2021-05-03", "url")
    assert article.publisher == Publisher("news.example.com", "news.example.com")
    bare = newsmill.extract_text(page, analyse=False)
    assert (bare.url, bare.published, bare.publisher) == (None, None, None)
    # the page's own canonical link wins over the fetch address
    canonical = page.replace(
        "<title>", '<link rel="canonical" href="https://news.example.com/storm"><title>'
    )
    assert newsmill.extract_text(canonical, url=url, analyse=False).url == (
        "https://news.example.com/storm"
    )


def _byline_page(lang: str, byline: str) -> str:
    return (
        f"<html lang='{lang}'><head><title>Nouvelles</title></head><body><article>"
        "<h1>Le conseil vote le budget de la ville</h1>"
        f"<p class='byline'>{byline}</p>"
        "<p>Le conseil municipal a adopté lundi le budget de la ville pour l'année prochaine, "
        "après un long débat sur les investissements.</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "byline", "authors"),
    [
        ("fr", "Par Marie Dupont, publié le 05/12/2025", ("Marie Dupont",)),
        ("de", "Von Anna Schmidt, 15. Dezember 2025", ("Anna Schmidt",)),
        ("es", "Por Juan Pérez García | 3 de marzo de 2024", ("Juan Pérez García",)),
        ("it", "di Mario Rossi, 3 maggio 2024", ("Mario Rossi",)),
        # the word stays where it is part of the name, or where the page's language
        # does not start bylines with it
        ("de", "Von der Leyen, 4. März 2024", ("Von der Leyen",)),
        ("en", "Par Marie Dupont", ("Par Marie Dupont",)),
        # the name in a link of its own, a lowercase "by", a surname that starts with it
        ("fr", "Par <a href='/auteur/marie-dupont'>Marie Dupont</a>", ("Marie Dupont",)),
        ("ca", "per Joan Puig Ferrer", ("Joan Puig Ferrer",)),
        ("it", "Di Maio Luigi", ("Di Maio Luigi",)),
        ("fr", "Par", ()),
        # two names joined by the language's "and"
        ("fr", "Par Marie Dupont et Jean Martin", ("Marie Dupont", "Jean Martin")),
        ("de", "Von Anna Schmidt und Max Müller", ("Anna Schmidt", "Max Müller")),
        ("nl", "Door Jan de Vries en Piet Jansen", ("Jan de Vries", "Piet Jansen")),
    ],
)
def test_a_byline_loses_its_language_s_by(lang: str, byline: str, authors: tuple[str, ...]) -> None:
    assert snippet(_byline_page(lang, byline)).authors == authors


def test_metadata_authors_keep_a_word_that_starts_a_byline_elsewhere() -> None:
    html = _byline_page("it", "").replace(
        "<title>", "<meta name='author' content='Di Maio Luigi'><title>"
    )
    assert snippet(html).authors == ("Di Maio Luigi",)


@pytest.mark.parametrize(
    ("head", "url", "authors"),
    [
        # The site's credit beside a person in one source goes (heise.de wrote
        # dc.creator "heise online" beside its author; its og:site_name names a magazine).
        (
            '<meta property="og:site_name" content="Technology Review">'
            '<meta name="author" content="Denis Dilba">'
            '<meta name="dc.creator" content="heise online">',
            "https://www.heise.de/newsticker/meldung/lithium-4451133.html",
            ("Denis Dilba",),
        ),
        (
            '<meta name="author" content="Jill Disis, CNN Business">',
            "https://edition.cnn.com/2019/11/19/tech/story/index.html",
            ("Jill Disis",),
        ),
        # The domain's name is read before a country's second level ("bbc" of bbc.co.uk).
        (
            '<meta name="author" content="Laura Kuenssberg, BBC News">',
            "https://www.bbc.co.uk/news/uk-politics-1",
            ("Laura Kuenssberg",),
        ),
        # A domain's name of two letters could be a particle of a name: not used.
        (
            '<meta name="author" content="Anna La Rosa">',
            "https://www.la.lv/zinas/1",
            ("Anna La Rosa",),
        ),
        # The imprint of a company ("GmbH") gives way to the visible byline.
        (
            '<meta property="og:site_name" content="Süddeutsche.de">'
            '<meta name="author" content="Süddeutsche.de GmbH, Munich, Germany">'
            '<meta name="copyright" content="Süddeutsche.de GmbH, Munich, Germany">',
            "https://www.sueddeutsche.de/wirtschaft/flixtrain-1.4445845",
            ("Süddeutsche.de GmbH",),
        ),
        # People whose names hold the domain's name or the site's are people.
        (
            '<meta name="author" content="Tom Heise, Anna Schmidt">',
            "https://www.heise.de/news/1.html",
            ("Tom Heise", "Anna Schmidt"),
        ),
        (
            '<meta name="author" content="Michael Bloomberg, Jane Doe">',
            "https://www.bloomberg.com/news/1",
            ("Michael Bloomberg", "Jane Doe"),
        ),
        (
            '<meta property="og:site_name" content="BBC News">'
            '<meta name="author" content="BBC News, Jane Doe">',
            "https://www.bbc.co.uk/news/1",
            ("Jane Doe",),
        ),
        # A three-letter name before a country's domain is the site's (orf of orf.at).
        (
            '<meta name="author" content="Jane Doe, ORF.at">',
            "https://news.orf.at/stories/1",
            ("Jane Doe",),
        ),
        (
            '<meta name="author" content="Analysis by Chris Cillizza, CNN Editor-at-large">',
            "https://edition.cnn.com/2019/11/18/politics/story/index.html",
            ("Chris Cillizza",),
        ),
    ],
)
def test_a_credit_to_the_site_gives_way_to_a_person(
    head: str, url: str, authors: tuple[str, ...]
) -> None:
    html = f"<html><head>{head}</head><body><h1>Backup strategy</h1><p>Text.</p></body></html>"
    assert snippet(html, url).authors == authors


def test_a_company_imprint_gives_way_to_the_byline() -> None:
    html = (
        '<html lang="de"><head><meta property="og:site_name" content="Süddeutsche.de">'
        '<meta name="author" content="Süddeutsche.de GmbH, Munich, Germany">'
        '<meta name="copyright" content="Süddeutsche.de GmbH, Munich, Germany"></head>'
        "<body><article><h1>Flixbus attackiert Deutsche Bahn</h1>"
        '<p class="author">Von Markus Balser</p><p>Bahn-Konkurrenten fürchten Nachteile. '
        "Der Deutschlandtakt kommt.</p></article></body></html>"
    )
    assert snippet(html, "https://www.sueddeutsche.de/wirtschaft/1.4445845").authors == (
        "Markus Balser",
    )


def test_json_ld_people_named_as_the_site_stay_beside_others() -> None:
    linked = (
        '{"@type": "BlogPosting", "author": [{"@type": "Person", "name": "Jane Doe"},'
        ' {"@type": "Person", "name": "Bob Roe"}]}'
    )
    html = (
        '<html><head><meta property="og:site_name" content="Jane Doe">'
        f'<script type="application/ld+json">{linked}</script></head>'
        "<body><h1>Backup strategy</h1><p>Text.</p></body></html>"
    )
    assert snippet(html, "https://janedoe.net/backup").authors == ("Jane Doe", "Bob Roe")


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Autor: Jan Kowalski", ("Jan Kowalski",)),
        ("Auteur : Marie Dupont", ("Marie Dupont",)),
        ("Автор: Иван Петров", ("Иван Петров",)),
        ("Författare: Anna Svensson", ("Anna Svensson",)),
        ("Autorius: Jonas Jonaitis", ("Jonas Jonaitis",)),
        ("Autorė: Rūta Petraitienė", ("Rūta Petraitienė",)),
        ("Autor: Mari Tamm", ("Mari Tamm",)),
        # Without its colon the word starts prose, not a byline.
        ("Autor und Regisseur Tom Tykwer spricht", ()),
    ],
)
def test_an_author_label_in_other_languages(byline: str, authors: tuple[str, ...]) -> None:
    html = (
        "<html><body><article><h1>Tram line opens in the city centre today</h1>"
        f"<p>{byline}</p><p>Text of the article.</p></article></body></html>"
    )
    assert snippet(html).authors == authors
