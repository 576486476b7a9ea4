"""Articles: text plus every span the extractor found, and the segments the pages highlight."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from marsad.api.schemas import ArticlePublic, EventDetail, FieldSpan, SearchHit, SearchPublic
from marsad.api.services.events import field_spans
from marsad.store import app_queries
from marsad.store.articles import search_articles
from marsad.store.search import query_terms
from marsad.web.highlight import Mark, Segment, segments

__all__ = ["article", "article_segments", "event_segments", "search", "text_direction"]

ENTITY_FIELDS = {"PERS": "perpetrator", "ORG": "claimant", "LOC": "location", "DATE": "date", "NUM": "fatalities",
                 "MISC": "other"}


def _record_spans(record: dict[str, Any]) -> list[FieldSpan]:
    spans = [FieldSpan(field=f"entity_{e['label']}", start=e["start"], end=e["end"], mention=e.get("mention", ""))
             for e in record.get("entities", [])]
    for event in record.get("events", []):
        spans += field_spans(event)
    for relation in record.get("relations", []):
        for side in ("source", "target"):
            part = relation.get(side) or {}
            if part.get("start") is not None:
                spans.append(FieldSpan(field="relation", start=part["start"], end=part["end"],
                                       mention=part.get("mention", "")))
    return spans


def article(session: Session, doc_id: str) -> ArticlePublic:
    found = app_queries.article_record(session, doc_id)
    if found is None:
        raise LookupError(f"no article {doc_id!r}")
    return ArticlePublic(id=found.doc_id, title=found.title, text=found.text,
                         published=found.published.isoformat() if found.published else None, outlet=found.outlet,
                         url=found.url, spans=_record_spans(found.record or {}), events=sorted(found.event_ids.values()))


def article_segments(item: ArticlePublic) -> list[Segment]:
    marks = [Mark(s.start, s.end, ENTITY_FIELDS.get(s.field.removeprefix("entity_"), s.field)
                  if s.field.startswith("entity_") else s.field) for s in item.spans]
    return segments(item.text, marks)


def event_segments(event: EventDetail) -> list[Segment]:
    marks = [Mark(e.start, e.end, "event", sentence=True) for e in event.evidence]
    marks += [Mark(s.start, s.end, s.field) for s in event.spans]
    return segments(event.text, marks)


def text_direction(text: str) -> str:
    arabic = sum(1 for ch in text[:400] if "\u0600" <= ch <= "\u06ff")
    return "rtl" if arabic * 3 >= len(text[:400].strip()) or arabic > 40 else "ltr"


def search(session: Session, query: str, limit: int, offset: int) -> SearchPublic:
    if not query_terms(query):
        return SearchPublic(data=[], count=0, limit=limit, offset=offset)
    page = search_articles(session, query, limit, offset)
    return SearchPublic(data=[SearchHit(article_id=h.id, title=h.title, outlet=h.outlet,
                                        published=h.published.isoformat() if h.published else None,
                                        snippet=h.snippet) for h in page.rows],
                        count=page.total, limit=limit, offset=offset)
