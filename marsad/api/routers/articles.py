"""Articles (text and spans), submission for extraction, and full-text search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from marsad.api.deps import Reader, SessionDep, StateDep, Writer
from marsad.api.schemas import ArticleIn, ArticlePublic, ArticleSubmitted, SearchPublic
from marsad.api.services import articles, submit, watch

router = APIRouter(prefix="/api", tags=["articles"])


@router.get("/search", response_model=SearchPublic)
def search(session: SessionDep, caller: Reader, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20, offset: Annotated[int, Query(ge=0)] = 0) -> SearchPublic:
    return articles.search(session, q, limit, offset)


@router.post("/articles", response_model=ArticleSubmitted, status_code=201)
def submit_article(session: SessionDep, state: StateDep, caller: Writer, body: ArticleIn) -> ArticleSubmitted:
    """Extract and store an article (as ``marsad ingest`` would); 201 with its events' ids."""
    answer = submit.submit_article(state.store, session, body, incidents=state.settings.submit_incidents)
    if answer.stored:
        watch.notify(state, session)
    return answer


@router.get("/articles/{doc_id:path}", response_model=ArticlePublic)
def get_article(session: SessionDep, caller: Reader, doc_id: str) -> ArticlePublic:
    return articles.article(session, doc_id)
