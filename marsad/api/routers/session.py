"""The dashboard's sign-in: a key checked once, then kept in an HttpOnly, SameSite=Strict cookie."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field

from marsad.api.deps import KEY_COOKIE, StateDep
from marsad.api.errors import Unauthorized
from marsad.store.keys import find_key

router = APIRouter(tags=["session"])


class KeyIn(BaseModel):
    key: str = Field(min_length=1, max_length=200)


@router.post("/api/session")
def sign_in(state: StateDep, body: KeyIn) -> JSONResponse:
    with state.store.session() as db:
        key = find_key(db, body.key.strip())
    if key is None:
        raise Unauthorized("unknown or revoked API key")
    response = JSONResponse({"name": key.name, "role": key.role})
    response.set_cookie(KEY_COOKIE, body.key.strip(), httponly=True, samesite="strict", max_age=30 * 86400)
    return response


@router.get("/logout", include_in_schema=False)
def sign_out() -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(KEY_COOKIE)
    return response
