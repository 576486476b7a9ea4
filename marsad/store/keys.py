"""API keys: created and revoked from the CLI, stored as SHA-256 hashes, looked up by the API.

A key is ``msd_`` and 43 random URL-safe characters (256 bits), so a plain SHA-256 is enough to
store it: there is nothing to brute-force. Roles grant rights: ``read`` reads; ``write`` reads and
submits articles; ``review`` reads and confirms, corrects or rejects records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marsad.store.app_tables import ApiKeyRow

__all__ = ["GRANTS", "ROLES", "ApiKey", "ApiKeyError", "create_key", "find_key", "list_keys", "revoke_key"]

ROLES = ("read", "write", "review")
GRANTS: dict[str, frozenset[str]] = {
    "read": frozenset({"read"}),
    "write": frozenset({"read", "write"}),
    "review": frozenset({"read", "review"}),
}
PREFIX = "msd_"


class ApiKeyError(ValueError):
    """A key that cannot be created or revoked (unknown role, name taken, no such key)."""


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: int
    name: str
    role: str
    prefix: str
    rate_limit: int | None
    created_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @property
    def grants(self) -> frozenset[str]:
        return GRANTS[self.role]

    @classmethod
    def from_row(cls, row: ApiKeyRow) -> ApiKey:
        return cls(row.id, row.name, row.role, row.prefix, row.rate_limit, row.created_at, row.revoked_at)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_key(session: Session, name: str, role: str, rate_limit: int | None = None) -> tuple[ApiKey, str]:
    """A new key: its record and the secret, which is shown once and never stored."""
    if role not in ROLES:
        raise ApiKeyError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if rate_limit is not None and rate_limit < 1:
        raise ApiKeyError("a rate limit is at least one request per minute")
    secret = PREFIX + secrets.token_urlsafe(32)
    row = ApiKeyRow(name=name, role=role, key_hash=_hash(secret), prefix=secret[:10], rate_limit=rate_limit)
    session.add(row)
    try:
        session.flush()
    except IntegrityError as err:
        raise ApiKeyError(f"a key named {name!r} exists already") from err
    return ApiKey.from_row(row), secret


def revoke_key(session: Session, name: str) -> ApiKey:
    row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.name == name))
    if row is None:
        raise ApiKeyError(f"no key named {name!r}")
    if row.revoked_at is None:
        row.revoked_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return ApiKey.from_row(row)


def list_keys(session: Session) -> list[ApiKey]:
    return [ApiKey.from_row(row) for row in session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.id))]


def find_key(session: Session, secret: str) -> ApiKey | None:
    """The active key whose secret this is, or None (unknown or revoked)."""
    if not secret.startswith(PREFIX):
        return None
    digest = _hash(secret)
    row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.key_hash == digest))
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.key_hash, digest):
        return None
    return ApiKey.from_row(row)
