"""Latvian NER: the example sentence, base forms, in-article merging, a dev-sample floor."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from newsmill.lang.lv.base_forms import base_form, nominative
from newsmill.lang.lv.entity_merge import merge_mentions
from newsmill.lang.lv.ner import LatvianNer
from newsmill.lang.lv.ner_features import NerFeaturizer, repair_spans, retype_quoted, shape
from newsmill.lang.lv.tokenize import split_sentences
from newsmill.lang.tokens import EntitySpan, Sentence, Token
from tests.conftest import REPO, shared_dir
from tests.ner_reference import summed_emissions

SENTENCE = (
    "Lībijas austrumu daļu kontrolējošais komandieris Halifa Haftars ceturtdien Maskavā "
    "tikās ar Krievijas prezidentu Vladimiru Putinu, paziņoja Haftara spēki un Kremlis."
)


def toks(*words: tuple[str, str, str, str]) -> list[Token]:
    """Tokens one space apart from (text, lemma, upos, feats)."""
    out: list[Token] = []
    pos = 0
    for text, lemma, upos, feats in words:
        out.append(Token(text, pos, pos + len(text), lemma, upos, feats))
        pos += len(text) + 1
    return out


SG = "Gender=Masc|Number=Sing"


@pytest.fixture(scope="module")
def ner() -> LatvianNer:
    return LatvianNer.load()


def test_person_names_have_every_part_in_the_nominative() -> None:
    putin = toks(
        ("Vladimiru", "Vladimirs", "PROPN", "Case=Acc|" + SG),
        ("Putinu", "Putins", "PROPN", "Case=Acc|" + SG),
    )
    assert base_form(putin, "person") == "Vladimirs Putins"
    haftar = toks(
        ("Halifam", "Halifa", "PROPN", "Case=Dat|" + SG),
        ("Haftaram", "Haftars", "PROPN", "Case=Dat|" + SG),
    )
    assert base_form(haftar, "person") == "Halifa Haftars"
    jevkurov = toks(
        ("Junusbeku", "Junusbeks", "PROPN", "Case=Acc|" + SG),
        ("Jevkurovu", "Jevkurovs", "PROPN", "Case=Acc|" + SG),
    )
    assert base_form(jevkurov, "person") == "Junusbeks Jevkurovs"
    shoigu = toks(
        ("Sergeju", "Sergejs", "PROPN", "Case=Acc|" + SG),
        ("Šoigu", "Šoigu", "PROPN", "Case=Acc|" + SG),
    )
    assert base_form(shoigu, "person") == "Sergejs Šoigu"


def test_other_names_inflect_only_the_head_and_its_agreeing_words() -> None:
    forces = toks(
        ("Lībijas", "Lībija", "PROPN", "Case=Gen|Gender=Fem|Number=Sing"),
        ("Arābu", "arābs", "NOUN", "Case=Gen|Gender=Masc|Number=Plur"),
        ("bruņotajiem", "bruņots", "ADJ", "Case=Dat|Definite=Def|Gender=Masc|Number=Plur"),
        ("spēkiem", "spēks", "NOUN", "Case=Dat|Gender=Masc|Number=Plur"),
    )
    assert base_form(forces, "organization") == "Lībijas Arābu bruņotie spēki"
    assert nominative(forces[3]) == "spēki"
    assert nominative(forces[2]) == "bruņotie"
    council = toks(
        ("Augstākās", "augsts", "ADJ", "Case=Gen|Definite=Def|Gender=Fem|Number=Sing"),
        ("izglītības", "izglītība", "NOUN", "Case=Gen|Gender=Fem|Number=Sing"),
        ("padomes", "padome", "NOUN", "Case=Gen|Gender=Fem|Number=Sing"),
    )
    assert base_form(council, "organization") == "Augstākās izglītības padome"


def test_single_names_take_the_lemma_with_the_surface_capitalisation() -> None:
    assert base_form(toks(("Maskavā", "Maskava", "PROPN", "Case=Loc")), "GPE") == "Maskava"
    assert base_form(toks(("Krievijas", "Krievija", "PROPN", "Case=Gen")), "GPE") == "Krievija"
    euth = toks(("Eitanāzijas", "eitanāzija", "NOUN", "Case=Gen|Gender=Fem|Number=Sing"))
    assert base_form(euth, "organization") == "Eitanāzija"
    quoted = toks(
        ("“", "“", "PUNCT", ""), ("Vagner", "Vagner", "PROPN", ""), ("”", "”", "PUNCT", "")
    )
    assert base_form(quoted, "organization") == "Vagner"


def span(text: str, base: str, kind: str, start: int) -> EntitySpan:
    words = len(text.split())
    return EntitySpan(0, words, kind, start, start + len(text), text, base)


def test_mentions_of_one_person_merge_under_the_fullest_name() -> None:
    entities = merge_mentions(
        [
            span("Haftars", "Haftars", "person", 0),
            span("Haftaram", "Haftars", "person", 20),
            span("Halifa Haftars", "Halifa Haftars", "person", 40),
            span("Maskavā", "Maskava", "GPE", 60),
            span("ceturtdien", "ceturtdien", "time", 70),
            span("Maskavu", "Maskava", "GPE", 90),
            span("Maskavas", "Maskava", "location", 95),
            span("Kremļa", "Kremlis", "organization", 100),
            span("Kremlis", "Kremlis", "location", 110),
            span("Kremlim", "Kremlis", "organization", 120),
        ]
    )
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [
        ("Halifa Haftars", "PER", 3),
        ("Maskava", "GPE", 3),
        ("Kremlis", "ORG", 3),
    ]
    assert [m.start for m in entities[0].mentions] == [0, 20, 40]


def test_an_ambiguous_surname_stays_apart() -> None:
    entities = merge_mentions(
        [
            span("Andris Bērziņš", "Andris Bērziņš", "person", 0),
            span("Ilze Bērziņa", "Ilze Bērziņa", "person", 20),
            span("Bērziņam", "Bērziņš", "person", 40),
        ]
    )
    names = {e.name: len(e.mentions) for e in entities}
    assert names == {"Andris Bērziņš": 2, "Ilze Bērziņa": 1}


def test_the_example_sentence(ner: LatvianNer) -> None:
    sentence = split_sentences(SENTENCE)[0]
    found = {(e.text, e.type) for e in ner.find(sentence)}
    for expected in [
        ("Halifa Haftars", "person"),
        ("Maskavā", "GPE"),
        ("Krievijas", "GPE"),
        ("Vladimiru Putinu", "person"),
        ("Haftara", "person"),
    ]:
        assert expected in found
    assert "Kremlis" in {text for text, _ in found}
    for e in ner.find(sentence):
        assert SENTENCE[e.start : e.end] == e.text


def test_the_example_sentence_in_base_form(ner: LatvianNer) -> None:
    if not (resources.files("newsmill") / "models" / "lv-morph.json").is_file():
        pytest.skip("the morphology model (models/lv-morph.*) is not built yet")
    from newsmill.lang.lv.morphology import LatvianMorphology

    sentence = LatvianMorphology.load().tag(split_sentences(SENTENCE)[0])
    bases = {e.base for e in ner.find(sentence)}
    assert {"Halifa Haftars", "Maskava", "Vladimirs Putins", "Krievija", "Kremlis"} <= bases


def test_a_nominative_surname_keeps_the_whole_name() -> None:
    # a first name in -a reads as a genitive; the surname says the name is nominative
    name = toks(
        ("Halifa", "Halifs", "PROPN", "Case=Gen|" + SG),
        ("Haftars", "Haftars", "PROPN", "Case=Nom|" + SG),
    )
    assert base_form(name, "person") == "Halifa Haftars"


def test_dev_sample_f1_floor() -> None:
    folder = shared_dir("data", "lv", "fullstack-ner")
    saved = list(sys.path)
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from _lv_ner import score_ner
    finally:
        sys.path[:] = saved  # bench/ and training/ must not shadow modules of later tests
    result = score_ner(folder / "dev.conll2003")
    assert result["micro_per_org_loc"]["f1"] >= 0.75
    assert result["base_forms"]["accuracy"] >= 0.95


def test_package_model_is_small() -> None:
    models = Path(str(resources.files("newsmill") / "models"))
    size = sum(p.stat().st_size for p in models.glob("lv-ner.*"))
    assert 0 < size <= 15_000_000


def test_quoted_names_keep_both_quotes_and_the_legal_form() -> None:
    forms = ["Uzņēmums", "„", "ZAAO", '"', "ir", "SIA", '"', "Aparts", '"', "."]
    found = repair_spans(forms, [(2, 4, "organization"), (6, 9, "organization")])
    assert found == [(1, 4, "organization"), (5, 9, "organization")]
    # a whole pair is left alone; a name between quotes takes them, a person's does not
    assert repair_spans(forms, [(1, 4, "organization")]) == [(1, 4, "organization")]
    assert repair_spans(forms, [(2, 3, "organization")]) == [(1, 4, "organization")]
    assert repair_spans(forms, [(2, 3, "person")]) == [(2, 3, "person")]
    # the missing quote is not taken from a neighbouring span
    assert repair_spans(["„", "A", '"'], [(0, 1, "product"), (1, 3, "organization")]) == [
        (0, 1, "product"),
        (1, 3, "organization"),
    ]


def test_a_quoted_name_gets_what_its_kind_noun_and_its_words_were_in_training() -> None:
    """`quoted_kinds`: what the quotes after the lowercase word before them (`kt=`) or
    before the one after them (`ka=`) held in training, `?` for a noun not seen so, and
    the quoted words' most frequent type (`qt=`), given to the quotes and the words
    between; no quotes, no such attributes."""
    forms = ["algotņu", "grupējuma", "“", "Vagner", "”", "lapā", "un", "SIA", '"', "Apple", '"']
    kinds = {"b:grupējum": "organization", "a:lap": "O"}
    majority = {"appl": "organization", "vagner": "person"}  # stems
    plain = NerFeaturizer({}, {}, frozenset()).sparse(forms)
    both = NerFeaturizer({}, {}, frozenset(), kinds=kinds, majority=majority).sparse(forms)
    added = sorted(set(both) - set(plain))
    first = ("kt=organization", "ka=O", "qt=person")
    assert added == sorted(
        [(i, name) for i in (2, 3, 4) for name in first]
        + [(i, "qt=organization") for i in (8, 9, 10)]  # `SIA` is not lowercase
    )
    assert all(a in both for a in plain)
    unseen = NerFeaturizer({}, {}, frozenset(), kinds={"b:x": "O"}).sparse(forms[:6])
    assert (3, "kt=?") in unseen
    assert NerFeaturizer({}, {}, frozenset(), kinds=kinds).sparse(["Rīga", "un", "X"]) == []


def test_a_quoted_name_known_from_training_takes_its_type() -> None:
    """`retype_quoted`: only quoted spans are retyped, by their name without quotes and
    legal form; unknown names, unquoted names and times keep the CRF's type."""
    forms = ["savā", "“", "Facebook", "”", "lapā", "un", "SIA", "„", "Apple", "”", "Facebook"]
    names = {"facebook": "organization", "appl": "organization"}
    found = [(1, 4, "product"), (6, 10, "entity"), (10, 11, "product")]
    assert retype_quoted(forms, found, names) == [
        (1, 4, "organization"),
        (6, 10, "organization"),
        (10, 11, "product"),
    ]
    assert retype_quoted(forms, [(1, 4, "time")], names) == [(1, 4, "time")]
    assert retype_quoted(forms, found, {"x": "person"}) == found
    assert retype_quoted(forms, found, {}) == found


def test_an_unknown_quoted_name_takes_the_type_its_kind_noun_had_in_training() -> None:
    """A quoted name training never saw is typed by the lowercase noun before its opening
    quote; a known name wins over the noun; capitalised words and unquoted spans do not
    count."""
    forms = ["algotņu", "grupējuma", "“", "Zorg", "”", "un", "filma", "“", "Zorg", "”"]
    kind_nouns = {"grupējum": "organization", "film": "product"}
    found = [(2, 5, "product"), (7, 10, "organization")]
    assert retype_quoted(forms, found, {}, kind_nouns) == [
        (2, 5, "organization"),
        (7, 10, "product"),
    ]
    assert retype_quoted(forms, found, {"zorg": "person"}, kind_nouns) == [
        (2, 5, "person"),
        (7, 10, "person"),
    ]
    capitalised = ["Grupējuma", "“", "Zorg", "”"]
    assert retype_quoted(capitalised, [(1, 4, "product")], {}, kind_nouns) == [(1, 4, "product")]
    unquoted = ["grupējuma", "Zorg"]
    assert retype_quoted(unquoted, [(1, 2, "product")], {}, kind_nouns) == [(1, 2, "product")]
    assert retype_quoted(forms, [(2, 5, "time")], {}, kind_nouns) == [(2, 5, "time")]


def test_kind_nouns_in_the_shipped_model_come_from_training(ner: LatvianNer) -> None:
    """The shipped map says what train's quotes after these nouns mostly held."""
    assert ner._kind_nouns.get("film") == "product"
    assert ner._kind_nouns.get("uzņēmum") == "organization"


def test_viterbi_finds_the_best_sequence(ner: LatvianNer) -> None:
    decoder = ner._decoder
    forms = ["Rīgas", "domes", "priekšsēdētājs"]
    e = decoder.emissions(forms)
    t = decoder._transitions
    labels = decoder.labels
    n = len(labels)
    grid = e[0][:, None, None] + t[:, :, None] + e[1][None, :, None]
    grid = grid + t[None, :, :] + e[2][None, None, :]
    best = np.unravel_index(int(grid.argmax()), (n, n, n))
    assert decoder.tag(forms) == [labels[int(k)] for k in best]


def test_decoder_scores_are_the_sums_of_the_attribute_weights(ner: LatvianNer) -> None:
    """The decoder's shortcuts (per-word tables, capitalisation codes, pair tables) give
    the scores of the attribute lists the CRF was trained on."""
    decoder = ner._decoder
    sentences = [
        [t.text for t in split_sentences(SENTENCE)[0].tokens],
        ["„", "Latvijas", "Banka", "”", "un", "SIA", '"', "Aparts", '"', "Rīgā", "."],
        ["Valsts", "ieņēmumu", "dienests", "un", "NATO", "ĀRLIETU", "ministrija", "2023."],
        ["Kremlis"],
        ["“", "Saeima"],
        ["Latvijas", "Republikas", "Saeima", "Valsts", "prezidents", "Rīga"],
        ["algotņu", "grupējuma", "“", "Vagner", "”", "militārā", "atbalsta", "."],
        ["savā", "oficiālajā", "“", "Facebook", "”", "lapā", "“", "”", "„", "X"],
    ]
    for forms in sentences:
        expected = summed_emissions(decoder, forms)
        assert np.allclose(decoder.emissions(forms), expected, rtol=0, atol=1e-9)


def test_find_many_gives_what_find_gives() -> None:
    """An article's sentences decoded together: the same scores, tags and spans as one by
    one, empty and one-word sentences included."""
    ner = LatvianNer.load()  # fresh: every word is new to the batch
    one_by_one = LatvianNer.load()
    texts = [
        SENTENCE,
        "SIA „ Aparts ” un Latvijas Banka. Kremlis. Rīgā. "
        "Valsts ieņēmumu dienests un NATO ĀRLIETU ministrija 2023. gadā.",
    ]
    sentences = [s for text in texts for s in split_sentences(text)]
    sentences.insert(2, Sentence(0, 0, ()))
    sentences.insert(1, Sentence(0, 7, tuple(toks(("Kremlis", "Kremlis", "PROPN", SG)))))
    assert ner.find_many(sentences) == [one_by_one.find(s) for s in sentences]
    assert ner.find_many([]) == []
    forms = [[t.text for t in s.tokens] for s in sentences]
    together = ner._decoder.emissions_many(forms)
    for f, e in zip(forms, together, strict=True):
        assert np.array_equal(one_by_one._decoder.emissions(f), e) if f else e.shape[0] == 0


def test_word_shapes_by_table_and_by_loop_agree() -> None:
    # below U+2100 a translation table gives the classes; above it, a loop
    assert shape("Putins") == "Xx"
    assert shape("2023.") == "d."
    assert shape("„ZAAO”") == "qXq"
    assert shape("A/S") == "X/X"
    assert shape("Ω-12") == "X-d"
    assert shape("東京") == "x"
    assert shape("x\u2100y") == "x\u2100x"
    assert shape("Jaunizveidotajā") == "Xx"
