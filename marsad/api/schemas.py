"""Response and request schemas of the HTTP API (pydantic), separate from the tables.

Names follow ``EventPublic`` / ``EventsPublic(data, count)``: a ``…Public`` is what the API
returns for one record, a ``…sPublic`` a page of them with the total count of the query.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

__all__ = [
    "ActorDetail", "ActorPublic", "ActorsPublic", "ArticleIn", "ArticlePublic", "ArticleSubmitted",
    "EventDetail", "EventPublic", "EventsPublic", "EvidencePublic", "FieldSpan", "GraphEdge", "GraphNode",
    "GraphPublic", "IncidentPublic", "IncidentsPublic", "ReviewIn", "ReviewPublic", "SearchHit",
    "SearchPublic", "SourcePublic", "TimelinePublic", "TimelineSeries", "WatchlistIn", "WatchlistPublic",
]


class EvidencePublic(BaseModel):
    start: int
    end: int
    text: str


class FieldSpan(BaseModel):
    """The words of the article that support one coded field."""

    field: str
    start: int
    end: int
    mention: str


class ReviewPublic(BaseModel):
    id: int
    action: str
    field: str | None = None
    value: Any = None
    machine: Any = None
    reviewer: str
    note: str | None = None
    created_at: str


class EventBase(BaseModel):
    id: int
    article_id: str
    event_type: str
    sub_event_type: str
    attack_type: str | None = None
    weapon_type: str | None = None
    method: str | None = None
    date: str | None = None
    date_precision: str | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    fatalities: int | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    injured: int | None = None
    certainty: str
    background: bool = False
    link: str | None = None
    claim_status: str | None = None
    claimed_by: str | None = None
    perpetrator: str | None = Field(None, description="perpetrators' canonical names, joined with '; '")
    incident_id: int | None = None


class EventPublic(EventBase):
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    reviewed: bool = False
    review_status: str | None = None
    corrected_fields: list[str] = []


class EventsPublic(BaseModel):
    data: list[EventPublic]
    count: int
    limit: int
    offset: int


class SourcePublic(BaseModel):
    """One article's report of an incident: what it says, for comparing outlets."""

    event_id: int
    article_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    date: str | None = None
    place: str | None = None
    fatalities: int | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    injured: int | None = None
    perpetrator: str | None = None
    claimed_by: str | None = None
    evidence: list[EvidencePublic] = []
    reason: str | None = None


class RelationPublic(BaseModel):
    """One relation as one article states it."""

    id: int
    type: str
    source_id: int
    source: str
    target_id: int
    target: str
    detail: str | None = None
    certainty: str
    article_id: str
    evidence: list[EvidencePublic] = []
    reviewed: bool = False
    review_status: str | None = None


class EventDetail(EventPublic):
    machine: dict[str, Any] = Field(description="the machine's SPEC event record, never changed by review")
    machine_values: dict[str, Any] = {}
    evidence: list[EvidencePublic] = []
    spans: list[FieldSpan] = []
    text: str = ""
    sources: list[SourcePublic] = Field([], description="other sources of the same incident")
    disagreements: dict[str, list[Any]] = Field({}, description="fields on which the sources differ")
    reviews: list[ReviewPublic] = []
    relations: list[RelationPublic] = Field([], description="the actor-network relations found in the same article")


class IncidentPublic(BaseModel):
    id: int
    event_type: str
    sub_event_type: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    n_sources: int
    sources: list[SourcePublic] = []


class IncidentsPublic(BaseModel):
    data: list[IncidentPublic]
    count: int
    limit: int
    offset: int


class ActorPublic(BaseModel):
    id: int
    name: str
    kind: str | None = None
    kb_id: str | None = None
    events: int = 0


class ActorsPublic(BaseModel):
    data: list[ActorPublic]
    count: int
    limit: int
    offset: int


class ActorDetail(ActorPublic):
    aliases: list[str] = Field([], description="the words the articles use for this actor")
    renames: list[RelationPublic] = []
    relations: list[RelationPublic] = []
    per_month: dict[str, int] = Field({}, description="events per month (YYYY-MM)")


class GraphNode(BaseModel):
    id: str
    label: str
    key: str = Field(description="what the events filter 'actor' takes for this actor (knowledge-base id or name)")
    kind: str | None = None
    weight: int = 1


class GraphEvidence(BaseModel):
    relation_id: int
    article_id: str
    article_title: str | None = None
    text: str
    start: int
    end: int


class GraphEdge(BaseModel):
    id: str
    source: str
    target: str
    source_label: str
    target_label: str
    type: str
    type_label: str
    certainty: str
    certainty_label: str
    relations: int = Field(1, description="how many statements (relations in articles) the edge stands for")
    evidence: list[GraphEvidence] = Field(description="the first statements' evidence sentences")


class GraphPublic(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class ArticlePublic(BaseModel):
    id: str
    title: str | None = None
    text: str
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    spans: list[FieldSpan] = Field([], description="every span the extractor found: entities, event and relation fields")
    events: list[int] = []


class ArticleIn(BaseModel):
    id: str | None = Field(None, max_length=1000)
    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None


class ArticleSubmitted(BaseModel):
    id: str
    stored: bool
    events: list[int]
    relations: int


class SearchHit(BaseModel):
    article_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    snippet: str


class SearchPublic(BaseModel):
    data: list[SearchHit]
    count: int
    limit: int
    offset: int


class TimelineSeries(BaseModel):
    event_type: str
    label: str
    counts: list[int]


class TimelinePublic(BaseModel):
    interval: Literal["day", "week", "month"]
    buckets: list[str]
    series: list[TimelineSeries]


class ReviewIn(BaseModel):
    action: Literal["confirm", "correct", "reject"]
    field: str | None = None
    value: Any = None
    note: str | None = Field(None, max_length=2000)


class WatchlistIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    query: str = Field("", max_length=4000, description="the filter as a URL query string, e.g. actor=داعش&country=EG")


class WatchlistPublic(BaseModel):
    id: int
    name: str
    query: str
    new: int = Field(0, description="matching events newer than the last visit")
