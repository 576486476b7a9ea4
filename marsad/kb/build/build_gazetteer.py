"""Build ``marsad/kb/places.tsv.gz``: Arabic place names → country, admin1, coordinates, kind.

    python -m marsad.kb.build.build_gazetteer [--shared ../shared]

Sources (``shared/data/gazetteers/``): countries_ar.tsv (every country, Arabic common/official/
GeoNames names, centroid), cities15000_world_arabic_names.tsv (GeoNames cities over 15,000 people
with Arabic names; CC BY 4.0), admin_towns/wof/wof_places_ar.tsv (Who's On First admin regions
and towns of 25 MENA/Sahel/Horn/South-Asian countries; "Data from Who's On First"), plus
``marsad/kb/places_curated.tsv`` (regions and places the sources lack: سيناء، قطاع غزة …) and
``marsad/kb/places_stop.txt`` (ordinary words that some source lists as a place name).

Precision over recall: a single-word town or district name that is also one of the most frequent
words of the shared news corpus (e.g. "السلام", "النصر") is left out, unless the corpus itself
uses it as a place: at least a fifth of its occurrences (and three or more) right after a head
word ("مدينة عفرين", "بلدة سروج", "محافظة درعا"), not counting those that begin a longer place
name ("دير الزور"). Countries, admin-1 regions and cities over 100,000 people are always kept.
One row per (alias, place).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import yaml

from marsad.text.normalize import norm_key

KB = Path(__file__).resolve().parents[1]
COUNTRIES = "data/gazetteers/countries_ar.tsv"
CITIES = "data/gazetteers/cities15000_world_arabic_names.tsv"
WOF = "data/gazetteers/admin_towns/wof/wof_places_ar.tsv"
NEWS = ("data/news/random_sample.jsonl", "data/news/political_violence.jsonl.gz")
FIELDS = ["alias", "name", "name_en", "kind", "country", "admin1", "lat", "lon", "population", "source"]
_ADMIN_PREFIX = re.compile(r"^(?:ولاية|محافظة|مقاطعة|إقليم|اقليم|منطقة|ولايه|محافظه|مقاطعه|بلدية|بلديه|مديرية|مديريه|"
                           r"قضاء|ناحية|ناحيه|دائرة|دائره|ضلع|ولسوالی)\s+")
_FREQUENT_WORDS = 20000
_PLACE_SHARE = 0.2
_PLACE_MIN = 3
_RARE_PLACE_MIN = 5
_BIG_CITY = 100_000
_ARABIC = re.compile(r"[\u0621-\u064a]")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def word_counts(shared: Path, longer: set[tuple[str, str]]) -> tuple[Counter[str], Counter[str]]:
    """In one pass over the news: how often each word occurs, and how often right after a place noun
    (``gazetteer_heads`` of ``kb/place_words.yaml``; "مدينة عفرين"). ``longer``: the first two words of
    multi-word names ("دير", "الزور"), whose first word after a place noun is no place of its own."""
    heads = frozenset(norm_key(w) for w in
                      yaml.safe_load((KB / "place_words.yaml").read_text(encoding="utf-8"))["gazetteer_heads"])
    counts: Counter[str] = Counter()
    after_head: Counter[str] = Counter()
    for rel in NEWS:
        opener = gzip.open if rel.endswith(".gz") else open
        with opener(shared / rel, "rt", encoding="utf-8") as fh:
            for line in fh:
                words = [norm_key(w) for w in re.findall(r"[\u0621-\u064a]+", json.loads(line)["text"])]
                counts.update(words)
                for i in range(1, len(words)):
                    if _head(words[i - 1], heads) and (i + 1 == len(words) or (words[i], words[i + 1]) not in longer):
                        after_head[words[i]] += 1
    return counts, after_head


def place_words(counts: Counter[str], after_head: Counter[str], frequent: set[str]) -> set[str]:
    """The words the news uses as places: written after a place noun in at least
    :data:`_PLACE_SHARE` of their occurrences, and at least :data:`_PLACE_MIN` times (a word outside
    ``frequent``, left out for its bare form — "السوسة" for "سوسة" — needs :data:`_RARE_PLACE_MIN`)."""
    return {w for w, n in after_head.items()
            if n >= (_PLACE_MIN if w in frequent else _RARE_PLACE_MIN) and n >= _PLACE_SHARE * counts[w]}


def _head(word: str, heads: frozenset[str]) -> bool:
    """A place noun, maybe after proclitics ("بمدينة", "وبلدة")."""
    return word in heads or any(word[n:] in heads for n in (1, 2) if re.match("[وفبل]" * n, word))


def name_starts(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    """The first two words of every multi-word alias."""
    return {(words[0], words[1]) for r in rows if len(words := norm_key(r["alias"]).split()) > 1}


def canonical(names: list[str], counts: Counter[str]) -> str:
    """The spelling the news uses most ("لندن", not a rare transliteration)."""
    return max(names, key=lambda n: (counts[norm_key(n)], -names.index(n)))


def _names(*cells: str) -> list[str]:
    out: list[str] = []
    for cell in cells:
        for name in (cell or "").split("|"):
            name = name.strip().replace("\u200c", " ")
            if name and _ARABIC.search(name) and not re.search(r"[a-zA-Z]", name) and name not in out:
                out.append(name)
    return out


def _variants(name: str) -> list[str]:
    bare = _ADMIN_PREFIX.sub("", name)
    return [name] if bare == name else [name, bare]


def country_rows(shared: Path) -> list[dict[str, str]]:
    rows = []
    with (shared / COUNTRIES).open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            for alias in _names(r["name_ar"], r["name_ar_official"], r["name_ar_geonames"]):
                rows.append({"alias": alias, "name": r["name_ar"], "name_en": r["name_en"], "kind": "country",
                             "country": r["iso2"], "admin1": "", "lat": r["lat"], "lon": r["lon"],
                             "population": "", "source": "countries_ar"})
    return rows


def city_rows(shared: Path, stop: set[str], counts: Counter[str],
              places: frozenset[str] = frozenset()) -> list[dict[str, str]]:
    rows = []
    curated_stop = stop_list()
    with (shared / CITIES).open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            names = _names(r["names_arabic_likely"])
            pop = int(r["population"] or 0)
            for alias in names:
                if norm_key(alias) in curated_stop or (pop < _BIG_CITY and _is_common(alias, stop, places)):
                    continue
                rows.append({"alias": alias, "name": canonical(names, counts), "name_en": r["name"], "kind": "city",
                             "country": r["country_code"], "admin1": "", "lat": r["lat"], "lon": r["lon"],
                             "population": str(pop), "source": f"geonames:{r['geonameid']}"})
    return rows


def wof_rows(shared: Path, stop: set[str], places: frozenset[str] = frozenset()) -> list[dict[str, str]]:
    rows = []
    curated_stop = stop_list()
    seen: set[tuple[tuple[str, str], str]] = set()
    with (shared / WOF).open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            level = r["level"]
            if r["is_current"] != "1" or level not in ("admin1", "admin2", "town"):
                continue
            names = _names(r["names_ar"])
            if not names:
                continue
            pop = int(float(r["population"] or 0))
            canonical = _ADMIN_PREFIX.sub("", names[0])
            for name in names:
                for alias in _variants(name):
                    key = (norm_key(alias), r["country_iso2"])
                    if norm_key(alias) in curated_stop or level != "admin1" and (
                            _is_common(alias, stop, places) or (level == "town" and pop and pop < 2000)):
                        continue
                    if (key, level) in seen:
                        continue
                    seen.add((key, level))
                    rows.append({"alias": alias, "name": canonical, "name_en": r["name_en"],
                                 "kind": level, "country": r["country_iso2"],
                                 "admin1": _ADMIN_PREFIX.sub("", r["parent_admin1_ar"] or ""),
                                 "lat": r["lat"], "lon": r["lon"], "population": str(pop),
                                 "source": r["source_id"]})
    return rows


def stop_list() -> set[str]:
    """Curated stop words, with and without the article."""
    lines = (KB / "places_stop.txt").read_text(encoding="utf-8").splitlines()
    words = {norm_key(ln) for ln in lines if ln.strip() and not ln.startswith("#")}
    return words | {w[2:] for w in words if w.startswith("ال")} | {"ال" + w for w in words}


def _is_common(alias: str, stop: set[str], places: frozenset[str] = frozenset()) -> bool:
    """``stop``: the frequent words; ``places``: those of them the news uses as places (see
    :func:`place_words`)."""
    words = norm_key(alias).split()
    bare = [w[2:] if w.startswith("ال") else w for w in words]
    return len(words) == 1 and (len(bare[0]) < 3 or (words[0] not in places and (words[0] in stop or bare[0] in stop)))


def curated_rows() -> list[dict[str, str]]:
    with (KB / "places_curated.tsv").open(encoding="utf-8") as fh:
        return [dict(r, source="curated") for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")),
                                                                    delimiter="\t")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=KB.parents[1].parent / "shared")
    ap.add_argument("--out", type=Path, default=KB / "places.tsv.gz")
    args = ap.parse_args()
    # every alias of the sources, none left out yet: their multi-word names' first two words (the
    # canonical spellings these rows get from the empty counts do not matter here)
    longer = name_starts(city_rows(args.shared, set(), Counter()) + wof_rows(args.shared, set()))
    counts, after_head = word_counts(args.shared, longer)
    frequent = {w for w, _ in counts.most_common(_FREQUENT_WORDS)}
    places = frozenset(place_words(counts, after_head, frequent))
    print(f"{len(places)} words the news writes as places after a place noun")
    rows = curated_rows() + country_rows(args.shared) + city_rows(args.shared, frequent, counts, places) \
        + wof_rows(args.shared, frequent, places)
    with gzip.open(args.out, "wt", encoding="utf-8", newline="") as fh:
        fh.write("# built by marsad/kb/build/build_gazetteer.py from " + json.dumps(
            {rel: sha256(args.shared / rel) for rel in (COUNTRIES, CITIES, WOF, *NEWS)}) + "\n")
        writer = csv.DictWriter(fh, FIELDS, delimiter="\t", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.out}: {len(rows)} aliases")


if __name__ == "__main__":
    main()
