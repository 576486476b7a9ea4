"""Full-pipeline throughput and peak memory on the shared random news sample.

    python benchmarks/bench_pipeline.py [--input ../shared/data/news/random_sample.jsonl] [--limit N]
                                        [--no-ner]

Prints articles/s on one core (the pipeline runs in this single process), characters/s, peak
RSS, the time spent in each stage, and how many articles yielded at least one event.
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news" / "random_sample.jsonl"
STAGE_TIMES: dict[str, float] = defaultdict(float)


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            STAGE_TIMES[name] += time.perf_counter() - t0

    return wrapper


def instrument(pipeline: Any) -> None:
    import marsad.pipeline as pl
    import marsad.text.segment as seg

    for name in ("noise_spans", "normalize", "find_quantities", "find_dates",
                 "sentence_views", "extract_events", "extract_relations"):
        setattr(pl, name, timed(name, getattr(pl, name)))
    for name in ("sentences", "tokenize"):  # called by segment()
        setattr(seg, name, timed(name, getattr(seg, name)))
    pipeline.actors.find = timed("actors.find", pipeline.actors.find)
    pipeline.places.find = timed("places.find", pipeline.places.find)
    pipeline.places.demonyms = timed("places.demonyms", pipeline.places.demonyms)
    if pipeline.tagger is not None:
        pipeline.tagger.tag = timed("ner.tag", pipeline.tagger.tag)


def load(path: Path, limit: int | None) -> list[Any]:
    from marsad.model import Document

    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            obj.setdefault("published", None)
            docs.append(Document.from_json(obj))
            if limit and len(docs) >= limit:
                break
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-ner", action="store_true")
    args = ap.parse_args()
    if not args.input.is_file():
        print(f"benchmark input not found: {args.input} (pass --input)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from marsad.pipeline import Pipeline, PipelineOptions

    docs = load(args.input, args.limit)
    t0 = time.perf_counter()
    pipeline = Pipeline(PipelineOptions(ner=not args.no_ner))
    pipeline(docs[0])  # loads every resource
    load_s = time.perf_counter() - t0
    instrument(pipeline)
    STAGE_TIMES.clear()
    chars = sum(len(d.text) for d in docs)
    with_events = 0
    t1 = time.perf_counter()
    for doc in docs:
        with_events += bool(pipeline(doc).events)
    elapsed = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input            {args.input.name}: {len(docs)} articles, {chars / len(docs):.0f} chars/article")
    print(f"resource load    {load_s:.2f} s (knowledge base, gazetteer, lexicons{'' if args.no_ner else ', NER'})")
    print(f"throughput       {len(docs) / elapsed:.1f} articles/s on 1 core ({chars / elapsed / 1000:.0f} k chars/s)")
    print(f"latency          {1000 * elapsed / len(docs):.1f} ms/article")
    print(f"peak RSS         {peak_mb:.0f} MB")
    print(f"with events      {with_events}/{len(docs)} articles ({100 * with_events / len(docs):.1f}%)")
    print("time by stage (share of the run):")
    for name, secs in sorted(STAGE_TIMES.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<18} {secs:7.2f} s  {100 * secs / elapsed:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
