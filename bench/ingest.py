"""Corpus ingest benchmark: throughput, store size, search latency, duplicate detection.

Builds a corpus in a temp dir from the pages and texts in ../shared (HTML pages of WCXB dev
and ScrapingHub, their crawler-flattened texts, Latvian treebank documents as flat texts),
plants near-duplicate variants of them (re-dated, retitled, truncated, other boilerplate,
and combinations) keeping the ground truth of which file is a copy of which story, ingests
it with each worker count, and prints absolute figures:

    .venv/bin/python bench/ingest.py --articles 20000 --workers 1,2

Duplicate detection is scored pairwise over clusters: a predicted pair is two stored
articles in one cluster, a true pair two stored articles made from the same source story
(a page's HTML and its flattened text are one story too). Per-kind recall says whether each
planted variant landed in its story's cluster.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from math import comb
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# bench/html.py would shadow the standard library's html module for the pipeline's code
# (the in-process run of --workers 1 quarantined pages with "html has no unescape"):
# this script's folder leaves sys.path, as in _common.
sys.path[:] = [e for e in sys.path if Path(e or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO / "src"))

from newsmill.corpus import Corpus  # noqa: E402
from newsmill.run.ingest import ingest  # noqa: E402

VARIANT_KINDS = (
    "redated",
    "retitled",
    "truncated",
    "boilerplate",
    "retitled+redated",
    "truncated+boilerplate",
)
_YEAR = re.compile(r"\b(20[012]\d)\b")


@dataclass
class Story:
    """One source story: its flat text lines, the gold body lines, its title, maybe HTML."""

    key: str
    lines: list[str]
    gold: set[str]
    title: str | None
    html: Path | None = None


def load_stories(rng: random.Random) -> list[Story]:
    bench = SHARED / "bench"
    stories: dict[str, Story] = {}
    for name in ("flattened-wcxb-dev-articles", "flattened-scrapinghub"):
        truth = json.loads((bench / name / "ground-truth.json").read_text(encoding="utf-8"))
        prefix = "wcxb" if "wcxb" in name else "sh"
        for page_id, gold in truth.items():
            path = bench / name / "text" / f"{page_id}.txt"
            if not path.exists():
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            body = {p.strip() for p in re.split(r"\n+", gold.get("articleBody", "")) if p.strip()}
            stories[f"{prefix}-{page_id}"] = Story(f"{prefix}-{page_id}", lines, body, None)
    for page in sorted((bench / "wcxb-dev" / "ground-truth").glob("*.json")):
        data = json.loads(page.read_text(encoding="utf-8"))
        key = f"wcxb-{page.stem}"
        html = bench / "wcxb-dev" / "html" / f"{page.stem}.html.gz"
        if key in stories:
            stories[key].title = data["ground_truth"].get("title")
            stories[key].html = html
    for html in sorted((bench / "scrapinghub" / "html").glob("*.html.gz")):
        key = f"sh-{html.name.split('.')[0]}"
        if key in stories:
            stories[key].html = html
    stories.update({s.key: s for s in latvian_stories()})
    result = list(stories.values())
    rng.shuffle(result)
    return result


def latvian_stories() -> list[Story]:
    """Latvian treebank news texts of 80+ words as flat pages: headline, paper and date, body."""
    lv = SHARED / "data" / "lv"
    path = lv / "ud-lvtb" / "lv_fullstack-ud-train.conllu"
    if not path.exists():
        return []
    meta = json.loads((lv / "fullstack-meta" / "documents.json").read_text(encoding="utf-8"))
    docs: dict[str, dict[str, list[str]]] = {}
    doc = par = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id = "):
            doc = line.split("= ", 1)[1]
        elif line.startswith("# newpar id = "):
            par = line
            docs.setdefault(doc, {}).setdefault(par, [])
        elif line.startswith("# text = ") and doc and par:
            docs[doc][par].append(line.split("= ", 1)[1])
    stories = []
    for doc_id, paragraphs in docs.items():
        body = [" ".join(p) for p in paragraphs.values() if p]
        reference = meta.get(doc_id, {}).get("reference", "").split(", ")
        if sum(len(p.split()) for p in body) < 80 or len(reference) < 3:
            continue
        lines = [reference[0], "", f"{reference[1]}, {reference[2]}", ""]
        lines += [x for p in body for x in (p, "")]
        stories.append(Story(f"lv-{doc_id}", lines, set(body), reference[0]))
    return stories


def variant(story: Story, kind: str, donor: Story, rng: random.Random) -> list[str]:
    lines = list(story.lines)
    for part in kind.split("+"):
        if part == "redated":
            shift = rng.choice((-2, -1, 1, 2))
            lines = [_YEAR.sub(lambda m, s=shift: str(int(m.group()) + s), x) for x in lines]
            lines.insert(1, f"Updated {rng.randint(1, 28)} March {rng.randint(2019, 2025)}")
        elif part == "retitled":
            old = story.title or next((x for x in lines if x.strip()), "")
            new = rng.choice(("Update: ", "Breaking: ", "Exclusive: ", "Analysis: ")) + (
                " ".join(reversed(old.split()[:8])) or "News"
            )
            lines = [new if x.strip() == old.strip() else x for x in lines]
            if new not in lines:
                lines.insert(0, new)
        elif part == "truncated":
            body = [i for i, x in enumerate(lines) if x.strip() in story.gold]
            keep = max(2, int(len(body) * rng.uniform(0.5, 0.8)))
            cut = set(body[keep:])
            lines = [x for i, x in enumerate(lines) if i not in cut]
        elif part == "boilerplate":
            lines = (
                _furniture(donor, head=True) + _body(lines, story) + _furniture(donor, head=False)
            )
    return lines


def _body(lines: list[str], story: Story) -> list[str]:
    body = [i for i, x in enumerate(lines) if x.strip() in story.gold]
    return lines[body[0] : body[-1] + 1] if body else lines


def _furniture(donor: Story, *, head: bool) -> list[str]:
    body = [i for i, x in enumerate(donor.lines) if x.strip() in donor.gold]
    if not body:
        return []
    return donor.lines[: body[0]][-40:] if head else donor.lines[body[-1] + 1 :][:40]


def build_corpus(folder: Path, articles: int, seed: int) -> dict[str, tuple[str, str]]:
    """Write about ``articles`` inputs; returns {path: (story key, variant kind)}."""
    rng = random.Random(seed)
    stories = load_stories(rng)
    truth: dict[str, tuple[str, str]] = {}
    (folder / "html").mkdir(parents=True)
    (folder / "flat").mkdir()

    written: set[int] = set()

    def write_flat(story: Story, kind: str, lines: list[str]) -> bool:
        """Write a page unless an identical one exists (the store would skip it as stored)."""
        text = "\n".join(lines) + "\n"
        if hash(text) in written:
            return False
        written.add(hash(text))
        path = folder / "flat" / f"{len(truth):06d}-{story.key}.txt"
        path.write_text(text, encoding="utf-8")
        truth[str(path)] = (story.key, kind)
        return True

    for story in stories:  # every story once as a flat page, once as HTML when it has one
        if len(truth) >= articles:
            break
        write_flat(story, "original", story.lines)
        if story.html is not None and len(truth) < articles:
            path = folder / "html" / f"{len(truth):06d}-{story.key}.html.gz"
            shutil.copyfile(story.html, path)
            truth[str(path)] = (story.key, "html")
    # Variants until the corpus has its size: every story in turn, kinds in turn.
    plantable = [s for s in stories if s.gold and any(x.strip() in s.gold for x in s.lines)]
    round_ = 0
    while len(truth) < articles and plantable:
        story = plantable[round_ % len(plantable)]
        kind = VARIANT_KINDS[(round_ // len(plantable) + round_) % len(VARIANT_KINDS)]
        for _attempt in range(5):  # a fresh draw when the variant repeats an earlier one
            donor = plantable[rng.randrange(len(plantable))]
            if write_flat(story, kind, variant(story, kind, donor, rng)):
                break
        round_ += 1
    gzip_count = sum(1 for p in truth if p.endswith(".gz"))
    print(f"corpus: {len(truth)} inputs ({gzip_count} HTML) from {len(stories)} stories")
    return truth


def duplicate_scores(db: Path, truth: dict[str, tuple[str, str]]) -> dict[str, object]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT uri, cluster_id FROM articles").fetchall()
    conn.close()
    cells: Counter[tuple[int, str]] = Counter()
    clusters: Counter[int] = Counter()
    groups: Counter[str] = Counter()
    cluster_of: dict[str, int] = {}
    for uri, cluster in rows:
        story, _kind = truth[uri]
        cells[(cluster, story)] += 1
        clusters[cluster] += 1
        groups[story] += 1
        cluster_of[uri] = cluster
    true_positive = sum(comb(n, 2) for n in cells.values())
    predicted = sum(comb(n, 2) for n in clusters.values())
    actual = sum(comb(n, 2) for n in groups.values())
    # Per planted kind: is the copy in the cluster of its story's original flat page?
    original = {truth[u][0]: c for u, c in cluster_of.items() if truth[u][1] == "original"}
    found: dict[str, list[bool]] = defaultdict(list)
    for uri, cluster in cluster_of.items():
        story, kind = truth[uri]
        if kind != "original" and story in original:
            found[kind].append(cluster == original[story])
    return {
        "pairwise_precision": true_positive / predicted if predicted else 1.0,
        "pairwise_recall": true_positive / actual if actual else 1.0,
        "true_pairs": actual,
        "predicted_pairs": predicted,
        "recall_by_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(found.items())},
    }


def search_latency(db: Path, truth: dict[str, tuple[str, str]], seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    with Corpus(db) as corpus:
        titles = [t for (t,) in corpus.conn.execute("SELECT title FROM articles") if t]
        words = [w for t in titles for w in re.findall(r"\w{4,}", t)]
        # Content words: title words of 5+ letters outside the 50 most frequent ones.
        common = {w for w, _ in Counter(w.lower() for w in words).most_common(50)}
        content = [w for w in words if len(w) >= 5 and w.lower() not in common]
        queries = [rng.choice(content) for _ in range(60)]
        queries += [f"{rng.choice(content)} {rng.choice(content)}" for _ in range(30)]
        queries += ["president", "government", "climate change", "valdība", "Rīga", "health"]
        corpus.search("warm up")
        times = []
        for query in queries:
            started = time.perf_counter()
            corpus.search(query, limit=10)
            times.append((time.perf_counter() - started) * 1000)
        stopword = []
        for query in ("the", "and the"):
            started = time.perf_counter()
            corpus.search(query, limit=10)
            stopword.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "stopword_queries_ms": [round(t, 1) for t in stopword],
        "queries": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * (len(times) - 1))],
        "max_ms": times[-1],
    }


def _cpu_seconds() -> float:
    """User + system time of this process and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="inputs to build")
    parser.add_argument("--workers", default="1,2", help="worker counts to measure, e.g. 1,2")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not (SHARED / "bench").is_dir():
        print(f"bench/ingest.py: {SHARED / 'bench'} is absent", file=sys.stderr)
        return 2
    root = args.keep or Path(tempfile.mkdtemp(prefix="newsmill-ingest-"))
    try:
        truth = build_corpus(root / "corpus", args.articles, args.seed)
        results: dict[str, object] = {"inputs": len(truth)}
        for workers in (int(w) for w in args.workers.split(",")):
            db = root / f"corpus-{workers}w.db"
            cpu_before = _cpu_seconds()
            report = ingest([str(root / "corpus")], db, workers=workers)
            cpu = _cpu_seconds() - cpu_before
            size = db.stat().st_size + sum(p.stat().st_size for p in root.glob(db.name + "-*"))
            figures = {
                "stored": report.stored,
                "quarantined": report.failed,
                "seconds": round(report.seconds, 1),
                "articles_per_s": round(report.stored / report.seconds, 1),
                # CPU time of the writer and its workers: the rate on idle cores is about
                # workers / cpu_ms_per_article, whatever else the machine is running.
                "cpu_ms_per_article": round(cpu * 1000 / max(1, report.stored), 1),
                "db_mb_per_1000": round(size / 1e6 / max(1, report.stored) * 1000, 2),
            }
            print(f"{workers} worker(s): {report.summary()}")
            print(f"  {json.dumps(figures)}")
            results[f"workers_{workers}"] = figures
        last = root / f"corpus-{args.workers.split(',')[-1]}w.db"
        results["search"] = search_latency(last, truth, args.seed)
        results["duplicates"] = duplicate_scores(last, truth)
        print(f"search: {json.dumps(results['search'])}")
        print(f"duplicates (pairwise over clusters): {json.dumps(results['duplicates'])}")
        if args.json:
            args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
