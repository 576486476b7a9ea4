"""Article text cut into segments, each knowing which coded fields' evidence covers it.

The page renders every segment as escaped text inside a ``<mark>`` whose class names the most
specific field (the shortest span covering it), so overlapping evidence stays readable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Mark", "Segment", "segments"]


@dataclass(frozen=True, slots=True)
class Mark:
    """One field's evidence: ``field`` names its colour (perpetrator, location, date, …)."""

    start: int
    end: int
    field: str
    sentence: bool = False  # a supporting sentence (underlined), not a field's own words


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    fields: tuple[str, ...] = ()
    in_evidence: bool = False

    @property
    def main_field(self) -> str | None:
        return self.fields[0] if self.fields else None


def _valid(marks: Iterable[Mark], length: int) -> list[Mark]:
    return [m for m in marks if 0 <= m.start < m.end <= length]


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary; ``fields`` ordered from the shortest covering mark."""
    kept = _valid(marks, len(text))
    cuts = sorted({0, len(text), *(m.start for m in kept), *(m.end for m in kept)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in kept if m.start <= start and end <= m.end]
        fields = sorted((m for m in covering if not m.sentence), key=lambda m: (m.end - m.start, m.field))
        names = tuple(dict.fromkeys(m.field for m in fields))
        out.append(Segment(text[start:end], names, any(m.sentence for m in covering)))
    return out
