"""The data model passed between stages: a document and spans over its untouched text.

Every object that points into the text carries ``start``/``end`` as Python ``str`` indices into
``Document.text`` exactly as given, so ``text[start:end] == mention`` always holds. Events and
relations serialise to the SPEC JSON (``../shared/SPEC.md``) with :meth:`Result.to_json`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "CERTAINTY_ORDER",
    "Actor",
    "Analysis",
    "Claim",
    "DateValue",
    "Document",
    "Entity",
    "Event",
    "Evidence",
    "Location",
    "Mention",
    "Quantity",
    "Relation",
    "Result",
    "Sentence",
    "Span",
    "Token",
]


# An event's or relation's ``certainty``, firmest first (SPEC).
CERTAINTY_ORDER = ("confirmed", "reported", "hedged", "negated")


class ModelError(ValueError):
    """A document or record does not satisfy the data contract."""


@dataclass(frozen=True, slots=True)
class Document:
    """One input article. ``text`` is never modified by any stage."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Document:
        if not isinstance(obj, dict):
            raise ModelError("a document must be a JSON object")
        doc_id, text = obj.get("id"), obj.get("text")
        if not isinstance(doc_id, str) or not doc_id:
            raise ModelError("field 'id' is missing or not a non-empty string")
        if not isinstance(text, str):
            raise ModelError(f"document {doc_id!r}: field 'text' is missing or not a string")
        return cls(
            id=doc_id,
            text=text,
            title=obj.get("title") if isinstance(obj.get("title"), str) else None,
            published=parse_published(obj.get("published")),
            url=obj.get("url") if isinstance(obj.get("url"), str) else None,
            outlet=obj.get("outlet") if isinstance(obj.get("outlet"), str) else None,
        )


def parse_published(value: object) -> dt.date | None:
    """An ISO date (or datetime) string → date; anything else → None (never guessed)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled stretch of the raw text (noise, sentence, trigger, ...)."""

    start: int
    end: int
    label: str = ""

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    index: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the raw text with its normalised form and clitic analysis.

    ``norm`` is the normalised surface, ``stem`` the normalised form with proclitics (و ف ب ل ك
    ال) and enclitic pronouns removed, ``prefix`` the removed proclitics (normalised).
    """

    start: int
    end: int
    text: str
    norm: str
    stem: str
    prefix: str = ""
    suffix: str = ""
    sentence: int = 0
    index: int = 0


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count found in the text: exact ``value`` or a ``min``/``max`` range (vague amounts)."""

    start: int
    end: int
    mention: str
    value: int | None
    min: int | None = None
    max: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "min": self.min, "max": self.max, "mention": self.mention,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date in the text resolved to ISO ``value`` at ``precision`` (year/month/day)."""

    start: int
    end: int
    mention: str
    value: str
    precision: str
    relative: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "mention": self.mention,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity (PERS/LOC/ORG/MISC) or DATE/NUM mention."""

    label: str
    start: int
    end: int
    mention: str
    kb_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "start": self.start, "end": self.end, "mention": self.mention,
                "kb_id": self.kb_id}


@dataclass(frozen=True, slots=True)
class Mention:
    """A span recognised as an actor, a place, a demonym or a named entity.

    ``label``: ACTOR, PLACE, DEMONYM, or an NER label (PERS/LOC/ORG/MISC). ``name`` is the canonical
    name when the mention is linked (``kb_id``), else the words of the text. Places carry their
    country, admin1, coordinates and precision; actors their kind and country.
    """

    start: int
    end: int
    text: str
    label: str
    name: str
    kb_id: str | None = None
    kind: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    source: str = ""
    population: int | None = None  # places: inhabitants, as the gazetteer gives them

    @property
    def is_person(self) -> bool:
        """A person: tagged PERS, or linked to a person of the knowledge base."""
        return self.label == "PERS" or self.kind == "person"


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    mention: str | None
    start: int | None
    end: int | None
    kind: str | None = None
    kb_id: str | None = None
    role: str | None = None

    def with_role(self, role: str) -> Actor:
        return Actor(self.name, self.mention, self.start, self.end, self.kind, self.kb_id, role)

    def to_json(self) -> dict[str, Any]:
        out = {"name": self.name, "mention": self.mention, "start": self.start, "end": self.end,
               "kb_id": self.kb_id, "kind": self.kind}
        if self.role is not None:
            out = {"role": self.role, **out}
        return out


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    mention: str | None
    start: int | None
    end: int | None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Claim:
    status: str  # claimed / denied / unclaimed
    by: str | None
    mention: str | None
    start: int | None
    end: int | None
    mode: str | None = None
    date: DateValue | None = None

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "by": self.by, "mode": self.mode,
                "date": self.date.to_json() if self.date else None,
                "mention": self.mention, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    event_type: str
    sub_event_type: str
    evidence: tuple[Evidence, ...]
    actors: tuple[Actor, ...] = ()
    attack_type: str | None = None
    weapon_type: str | None = None
    method: str | None = None
    location: Location | None = None
    date: DateValue | None = None
    fatalities: Quantity | None = None
    injured: Quantity | None = None
    claim: Claim | None = None
    link: str | None = None
    certainty: str = "confirmed"
    background: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "attack_type": self.attack_type,
            "weapon_type": self.weapon_type,
            "method": self.method,
            "actors": [a.to_json() for a in self.actors],
            "location": self.location.to_json() if self.location else None,
            "date": self.date.to_json() if self.date else None,
            "fatalities": self.fatalities.to_json() if self.fatalities else None,
            "injured": self.injured.to_json() if self.injured else None,
            "claim": self.claim.to_json() if self.claim else None,
            "link": self.link,
            "certainty": self.certainty,
            "background": self.background,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Relation:
    type: str
    source: Actor
    target: Actor
    evidence: tuple[Evidence, ...]
    detail: str | None = None
    certainty: str = "confirmed"

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "source": self.source.to_json(), "target": self.target.to_json(),
                "detail": self.detail, "certainty": self.certainty,
                "evidence": [e.to_json() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class Result:
    """Everything extracted from one document; serialises to one SPEC output line."""

    id: str
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    entities: tuple[Entity, ...] = ()
    errors: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "events": [e.to_json() for e in self.events],
            "relations": [r.to_json() for r in self.relations],
            "entities": [e.to_json() for e in self.entities],
        }
        if self.errors:
            out["errors"] = list(self.errors)
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Result:
        return cls(
            id=obj["id"],
            events=tuple(_event_from_json(e) for e in obj.get("events", [])),
            relations=tuple(_relation_from_json(r) for r in obj.get("relations", [])),
            entities=tuple(Entity(**e) for e in obj.get("entities", [])),
            errors=tuple(obj.get("errors", [])),
        )


def _maybe(cls: Any, obj: dict[str, Any] | None) -> Any:
    return cls(**obj) if obj else None


def _date_from_json(obj: dict[str, Any] | None) -> DateValue | None:
    if not obj:
        return None
    return DateValue(obj.get("start") or 0, obj.get("end") or 0, obj.get("mention") or "",
                     obj["value"], obj["precision"])


def _evidence(items: list[dict[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(Evidence(**e) for e in items)


def _event_from_json(obj: dict[str, Any]) -> Event:
    claim = obj.get("claim")
    return Event(
        id=obj["id"], event_type=obj["event_type"], sub_event_type=obj["sub_event_type"],
        evidence=_evidence(obj["evidence"]),
        actors=tuple(Actor(**a) for a in obj.get("actors", [])),
        attack_type=obj.get("attack_type"), weapon_type=obj.get("weapon_type"), method=obj.get("method"),
        location=_maybe(Location, obj.get("location")),
        date=_date_from_json(obj.get("date")),
        fatalities=_maybe(Quantity, obj.get("fatalities")),
        injured=_maybe(Quantity, obj.get("injured")),
        claim=Claim(**{**claim, "date": _date_from_json(claim.get("date"))}) if claim else None,
        link=obj.get("link"), certainty=obj.get("certainty", "confirmed"),
        background=bool(obj.get("background")),
    )


def _relation_from_json(obj: dict[str, Any]) -> Relation:
    return Relation(type=obj["type"], source=Actor(**obj["source"]), target=Actor(**obj["target"]),
                    evidence=_evidence(obj["evidence"]), detail=obj.get("detail"),
                    certainty=obj.get("certainty", "confirmed"))


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document with every layer the text and nlp stages found over it.

    This is what the extract stage reads: noise spans, sentences, tokens (each with its sentence
    index), quantities, dates, and mentions (actors, places, demonyms, named entities), all with
    raw offsets into ``doc.text``.
    """

    doc: Document
    noise: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateValue, ...] = ()
    mentions: tuple[Mention, ...] = ()

    @property
    def text(self) -> str:
        return self.doc.text

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.sentence == sentence.index)
