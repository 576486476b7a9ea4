"""What two reported events share, read from their fields: type families, sub-event kinds, places, tolls.

Small pure helpers used both by the hand-weighted score and by the learned pair scorer of the
incident step (:mod:`marsad.resolve.incidents`, :mod:`marsad.resolve.pair_model`), so the two read
the events the same way.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from marsad.text.words import words

if TYPE_CHECKING:
    from marsad.resolve.incidents import IncidentEvent

__all__ = ["FAMILIES", "GENERIC_SUBS", "POINT_PRECISIONS", "SUB_GROUPS", "PlaceLevel", "SubRelation", "TollRelation",
           "area", "day_gap", "gap", "has_point", "km", "located", "named_in", "place_level", "same_area", "same_name",
           "sub_relation", "toll_range", "toll_relation", "toll_text", "unlocated", "weak_place"]

FAMILIES = {"battles": "violence", "explosions_remote_violence": "violence", "violence_against_civilians": "violence",
            "protests": "demonstrations", "riots": "demonstrations", "strategic_developments": "strategic"}
SUB_GROUPS = {
    "suicide_bomb": "bombing", "remote_explosive_landmine_ied": "bombing", "grenade": "bombing",
    "air_drone_strike": "strike", "shelling_artillery_missile_attack": "strike",
    "chemical_weapon": "chemical",
    "armed_clash": "ground", "government_regains_territory": "ground", "non_state_actor_overtakes_territory": "ground",
    "abduction_forced_disappearance": "abduction", "sexual_violence": "sexual", "arrests": "arrests",
    "peaceful_protest": "protest", "protest_with_intervention": "protest", "excessive_force_against_protesters": "protest",
    "violent_demonstration": "riot", "mob_violence": "riot",
}
GENERIC_SUBS = frozenset({"attack", "other"})
POINT_PRECISIONS = ("point", "city")
LOCAL_PRECISIONS = ("point", "city", "admin1")

PlaceLevel = Literal["place", "area", "near", "far", ""]
SubRelation = Literal["same", "generic", "group", "conflict"]
TollRelation = Literal["same", "overlap", "close", "conflict", "missing"]


def day_gap(a: IncidentEvent, b: IncidentEvent) -> int | None:
    """Days between the two events' own dates, or None unless both are dated to the day."""
    if a.date is None or b.date is None or a.date_precision != "day" or b.date_precision != "day":
        return None
    return abs((a.date - b.date).days)


def gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two windows (0 when they overlap)."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def place_level(a: IncidentEvent, b: IncidentEvent, max_km: float, far_km: float = 0.0) -> PlaceLevel:
    """How closely the places agree: one point place (however spelled), one admin-1 area or region (one side's place
    may be the admin-1 area the other's lies in), points within ``max_km``, places within ``far_km`` of each other."""
    pointed = a.place_precision in POINT_PRECISIONS or b.place_precision in POINT_PRECISIONS
    if pointed and same_name(a.place, b.place) and not (has_point(a) and has_point(b) and km(a, b) > max_km):
        return "place"
    if same_name(area(a), area(b)) or same_area(a, b):
        return "area"
    if has_point(a) and has_point(b) and km(a, b) <= max_km:
        return "near"
    if located(a) and located(b) and km(a, b) <= far_km:
        return "far"
    return ""


def area(event: IncidentEvent) -> str | None:
    """The admin-1 area of an event: the one it was given, or its place when that is an admin-1 area."""
    return event.admin1 or (event.place if event.place_precision == "admin1" else None)


def same_name(a: str | None, b: str | None) -> bool:
    """One place name, allowing for spelling: equal once spaces are dropped, or (five letters or more) one letter
    apart (ننكرهار and ننغرهار, خانيونس and خان يونس)."""
    if not a or not b:
        return False
    x, y = a.replace(" ", ""), b.replace(" ", "")
    return x == y or (min(len(x), len(y)) >= 5 and _one_edit(x, y))


def _one_edit(x: str, y: str) -> bool:
    """Whether one substitution, insertion or deletion turns ``x`` into ``y``."""
    if len(x) > len(y):
        x, y = y, x
    if len(y) - len(x) > 1:
        return False
    first = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), len(x))
    return x[first + (len(x) == len(y)):] == y[first + 1:]


def named_in(event: IncidentEvent, other: IncidentEvent) -> bool:
    """Whether ``event``'s place (below country level) is named in the words of ``other``'s evidence, however
    ``other`` itself was placed (a village named in a report placed by its province)."""
    if not event.place or event.place_precision not in LOCAL_PRECISIONS:
        return False
    name = _name_words(event.place)
    return len(name) >= 4 and name in other.text


@lru_cache(maxsize=4096)
def _name_words(place: str) -> str:
    return " ".join(words(place))


def located(event: IncidentEvent) -> bool:
    """A place below country level with coordinates (an admin-1 area by its centre)."""
    return event.lat is not None and event.lon is not None and event.place_precision in LOCAL_PRECISIONS


def unlocated(event: IncidentEvent) -> bool:
    """A place named below country level that the gazetteer could not put on the map (a village, a market)."""
    return bool(event.place) and event.place_precision in LOCAL_PRECISIONS and not located(event)


def same_area(a: IncidentEvent, b: IncidentEvent) -> bool:
    """The same named region or admin-1 area (the Gaza Strip, Eastern Ghouta) given as the place by both."""
    return bool(a.place) and a.place == b.place and a.place_precision in ("region", "admin1") \
        and a.place_precision == b.place_precision


def weak_place(event: IncidentEvent) -> bool:
    return event.place is None or event.place_precision in ("country", "region", None)


def has_point(event: IncidentEvent) -> bool:
    return event.lat is not None and event.lon is not None and event.place_precision in POINT_PRECISIONS


def km(a: IncidentEvent, b: IncidentEvent) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def sub_relation(a: IncidentEvent, b: IncidentEvent) -> SubRelation:
    """One sub-event type; a generic one on either side; two of one kind (two bombings); two that cannot be one act."""
    if a.sub_event_type == b.sub_event_type:
        return "same"
    if a.sub_event_type in GENERIC_SUBS or b.sub_event_type in GENERIC_SUBS:
        return "generic"
    if SUB_GROUPS.get(a.sub_event_type) == SUB_GROUPS.get(b.sub_event_type):
        return "group"
    return "conflict"


def toll_range(event: IncidentEvent) -> tuple[int | None, int | None]:
    low = event.fatalities_min if event.fatalities_min is not None else event.fatalities
    high = event.fatalities_max if event.fatalities_max is not None else event.fatalities
    return low, high


def toll_relation(a: IncidentEvent, b: IncidentEvent) -> tuple[TollRelation, str]:
    """The same exact toll, overlapping ranges, close tolls, far apart, or not given by both; with a note."""
    if a.fatalities is not None and a.fatalities == b.fatalities:
        return "same", f"same toll {a.fatalities}"
    lo_a, hi_a = toll_range(a)
    lo_b, hi_b = toll_range(b)
    if lo_a is None or lo_b is None or hi_a is None or hi_b is None:
        return "missing", ""
    if lo_a <= hi_b and lo_b <= hi_a:
        return "overlap", f"tolls {toll_text(lo_a, hi_a)} and {toll_text(lo_b, hi_b)} overlap"
    if max(lo_a, lo_b) <= 2 * min(hi_a, hi_b) + 3:
        return "close", f"close tolls {toll_text(lo_a, hi_a)} and {toll_text(lo_b, hi_b)}"
    return "conflict", ""


def toll_text(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"
