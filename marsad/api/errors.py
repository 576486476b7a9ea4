"""API errors, and the one place where domain errors become HTTP errors.

Tree::

    ApiError                  an HTTP answer with a status and a one-line message
    ├── Unauthorized    401   no key, or an unknown or revoked key
    ├── Forbidden       403   the key's role does not allow this
    ├── NotFound        404   no such event, article, actor, …
    └── RateLimited     429   too many requests for this key (Retry-After says when to retry)

Domain errors raised below the API (``LookupError`` for a missing record, ``ValueError`` for a
request the store refuses) are mapped in :func:`install`.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

__all__ = ["ApiError", "Forbidden", "NotFound", "RateLimited", "Unauthorized", "install"]


class ApiError(Exception):
    status = 400

    def __init__(self, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class Unauthorized(ApiError):
    status = 401

    def __init__(self, message: str) -> None:
        super().__init__(message, {"WWW-Authenticate": 'Bearer realm="marsad"'})


class Forbidden(ApiError):
    status = 403


class NotFound(ApiError):
    status = 404


class RateLimited(ApiError):
    status = 429

    def __init__(self, retry_after: float) -> None:
        seconds = max(1, round(retry_after))
        super().__init__(f"rate limit exceeded; retry in {seconds} s", {"Retry-After": str(seconds)})


def _answer(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers: API errors keep their status, missing records are 404, refused values 422."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _answer(exc.status, exc.message, exc.headers)

    @app.exception_handler(LookupError)
    async def missing(request: Request, exc: LookupError) -> JSONResponse:
        return _answer(404, str(exc.args[0]) if exc.args else "not found")

    @app.exception_handler(ValueError)
    async def refused(request: Request, exc: ValueError) -> JSONResponse:
        return _answer(422, str(exc))
