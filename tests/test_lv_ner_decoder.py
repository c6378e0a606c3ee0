"""The NER decoder's shortcuts under every feature option of the training script.

The packaged model is tested in `test_lv_ner.py`; here tiny models are trained on a few
made-up sentences with each option (gazetteer counts, longer affixes, the ±3 window) so
that the decoder's per-word tables are checked against the attribute lists the CRF sees.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsmill.lang.lv.ner import LatvianNer
from newsmill.lang.tokens import Sentence, Token
from tests.conftest import REPO
from tests.ner_reference import summed_emissions

pytest.importorskip("pycrfsuite")
sys.path.insert(0, str(REPO / "training"))

from conll2003 import NerSentence
from train_lv_ner import export, train

TAGGED = [
    "Valsts/B-organization ieņēmumu/I-organization dienests/I-organization sodīja/O "
    "SIA/B-organization „/I-organization Aparts/I-organization ”/I-organization ./O",
    "Vladimirs/B-person Putins/I-person ceturtdien/B-time tikās/O ar/O Halifu/B-person "
    "Haftaru/I-person Maskavā/B-GPE ./O",
    "Latvijas/B-organization Banka/I-organization un/O Saeima/B-organization "
    "atrodas/O Rīgā/B-GPE ./O",
    "Kremlis/B-organization paziņoja/O ,/O ka/O Krievijas/B-GPE prezidents/O "
    "brauks/O uz/O Lībiju/B-GPE ./O",
    "„/O Latvijas/B-organization Gāze/I-organization ”/O un/O NATO/B-organization "
    "ĀRLIETU/B-organization ministrija/I-organization 2023./B-time gadā/I-time ./O",
]
FORMS = [
    ["Valsts", "ieņēmumu", "dienests", "un", "NATO", "ĀRLIETU", "ministrija", "2023."],
    ["„", "Latvijas", "Banka", "”", "un", "SIA", '"', "Aparts", '"', "Rīgā", "."],
    ["Kremlis"],
    ["“", "Saeima"],
    ["Latvijas", "Republikas", "Saeima", "Valsts", "prezidents", "Rīga", "un", "Putins"],
    [],
]


def sentences() -> list[NerSentence]:
    out: list[NerSentence] = []
    for k, line in enumerate(TAGGED * 2):
        forms, tags = zip(*(w.rsplit("/", 1) for w in line.split()), strict=True)
        n = len(forms)
        out.append(
            NerSentence(
                f"s{k}", f"d{k % 3}-p{k}", " ".join(forms), forms, forms, ("X",) * n,
                ("_",) * n, tags, (True,) * n,
            )
        )  # fmt: skip
    return out


def as_sentence(forms: list[str]) -> Sentence:
    toks: list[Token] = []
    pos = 0
    for form in forms:
        toks.append(Token(form, pos, pos + len(form), form, "X", "_"))
        pos += len(form) + 1
    return Sentence(0, pos, tuple(toks))


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"counts": True},
        {"affix": 4},
        {"window": 3},
        {"rare": 1, "by_document": True},
        {"counts": True, "affix": 6, "window": 3},
    ],
)
def test_decoder_sums_and_batches_agree_for_every_option(
    tmp_path: Path, options: dict[str, Any]
) -> None:
    model = tmp_path / "model.crfsuite"
    side = train(sentences(), model, c1=0.0, c2=0.01, iterations=30, **options)
    export(model, side, tmp_path)
    ner = LatvianNer.load(tmp_path)
    decoder = ner._decoder
    for forms in FORMS[:-1]:
        expected = summed_emissions(decoder, forms)
        assert np.allclose(decoder.emissions(forms), expected, rtol=0, atol=1e-9)
    one_by_one = LatvianNer.load(tmp_path)
    batch = [as_sentence(f) for f in FORMS]
    assert ner.find_many(batch) == [one_by_one.find(s) for s in batch]
    assert any(ner.find(s) for s in batch)
