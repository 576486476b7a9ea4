"""Precision on everyday language: how many sport, technology and culture articles yield an event.

    python benchmarks/everyday_precision.py [--input ../shared/data/news/all_articles.jsonl.gz]
                                            [--categories sport,technology,culture] [--show 15]

These articles use هجوم، ضرب، خطف، صاروخ، قتل in their ordinary senses; any event found in them
is (almost always) a false positive. Prints the rate per category and the evidence of the first
events found, so they can be read. The quarter of everyday articles the event detector learns
from (``marsad/learn/everyday.py``) is left out, so the figure is on articles it never saw.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news" / "all_articles.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--categories", default="sport,technology,culture")
    ap.add_argument("--show", type=int, default=15, help="print the evidence of this many events")
    args = ap.parse_args()
    if not args.input.is_file():
        print(f"input not found: {args.input} (pass --input)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from marsad.learn.everyday import is_training_article
    from marsad.model import Document
    from marsad.pipeline import Pipeline, PipelineOptions

    pipeline = Pipeline(PipelineOptions(ner=False))
    wanted = set(args.categories.split(","))
    total: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    shown = 0
    opener = gzip.open if args.input.suffix == ".gz" else open
    with opener(args.input, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            category = obj.get("category") or ""
            if category not in wanted or not obj.get("text") or is_training_article(str(obj["id"])):
                continue
            total[category] += 1
            result = pipeline(Document.from_json({"id": obj["id"], "text": obj["text"]}))
            if not result.events:
                continue
            flagged[category] += 1
            for event in result.events:
                if shown < args.show:
                    shown += 1
                    print(f"  {obj['id']} [{event.event_type}/{event.sub_event_type}] {event.evidence[0].text[:140]}")
    all_total, all_flagged = sum(total.values()), sum(flagged.values())
    for category in sorted(total):
        print(f"{category:<12} {flagged[category]:>5}/{total[category]:<6} articles with an event "
              f"({100 * flagged[category] / total[category]:.1f}%)")
    print(f"{'all':<12} {all_flagged:>5}/{all_total:<6} articles with an event ({100 * all_flagged / max(all_total, 1):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
