"""Open-stream precision: event records from a random draw of any-topic news, printed for review.

    python benchmarks/open_stream.py [--input ../shared/data/news/all_articles.jsonl.gz]
                                     [--articles 1500] [--records 100] [--seed 7] [--out FILE]

Draws articles at random (seeded) from the whole corpus, outside every gold file and outside the
everyday articles the detector learns from (``marsad/learn/everyday.py``), extracts them, and
prints a random sample of the event records found — type, certainty, place, date, toll, actors
and the evidence — numbered, so a reader can judge each one: is it a specific political-violence
or protest event, correctly typed? ``--out`` also writes them as JSONL with a blank ``verdict``
field to fill in. Prints the share of articles with at least one event.
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
    ap.add_argument("--out", type=Path, default=None, help="write the sampled records as JSONL here")
    args = ap.parse_args()
    if not args.input.is_file():
        print(f"input not found: {args.input} (pass --input)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from marsad.learn.everyday import EVERYDAY_CATEGORIES, is_training_article
    from marsad.model import Document
    from marsad.pipeline import default_pipeline

    gold = _gold_ids()
    with gzip.open(args.input, "rt", encoding="utf-8") as fh:
        pool = [json.loads(line) for line in fh]
    pool = [a for a in pool if a.get("text") and a["id"] not in gold
            and not (a.get("category") in EVERYDAY_CATEGORIES and is_training_article(a["id"]))]
    rng = random.Random(args.seed)
    drawn = rng.sample(pool, min(args.articles, len(pool)))
    records, with_events = [], 0
    for article in drawn:
        doc = Document(article["id"], article["text"], title=article.get("title"))
        result = default_pipeline()(doc)
        with_events += bool(result.events)
        records.extend((article, event) for event in result.events)
    print(f"{len(drawn)} articles drawn, {with_events} with an event ({with_events / len(drawn):.1%}), "
          f"{len(records)} event records")
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


if __name__ == "__main__":
    sys.exit(main())
