"""The same real-world event reported by several articles → one incident, with the reason for each merge.

Input is one :class:`IncidentEvent` per reported event (the store builds them from its rows); the
output is one :class:`Incident` per real-world event. Two events may merge when all of these hold:

- they come from different articles (an article reports an incident once: the extractor merges
  its own mentions), and neither is negated;
- their types are compatible (same ACLED event type, or a pair coders often split differently:
  a bombing of civilians as explosion or as violence against civilians, a riot or a protest);
- their dates are within ``max_days`` (an event without its own date is placed in the two days
  before its article's publication; month- or year-only dates never merge);
- their places are compatible: the same place, the same admin-1 area, or points within
  ``max_km``; a country-only place merges only with strong other evidence (see below);
- their named perpetrator groups, if both name one, overlap.

A candidate pair then gets a score from what agrees — sub-event type, place name, the same day,
the same perpetrator, the same toll — and pairs scoring at least ``min_score`` are merged, best
first, as long as the incident never holds two events of one article and every pair in it stays
compatible (so chains do not drift). Candidates are found per country in a sliding date window,
never by comparing all pairs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["Incident", "IncidentEvent", "IncidentOptions", "Member", "compatible", "group_events", "pair_score"]

_COMPATIBLE_TYPES = {
    frozenset({"explosions_remote_violence", "violence_against_civilians"}),
    frozenset({"protests", "riots"}),
    frozenset({"battles", "explosions_remote_violence"}),
}
_POINT_PRECISIONS = ("point", "city")


@dataclass(frozen=True, slots=True)
class IncidentOptions:
    """Thresholds of the merge: days apart, kilometres apart, least score (see the module docstring)."""

    max_days: int = 2
    max_km: float = 25.0
    min_score: float = 2.0
    weak_place_score: float = 3.0
    undated_days: int = 2

    def __post_init__(self) -> None:
        if self.max_days < 0 or self.max_km < 0 or self.undated_days < 0:
            raise ValueError("IncidentOptions: days and kilometres cannot be negative")


@dataclass(frozen=True, slots=True)
class IncidentEvent:
    """One reported event as the incident step sees it.

    ``key`` identifies it stably (article content hash and event id); ``ref`` is the caller's id.
    ``date``/``date_precision`` are the event's own date; ``published`` the article's date.
    ``perpetrators`` are knowledge-base ids (or names) of the groups said to have done or claimed it.
    """

    key: str
    ref: int
    article: str
    source: str
    event_type: str
    sub_event_type: str
    date: dt.date | None
    date_precision: str | None
    published: dt.date | None
    country: str | None
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_precision: str | None = None
    perpetrators: frozenset[str] = frozenset()
    fatalities: int | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    certainty: str = "confirmed"
    background: bool = False

    def window(self, undated_days: int) -> tuple[dt.date, dt.date] | None:
        """The days the event may have happened on, or None when too vague to merge."""
        if self.date is not None:
            return (self.date, self.date) if self.date_precision == "day" else None
        if self.published is None or self.background:
            return None
        return self.published - dt.timedelta(days=undated_days), self.published

    @property
    def mergeable(self) -> bool:
        return self.country is not None and self.certainty != "negated"


@dataclass(frozen=True, slots=True)
class Member:
    """An event's place in an incident: the reason it joined (empty for the first event)."""

    event: IncidentEvent
    reason: str


@dataclass(frozen=True, slots=True)
class Incident:
    key: str
    members: tuple[Member, ...]
    event_type: str
    sub_event_type: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    country: str | None
    admin1: str | None
    place: str | None
    place_precision: str | None
    lat: float | None
    lon: float | None
    fatalities_min: int | None
    fatalities_max: int | None
    sources: tuple[str, ...] = field(default=())

    @property
    def articles(self) -> int:
        return len({m.event.article for m in self.members})


def group_events(events: Iterable[IncidentEvent], options: IncidentOptions | None = None) -> list[Incident]:
    """Every event in exactly one incident, incidents ordered by their first event's input order."""
    options = options or IncidentOptions()
    ordered = list(events)
    clusters = _Clusters(ordered)
    for _score, i, j, reason in sorted(_scored_pairs(ordered, options), key=lambda p: (-p[0], p[1], p[2])):
        clusters.merge(i, j, reason, lambda a, b: compatible(ordered[a], ordered[b], options) is not None)
    return [_incident([ordered[i] for i in members], reasons) for members, reasons in clusters.groups()]


def compatible(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> list[str] | None:
    """What agrees between two events, or None when they cannot be one incident."""
    if a.article == b.article or not (a.mergeable and b.mergeable) or a.country != b.country:
        return None
    wa, wb = a.window(options.undated_days), b.window(options.undated_days)
    if wa is None or wb is None or _gap(wa, wb) > options.max_days:
        return None
    if a.event_type != b.event_type and frozenset({a.event_type, b.event_type}) not in _COMPATIBLE_TYPES:
        return None
    if a.perpetrators and b.perpetrators and not a.perpetrators & b.perpetrators:
        return None
    place = _place_agreement(a, b, options)
    if place is None:
        return None
    return [f"type {a.event_type}" + ("" if a.event_type == b.event_type else f"/{b.event_type}"), place,
            _date_note(a, b, wa, wb)]


def pair_score(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> tuple[float, list[str]] | None:
    """The evidence that two compatible events are one incident: (score, what agrees); None if incompatible."""
    agree = compatible(a, b, options)
    if agree is None:
        return None
    score = 0.0
    if a.event_type == b.event_type:
        score += 0.5
    if a.sub_event_type == b.sub_event_type:
        score += 1.0
        agree.append(f"sub-event {a.sub_event_type}")
    if a.place and a.place == b.place:
        score += 1.0 if a.place_precision in _POINT_PRECISIONS else 0.5
    if a.date is not None and a.date == b.date:
        score += 1.0
    if a.perpetrators & b.perpetrators:
        score += 1.5
        agree.append("perpetrator " + ", ".join(sorted(a.perpetrators & b.perpetrators)))
    tolls = _toll_agreement(a, b)
    score += tolls[0]
    if tolls[1]:
        agree.append(tolls[1])
    weak = _weak_place(a) or _weak_place(b)
    if score < (options.weak_place_score if weak else options.min_score):
        return None
    return score, agree


def _scored_pairs(events: Sequence[IncidentEvent], options: IncidentOptions) -> list[tuple[float, int, int, str]]:
    """Candidate pairs per country in a sliding window over the event days (blocking; no all-pairs pass)."""
    by_country: dict[str, list[tuple[dt.date, dt.date, int]]] = defaultdict(list)
    for i, event in enumerate(events):
        window = event.window(options.undated_days)
        if event.mergeable and window is not None and event.country:
            by_country[event.country].append((window[0], window[1], i))
    pairs = []
    for block in by_country.values():
        block.sort()
        for n, (_start, end, i) in enumerate(block):
            for other_start, _, j in block[n + 1:]:
                if (other_start - end).days > options.max_days:
                    break
                scored = pair_score(events[i], events[j], options)
                if scored is not None:
                    first, second = min(i, j), max(i, j)
                    pairs.append((scored[0], first, second, _reason(events[first], scored)))
    return pairs


def _reason(other: IncidentEvent, scored: tuple[float, list[str]]) -> str:
    return f"score {scored[0]:.1f} with {other.source} ({other.article}): " + "; ".join(scored[1])


class _Clusters:
    """Greedy merging with a check over every pair of the two clusters, and one event per article."""

    def __init__(self, events: Sequence[IncidentEvent]) -> None:
        self._events = events
        self._of = list(range(len(events)))
        self._members: dict[int, list[int]] = {i: [i] for i in range(len(events))}
        self._reasons: dict[int, str] = {}

    def merge(self, i: int, j: int, reason: str, ok: Callable[[int, int], bool]) -> None:
        a, b = self._of[i], self._of[j]
        if a == b:
            return
        left, right = self._members[a], self._members[b]
        if {self._events[x].article for x in left} & {self._events[y].article for y in right}:
            return
        if not all(ok(x, y) for x in left for y in right):
            return
        keep, gone = (a, b) if a < b else (b, a)
        joined = j if keep == a else i
        self._reasons[joined] = reason
        for x in self._members[gone]:
            self._of[x] = keep
        self._members[keep] = sorted(self._members[keep] + self._members.pop(gone))

    def groups(self) -> list[tuple[list[int], dict[int, str]]]:
        return [(members, {m: self._reasons.get(m, "") for m in members})
                for _, members in sorted(self._members.items())]


def _incident(events: list[IncidentEvent], reasons: dict[int, str]) -> Incident:
    members = tuple(Member(e, r) for e, r in zip(events, reasons.values(), strict=True))
    dated = [e.date for e in events if e.date is not None and e.date_precision == "day"]
    placed = sorted(events, key=lambda e: (_PRECISION_RANK.get(e.place_precision or "", 9), events.index(e)))
    where = placed[0]
    lows = [e.fatalities_min if e.fatalities_min is not None else e.fatalities for e in events]
    highs = [e.fatalities_max if e.fatalities_max is not None else e.fatalities for e in events]
    lows_known, highs_known = [x for x in lows if x is not None], [x for x in highs if x is not None]
    return Incident(
        key=hashlib.sha256("\n".join(sorted(e.key for e in events)).encode("utf-8")).hexdigest(),
        members=members, event_type=_most_common(e.event_type for e in events),
        sub_event_type=_most_common(e.sub_event_type for e in events),
        date_start=min(dated) if dated else None, date_end=max(dated) if dated else None,
        country=events[0].country, admin1=_most_common(e.admin1 for e in events if e.admin1) or None,
        place=where.place, place_precision=where.place_precision, lat=where.lat, lon=where.lon,
        fatalities_min=min(lows_known) if lows_known else None,
        fatalities_max=max(highs_known) if highs_known else None,
        sources=tuple(dict.fromkeys(e.source for e in events)))


_PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}


def _most_common(values: Iterable[str | None]) -> str:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else ""


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two windows (0 when they overlap)."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def _date_note(a: IncidentEvent, b: IncidentEvent, wa: tuple[dt.date, dt.date], wb: tuple[dt.date, dt.date]) -> str:
    if a.date is not None and b.date is not None:
        return "same day" if a.date == b.date else f"dates {a.date} and {b.date}"
    return f"within {_gap(wa, wb)} day(s) (an undated report placed by its publication date)"


def _weak_place(event: IncidentEvent) -> bool:
    return event.place is None or event.place_precision in ("country", "region", None)


def _place_agreement(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> str | None:
    if a.place and a.place == b.place:
        return f"same place {a.place}"
    if a.admin1 and a.admin1 == b.admin1:
        return f"same admin-1 area {a.admin1}"
    if _has_point(a) and _has_point(b):
        km = _km(a, b)
        return f"{km:.0f} km apart" if km <= options.max_km else None
    if _weak_place(a) or _weak_place(b):
        return "same country " + (a.country or "")
    return None


def _has_point(event: IncidentEvent) -> bool:
    return event.lat is not None and event.lon is not None and event.place_precision in _POINT_PRECISIONS


def _km(a: IncidentEvent, b: IncidentEvent) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _toll_agreement(a: IncidentEvent, b: IncidentEvent) -> tuple[float, str]:
    """Same exact toll: strong; overlapping ranges or close tolls: some; far apart: against."""
    if a.fatalities is not None and a.fatalities == b.fatalities:
        return 1.0, f"same toll {a.fatalities}"
    lo_a, hi_a = _range(a)
    lo_b, hi_b = _range(b)
    if lo_a is None or lo_b is None or hi_a is None or hi_b is None:
        return 0.0, ""
    if lo_a <= hi_b and lo_b <= hi_a:
        return 0.5, f"tolls {lo_a}-{hi_a} and {lo_b}-{hi_b} overlap"
    low, high = min(hi_a, hi_b), max(lo_a, lo_b)
    if high <= 2 * low + 3:
        return 0.25, f"close tolls {_toll_text(lo_a, hi_a)} and {_toll_text(lo_b, hi_b)}"
    return -1.0, ""


def _toll_text(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def _range(event: IncidentEvent) -> tuple[int | None, int | None]:
    low = event.fatalities_min if event.fatalities_min is not None else event.fatalities
    high = event.fatalities_max if event.fatalities_max is not None else event.fatalities
    return low, high
