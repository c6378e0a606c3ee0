"""The NER decoder's compiled kernels give, bit for bit, what the numpy code they replaced
gives: the rows of new words (`_affix_rows`, `_sum_rows`), the dense scores of a batch of
sentences (`_emission_rows`) and the best label sequences (`_viterbi`), on real dev
sentences and on random and hostile input (ties, signed zeros, infinities, NaN, letters
no table has, empty words and sentences)."""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmill.lang.lv.ner import LatvianNer
from newsmill.lang.lv.ner_crf import (
    _OPENER,
    _PHRASE,
    _QUOTE,
    CrfDecoder,
    _cap_class,
    _rows_kernel,
    _viterbi_kernel,
    numpy_viterbi,
)
from newsmill.lang.lv.ner_features import OPENERS, QUOTES
from tests.conftest import REPO, shared_dir

WORDS = [
    "Lībijas", "austrumu", "daļu", "kontrolējošais", "komandieris", "Halifa", "Haftars",
    "ceturtdien", "Maskavā", "tikās", "ar", "Krievijas", "prezidentu", "Vladimiru",
    "Putinu", ",", "paziņoja", "Haftara", "spēki", "un", "Kremlis", ".", "„", "”", "“",
    '"', "'", "(", "[", "SIA", "AS", "Latvijas", "Banka", "Saeima", "Rīgā", "NATO",
    "ĀRLIETU", "ministrija", "2023.", "gadā", "28.septembrī", "Vagner", "grupējuma",
    "Valsts", "ieņēmumu", "dienests", "a", "", "İstanbul", "ǅamal", "ﬁnanses", "中文",
    "😀", "x\u0301", "a|b", "|", "\ud800", "\x00", "ЖИРИНОВСКИЙ", "Ωmega", "McDonald's",
]  # fmt: skip
LETTERS = "aAāĀčČšŠēĒzZ|İı1.-'\"„“”«(ЖжλΛ中😀\u0301\x00ǅß"


@pytest.fixture(scope="module")
def ner() -> LatvianNer:
    return LatvianNer.load()


def reference_rows(decoder: CrfDecoder, forms: Sequence[str]) -> np.ndarray:
    """Each form's rows of `_by_role` by its definition (`NerFeaturizer.own`'s attribute
    strings), padded with the row of zeros: forms x width."""
    zero = decoder._zero
    out = []
    for form in forms:
        own, _ = decoder._featurizer.own(form)
        rows = [decoder._base.get(a, zero) for a in own]
        out.append(rows + [zero] * (decoder._width - len(rows)))
    return np.array(out, dtype=np.intp).reshape(len(forms), decoder._width)


def reference_table(decoder: CrfDecoder, forms: Sequence[str]) -> np.ndarray:
    """The numpy sums the kernels replaced: the rows gathered attribute-major and summed."""
    rows = reference_rows(decoder, forms)
    sums = decoder._by_role.take(rows.T, axis=0).sum(axis=0)
    return sums.reshape(len(forms), decoder._roles, len(decoder.labels))


def reference_emissions(decoder: CrfDecoder, sentences: Sequence[Sequence[str]]) -> np.ndarray:
    """`emissions_many` as numpy computed it before the kernels (sentences end to end,
    empty slots between them), its forms already known to `decoder`: the scores of the
    sentences laid end to end."""
    full = [forms for forms in sentences if forms]
    if not full:
        return np.zeros((0, len(decoder.labels)))
    words = decoder._words
    starts: list[int] = []
    ids: list[int] = []
    pad = [0] * (decoder._roles // 2)
    for forms in full:
        ids.extend(pad)
        starts.append(len(ids))
        ids.extend([words[f] for f in forms])
    ids.extend(pad)
    e = decoder._word_scores(np.array(ids, dtype=np.intp))
    first = np.array(starts, dtype=np.intp)
    lengths = np.array([len(forms) for forms in full], dtype=np.intp)
    last = first + lengths - 1
    e[first] += decoder._start[0]
    e[last] += decoder._end[0]
    long = lengths > 1
    e[first[long] + 1] += decoder._start[1]
    e[last[long] - 1] += decoder._end[1]
    opened = [
        s + 1
        for s, forms in zip(starts, full, strict=True)
        if len(forms) > 1 and forms[0] in OPENERS
    ]
    if opened:
        e[opened] += decoder._first
    get = decoder._pairs.get
    none = len(decoder._pairs)
    keys: list[int] = []
    second: list[int] = []
    for s, forms in zip(starts, full, strict=True):
        lows = [f.lower() for f in forms]
        keys.extend([get(a + "|" + b, none) for a, b in pairwise(lows)])
        second.extend(range(s + 1, s + len(forms)))
    if keys:
        pair = decoder._by_pair[keys]
        after = np.array(second, dtype=np.intp)
        e[after] += pair[:, 0]
        e[after - 1] += pair[:, 1]
    out = []
    for s, forms in zip(starts, full, strict=True):
        part = e[s : s + len(forms)]
        mine = ids[s : s + len(forms)]
        phrases = [i for i, j in enumerate(mine) if decoder._flags[j] & _PHRASE]
        if not QUOTES.isdisjoint(forms) or phrases:
            stems = [decoder._stems[j] for j in mine]
            for i, attribute in decoder._featurizer.sparse(forms, stems, phrases):
                j = decoder._index.get(attribute)
                if j is not None:
                    part[i] += decoder._weights[j]
        out.append(part)
    return np.concatenate(out)


def reference_viterbi(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The numpy Viterbi the kernel replaced (`CrfDecoder.tag`'s): argmax per row."""
    return numpy_viterbi(scores, np.ascontiguousarray(transitions.T))


def kernel_viterbi(scores: list[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    lengths = np.array([len(s) for s in scores], dtype=np.intp)
    starts = np.cumsum(lengths) - lengths
    n_labels = len(transitions)
    flat = np.concatenate([s.reshape(-1, n_labels) for s in scores] or [np.zeros((0, n_labels))])
    out = np.empty(len(flat), dtype=np.intp)
    into = np.ascontiguousarray(transitions.T)
    _viterbi_kernel(np.ascontiguousarray(flat), starts, lengths, transitions, into, out)
    return [out[a : a + n].tolist() for a, n in zip(starts.tolist(), lengths.tolist(), strict=True)]


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.tobytes() == b.tobytes()


def check_new_words(decoder: CrfDecoder, forms: Sequence[str]) -> None:
    """`_add_words` of forms new to `decoder` gives the reference rows, bit for bit."""
    new = [f for f in dict.fromkeys(forms) if f not in decoder._words]
    base = len(decoder._words) + 1
    decoder._add_words(new)
    rows = slice(base, base + len(new))
    assert same_bits(decoder._table[rows], reference_table(decoder, new))
    assert decoder._caps[rows].tolist() == [_cap_class(f) for f in new]
    pair_words = [decoder._pair_words.get(f.lower(), 0) for f in new]
    assert decoder._pair_word[rows].tolist() == pair_words
    stems = decoder._stems[base:]
    starts = decoder._featurizer.phrase_starts
    flags = [
        (f in OPENERS) * _OPENER | (f in QUOTES) * _QUOTE | (s in starts) * _PHRASE
        for f, s in zip(new, stems, strict=True)
    ]
    assert decoder._flags[rows].tolist() == flags
    assert stems == [decoder._featurizer.own(f)[1] for f in new]


def check_batch(decoder: CrfDecoder, sentences: Sequence[Sequence[str]]) -> None:
    """Scores and tags of a batch: the kernels' equal the numpy reference's."""
    together = decoder.emissions_many(sentences)
    assert [len(e) for e in together] == [len(s) for s in sentences]
    flat = np.concatenate(together) if together else np.zeros((0, len(decoder.labels)))
    assert same_bits(flat, reference_emissions(decoder, sentences))
    labels = decoder.labels
    expected = [[labels[k] for k in reference_viterbi(e, decoder._transitions)] for e in together]
    assert decoder.tag_many(sentences) == expected


def dev_documents() -> list[list[list[str]]]:
    path = shared_dir("data", "lv", "fullstack-ner") / "dev.conll2003"
    sys.path.insert(0, str(REPO / "training"))
    from conll2003 import read_conll2003

    docs: dict[str, list[list[str]]] = {}
    for s in read_conll2003(path):
        docs.setdefault(s.par_id.rsplit("-p", 1)[0], []).append(list(s.forms))
    return list(docs.values())


def test_dev_documents_score_and_tag_as_the_numpy_reference() -> None:
    decoder = LatvianNer.load()._decoder
    for sentences in dev_documents()[:60]:
        check_new_words(decoder, [f for forms in sentences for f in forms])
        check_batch(decoder, sentences)


def test_new_words_rows_follow_the_attribute_definitions(ner: LatvianNer) -> None:
    decoder = LatvianNer.load()._decoder
    check_new_words(decoder, WORDS)
    check_new_words(decoder, [w.upper() for w in WORDS] + [w.lower() for w in WORDS])


def test_affix_rows_without_the_kernel_are_the_same(ner: LatvianNer) -> None:
    """Where the affix numbers would not fit in 63 bits, the rows come from dictionary
    lookups: the same tables."""
    kernel = LatvianNer.load()._decoder
    lookups = LatvianNer.load()._decoder
    assert kernel._affix_index is not None
    lookups._affix_index = None
    words = WORDS + [w + "ajiem" for w in WORDS] + ["x" * 40, "ā" * 3]
    kernel._add_words(words)
    lookups._add_words(words)
    assert same_bits(kernel._table[: len(words) + 1], lookups._table[: len(words) + 1])
    check_new_words(lookups, ["Jaunizveidotajā", "Ωmega-12"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=LETTERS, max_size=9) | st.sampled_from(WORDS), max_size=30))
def test_new_words_of_any_text_follow_the_definitions(ner: LatvianNer, forms: list[str]) -> None:
    check_new_words(ner._decoder, forms)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(WORDS) | st.text(alphabet=LETTERS, max_size=4), max_size=12),
        max_size=6,
    )
)
def test_batches_of_any_sentences_score_and_tag_as_the_reference(
    ner: LatvianNer, sentences: list[list[str]]
) -> None:
    check_batch(ner._decoder, sentences)


HOSTILE = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e308, -1e308, math.inf, -math.inf, math.nan]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            st.lists(st.sampled_from(HOSTILE), min_size=n * n, max_size=n * n),
            st.lists(
                st.integers(0, 6).flatmap(
                    lambda t: st.lists(st.sampled_from(HOSTILE), min_size=t * n, max_size=t * n)
                ),
                max_size=5,
            ),
            st.just(n),
        )
    )
)
def test_viterbi_breaks_ties_and_meets_nan_as_numpy(
    case: tuple[list[float], list[list[float]], int],
) -> None:
    """Ties go to the first label, a NaN wins as in numpy's argmax, infinities and
    overflow take the exact path: the labels of the numpy reference."""
    cells, sentences, n = case
    transitions = np.array(cells).reshape(n, n)
    scores = [np.array(s).reshape(-1, n) for s in sentences]
    with np.errstate(invalid="ignore", over="ignore"):
        expected = [reference_viterbi(s, transitions) for s in scores]
    assert kernel_viterbi(scores, transitions) == expected


def test_viterbi_of_random_scores_with_ties_is_numpy_s() -> None:
    rng = np.random.default_rng(0)
    for n in (1, 2, 3, 19):
        transitions = rng.integers(-2, 3, (n, n)).astype(np.float64)
        scores = [rng.integers(-2, 3, (t, n)).astype(np.float64) for t in range(12)]
        assert kernel_viterbi(scores, transitions) == [
            reference_viterbi(s, transitions) for s in scores
        ]


def test_row_sums_add_in_numpy_s_order() -> None:
    """Rounding depends on the order: the kernel's sums equal numpy's over the padded
    rows in `NerFeaturizer.own`'s order, bit for bit, on numbers of very different sizes
    and signed zeros, whatever capitalisation, `lcseen` and `short` a form has."""
    rng = np.random.default_rng(1)
    by_role = rng.standard_normal((60, 12)) * 10.0 ** rng.integers(-8, 9, (60, 12))
    by_role[7] = -0.0
    by_role[59] = 0.0  # the row of zeros
    for affix, tail in ((5, 1), (4, 2), (0, 1)):
        n = 300
        width = 8 + 2 * affix + tail - 1
        found = rng.integers(0, 60, (4 + tail + 8, n)).astype(np.intp)
        found[:, :5] = 7
        facts = found[-8:]
        facts[:] = rng.integers(0, 2, (8, n))
        facts[0] = rng.integers(0, 4, n)  # size
        facts[1] = rng.integers(0, 3, n)  # first letter's class
        facts[6] = rng.integers(0, 9, n)  # pair word
        affixes = rng.integers(0, 60, (2 * affix, n)).astype(np.intp)
        fixed = np.array([3, 4, 59, width, 10, 11, 12, 13], dtype=np.intp)
        table = np.full((n + 2, 12), np.nan)
        caps = np.full(n + 2, -1, dtype=np.intp)
        pair_word = np.full(n + 2, -1, dtype=np.intp)
        flags = np.full(n + 2, 255, dtype=np.uint8)
        _rows_kernel(by_role, found, affixes, fixed, table, caps, pair_word, flags, 2)
        padded = []
        for k in range(n):
            size, first, upper, seen, opens, quoted, paired, starts = facts[:, k].tolist()
            capital = upper and size > 1
            c = 10 if capital else 11 + first
            ids = [*found[:3, k].tolist(), c, found[3, k], *affixes[:, k].tolist()]
            ids += found[4:-8, k].tolist()
            ids += [3] * bool((capital or first == 0) and seen) + [4] * (size <= 2)
            padded.append(ids + [59] * (width - len(ids)))
            assert caps[2 + k] == first and pair_word[2 + k] == paired
            assert flags[2 + k] == opens * _OPENER | quoted * _QUOTE | starts * _PHRASE
        expected = by_role.take(np.array(padded).T, axis=0).sum(axis=0)
        assert same_bits(table[2:], expected)


def test_a_full_word_memo_starts_over_with_the_same_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past `MAX_CACHE` forms the memo starts over and the batch is scored sentence by
    sentence (`emissions`): the scores and tags of a decoder that never starts over."""
    import newsmill.lang.lv.ner_crf as ner_crf

    plenty = LatvianNer.load()._decoder
    monkeypatch.setattr(ner_crf, "MAX_CACHE", 40)
    small = LatvianNer.load()._decoder
    batches = [
        [WORDS[:12], [], WORDS[12:30], ["Kremlis"]],
        [WORDS[30:], [w.upper() for w in WORDS[:25]]],
        [WORDS[5:20], WORDS[40:]],
    ]
    for sentences in batches:
        got = small.emissions_many(sentences)
        expected = plenty.emissions_many(sentences)
        assert all(np.array_equal(a, b) for a, b in zip(got, expected, strict=True))
        assert small.tag_many(sentences) == plenty.tag_many(sentences)
    assert len(small._words) <= 40


def test_scores_add_in_numpy_s_order_when_rounding_shows_it() -> None:
    """The shipped weights are float32, so their float64 sums are exact in any order.
    Here the tables are float64 numbers of very different sizes, where the order of the
    additions shows in the last bits: the kernel's scores still equal numpy's, bit for
    bit (and the tags too)."""
    decoder = LatvianNer.load()._decoder
    sentences = [WORDS[:20], WORDS[20:21], [], WORDS[21:45], ["(", *WORDS[:6]], WORDS[45:]]
    decoder.emissions_many(sentences)  # every form known, rows in place
    rng = np.random.default_rng(2)

    def wide(*shape: int) -> np.ndarray:
        return rng.standard_normal(shape) * 10.0 ** rng.integers(-9, 10, shape)

    used = len(decoder._words) + 1
    decoder._table[1:used] = wide(used - 1, *decoder._table.shape[1:])
    decoder._patterns[:] = wide(*decoder._patterns.shape)
    decoder._by_pair[:-1] = wide(len(decoder._by_pair) - 1, *decoder._by_pair.shape[1:])
    decoder._weights[:] = wide(*decoder._weights.shape)
    decoder._start = (wide(len(decoder.labels)), wide(len(decoder.labels)))
    decoder._end = (wide(len(decoder.labels)), wide(len(decoder.labels)))
    decoder._first = wide(len(decoder.labels))
    decoder._edges = np.ascontiguousarray([*decoder._start, *decoder._end, decoder._first])
    check_batch(decoder, sentences)
