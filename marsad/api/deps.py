"""Dependencies of the routes: the app's state, a database session, the caller and its rights.

``SessionDep`` is a session that routes which write commit themselves; ``Reader``, ``Writer`` and
``Reviewer`` are the caller, checked for the right (401 without a usable key, 403 when the key's
role lacks the right, 429 over the key's rate limit).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from marsad.api.cache import AnswerCache
from marsad.api.errors import Forbidden, RateLimited, Unauthorized
from marsad.api.ratelimit import RateLimiter
from marsad.api.settings import ServerSettings
from marsad.store.db import Store
from marsad.store.keys import GRANTS, find_key

__all__ = ["AppState", "Caller", "CallerDep", "Reader", "Reviewer", "SessionDep", "StateDep", "Writer",
           "cached_json", "key_from_request"]

KEY_COOKIE = "marsad_key"
LOCAL_USER = "local"


@dataclass(frozen=True, slots=True)
class AppState:
    settings: ServerSettings
    store: Store
    limiter: RateLimiter
    cache: AnswerCache


@dataclass(frozen=True, slots=True)
class Caller:
    name: str
    role: str
    grants: frozenset[str]


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.marsad
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def get_session(state: StateDep) -> Iterator[Session]:
    """A session for the request. Routes that write commit before they answer (the code after a
    dependency's ``yield`` may run after the response is sent, too late for the next request)."""
    session = state.store.sessions()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


SessionDep = Annotated[Session, Depends(get_session)]


def key_from_request(request: Request) -> str | None:
    """The key of ``Authorization: Bearer``, ``X-API-Key`` or the dashboard's cookie."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.headers.get("x-api-key") or request.cookies.get(KEY_COOKIE) or None


def get_caller(request: Request, state: StateDep) -> Caller:
    if state.settings.keyless:
        return Caller(LOCAL_USER, "local", frozenset().union(*GRANTS.values()))
    secret = key_from_request(request)
    if not secret:
        raise Unauthorized("an API key is required: send 'Authorization: Bearer <key>' (create one with "
                           "'marsad keys create NAME --role read')")
    with state.store.session() as session:
        key = find_key(session, secret)
    if key is None:
        raise Unauthorized("unknown or revoked API key")
    wait = state.limiter.take(key.name, key.rate_limit or state.settings.rate_limit)
    if wait:
        raise RateLimited(wait)
    return Caller(key.name, key.role, key.grants)


CallerDep = Annotated[Caller, Depends(get_caller)]


def cached_json(state: AppState, session: Session, key: Hashable, compute: Callable[[], BaseModel]) -> Response:
    """The answer of ``compute`` as JSON, kept serialised in the answer cache for this data version."""
    body = state.cache.get(session, ("json", key), lambda: compute().model_dump_json().encode("utf-8"))
    return Response(body, media_type="application/json")


def _require(right: str) -> Callable[[Caller], Caller]:
    def check(caller: CallerDep) -> Caller:
        if right not in caller.grants:
            raise Forbidden(f"the key {caller.name!r} has the role {caller.role!r}, which cannot {right}")
        return caller

    return check


Reader = Annotated[Caller, Depends(_require("read"))]
Writer = Annotated[Caller, Depends(_require("write"))]
Reviewer = Annotated[Caller, Depends(_require("review"))]
