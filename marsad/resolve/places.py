"""The gazetteer: Arabic place names → country, admin-1 region, coordinates and precision.

Loaded once from ``kb/places.tsv.gz`` (built by ``kb/build/build_gazetteer.py``). When several
places share a name, the more prominent wins: a country over a region, a big city over a
province of the same name, then population. Demonyms ("البريطاني", "المصرية") map to countries.
"""

from __future__ import annotations

import csv
import gzip
import io
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from marsad.model import Mention, Token
from marsad.text.matcher import PhraseMatcher
from marsad.text.normalize import norm_key
from marsad.text.segment import split_clitics

__all__ = ["Place", "PlaceMention", "DemonymMention", "Gazetteer", "default_gazetteer", "document_country",
           "localise_places", "after_place_noun"]

_PRECISION = {"country": "country", "region": "region", "admin1": "admin1", "admin2": "city", "city": "city",
              "town": "city", "point": "point"}
_BIG_CITY = 100_000  # people: a place this big is known by itself (no place noun or country needed)
_NAMESAKE_TOWN = 150_000  # a lone foreign city smaller than this is more likely a namesake at home
_WIDE = frozenset({"country", "admin1", "region"})
_MILLION = 1_000_000  # people: a city this big abroad is meant as itself


@lru_cache(maxsize=1)
def _raw_words() -> dict[str, Any]:
    return yaml.safe_load(resources.files("marsad.kb").joinpath("place_words.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], dict[str, str]]:
    """(locative words, direction → its base form) from ``kb/place_words.yaml``."""
    raw = _raw_words()
    return (frozenset(norm_key(w) for w in raw["locative"]),
            {norm_key(k): v for k, v in raw["directions"].items()})


@lru_cache(maxsize=1)
def _homographs() -> frozenset[str]:
    """Stems of the region names that are also everyday words, from ``kb/place_words.yaml``."""
    return frozenset(split_clitics(norm_key(w))[1] for w in _raw_words()["homographs"])


@lru_cache(maxsize=1)
def _facility_heads() -> frozenset[str]:
    """Words that name a building after them ("متحف", "فندق"), normalised."""
    return frozenset(norm_key(w) for w in _raw_words()["facility_heads"])


@lru_cache(maxsize=1)
def _city_heads() -> frozenset[str]:
    """Words that make a country's name after them a city ("العاصمة عمان"), normalised."""
    return frozenset(norm_key(w) for w in _raw_words()["city_heads"])


@lru_cache(maxsize=1)
def _local_heads() -> dict[str, str]:
    """Place noun (normalised) → the precision of the unknown name it introduces."""
    return {norm_key(k): v for k, v in _raw_words()["local_heads"].items()}


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    name_en: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int

    @property
    def precision(self) -> str:
        return _PRECISION.get(self.kind, "city")

    def minor(self) -> bool:
        """Small places match only as written: no proclitic may be split off before them."""
        return self.kind in ("town", "admin2") or (self.kind == "city" and self.population < _BIG_CITY
                                                   and not self.id.startswith("curated"))

    def rank(self) -> tuple[int, int]:
        order = {"point": 0, "country": 1, "region": 2}.get(self.kind)
        if order is None:
            big = self.kind == "city" and self.population >= _BIG_CITY
            order = 3 if big else {"admin1": 4, "city": 5, "admin2": 6, "town": 7}.get(self.kind, 8)
        return order, -self.population


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    mention: str
    place: Place


@dataclass(frozen=True, slots=True)
class DemonymMention:
    start: int
    end: int
    mention: str
    country: str


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _demonym_forms(adjective: str) -> list[str]:
    stem = adjective
    forms = [stem, stem + "ة", stem + "ون", stem + "ين", stem + "ات"]
    return forms + ["ال" + f for f in forms]


class Gazetteer:
    def __init__(self, rows: Sequence[dict[str, str]], demonyms: Sequence[tuple[str, str]]) -> None:
        entries: list[tuple[str, Place]] = []
        self._countries: dict[str, Place] = {}
        for r in rows:
            source = r.get("source") or "curated"
            place = Place(id=source if ":" in source else f"{source}:{r['country']}:{r['name']}", name=r["name"], name_en=r.get("name_en", ""),
                          kind=r["kind"], country=r.get("country") or None, admin1=r.get("admin1") or None,
                          lat=_float(r.get("lat", "")), lon=_float(r.get("lon", "")),
                          population=int(float(r.get("population") or 0)))
            entries.append((r["alias"], place))
            if place.kind == "country" and place.country:
                self._countries.setdefault(place.country, place)
        self._matcher: PhraseMatcher[Place] = PhraseMatcher(entries, min_chars=3, strict=Place.minor)
        self._demonyms: PhraseMatcher[str] = PhraseMatcher(
            [(form, iso) for adjective, iso in demonyms for form in _demonym_forms(adjective)], min_chars=4)

    @classmethod
    def load(cls) -> Gazetteer:
        kb = resources.files("marsad.kb")
        with gzip.open(io.BytesIO(kb.joinpath("places.tsv.gz").read_bytes()), "rt", encoding="utf-8") as fh:
            rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
        text = kb.joinpath("demonyms.tsv").read_text(encoding="utf-8")
        demonyms = [(r["adjective"], r["country"]) for r in
                    csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")), delimiter="\t")
                    if r["country"] and r["standalone"] == "yes"]
        return cls(rows, demonyms)

    def find(self, text: str, tokens: Sequence[Token]) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        for m in self._matcher.find(text, tokens):
            place = self._best(m.payloads)
            cities = [p for p in m.payloads if p.kind in ("city", "town", "admin2")]
            if place.kind == "country" and cities and _names_city(tokens, m.first_token):
                place = self._best(cities)  # "العاصمة الأردنية عمان": Amman, not Oman
            prev = tokens[m.first_token - 1] if m.first_token > 0 else None
            locative, directions = _words()
            if place.minor() and (prev is None or prev.norm not in locative):
                continue
            if prev is not None and not m.prefix and prev.stem in directions and place.kind in _WIDE:
                # "شمالي سوريا": the part of a country or province the text names
                start = prev.start + len(prev.text) - len(prev.text.lstrip("وفب"))
                region = replace(place, id=f"{place.id}#{directions[prev.stem]}", kind="region",
                                 name=f"{directions[prev.stem]} {place.name}")
                out = [o for o in out if o.end <= start]
                out.append(PlaceMention(start, m.end, text[start:m.end], region))
                continue
            out.append(PlaceMention(m.start, m.end, m.mention, place))
        return out

    def lookup(self, name: str, country_hint: str | None = None) -> Place | None:
        hits = self._matcher.lookup(name)
        if country_hint:
            hits = tuple(p for p in hits if p.country == country_hint) or hits
        return self._best(hits) if hits else None

    def namesake_in(self, name: str, iso2: str) -> Place | None:
        """The most prominent place of this name in country ``iso2``, if the gazetteer knows one."""
        hits = [p for form in (name, "ال" + name) for p in self._matcher.lookup(form)
                if p.country == iso2 and p.kind != "country"]  # "سوسة" read in "السوسة"
        return self._best(hits) if hits else None

    def country(self, iso2: str) -> Place | None:
        return self._countries.get(iso2)

    def demonyms(self, text: str, tokens: Sequence[Token]) -> list[DemonymMention]:
        return [DemonymMention(m.start, m.end, m.mention, m.payloads[0]) for m in self._demonyms.find(text, tokens)]

    @staticmethod
    def _best(places: Sequence[Place]) -> Place:
        return min(places, key=Place.rank)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer.load()


def document_country(mentions: Sequence[Mention]) -> str | None:
    """The country an article is about: the one most of its places (and demonyms) lie in, if clearly ahead."""
    counts = Counter(m.country for m in mentions if m.label in ("PLACE", "DEMONYM") and m.country).most_common(2)
    if not counts or counts[0][1] < 2 or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return counts[0][0]


def localise_places(mentions: Sequence[Mention], tokens: Sequence[Token]) -> list[Mention]:
    """Places the gazetteer cannot settle, read in the article's context.

    - A name the tagger found (LOC) right after a place noun ("قرية تندينباون", "مطار التيفور")
      becomes a place of the article's country, without coordinates.
    - A town the gazetteer put in another country that has a namesake in the article's country
      ("القنيطرة" → Kenitra, Morocco, in an article about Syria) is that namesake, when the other
      country appears nowhere else and the place is no city or province of a million people; a
      country is read so only as a city of a million ("عمان" in an article about Jordan is Amman).
    - A small place the gazetteer put in another country ("بلدة عابدين" → Cairo's Abdeen in an
      article about Syria) is re-read the same way when that country appears nowhere else; so is a
      town the gazetteer only knows abroad ("وستمنستر" → Westminster, Colorado, in an article about
      London) even without a place noun before it.
    - Then a tagged name spelt like a place found elsewhere in the article is that same place
      ("قسم أول العريش" after "مدينة العريش": small places are matched only after a place noun).
    - A town or district (or a region named like an everyday word, ``homographs``) whose country
      the article names nowhere else, and that no place noun introduces, is dropped: "في الكاحل"
      (the ankle), "من حليب الغنم" and "بأي" are not villages and regions of faraway countries.
    The first two need a clear article country (:func:`document_country`).
    """
    country = document_country(mentions)
    starts = [t.start for t in tokens]
    # how many different names (places, demonyms, a country's forces) the article gives each country
    names = {(m.country, norm_key(m.text)) for m in mentions if m.country and (
        m.label in ("PLACE", "DEMONYM") or (m.label == "ACTOR" and m.kind == "state_force"))}
    elsewhere = Counter(iso for iso, _ in names)
    localised = []
    for m in mentions:
        lone = m.label == "PLACE" and m.country is not None and elsewhere[m.country] == 1
        if lone and country is not None and m.country != country and (home := _home_namesake(m, country)):
            m = _as_place(m, home)
            lone = False
        foreign = (lone and m.country != country and m.precision == "city"
                   and m.kind in ("city", "town", "admin2"))
        precision = _head_precision(tokens, starts, m.start) if lone or m.label == "LOC" else None
        if foreign and precision is None and _namesake(m):
            precision = "city"
        if country is not None and (m.label == "LOC" or foreign) and precision is not None:
            m = Mention(m.start, m.end, m.text, "PLACE", m.text if m.label == "LOC" else m.name,
                        country=country, precision=precision, source="context")
        elif lone and precision is None and _unsupported(m):
            continue
        elif lone and country is not None and m.country != country and _names_building(tokens, starts, m.start):
            continue  # "متحف باردو": the museum, not Ordu in Turkey
        localised.append(m)
    resolved = {norm_key(m.text): m for m in localised if m.label == "PLACE" and m.country}
    return [replace(resolved[norm_key(m.text)], start=m.start, end=m.end, text=m.text, source="context")
            if m.label == "LOC" and norm_key(m.text) in resolved else m for m in localised]


def _home_namesake(m: Mention, country: str) -> Place | None:
    """The namesake in ``country`` of a place abroad: of a town or province under a million people,
    or of a country when the namesake is a city of a million ("عمان" in an article about Jordan)."""
    if m.kind not in ("city", "town", "admin2", "admin1", "country") or (m.population or 0) >= _MILLION:
        return None
    home = default_gazetteer().namesake_in(m.text, country)
    if home is None or (m.kind == "country" and (home.kind != "city" or home.population < _MILLION)):
        return None
    return home


def _as_place(m: Mention, place: Place) -> Mention:
    return replace(m, name=place.name, kb_id=place.id, kind=place.kind, country=place.country, admin1=place.admin1,
                   lat=place.lat, lon=place.lon, precision=place.precision, population=place.population,
                   source="context")


def _namesake(m: Mention) -> bool:
    """A town abroad whose name is no everyday word and that is small enough to have namesakes."""
    name = split_clitics(norm_key(m.text))[1]
    return (m.kind == "city" and (m.population or 0) < _NAMESAKE_TOWN and len(name) >= 5
            and not _unsupported(m))


def _unsupported(m: Mention) -> bool:
    """A small place, or a region spelt like an everyday word, that needs support from its context (a
    town of 100,000 people or more, "تونس العاصمة", "وهران", is known enough by itself)."""
    small = m.kind in ("town", "admin2") and (m.population or 0) < _BIG_CITY
    return small or split_clitics(norm_key(m.text))[1] in _homographs()


def _word_before(tokens: Sequence[Token], starts: list[int], start: int, whole: bool = True) -> Token | None:
    """The word before the one ``start`` falls in, in the same sentence; with ``whole``, only when
    the mention starts its word (no proclitic before it)."""
    i = bisect_right(starts, start) - 1
    if i <= 0 or (whole and tokens[i].start != start) or tokens[i - 1].sentence != tokens[i].sentence:
        return None
    return tokens[i - 1]


def _names_city(tokens: Sequence[Token], i: int) -> bool:
    """The words before token ``i`` call it a city: "العاصمة عمان", "العاصمة الأردنية عمان",
    "مدينة الكويت" (a capital that shares its country's name, or a namesake of another country)."""
    if i == 0 or tokens[i - 1].sentence != tokens[i].sentence:
        return False
    heads = _city_heads()

    def head(t: Token) -> bool:
        return t.stem in heads or t.norm.lstrip("وفب") in heads

    prev = tokens[i - 1]
    if head(prev):
        return True
    adjective = prev.norm.startswith("ال") and prev.norm.endswith(("يه", "ي"))  # "العاصمة الأردنية عمان"
    return adjective and i >= 2 and tokens[i - 2].sentence == prev.sentence and head(tokens[i - 2])


def _names_building(tokens: Sequence[Token], starts: list[int], start: int) -> bool:
    """The word before the place's word is a building's ("متحف", "فندق")."""
    prev = _word_before(tokens, starts, start, whole=False)
    return prev is not None and (prev.norm in _facility_heads() or prev.stem in _facility_heads())


def after_place_noun(tokens: Sequence[Token], start: int) -> bool:
    """A place noun ("قرية", "بلدة", "مخيم" …) stands right before the word at ``start``."""
    return _head_precision(tokens, [t.start for t in tokens], start) is not None


def _head_precision(tokens: Sequence[Token], starts: list[int], start: int) -> str | None:
    prev = _word_before(tokens, starts, start)
    return _local_heads().get(prev.stem) if prev is not None else None
