"""Query parameters shared by the API and the pages: the event filter as it travels in URLs."""

from __future__ import annotations

import datetime as dt
from typing import Literal
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field, model_validator

from marsad.store.queries import EventFilter

__all__ = ["EventParams", "SORTS"]

SORTS = ("-date", "date", "-fatalities", "fatalities", "-published", "published")


class EventParams(BaseModel):
    """Filters, sort and page of an event list; every field optional (frozen: a cache key)."""

    model_config = ConfigDict(frozen=True)

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = Field(None, max_length=2)
    place: str | None = Field(None, max_length=300)
    actor: str | None = Field(None, max_length=300, description="canonical name or knowledge-base id, any role")
    event_type: str | None = Field(None, max_length=60)
    sub_event_type: str | None = Field(None, max_length=60)
    certainty: Literal["confirmed", "reported", "hedged", "negated"] | None = None
    claimed: bool | None = None
    q: str | None = Field(None, max_length=500, description="full-text query on the article (normalised Arabic)")
    sort: Literal["-date", "date", "-fatalities", "fatalities", "-published", "published"] = "-date"
    limit: int = Field(50, ge=1, le=1000)
    offset: int = Field(0, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_unset(cls, data: object) -> object:
        """A form's empty field means no filter."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v not in ("", None)}
        return data

    def to_filter(self, limit: int | None = None, offset: int | None = None) -> EventFilter:
        return EventFilter(
            date_from=self.date_from, date_to=self.date_to, country=(self.country or None) and self.country.upper(),
            place=self.place or None, actor=self.actor or None, event_type=self.event_type or None,
            sub_event_type=self.sub_event_type or None, certainty=self.certainty, claimed=self.claimed,
            text=self.q or None, sort=self.sort, limit=self.limit if limit is None else limit,
            offset=self.offset if offset is None else offset)

    def query(self, **changes: object) -> str:
        """The URL query string of these parameters (defaults left out), with ``changes`` applied."""
        values = self.model_dump(exclude_defaults=True) | changes
        pairs = [(k, str(v).lower() if isinstance(v, bool) else str(v)) for k, v in values.items()
                 if v is not None and v != ""]
        return urlencode(pairs)

    @classmethod
    def from_query(cls, query: dict[str, str]) -> EventParams:
        """From a dict of URL parameters (empty values are no filter)."""
        return cls.model_validate({k: v for k, v in query.items() if k in cls.model_fields})
