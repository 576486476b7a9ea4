"""One document through every stage: text → nlp → extract → resolve → Result."""

from __future__ import annotations

from marsad.model import Document, Result

__all__ = ["process"]


def process(doc: Document) -> Result:
    """Extract events, relations and entities from one document (placeholder until stages land)."""
    return Result(id=doc.id)
