"""Everyday articles as weak labels: sport, technology, culture and economy news in which no
political-violence event is reported (هجوم in football, صاروخ for a shot, خطف الفوز).

A fixed part of them — chosen by a checksum of the article id, so it never changes between runs —
teaches the detector "no event"; the rest stays for measuring (``benchmarks/everyday_precision.py``
reads only the other part). Articles whose id appears in a gold file are never taken.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["EVERYDAY_CATEGORIES", "is_training_article", "everyday_articles"]

EVERYDAY_CATEGORIES = ("sport", "technology", "culture", "economy")
_TRAINING_SHARE = 4  # one article in four (by id checksum) trains; the others measure


def is_training_article(article_id: str) -> bool:
    return zlib.crc32(article_id.encode("utf-8")) % _TRAINING_SHARE == 0


def everyday_articles(path: Path, per_category: int, exclude: set[str] = frozenset()) -> Iterator[dict[str, Any]]:  # type: ignore[assignment]
    """Up to ``per_category`` training articles of each everyday category, in file order."""
    taken = dict.fromkeys(EVERYDAY_CATEGORIES, 0)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            category, article_id = obj.get("category") or "", str(obj.get("id", ""))
            if category not in taken or taken[category] >= per_category or article_id in exclude \
                    or not obj.get("text") or not is_training_article(article_id):
                continue
            taken[category] += 1
            yield {"id": article_id, "text": obj["text"], "title": obj.get("title"), "events": [], "relations": []}
            if all(n >= per_category for n in taken.values()):
                return
