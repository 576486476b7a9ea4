"""Build analyses by hand: real text layers, mentions given as substrings (no KB needed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from marsad.model import Analysis, DateValue, Document, Mention, Quantity, Token
from marsad.text.clean import noise_spans
from marsad.text.segment import sentences, tokenize


def span_of(text: str, mention: str, occurrence: int = 1) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.index(mention, pos + 1)
    return pos, pos + len(mention)


def build(text: str, published: str | None = None, actors: dict[str, str] | None = None,
          places: dict[str, tuple[str, str]] | None = None, persons: list[str] | None = None,
          quantities: dict[str, int] | None = None, dates: dict[str, tuple[Any, ...]] | None = None,
          demonyms: dict[str, str] | None = None) -> Analysis:
    """``actors``: mention → kind; ``places``: mention → (country, precision); ``dates``: mention →
    (value, precision[, relative]); ``demonyms``: nationality adjective → country."""
    noise = tuple(noise_spans(text))
    sents = tuple(sentences(text, noise))
    tokens: list[Token] = []
    for s in sents:
        tokens.extend(tokenize(text, s.start, s.end, sentence=s.index, first_index=len(tokens), skip=noise))
    mentions = []
    for m, kind in (actors or {}).items():
        s, e = span_of(text, m)
        mentions.append(Mention(s, e, m, "ACTOR", m, kb_id=m, kind=kind, source="test"))
    for m in persons or []:
        s, e = span_of(text, m)
        mentions.append(Mention(s, e, m, "PERS", m, source="test"))
    for m, (country, precision) in (places or {}).items():
        s, e = span_of(text, m)
        mentions.append(Mention(s, e, m, "PLACE", m, kb_id=m, country=country, precision=precision, source="test"))
    for m, country in (demonyms or {}).items():
        s, e = span_of(text, m)
        mentions.append(Mention(s, e, m, "DEMONYM", country, kb_id=country, country=country, source="test"))
    qs = []
    for m, value in (quantities or {}).items():
        s, e = span_of(text, m)
        qs.append(Quantity(s, e, m, value, value, value))
    ds = []
    for m, (value, precision, *relative) in (dates or {}).items():
        s, e = span_of(text, m)
        ds.append(DateValue(s, e, m, value, precision, bool(relative and relative[0])))
    doc = Document("t", text, published=dt.date.fromisoformat(published) if published else None)
    return Analysis(doc, noise, sents, tuple(tokens), tuple(sorted(qs, key=lambda q: q.start)),
                    tuple(sorted(ds, key=lambda d: d.start)), tuple(sorted(mentions, key=lambda m: m.start)))


@pytest.fixture
def make_analysis():  # type: ignore[no-untyped-def]
    return build
