"""Latvian named-entity recognition: a CRF over surface features, names in base form.

The model (`models/lv-ner.npz` + `lv-ner.json`, built by `training/train_lv_ner.py` from
FullStack-LV, CC BY-SA 4.0) tags outer entities of the FullStack types: person,
organization, GPE, location, product, event, entity, money, time. Each span gets its base
form from `base_forms.base_form`, which uses the tokens' lemma and features, so sentences
should come through the morphology tagger first.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np

from newsmill.lang.lv.base_forms import base_form, span_text
from newsmill.lang.lv.ner_crf import CrfDecoder
from newsmill.lang.lv.ner_features import (
    NerFeaturizer,
    bio_spans,
    repair_spans,
    retype_quoted,
)
from newsmill.lang.tokens import EntitySpan, Sentence

MODEL_NAME = "lv-ner"
_TEXT = attrgetter("text")


class LatvianNer:
    """Finds entity mentions in analysed sentences: one (`find`) or an article's (`find_many`)."""

    def __init__(
        self,
        decoder: CrfDecoder,
        names: dict[str, str] | None = None,
        kind_nouns: dict[str, str] | None = None,
    ) -> None:
        self._decoder = decoder
        self._names = names or {}  # quoted names' types from training (`retype_quoted`)
        self._kind_nouns = kind_nouns or {}  # ... and those of the nouns before quotes

    @classmethod
    def load(cls, directory: Path | None = None) -> LatvianNer:
        """The packaged model, or the `lv-ner.*` files of `directory` (training, bench)."""
        if directory is None:
            root = resources.files("newsmill") / "models"
            side = (root / f"{MODEL_NAME}.json").read_text(encoding="utf-8")
            raw = (root / f"{MODEL_NAME}.npz").read_bytes()
        else:
            side = (directory / f"{MODEL_NAME}.json").read_text(encoding="utf-8")
            raw = (directory / f"{MODEL_NAME}.npz").read_bytes()
        data: dict[str, Any] = json.loads(side)
        with np.load(io.BytesIO(raw)) as arrays:
            weights = arrays["weights"]
            transitions = arrays["transitions"]
        featurizer = NerFeaturizer(
            dict(data["gazetteer"]),
            dict(data["phrases"]),
            frozenset(data["lowercase"]),
            dict(data.get("ends", {})),
            dict(data.get("counts", {})),
            int(data.get("settings", {}).get("affix", 4)),
            int(data.get("settings", {}).get("window", 2)),
            dict(data.get("kinds", {})),
            dict(data.get("majority", {})),
        )
        decoder = CrfDecoder(data["labels"], data["attributes"], weights, transitions, featurizer)
        return cls(decoder, dict(data.get("names", {})), dict(data.get("kind_nouns", {})))

    def tag(self, forms: list[str]) -> list[str]:
        """BIO tags of a sentence's word forms, as the CRF gives them (`find` also mends
        the quotes of the spans)."""
        return self._decoder.tag(forms)

    def find(self, sentence: Sentence) -> list[EntitySpan]:
        """The sentence's outer entity mentions, in order, each with its base form."""
        tokens = sentence.tokens
        forms = [t.text for t in tokens]
        return self._spans(sentence, forms, self.tag(forms))

    def find_many(self, sentences: Sequence[Sentence]) -> list[list[EntitySpan]]:
        """`find` of every sentence of an article, decoded together (`CrfDecoder.tag_many`:
        the numpy work is per article, not per sentence); the same results."""
        forms = [list(map(_TEXT, s.tokens)) for s in sentences]
        tags = self._decoder.tag_many(forms)
        return [self._spans(s, f, t) for s, f, t in zip(sentences, forms, tags, strict=True)]

    def _spans(self, sentence: Sentence, forms: list[str], tags: list[str]) -> list[EntitySpan]:
        """The mended spans of a tagged sentence, with text and base form."""
        tokens = sentence.tokens
        found: list[EntitySpan] = []
        spans = bio_spans(tags)
        if not spans:  # most sentences
            return found
        mended = retype_quoted(forms, repair_spans(forms, spans), self._names, self._kind_nouns)
        for first, last, kind in mended:
            part = tokens[first:last]
            found.append(
                EntitySpan(
                    first=first,
                    last=last,
                    type=kind,
                    start=part[0].start,
                    end=part[-1].end,
                    text=span_text(part),
                    base=base_form(part, kind),
                )
            )
        return found
