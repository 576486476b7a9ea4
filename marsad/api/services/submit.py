"""Articles submitted through the API go through the same ingest run as ``marsad ingest``: the
same duplicate checks, extraction, versioned records and (optionally) incident step."""

from __future__ import annotations

import io
import json

from sqlalchemy.orm import Session

from marsad.api.schemas import ArticleIn, ArticleSubmitted
from marsad.observatory.run import IngestRunOptions, ingest
from marsad.store import Store, app_queries
from marsad.store.rows import content_hash

__all__ = ["SubmitError", "submit_article"]


class SubmitError(ValueError):
    """An article the ingest run refused (e.g. its id names another text); the message says why."""


def submit_article(store: Store, session: Session, body: ArticleIn, incidents: bool) -> ArticleSubmitted:
    """Ingest one article. Idempotent: a text already stored is answered with its stored record."""
    digest = content_hash(body.text)
    line = body.model_dump(exclude_none=True) | {"id": body.id or f"api-{digest[:16]}"}
    notices: list[str] = []
    report = ingest(store, ["-"], IngestRunOptions(batch_size=1, incidents=incidents), notice=notices.append,
                    stdin=io.BytesIO((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")))
    if report.failures:
        raise SubmitError("; ".join(notices) or "the article could not be stored")
    doc_id = app_queries.article_by_hash(session, digest) or line["id"]
    found = app_queries.article_record(session, doc_id)
    return ArticleSubmitted(id=doc_id, stored=bool(report.new_articles),
                            events=sorted(found.event_ids.values()) if found else [],
                            relations=len((found.record or {}).get("relations", [])) if found else 0)
