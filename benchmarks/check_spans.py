"""Check every span of an extraction output against the article texts.

    python benchmarks/check_spans.py OUTPUT.jsonl [--input ../shared/data/news/all_articles.jsonl.gz]

Reads the SPEC records of ``marsad extract`` (OUTPUT) and the input articles, and checks that
every object carrying ``start``/``end`` offsets and its words (``text`` or ``mention``) points at
exactly those words: ``text[start:end] == mention``. Prints the counts (records, spans checked,
inexact spans, records whose article is missing) and the first inexact spans; exits 1 when any
span is inexact.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news" / "all_articles.jsonl.gz"


def spans(obj: Any) -> Iterator[tuple[int, int, str]]:
    """Every (start, end, words) in a record, at any depth."""
    if isinstance(obj, dict):
        start, end = obj.get("start"), obj.get("end")
        words = obj.get("mention", obj.get("text"))
        if isinstance(start, int) and isinstance(end, int) and isinstance(words, str):
            yield start, end, words
        for value in obj.values():
            yield from spans(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from spans(value)


def _open(path: Path) -> Any:
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path, help="SPEC records written by marsad extract")
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="the articles they were extracted from")
    args = ap.parse_args()
    for path in (args.output, args.input):
        if not path.is_file():
            print(f"not found: {path}", file=sys.stderr)
            return 2
    with _open(args.input) as fh:
        texts = {str(a["id"]): a.get("text") or "" for a in map(json.loads, fh)}
    records = checked = missing = 0
    bad: list[tuple[str, int, int, str, str]] = []
    with _open(args.output) as fh:
        for line in fh:
            record = json.loads(line)
            records += 1
            text = texts.get(str(record.get("id")))
            if text is None:
                missing += 1
                continue
            for start, end, words in spans({k: v for k, v in record.items() if k != "error"}):
                checked += 1
                if text[start:end] != words:
                    bad.append((record["id"], start, end, words, text[start:end]))
    print(f"records          {records:,}")
    print(f"spans checked    {checked:,}")
    print(f"inexact spans    {len(bad):,}")
    print(f"article missing  {missing:,}")
    for article, start, end, words, found in bad[:10]:
        print(f"  {article} [{start}:{end}] {words!r} != {found!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
