"""One parsed JSON value → a :class:`~marsad.model.Document`, or a :class:`RecordError` saying why not."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from marsad.ingest.article import Article
from marsad.ingest.checks import check_text
from marsad.ingest.dates import read_published
from marsad.ingest.errors import RecordError
from marsad.ingest.options import IngestOptions
from marsad.model import Document

__all__ = ["article_from_record", "document_from_record", "parse_json"]

_FIX_LINE = "fix or remove this line"
_FIELDS_HINT = "each line needs a non-empty string 'id' and a string 'text'"


def parse_json(text: str) -> Any:
    """Parse one JSON value; a syntax error becomes a :class:`RecordError` naming the column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise RecordError(f"not valid JSON ({err.msg} at column {err.colno}); {_FIX_LINE}") from err
    except RecursionError as err:
        raise RecordError(f"not valid JSON (nested too deeply); {_FIX_LINE}") from err


def document_from_record(obj: object, options: IngestOptions) -> Document:
    """The document a SPEC input object describes; ``published`` falls back on a ``date`` field."""
    return article_from_record(obj, options, source="").doc


def article_from_record(obj: object, options: IngestOptions, source: str) -> Article:
    """The document of a SPEC input object with its raw publication date (and why it is unreadable)."""
    record = _require_fields(obj)
    doc = Document.from_json(record)
    check_text(doc.text, options, what=f"document {doc.id!r}")
    published = read_published(record)
    return Article(dataclasses.replace(doc, published=published.date), source, published.raw, published.problem)


def _require_fields(obj: object) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise RecordError(f"expected a JSON object, got {_json_kind(obj)}; {_FIELDS_HINT}")
    record = _with_string_id(obj)
    doc_id, text = record.get("id"), record.get("text")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise RecordError(f"{_field_problem('id', doc_id, record)}; {_FIELDS_HINT}")
    if not isinstance(text, str):
        raise RecordError(f"document {doc_id!r}: {_field_problem('text', text, record)}; {_FIELDS_HINT}")
    return record


def _with_string_id(record: dict[str, Any]) -> dict[str, Any]:
    """Integer ids (common in exported data sets) are read as their decimal string."""
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        return {**record, "id": str(doc_id)}
    return record


def _field_problem(name: str, value: object, record: dict[str, Any]) -> str:
    if name not in record:
        keys = ", ".join(sorted(record)[:8]) or "none"
        return f"the object has no '{name}' field (its fields: {keys})"
    return f"field '{name}' is {_json_kind(value)}"


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else "a string"
    return "an array" if isinstance(value, list) else "an object"
