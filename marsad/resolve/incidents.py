"""The same real-world event reported by several articles → one incident, with the reason for each merge.

Input is one :class:`IncidentEvent` per reported event (the store builds them from its rows); the
output is one :class:`Incident` per real-world event, every event in exactly one incident.

**Blocking** (no all-pairs pass): candidates are pairs of events of one country whose dates are
within ``max_days`` of each other (two by default: outlets date one occurrence a day or two apart),
found with a sliding window over the events of each country sorted by date. An event without its
own date is placed in the ``undated_days`` before its article's publication; one dated only to a
month or a year, a background mention without a date, a negated event and an event without a
country never merge.

**Compatibility** (all must hold): different articles; types of one family (a bombing of civilians
may be typed as an explosion or as violence against civilians; a riot as a protest); places that
agree (the same place, however spelled; the same admin-1 area, one side's place being the admin-1
area the other's lies in; points within ``max_km``; places within ``far_km`` of each other, a city and
its suburb named at different levels; a country-level place; or a place the gazetteer could not put
on the map); and no two different named armed groups as perpetrators (state forces are not compared:
outlets name them too differently). How closely the days and places agree is left to the score.

**Evidence** (:func:`pair_score`): what the two reports share — the words of their evidence
sentences (TF-IDF cosine over normalised words, IDF from all the events grouped), the words of their
articles' titles and openings (two outlets' stories of one event open alike even when they tell it in
other words; the learned model only), the same day,
the same place, the same sub-event type, the same toll, the same perpetrator (reports sharing no
words at all, ``min_similarity``, never merge directly) — and what speaks
against it: a toll far from the other, sub-event types that cannot describe one act (a chemical
attack and an air strike), an undated mention outside the article's opening paragraph (usually a
recollection, not the news). By default these are weighed by the learned pair model
(:mod:`marsad.resolve.pair_model`: a logistic regression trained on the hand-labelled pairs, its
score a log-odds, its thresholds its own); ``IncidentOptions(learned=False)`` weighs them by hand
instead. A pair scoring at least ``min_score`` may merge; pairs are merged
best first, and two groups join only if every pair across them from different articles is
compatible, the mean score over those pairs is at least ``link_score`` (average linkage) and none
scores more than ``link_spread`` below it, so chains do not drift. Two groups holding events of one
article join only when those events are one report told twice (the learned extractor often gives an
attack and the fighting around it as two events of one article): types of one family, places that agree
closely (not merely within ``far_km``), days within a day; such pairs are neither scored nor compared
further. Each merged event records the reason: what agreed, with which report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from marsad.resolve.incident_rules import (
    FAMILIES,
    area,
    day_gap,
    gap,
    km,
    place_level,
    same_area,
    sub_relation,
    toll_relation,
    unlocated,
    weak_place,
)
from marsad.resolve.pair_model import PairModel, load_pair_model, pair_features

__all__ = ["OPENING_CHARS", "EvidenceVectors", "Incident", "IncidentEvent", "IncidentOptions", "Member",
           "candidate_pairs", "cluster", "compatible", "group_events", "kept_apart", "link_score", "pair_score"]

OPENING_CHARS = 600  # of an article's text, read with its title as the article's opening
_PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}


@dataclass(frozen=True, slots=True)
class IncidentOptions:
    """Thresholds and weights of the merge (see the module docstring).

    ``learned`` (the default): pairs are scored by the learned pair model (``model``, or the shipped
    ``marsad/kb/models/incidents/pair_model.json``), whose own ``min_score`` and ``link_score`` apply.
    Otherwise the hand weights below and ``min_score``/``link_score`` apply; they were set on the
    odd-numbered half of the hand-labelled pairs in ``benchmarks/data/incident_pairs.tsv`` and
    checked on the even-numbered half (``benchmarks/bench_incidents.py``), under the older rules:
    ``IncidentOptions(learned=False, max_days=1, far_km=0.0, link_spread=math.inf)`` runs them so (the
    spelling and admin-1 place rules, which have no option, apply to it too). ``max_days``, ``far_km``
    and ``link_spread`` are the rules the shipped model was trained under (its provenance says so).
    """

    max_days: int = 2
    max_km: float = 25.0
    far_km: float = 150.0
    undated_days: int = 1
    lead_chars: int = 500
    min_similarity: float = 0.1
    min_score: float = 3.2
    link_score: float = 2.0
    w_text: float = 9.0
    w_same_day: float = 1.9
    w_next_day: float = 0.3
    w_place: float = 1.0
    w_admin1: float = 0.3
    w_weak_place: float = -0.7
    w_sub: float = 0.2
    w_sub_conflict: float = -0.6
    w_toll: float = 0.5
    w_toll_overlap: float = 0.2
    w_toll_conflict: float = -2.5
    w_perpetrator: float = 0.3
    w_not_lead: float = -1.0
    link_spread: float = 1.0
    learned: bool = True
    model: PairModel | None = None

    def __post_init__(self) -> None:
        if self.max_days < 0 or self.max_km < 0 or self.far_km < 0 or self.undated_days < 0:
            raise ValueError("IncidentOptions: days and kilometres cannot be negative")

    def pair_model(self) -> PairModel | None:
        """The learned model that scores pairs, or None when the hand weights do."""
        if not self.learned:
            return None
        return self.model or load_pair_model()

    def thresholds(self) -> tuple[float, float]:
        """(the least score of a direct merge, the least mean score for two groups to join)."""
        model = self.pair_model()
        return (model.min_score, model.link_score) if model else (self.min_score, self.link_score)


@dataclass(frozen=True, slots=True)
class IncidentEvent:
    """One reported event as the incident step sees it.

    ``key`` identifies it stably (article content hash, record hash and event id); ``ref`` is the
    caller's id. ``date``/``date_precision`` are the event's own date, ``published`` its article's.
    ``perpetrators``: knowledge-base ids of the actors said to have done or claimed it;
    ``groups``: those of them that are named armed groups (not state forces). ``text``: the words
    of its evidence sentences; ``start``: where its first evidence sentence starts in the article;
    ``opening``: the words of its article's title and opening (:data:`OPENING_CHARS` characters), which
    two outlets' reports of one story share even when they tell the event in other words.
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
    groups: frozenset[str] = frozenset()
    fatalities: int | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    certainty: str = "confirmed"
    background: bool = False
    text: str = ""
    start: int = 0
    opening: str = ""

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
    vectors = EvidenceVectors(ordered)

    def linked(a: int, b: int) -> float | None:
        return link_score(ordered[a], ordered[b], options, vectors.cosine(a, b), vectors.opening_cosine(a, b))

    return cluster(ordered, _scored_pairs(ordered, vectors, options), linked, options)


OTHER = "{other}"  # in a merge reason: the report of the incident the new one joined


def cluster(events: Sequence[IncidentEvent], scored: Iterable[tuple[float, int, int, str]],
            linked: Callable[[int, int], float | None], options: IncidentOptions) -> list[Incident]:
    """Merge scored pairs ``(score, i, j, reason)`` best first (average linkage over ``linked``) into incidents."""
    clusters = _Clusters(events)

    def repeated(a: int, b: int) -> bool:
        return _one_report(events[a], events[b], options)

    least = options.thresholds()[1]
    for _score, i, j, reason in sorted(scored, key=lambda p: (-p[0], p[1], p[2])):
        clusters.merge(i, j, reason, linked, least, repeated, least - options.link_spread)
    return [_incident([events[i] for i in members], reasons) for members, reasons in clusters.groups()]


def compatible(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> list[str] | None:
    """What agrees between two events (type, place, date), or None when they cannot be one incident."""
    return _hard_rules(a, b, options)[1]


def kept_apart(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> str | None:
    """The hard rule that keeps two events out of one incident, as "rule: detail" ("country: IL/PS", "days: 4
    apart"; rules: article, mergeable, country, date, days, type, groups, place), or None
    when they may merge (:func:`compatible`): what a merge the labellers expected ran into."""
    return _hard_rules(a, b, options)[0]


def _hard_rules(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> tuple[str | None, list[str] | None]:
    """(the rule that keeps the two apart, None) or (None, what agrees)."""
    if a.article == b.article:
        return "article: the same", None
    if not (a.mergeable and b.mergeable):
        return "mergeable: no country, or negated", None
    if a.country != b.country:
        return f"country: {a.country}/{b.country}", None
    wa, wb = a.window(options.undated_days), b.window(options.undated_days)
    if wa is None or wb is None:
        return "date: too vague to merge (a month, a year, an undated background mention)", None
    if gap(wa, wb) > options.max_days:
        return f"days: {gap(wa, wb)} apart", None
    if FAMILIES.get(a.event_type) != FAMILIES.get(b.event_type):
        return f"type: {a.event_type}/{b.event_type}", None
    if a.groups and b.groups and not a.groups & b.groups:
        return "groups: " + "/".join(",".join(sorted(g)) for g in (a.groups, b.groups)), None
    place = _place_agreement(a, b, options)
    if place is None:
        return f"place: {a.place}/{b.place}", None
    kind = a.event_type if a.event_type == b.event_type else f"{a.event_type}/{b.event_type}"
    return None, [f"type {kind}", place, _date_note(a, b, wa, wb)]


def pair_score(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions,
               similarity: float = 0.0, opening: float = 0.0) -> tuple[float, list[str]] | None:
    """The evidence that two compatible events are one incident: (score, what agrees); None if incompatible.

    ``similarity`` is the cosine of their evidence words (see :class:`EvidenceVectors`). The score is the
    learned model's log-odds, or the sum of the hand weights (``options.learned``); what agrees is told
    the same way for both.
    """
    agree = compatible(a, b, options)
    if agree is None or similarity < options.min_similarity:
        return None
    parts = _parts(a, b, options, similarity)
    score = _score(a, b, options, similarity, parts, opening)
    if score < options.thresholds()[0]:
        return None
    notes = [note for weight, note in parts if note and weight > 0]
    if options.learned and opening >= options.min_similarity:
        notes.append(f"article openings {opening:.2f} alike")
    return score, agree + notes


def link_score(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions, similarity: float,
               opening: float = 0.0) -> float | None:
    """The raw evidence score of any two events (no threshold); None when they are incompatible."""
    if compatible(a, b, options) is None:
        return None
    return _score(a, b, options, similarity, opening=opening)


def _score(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions, similarity: float,
           parts: list[tuple[float, str]] | None = None, opening: float = 0.0) -> float:
    model = options.pair_model()
    if model is not None:
        return model.score(pair_features(a, b, similarity, options.max_km, options.lead_chars, options.far_km,
                                          options.undated_days, opening))
    return sum(weight for weight, _ in (parts if parts is not None else _parts(a, b, options, similarity)))


def _parts(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions, similarity: float) -> list[tuple[float, str]]:
    text = options.w_text * math.sqrt(max(similarity, 0.0))
    weak = 0.0 if same_area(a, b) else options.w_weak_place * (weak_place(a) + weak_place(b))
    return [(text, f"evidence words {similarity:.2f} alike" if similarity >= 0.1 else ""), (weak, ""),
            _day_part(a, b, options), _place_part(a, b, options), _sub_part(a, b, options),
            _toll_part(a, b, options), _perpetrator_part(a, b, options), _lead_part(a, b, options)]


class EvidenceVectors:
    """TF-IDF vectors of the events' evidence words (smoothed IDF over the events grouped), unit length."""

    def __init__(self, events: Sequence[IncidentEvent]) -> None:
        self._vectors = self._tfidf([event.text for event in events])
        articles = {event.article: event.opening for event in events}
        opened = dict(zip(articles, self._tfidf(list(articles.values())), strict=True))
        self._openings = [opened[event.article] for event in events]

    @classmethod
    def _tfidf(cls, texts: list[str]) -> list[dict[str, float]]:
        bags = [Counter(text.split()) for text in texts]
        frequency: Counter[str] = Counter()
        for bag in bags:
            frequency.update(bag.keys())
        total = len(bags)
        return [cls._unit({w: (1 + math.log(n)) * (1 + math.log((total + 1) / (frequency[w] + 1)))
                           for w, n in bag.items()}) for bag in bags]

    @staticmethod
    def _unit(vector: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(v * v for v in vector.values()))
        return {w: v / norm for w, v in vector.items()} if norm else {}

    def cosine(self, i: int, j: int) -> float:
        """How alike the two events' evidence words are."""
        return _cosine(self._vectors[i], self._vectors[j])

    def opening_cosine(self, i: int, j: int) -> float:
        """How alike the openings of the two events' articles are."""
        return _cosine(self._openings[i], self._openings[j])


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def candidate_pairs(events: Sequence[IncidentEvent], options: IncidentOptions) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)`` of mergeable events of one country whose day windows are close (blocking).

    A sliding window per country over the events sorted by day: no all-pairs pass. Compatibility is
    not checked here.
    """
    by_country: dict[str, list[tuple[dt.date, dt.date, int]]] = defaultdict(list)
    for i, event in enumerate(events):
        window = event.window(options.undated_days)
        if event.mergeable and window is not None and event.country:
            by_country[event.country].append((window[0], window[1], i))
    for block in by_country.values():
        block.sort()
        for n, (_start, end, i) in enumerate(block):
            for other_start, _, j in block[n + 1:]:
                if (other_start - end).days > options.max_days:
                    break
                yield i, j


def _scored_pairs(events: Sequence[IncidentEvent], vectors: EvidenceVectors,
                  options: IncidentOptions) -> list[tuple[float, int, int, str]]:
    pairs = []
    for i, j in candidate_pairs(events, options):
        scored = pair_score(events[i], events[j], options, vectors.cosine(i, j), vectors.opening_cosine(i, j))
        if scored is not None:
            pairs.append((scored[0], min(i, j), max(i, j), f"score {scored[0]:.1f} with {OTHER}: " + "; ".join(scored[1])))
    return pairs


def _day_part(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> tuple[float, str]:
    apart = day_gap(a, b)
    if apart is None:
        return 0.0, ""
    if apart == 0:
        return options.w_same_day, ""
    return (options.w_next_day, "") if apart == 1 else (0.0, "")


def _place_part(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> tuple[float, str]:
    level = place_level(a, b, options.max_km)
    if level == "place":
        return options.w_place, ""
    return (options.w_admin1, "") if level else (0.0, "")


def _sub_part(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> tuple[float, str]:
    relation = sub_relation(a, b)
    if relation == "same":
        return options.w_sub, f"sub-event {a.sub_event_type}"
    if relation == "generic":
        return 0.0, ""
    if relation == "group":
        return options.w_sub / 2, f"sub-events {a.sub_event_type}/{b.sub_event_type}"
    return options.w_sub_conflict, ""


def _toll_part(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> tuple[float, str]:
    """Same exact toll: strong; overlapping ranges or close tolls: some; far apart: against."""
    relation, note = toll_relation(a, b)
    weight = {"same": options.w_toll, "overlap": options.w_toll_overlap, "close": options.w_toll_overlap / 2,
              "conflict": options.w_toll_conflict, "missing": 0.0}[relation]
    return weight, note


def _perpetrator_part(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> tuple[float, str]:
    shared = a.perpetrators & b.perpetrators
    return (options.w_perpetrator, "perpetrator " + ", ".join(sorted(shared))) if shared else (0.0, "")


def _one_report(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> bool:
    """Two events of one article that may be one report told twice: one type family, places that agree closely
    (not merely within ``far_km``), days within a day."""
    if FAMILIES.get(a.event_type) != FAMILIES.get(b.event_type):
        return False
    wa, wb = a.window(options.undated_days), b.window(options.undated_days)
    if wa is None or wb is None or gap(wa, wb) > min(options.max_days, 1):
        return False
    return _place_agreement(a, b, options, far_km=0.0) is not None


def _lead_part(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions) -> tuple[float, str]:
    """An undated event outside the article's opening is usually recalled, not reported."""
    stray = sum(1 for e in (a, b) if e.date is None and e.start >= options.lead_chars)
    return options.w_not_lead * stray, ""


class _Clusters:
    """Greedy merging with a check over every pair of the two clusters (events of one article: one report only)."""

    def __init__(self, events: Sequence[IncidentEvent]) -> None:
        self._events = events
        self._of = list(range(len(events)))
        self._members: dict[int, list[int]] = {i: [i] for i in range(len(events))}
        self._reasons: dict[int, str] = {}

    def merge(self, i: int, j: int, reason: str, linked: Callable[[int, int], float | None], least: float,
              repeated: Callable[[int, int], bool] = lambda x, y: False, floor: float = -math.inf) -> None:
        """Join the groups of ``i`` and ``j`` if no pair across them is incompatible and their mean score is high.

        A pair from one article must be one report told twice (``repeated``); it is not scored.
        """
        a, b = self._of[i], self._of[j]
        if a == b:
            return
        left, right = self._members[a], self._members[b]
        total, scored = 0.0, 0
        for x in left:
            for y in right:
                if self._events[x].article == self._events[y].article:
                    if not repeated(x, y):
                        return
                    continue
                score = linked(x, y)
                if score is None or score < floor:
                    return
                total += score
                scored += 1
        if scored and total / scored < least:
            return
        keep, gone = (a, b) if a < b else (b, a)
        other = self._events[i if keep == a else j]  # the pair's event already in the group kept
        self._reasons[gone] = reason.replace(OTHER, f"{other.source} ({other.article})")
        for x in self._members[gone]:
            self._of[x] = keep
        self._members[keep] = sorted(self._members[keep] + self._members.pop(gone))

    def groups(self) -> list[tuple[list[int], dict[int, str]]]:
        return [(members, {m: self._reasons.get(m, "") for m in members})
                for _, members in sorted(self._members.items())]


def _incident(events: list[IncidentEvent], reasons: dict[int, str]) -> Incident:
    members = tuple(Member(e, r) for e, r in zip(events, reasons.values(), strict=True))
    dated = [e.date for e in events if e.date is not None and e.date_precision == "day"]
    where = min(events, key=lambda e: (_PRECISION_RANK.get(e.place_precision or "", 9), events.index(e)))
    lows = [x for x in (e.fatalities_min if e.fatalities_min is not None else e.fatalities for e in events)
            if x is not None]
    highs = [x for x in (e.fatalities_max if e.fatalities_max is not None else e.fatalities for e in events)
             if x is not None]
    return Incident(
        key=hashlib.sha256("\n".join(sorted(e.key for e in events)).encode("utf-8")).hexdigest(),
        members=members, event_type=_most_common(e.event_type for e in events),
        sub_event_type=_most_common(e.sub_event_type for e in events),
        date_start=min(dated) if dated else None, date_end=max(dated) if dated else None,
        country=events[0].country, admin1=_most_common(e.admin1 for e in events if e.admin1) or None,
        place=where.place, place_precision=where.place_precision, lat=where.lat, lon=where.lon,
        fatalities_min=min(lows) if lows else None, fatalities_max=max(highs) if highs else None,
        sources=tuple(dict.fromkeys(e.source for e in events)))


def _most_common(values: Iterable[str | None]) -> str:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else ""


def _date_note(a: IncidentEvent, b: IncidentEvent, wa: tuple[dt.date, dt.date], wb: tuple[dt.date, dt.date]) -> str:
    if a.date is not None and b.date is not None:
        return "same day" if a.date == b.date else f"dates {a.date} and {b.date}"
    return f"within {gap(wa, wb)} day(s) (an undated report placed by its publication date)"


def _place_agreement(a: IncidentEvent, b: IncidentEvent, options: IncidentOptions,
                     far_km: float | None = None) -> str | None:
    """How the places agree (see :func:`place_level`), a country-level place on either side, or (with ``far_km``)
    a place the gazetteer could not put on the map; None when they cannot be one incident's."""
    far = options.far_km if far_km is None else far_km
    level = place_level(a, b, options.max_km, far)
    if level == "place":
        return f"same place {a.place}" + ("" if a.place == b.place else f" ({b.place})")
    if level == "area":
        return f"same admin-1 area {area(a) or a.place}"
    if level:
        return f"{km(a, b):.0f} km apart"
    if weak_place(a) or weak_place(b):
        return "same country " + (a.country or "")
    if far and (unlocated(a) or unlocated(b)):
        return f"places {a.place} and {b.place} (not both on the map)"
    return None
