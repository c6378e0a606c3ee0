"""CPU time of Latvian NER alone per token, cold and warm, and a digest of its output.

`bench/lv.py --only layer` times the whole layer (tokenizer, morphology, NER, dates,
events); this times only `LatvianNer.find_many` over the documents of a FullStack-LV NER
file (gold tokens, lemmas and features; one `find_many` per document, as the layer calls
it), so that NER changes can be measured on a shared machine without the noise of the other
stages. Cold: a freshly loaded model, whose per-word memo starts empty; warm: the same
documents again. The minimum over `--runs` is printed, with a digest of the entities found,
which a pure speed change must leave as it was. The code measured is the one on
`sys.path`: run it from another checkout (`PYTHONPATH=/old/src`) for a before/after.

    python training/lv_ner_speed.py [--runs 5] [--ner FILE] [--models DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent / "src"))  # after PYTHONPATH, so another checkout wins
sys.path.insert(0, str(HERE))

from conll2003 import NerSentence, read_conll2003  # noqa: E402

from newsmill.lang.lv.ner import LatvianNer  # noqa: E402
from newsmill.lang.tokens import Sentence, Token  # noqa: E402

DEV = HERE.parent.parent / "shared" / "data" / "lv" / "fullstack-ner" / "dev.conll2003"


def to_sentence(s: NerSentence) -> Sentence:
    """A `Sentence` over the gold tokens, one space apart where the data has one."""
    tokens: list[Token] = []
    pos = 0
    for i, form in enumerate(s.forms):
        tokens.append(Token(form, pos, pos + len(form), s.lemmas[i], s.upos[i], s.feats[i]))
        pos += len(form) + (1 if s.space_after[i] else 0)
    return Sentence(0, pos, tuple(tokens))


def documents(path: Path) -> list[list[Sentence]]:
    """The sentences of each document (`c2-p4` is a paragraph of document `c2`)."""
    out: dict[str, list[Sentence]] = {}
    for s in read_conll2003(path):
        out.setdefault(s.par_id.rsplit("-p", 1)[0], []).append(to_sentence(s))
    return list(out.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ner", type=Path, default=DEV, help="CoNLL-2003 file")
    parser.add_argument("--models", type=Path, help="folder with lv-ner.* (default: packaged)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    docs = documents(args.ner)
    n = sum(len(s.tokens) for d in docs for s in d)
    cold = warm = float("inf")
    found: list[object] = []
    for _ in range(args.runs):
        ner = LatvianNer.load(args.models)
        t0 = time.process_time()
        found = [ner.find_many(d) for d in docs]
        t1 = time.process_time()
        again = [ner.find_many(d) for d in docs]
        t2 = time.process_time()
        assert again == found
        cold, warm = min(cold, t1 - t0), min(warm, t2 - t1)
    digest = hashlib.sha1(repr(found).encode()).hexdigest()[:12]
    print(
        f"{len(docs)} documents, {n:,} tokens: NER cold {cold / n * 1e6:.2f} µs/token, "
        f"warm {warm / n * 1e6:.2f} µs/token (CPU, min of {args.runs}); output {digest}"
    )


if __name__ == "__main__":
    main()
