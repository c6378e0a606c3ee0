"""Score newsmill's Latvian event extractor on FullStack-LV FrameNet annotations.

    python bench/events.py [--framenet FILE] [--limit N] [--analysis auto|gold]

Each example block annotates ONE target word with ONE frame (a sentence with several frames
appears several times). Frames are mapped to newsmill's types (FRAME_TO_TYPE below, also
printed). Measured, per the data's README:

- trigger recall: blocks of a mapped frame where newsmill reports an event of the mapped
  type on the target word;
- false-alarm rate: blocks whose target carries an unmapped frame where newsmill reports an
  event on that word;
- argument precision/recall/F1 of participants, place and time on the found triggers. A
  gold argument is the UD subtree of the token carrying the frame element; a predicted
  argument (a token range) matches a gold one of the same class when it contains the gold
  root or its head lies in the gold subtree;
- sentences/s of newsmill's analysis (tagging when the morphology model is used, plus event
  extraction) over the distinct sentences.

Arguments are scored on the extractor's token ranges, before they are named by entities
(the record keeps only participants that resolve to an entity). Lemmas, UPOS and features
come from newsmill's morphology model when it loads (`--analysis auto`), else from the
data's gold columns, and the output says which.
"""

from __future__ import annotations

import argparse
import lzma
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsmill.events import LatvianEventExtractor
from newsmill.events.arguments import Frame
from newsmill.lang.tokens import Sentence, Token

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/lv/fullstack-framenet/dev.conll2009.xz"

FRAME_TO_TYPE = {
    "Meet_with": "MEET",
    "Discussion": "MEET",
    "Come_together": "MEET",
    "Chatting": "MEET",
    "Encounter": "MEET",
    "Arriving": "TRAVEL",
    "Visiting": "TRAVEL",
    "Travel": "TRAVEL",
    "Departing": "TRAVEL",
    "Attending": "TRAVEL",
    "Statement": "STATEMENT",
    "Telling": "STATEMENT",
    "Communication": "STATEMENT",
    "Communication_response": "STATEMENT",
    "Affirm_or_deny": "STATEMENT",
    "Reporting": "STATEMENT",
    "Reveal_secret": "STATEMENT",
    "Speak_on_topic": "STATEMENT",
}
PARTICIPANT_FES = frozenset(
    "Party_1 Party_2 Interlocutor_1 Interlocutor_2 Interlocutors Individuals Speaker "
    "Communicator Addressee Theme Traveler Agent Informer".split()
)
PLACE_FES = frozenset("Place Goal Entity Event Area".split())
PREDICTED_CLASS = {
    "participant": "participant",
    "speaker": "participant",
    "addressee": "participant",
    "traveller": "participant",
    "place": "place",
    "source": "place",
    "time": "time",
}


@dataclass
class Block:
    sent_id: str
    text: str
    rows: list[list[str]]
    target: int
    frame: str


def fe_class(fe: str, frame: str) -> str | None:
    if fe in PARTICIPANT_FES:
        return "participant"
    if fe in PLACE_FES or (fe == "Source" and frame == "Departing"):
        return "place"
    if fe == "Time":
        return "time"
    return None


def read_blocks(path: Path) -> Iterator[Block]:
    xz = path.suffix == ".xz"
    with lzma.open(path, "rt", encoding="utf-8") if xz else path.open(encoding="utf-8") as lines:
        sent_id, text, rows = "", "", []
        for line in [*lines, "\n"]:
            line = line.rstrip("\n")
            if line.startswith("# sent_id = "):
                sent_id = line[12:]
            elif line.startswith("# text = "):
                text = line[9:]
            elif line.startswith("#"):
                continue
            elif line.strip():
                cols = line.split("\t")
                if cols[0].isdigit():
                    rows.append(cols)
            elif rows:
                targets = [k for k, r in enumerate(rows) if len(r) > 10 and r[9] == "Y"]
                if targets:
                    yield Block(sent_id, text, rows, targets[0], rows[targets[0]][10])
                sent_id, text, rows = "", "", []


def gold_sentence(block: Block) -> Sentence:
    """Tokens of the data (offsets found in the text), with the gold lemma/UPOS/FEATS."""
    toks, pos = [], 0
    for r in block.rows:
        at = block.text.find(r[1], pos)
        start = at if at >= 0 else pos
        end = start + len(r[1])
        pos = end
        toks.append(Token(r[1], start, end, r[2], r[3], "" if r[5] == "_" else r[5]))
    return Sentence(0, len(block.text), tuple(toks))


def gold_arguments(block: Block) -> list[tuple[str, int, set[int]]]:
    heads = [int(r[6]) if r[6].isdigit() else 0 for r in block.rows]
    children: dict[int, list[int]] = {}
    for k, h in enumerate(heads):
        children.setdefault(h - 1, []).append(k)
    out = []
    for k, r in enumerate(block.rows):
        if len(r) > 11 and r[11] != "_":
            cls = fe_class(r[11], block.frame)
            if cls is None:
                continue
            tree, todo = set(), [k]
            while todo:
                n = todo.pop()
                tree.add(n)
                todo.extend(c for c in children.get(n, []) if c not in tree)
            out.append((cls, k, tree))
    return out


def predicted_arguments(frame: Frame) -> list[tuple[str, int, int, int]]:
    out = []
    for a in frame.args + frame.counterparts:
        cls = PREDICTED_CLASS.get(a.role)
        if cls is not None:
            out.append((cls, a.first, a.last, a.head))
    return out


class Analyser:
    """newsmill's own analysis of a data sentence: the morphology model if it loads."""

    def __init__(self, mode: str) -> None:
        self.tagger = None
        self.source = "gold lemma/UPOS/FEATS columns of the data"
        if mode == "auto":
            try:
                from newsmill.lang.lv.morphology import LatvianMorphology

                self.tagger = LatvianMorphology.load()
                self.source = "newsmill LatvianMorphology (predicted lemma/UPOS/FEATS)"
            except (ImportError, OSError) as err:
                self.source += f" (morphology model not available: {type(err).__name__})"

    def sentence(self, block: Block) -> Sentence:
        gold = gold_sentence(block)
        if self.tagger is None:
            return gold
        bare = Sentence(
            gold.start, gold.end, tuple(Token(t.text, t.start, t.end) for t in gold.tokens)
        )
        tagged: Sentence = self.tagger.tag(bare)
        return tagged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--framenet", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0, help="score the first N blocks only")
    parser.add_argument("--analysis", choices=("auto", "gold"), default="auto")
    args = parser.parse_args(argv)
    if not args.framenet.exists():
        print(f"events: {args.framenet} not found (needs ../shared/data/lv)", file=sys.stderr)
        return 2
    extractor = LatvianEventExtractor.load()
    analyser = Analyser(args.analysis)
    cache: dict[tuple[str, str], list[Frame]] = {}
    seconds = 0.0
    counts: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    for n, block in enumerate(read_blocks(args.framenet)):
        if args.limit and n >= args.limit:
            break
        key = (block.sent_id, block.text)
        if key not in cache:
            t0 = time.perf_counter()
            cache[key] = extractor.frames(analyser.sentence(block))
            seconds += time.perf_counter() - t0
        on_target = [f for f in cache[key] if f.trigger == block.target]
        wanted = FRAME_TO_TYPE.get(block.frame)
        lemma = block.rows[block.target][2]
        if wanted is None:
            counts["unmapped"] += 1
            if on_target:
                counts["alarm"] += 1
                alarms[f"{lemma}:{block.frame}"] += 1
            continue
        counts["mapped"] += 1
        hit = next((f for f in on_target if f.type == wanted), None)
        if hit is None:
            missed[f"{lemma}:{block.frame}"] += 1
            continue
        counts["found"] += 1
        gold = gold_arguments(block)
        pred = predicted_arguments(hit)
        for cls, root, tree in gold:
            counts[f"gold {cls}"] += 1
            if any(c == cls and (a <= root < b or h in tree) for c, a, b, h in pred):
                counts[f"recalled {cls}"] += 1
        for cls, a, b, h in pred:
            counts[f"pred {cls}"] += 1
            if any(c == cls and (a <= root < b or h in tree) for c, root, tree in gold):
                counts[f"correct {cls}"] += 1
    report(args.framenet, analyser.source, counts, missed, alarms, len(cache), seconds)
    return 0


def report(
    path: Path,
    source: str,
    counts: Counter[str],
    missed: Counter[str],
    alarms: Counter[str],
    sentences: int,
    seconds: float,
) -> None:
    print(f"FrameNet file: {path}")
    print(f"analysis: {source}")
    print("frame -> type: " + ", ".join(f"{f}->{t}" for f, t in FRAME_TO_TYPE.items()))
    recall = counts["found"] / max(1, counts["mapped"])
    alarm = counts["alarm"] / max(1, counts["unmapped"])
    print(f"trigger recall   {recall:.3f}  ({counts['found']}/{counts['mapped']} mapped blocks)")
    print(f"false-alarm rate {alarm:.3f}  ({counts['alarm']}/{counts['unmapped']} unmapped blocks)")
    print("arguments on found triggers     P      R      F1   (pred/gold)")
    for cls in ("participant", "place", "time", "all"):
        classes = ("participant", "place", "time") if cls == "all" else (cls,)
        pred = sum(counts[f"pred {c}"] for c in classes)
        gold = sum(counts[f"gold {c}"] for c in classes)
        p = sum(counts[f"correct {c}"] for c in classes) / max(1, pred)
        r = sum(counts[f"recalled {c}"] for c in classes) / max(1, gold)
        f1 = 2 * p * r / max(1e-9, p + r)
        print(f"  {cls:12s}                  {p:.3f}  {r:.3f}  {f1:.3f}  ({pred}/{gold})")
    rate = sentences / max(seconds, 1e-9)
    print(f"speed: {rate:,.0f} sentences/s ({sentences} sentences, {seconds:.2f} s)")
    print("most missed: " + ", ".join(f"{k} {v}" for k, v in missed.most_common(10)))
    print("false alarms: " + ", ".join(f"{k} {v}" for k, v in alarms.most_common(10)))


if __name__ == "__main__":
    sys.exit(main())
