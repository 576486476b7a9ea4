"""Event records read by hand as labels for the keeper.

A review file (``benchmarks/data/open_stream_review*.tsv``) lists event records drawn from news
outside every gold file, each by article id and the character span of its first evidence
sentence, with a reader's verdict: 1 = a specific political-violence or protest event a careful
annotator codes, 0 = not (a statement, an ordinary crime, a fragment…). The file keeps no text;
the texts come from the news corpus the offsets index.

:func:`read_reviews` reads the files, :func:`reviewed_articles` joins them with the corpus. In
training, each reviewed span labels the incident whose evidence covers it (the keeper learns
which incidents a reader keeps); the other incidents of the article teach nothing.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["ReviewedSpan", "read_reviews", "reviewed_articles"]

_COLUMNS = ("n", "article", "evidence_start", "evidence_end", "event_type", "verdict")


@dataclass(frozen=True, slots=True)
class ReviewedSpan:
    article: str
    start: int
    end: int
    keep: bool

    @property
    def label(self) -> str:
        return "1" if self.keep else "0"


def read_reviews(paths: Iterable[Path]) -> list[ReviewedSpan]:
    """Every verdict of the review files, in order. Lines starting with ``#`` and the header are
    skipped; a malformed line raises ``ValueError`` naming the file and line."""
    spans = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#") or line.startswith(_COLUMNS[0] + "\t"):
                continue
            cells = line.split("\t")
            try:
                start, end, verdict = int(cells[2]), int(cells[3]), cells[5].strip()
                if verdict not in ("0", "1") or not cells[1] or not 0 <= start < end:
                    raise ValueError
            except (IndexError, ValueError):
                raise ValueError(f"{path}:{number}: expected the tab-separated columns {', '.join(_COLUMNS)} "
                                 "with offsets start < end and a verdict of 0 or 1") from None
            spans.append(ReviewedSpan(cells[1], start, end, verdict == "1"))
    return spans


def reviewed_articles(spans: list[ReviewedSpan], corpus: Path) -> list[tuple[dict[str, Any], list[ReviewedSpan]]]:
    """The reviewed articles read from ``corpus`` (JSONL, optionally gzipped, with ``id`` and
    ``text``), each with its verdicts, in corpus order. Raises ``ValueError`` when an article is
    missing or a span falls outside its text: the review was made on another corpus."""
    wanted: dict[str, list[ReviewedSpan]] = {}
    for span in spans:
        wanted.setdefault(span.article, []).append(span)
    found: dict[str, tuple[dict[str, Any], list[ReviewedSpan]]] = {}
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            article_id = str(obj.get("id", ""))
            if article_id not in wanted or article_id in found:
                continue
            text = obj.get("text") or ""
            if any(s.end > len(text) for s in wanted[article_id]):
                raise ValueError(f"{corpus}: the reviewed span of {article_id} lies outside its text "
                                 "(the review was made on another version of the corpus)")
            found[article_id] = ({"id": article_id, "text": text, "title": obj.get("title"), "events": [],
                                  "relations": []}, wanted[article_id])
    missing = wanted.keys() - found.keys()
    if missing:
        raise ValueError(f"{corpus}: {len(missing)} reviewed articles are not in the corpus "
                         f"(e.g. {sorted(missing)[0]}); pass the corpus the review was drawn from")
    return list(found.values())
