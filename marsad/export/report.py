"""A readable plain-text report of one result: every field with the words it came from."""

from __future__ import annotations

from collections.abc import Iterator

from marsad.model import Actor, Document, Event, Quantity, Relation, Result

__all__ = ["format_report"]


def format_report(doc: Document, result: Result) -> str:
    return "\n".join(_lines(doc, result))


def _lines(doc: Document, result: Result) -> Iterator[str]:
    published = doc.published.isoformat() if doc.published else "unknown date"
    yield f"== {doc.id} ({published}){' — ' + doc.title if doc.title else ''}"
    if not result.events and not result.relations:
        yield "  no political-violence event or relation found"
    for event in result.events:
        yield from _event_lines(event)
    if result.relations:
        yield "Relations:"
        for rel in result.relations:
            yield from _relation_lines(rel)
    yield ""


def _at(mention: str | None, start: int | None, end: int | None) -> str:
    return f"«{mention}» @{start}-{end}" if mention is not None else "(not in the text)"


def _event_lines(ev: Event) -> Iterator[str]:
    extra = ", ".join(f"{k} {v}" for k, v in (("method", ev.method), ("attack", ev.attack_type),
                                                ("weapon", ev.weapon_type)) if v)
    yield f"Event {ev.id}: {ev.event_type} / {ev.sub_event_type}" + (f"  [{extra}]" if extra else "")
    yield f"  certainty: {ev.certainty}   background: {'yes' if ev.background else 'no'}   link: {ev.link or '-'}"
    for actor in ev.actors:
        yield f"  {actor.role or 'actor'}: {_actor(actor)}"
    if ev.location:
        loc = ev.location
        where = ", ".join(str(x) for x in (loc.country, loc.precision) if x)
        coords = f" {loc.lat:.3f},{loc.lon:.3f}" if loc.lat is not None and loc.lon is not None else ""
        yield f"  location: {loc.name} ({where}{coords}) {_at(loc.mention, loc.start, loc.end)}"
    if ev.date:
        yield f"  date: {ev.date.value} ({ev.date.precision}) {_at(ev.date.mention, ev.date.start, ev.date.end)}"
    for label, qty in (("fatalities", ev.fatalities), ("injured", ev.injured)):
        if qty:
            yield f"  {label}: {_quantity(qty)}"
    if ev.claim:
        c = ev.claim
        yield f"  claim: {c.status}{' by ' + c.by if c.by else ''}{' (' + c.mode + ')' if c.mode else ''} " \
              f"{_at(c.mention, c.start, c.end)}"
    yield "  evidence:"
    for ev_span in ev.evidence:
        yield f"    [{ev_span.start}-{ev_span.end}] {ev_span.text}"


def _actor(actor: Actor) -> str:
    kb = f" [{actor.kb_id}]" if actor.kb_id else ""
    return f"{actor.name}{kb} ({actor.kind or '?'}) {_at(actor.mention, actor.start, actor.end)}"


def _quantity(q: Quantity) -> str:
    value = str(q.value) if q.value is not None else f"{q.min}–{q.max if q.max is not None else '?'}"
    return f"{value} {_at(q.mention, q.start, q.end)}"


def _relation_lines(rel: Relation) -> Iterator[str]:
    detail = f" ({rel.detail})" if rel.detail else ""
    yield f"  {rel.type}{detail}: {_actor(rel.source)} → {_actor(rel.target)}  certainty: {rel.certainty}"
    for ev_span in rel.evidence:
        yield f"    [{ev_span.start}-{ev_span.end}] {ev_span.text}"
