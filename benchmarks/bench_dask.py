"""``marsad ingest`` on the local engine and on a local Dask cluster of 2 workers: identical records, speed ratio.

    python benchmarks/bench_dask.py [--input ../shared/data/news/random_sample.jsonl] [--limit N] [--workers 2]

Each run ingests the same input into a fresh SQLite store in a temporary folder (reading, near-
duplicates, extraction, writes, incidents: the whole command). Runs: the local engine in one
process, the local engine with as many worker processes as Dask gets workers, and Dask with a
local cluster (startup included). Prints wall time and articles/s of each, the ratios, and
whether the three stores hold identical record hashes and incidents.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news" / "random_sample.jsonl"


def run(name: str, corpus: Path, folder: Path, engine: object) -> tuple[float, int, list[tuple[str, str]], list[str]]:
    from sqlalchemy import select

    from marsad.observatory import IngestRunOptions, ingest
    from marsad.store import open_store
    from marsad.store.tables import ArticleRow, IncidentRow, RecordRow

    store = open_store(str(folder / f"{name}.db"))
    started = time.perf_counter()
    report = ingest(store, [str(corpus)], IngestRunOptions(engine=engine))  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    with store.session() as session:
        hashes = sorted((d, h) for d, h in session.execute(select(ArticleRow.doc_id, RecordRow.record_hash)
                                                           .join(RecordRow, RecordRow.article_id == ArticleRow.id)))
        incidents = sorted(session.scalars(select(IncidentRow.key)))
    store.close()
    print(f"{name:<28} {seconds:8.1f} s  {report.input / seconds:7.1f} articles/s  "
          f"(input {report.input}, stored {report.stored}, duplicates {report.duplicates}, "
          f"failures {report.failures})", flush=True)
    return seconds, report.input, hashes, incidents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N lines of the input.")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from marsad.observatory import EngineOptions

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "input.jsonl"
        with args.input.open(encoding="utf-8") as source, corpus.open("w", encoding="utf-8") as out:
            out.writelines(itertools.islice(source, args.limit))
        local = run("local, 1 process", corpus, folder, EngineOptions())
        pooled = run(f"local, {args.workers} processes", corpus, folder, EngineOptions(jobs=args.workers))
        dask = run(f"dask, {args.workers} local workers", corpus, folder,
                   EngineOptions(engine="dask", workers=args.workers))
    same = local[2:] == pooled[2:] == dask[2:]
    print(f"identical records and incidents on all three: {'yes' if same else 'NO'} ({len(local[2])} records)")
    print(f"speed ratio dask/{args.workers} workers vs local 1 process: {local[0] / dask[0]:.2f}x; "
          f"vs local {args.workers} processes: {pooled[0] / dask[0]:.2f}x")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
