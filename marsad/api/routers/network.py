"""The actor network, actors, and review of relations."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response

from marsad.api.deps import Reader, Reviewer, SessionDep, StateDep, cached_json
from marsad.api.schemas import ActorDetail, ActorsPublic, GraphPublic, ReviewIn, ReviewPublic
from marsad.api.services import network, review
from marsad.store.app_queries import GraphFilter
from marsad.web.i18n import words

router = APIRouter(prefix="/api", tags=["network"])


@router.get("/graph", response_model=GraphPublic)
def get_graph(session: SessionDep, state: StateDep, caller: Reader, type: str | None = None, date_from: dt.date | None = None,
              date_to: dt.date | None = None, actor: Annotated[str | None, Query(max_length=300)] = None,
              limit: Annotated[int, Query(ge=1, le=20000)] = 2000, lang: str = "ar") -> Response:
    flt = GraphFilter(type=type or None, date_from=date_from, date_to=date_to, actor=actor or None, limit=limit)
    return cached_json(state, session, ("graph", flt, lang), lambda: network.graph(session, flt, words(lang)))


@router.get("/actors", response_model=ActorsPublic)
def list_actors(session: SessionDep, caller: Reader, name: Annotated[str | None, Query(max_length=300)] = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                offset: Annotated[int, Query(ge=0)] = 0) -> ActorsPublic:
    return network.list_actors(session, name or None, limit, offset)


@router.get("/actors/{actor_id}", response_model=ActorDetail)
def get_actor(session: SessionDep, caller: Reader, actor_id: int) -> ActorDetail:
    return network.actor_detail(session, actor_id)


@router.post("/relations/{relation_id}/review", response_model=ReviewPublic, status_code=201)
def review_relation(session: SessionDep, caller: Reviewer, relation_id: int, verdict: ReviewIn) -> ReviewPublic:
    answer = review.review_relation(session, relation_id, verdict, caller.name)
    session.commit()
    return answer
