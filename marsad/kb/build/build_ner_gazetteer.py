"""Build the NER tagger's gazetteer table (``label<TAB>normalised name``) from the shared lists.

Sources (all under ``../shared/data``): ANERgazet location/organisation/person lists
(``ner/anergazet/``), country names (``gazetteers/countries_ar.tsv``: common, official and
GeoNames Arabic names) and GeoNames places of 15,000+ people with Arabic names
(``gazetteers/cities15000_world_arabic_names.tsv``, column ``names_arabic_likely``), and the
current Who's On First country/admin1/admin2/admin3 regions with Arabic names
(``gazetteers/admin_towns/wof/wof_places_ar.tsv``; "Data from Who's On First"). Names are
stored as their normalised lookup keys (:func:`marsad.nlp.ner_features.vector_key`), one
(label, name) pair per line, sorted.

Usage::

    python -m marsad.kb.build.build_ner_gazetteer --data ../shared/data \\
        --out marsad/kb/models/ner/gazetteer.tsv
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterator
from pathlib import Path

from marsad.nlp.ner_features import vector_key

__all__ = ["gazetteer_rows", "main"]

_WOF_LEVELS = {"country", "admin1", "admin2", "admin3"}
_ANERGAZET = {"LOC": "ANERGazet_Loc.txt", "ORG": "ANERGazet_Org.txt", "PERS": "ANERGazet_Pers.txt"}


def _anergazet(folder: Path) -> Iterator[tuple[str, str]]:
    for label, name in _ANERGAZET.items():
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("="):
                yield label, line


def _tsv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def _countries(path: Path) -> Iterator[tuple[str, str]]:
    for row in _tsv(path):
        for col in ("name_ar", "name_ar_official", "name_ar_geonames"):
            if row.get(col):
                yield "LOC", row[col]


def _cities(path: Path) -> Iterator[tuple[str, str]]:
    for row in _tsv(path):
        for name in (row.get("names_arabic_likely") or "").split("|"):
            if name:
                yield "LOC", name


def _wof_regions(path: Path) -> Iterator[tuple[str, str]]:
    for row in _tsv(path):
        if row.get("level") in _WOF_LEVELS and row.get("is_current", "1") != "0":
            for name in (row.get("names_ar") or "").split("|"):
                if name:
                    yield "LOC", name


def gazetteer_rows(data: Path) -> list[tuple[str, str]]:
    """Sorted unique (label, normalised name) pairs; one-word names need three letters or more."""
    rows = set()
    sources = (_anergazet(data / "ner" / "anergazet"), _countries(data / "gazetteers" / "countries_ar.tsv"),
               _cities(data / "gazetteers" / "cities15000_world_arabic_names.tsv"),
               _wof_regions(data / "gazetteers" / "admin_towns" / "wof" / "wof_places_ar.tsv"))
    for source in sources:
        for label, name in source:
            key = " ".join(vector_key(w) for w in name.split())
            if len(key) >= 3 and any("\u0621" <= ch <= "\u064a" for ch in key):
                rows.add((label, key))
    return sorted(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    rows = gazetteer_rows(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(f"{label}\t{name}\n" for label, name in rows), encoding="utf-8")
    print(f"wrote {len(rows)} names to {args.out}")


if __name__ == "__main__":
    main()
