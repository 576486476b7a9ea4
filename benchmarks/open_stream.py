"""Open-stream precision: event records from a random draw of any-topic news, printed for review.

    python benchmarks/open_stream.py [--input ../shared/data/news/all_articles.jsonl.gz]
                                     [--articles 1500] [--records 100] [--seed 7] [--out FILE]
                                     [--exclude REVIEW.tsv ...] [--keep-all]
    python benchmarks/open_stream.py --judge REVIEW.tsv [--judge REVIEW.tsv ...]


Draws articles at random (seeded) from the whole corpus, outside every gold file and outside the
everyday articles the detector learns from (``marsad/learn/everyday.py``), extracts them, and
prints a random sample of the event records found — type, certainty, place, date, toll, actors
and the evidence — numbered, so a reader can judge each one: is it a specific political-violence
or protest event, correctly typed? ``--out`` also writes them as JSONL with a blank ``verdict``
field to fill in. Prints the share of articles with at least one event. ``--exclude`` leaves out
the articles of earlier review files; ``--keep-all`` extracts without the incident keeper, so a
review of its records can judge any keeper later.

``--judge`` re-reads the articles of a review file with the shipped models and prints how many of
the reviewed records they still report and how many of those the reader judged events: the
precision of the shipped models on that sample, and the share of the true events they keep. (For
a review drawn with ``--keep-all`` this is exact for a new keeper; other model changes can add
records the review never saw.) With several review files it prints each and their pooled total.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _gold_ids() -> set[str]:
    ids: set[str] = set()
    for name in ("train", "dev", "seeds"):
        path = SHARED / "eval" / f"{name}.gold.jsonl"
        if path.is_file():
            ids.update(json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return ids


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, default=SHARED / "data" / "news" / "all_articles.jsonl.gz")
    ap.add_argument("--articles", type=int, default=1500, help="articles drawn at random")
    ap.add_argument("--records", type=int, default=100, help="event records sampled for review")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--exclude", type=Path, action="append", default=[], help="review file whose articles are not drawn")
    ap.add_argument("--keep-all", action="store_true", help="extract without the incident keeper")
    ap.add_argument("--judge", type=Path, action="append", default=[],
                    help="score the shipped models on this review file (repeatable: each, then pooled)")
    ap.add_argument("--out", type=Path, default=None, help="write the sampled records as JSONL here")
    args = ap.parse_args()
    if not args.input.is_file():
        print(f"input not found: {args.input} (pass --input)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from marsad.learn.everyday import EVERYDAY_CATEGORIES, is_training_article
    from marsad.learn.reviewed import read_reviews

    if args.judge:
        return _judge(args.judge, args.input)
    excluded = {span.article for span in read_reviews(args.exclude)}
    gold = _gold_ids()
    with gzip.open(args.input, "rt", encoding="utf-8") as fh:
        pool = [json.loads(line) for line in fh]
    pool = [a for a in pool if a.get("text") and a["id"] not in gold and a["id"] not in excluded
            and not (a.get("category") in EVERYDAY_CATEGORIES and is_training_article(a["id"]))]
    rng = random.Random(args.seed)
    drawn = rng.sample(pool, min(args.articles, len(pool)))
    records, with_events = [], 0
    for article in drawn:
        events = _events(article, keep_all=args.keep_all)
        with_events += bool(events)
        records.extend((article, event) for event in events)
    print(f"{len(drawn)} articles drawn, {with_events} with an event ({with_events / len(drawn):.1%}), "
          f"{len(records)} event records{' (no keeper)' if args.keep_all else ''}")
    sample = rng.sample(records, min(args.records, len(records)))
    out = args.out.open("w", encoding="utf-8") if args.out else None
    for n, (article, event) in enumerate(sample, 1):
        loc = event.location.name if event.location else "-"
        toll = event.fatalities.value if event.fatalities else "-"
        actors = "; ".join(f"{a.role}:{a.name}" for a in event.actors) or "-"
        evidence = " … ".join(e.text for e in event.evidence)
        print(f"\n[{n}] {article['id']} ({article.get('category') or '-'}) {event.event_type}/{event.sub_event_type} "
              f"{event.certainty}{' background' if event.background else ''} | place {loc} | date "
              f"{event.date.value if event.date else '-'} | killed {toll} | {actors}\n    {evidence[:400]}")
        if out:
            out.write(json.dumps({"n": n, "article": article["id"], "category": article.get("category"),
                                  "event": event.to_json(), "verdict": ""}, ensure_ascii=False) + "\n")
    if out:
        out.close()
    return 0


def _events(article: dict, keep_all: bool = False) -> list:
    from dataclasses import replace

    from marsad.extract.events import extract_events
    from marsad.extract.models import default_models
    from marsad.extract.views import sentence_views
    from marsad.model import Document
    from marsad.pipeline import default_pipeline

    an = default_pipeline().analyse(Document(article["id"], article["text"], title=article.get("title")))
    models = replace(default_models(), keep=0.0) if keep_all else default_models()
    return extract_events(an, sentence_views(an), models)


def _judge(reviews: list[Path], corpus: Path) -> int:
    totals = [0, 0, 0, 0]  # records, judged events, still reported, of those judged events
    for review in reviews:
        counts = _judge_one(review, corpus)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    if len(reviews) > 1:
        _print_judged("pooled", *totals)
    return 0


def _judge_one(review: Path, corpus: Path) -> tuple[int, int, int, int]:
    from marsad.learn.reviewed import read_reviews, reviewed_articles

    spans = read_reviews([review])
    found = true_found = 0
    for article, verdicts in reviewed_articles(spans, corpus):
        events = _events(article)
        for span in verdicts:
            if any(e.start < span.end and span.start < e.end for event in events for e in event.evidence):
                found += 1
                true_found += span.keep
    true = sum(span.keep for span in spans)
    _print_judged(review.name, len(spans), true, found, true_found)
    return len(spans), true, found, true_found


def _print_judged(name: str, records: int, true: int, found: int, true_found: int) -> None:
    print(f"{name}: {records} records read, {true} judged events ({true / max(records, 1):.1%})")
    print(f"  shipped models still report {found}: precision {true_found / max(found, 1):.3f} "
          f"({true_found}/{found}); true events kept {true_found / max(true, 1):.3f} ({true_found}/{true})")


if __name__ == "__main__":
    sys.exit(main())
