"""Articles submitted through the API: extracted with the pipeline and stored like ingested ones."""

from __future__ import annotations

from sqlalchemy.orm import Session

import marsad
from marsad.api.schemas import ArticleIn, ArticleSubmitted
from marsad.model import Document, parse_published
from marsad.store import app_queries
from marsad.store.rows import content_hash
from marsad.store.writes import NewArticle, NewRecord, StoreWriter

__all__ = ["PIPELINE_VERSION", "submit_article"]

PIPELINE_VERSION = f"api-{marsad.__version__}"


class SubmitError(ValueError):
    """An article that cannot be stored (its id names another text)."""


def _answer(session: Session, doc_id: str, stored: bool) -> ArticleSubmitted:
    found = app_queries.article_record(session, doc_id)
    return ArticleSubmitted(id=doc_id, stored=stored, events=sorted(found.event_ids.values()) if found else [],
                            relations=len((found.record or {}).get("relations", [])) if found else 0)


def submit_article(session: Session, body: ArticleIn) -> ArticleSubmitted:
    """Extract and store one article. Idempotent: a text already stored is answered with its record."""
    from marsad.pipeline import process

    digest = content_hash(body.text)
    existing = app_queries.article_by_hash(session, digest)
    if existing is not None:
        return _answer(session, existing, stored=False)
    doc_id = body.id or f"api-{digest[:16]}"
    if app_queries.article_record(session, doc_id) is not None:
        raise SubmitError(f"the id {doc_id!r} names another text already; give a new id")
    published = parse_published(body.published)
    doc = Document(id=doc_id, text=body.text, title=body.title, published=published, url=body.url, outlet=body.outlet)
    writer = StoreWriter(session)
    writer.add_articles([NewArticle(doc_id=doc_id, text=body.text, content_hash=digest, title=body.title,
                                    published=published, published_raw=body.published, url=body.url,
                                    outlet=body.outlet, source="api")])
    writer.add_records([NewRecord(digest, process(doc).to_json(), PIPELINE_VERSION)])
    session.flush()
    return _answer(session, doc_id, stored=True)
