"""Records for storage tests: the bundled sample articles through the real pipeline, once per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from marsad import model
from marsad.ingest import iter_documents
from marsad.model import Document
from marsad.pipeline import process

SAMPLES = Path(model.__file__).parent / "samples" / "sample.jsonl"


@pytest.fixture(scope="session")
def sample_docs() -> list[Document]:
    return [d for d in iter_documents([str(SAMPLES)]) if isinstance(d, Document)]


@pytest.fixture(scope="session")
def sample_records(sample_docs: list[Document]) -> list[dict[str, Any]]:
    return [process(doc).to_json() for doc in sample_docs]
