"""Every span Marsad emits on the shared political-violence corpus indexes the text exactly."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.model import Document
from marsad.pipeline import process

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "political_violence.jsonl.gz"


def spans(obj: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a result that has start/end and a mention or text."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and ("mention" in obj or "text" in obj):
            yield obj
        for value in obj.values():
            yield from spans(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from spans(value)


@pytest.mark.slow
def test_every_span_on_the_political_violence_corpus_is_exact() -> None:
    if not CORPUS.is_file():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    checked = bad = docs = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            doc = Document.from_json({"id": obj["id"], "text": obj["text"]})
            result = process(doc).to_json()
            docs += 1
            for span in spans(result):
                checked += 1
                words = span.get("mention", span.get("text"))
                if words is not None and doc.text[span["start"]:span["end"]] != words:
                    bad += 1
    assert docs > 6000
    assert checked > docs
    assert bad == 0, f"{bad} of {checked} spans do not index the text"
