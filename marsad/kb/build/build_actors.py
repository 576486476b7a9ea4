"""Build ``marsad/kb/actors.yaml`` from the curated file and the shared actor lists.

    python -m marsad.kb.build.build_actors [--shared ../shared]

Sources: ``marsad/kb/actors_curated.yaml`` (Arabic aliases, kinds, renames, allegiances, roles,
each with its provenance), ``marsad/kb/demonyms.tsv`` (state forces "الجيش المصري", "القوات
الأمريكية" … generated per country), and from ``shared/data/actors/``: English aliases from the
Phoenix/TOPS militant-group dictionary and Arabic original-script names from the UN 2015
sanctions list, added to the curated entries they match. The checksums of the shared files are
written into the output header.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

KB = Path(__file__).resolve().parents[1]
PHOENIX = "data/actors/phoenix_english/Phoenix.MilNonState.actors.txt"
UN_LIST = "data/actors/un_sanctions_2015/un_consolidated_2015_entities_individuals.tsv"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _en_key(name: str) -> str:
    return re.sub(r"[^A-Z0-9]+", " ", name.upper().replace("_", " ")).strip()


def phoenix_groups(path: Path) -> dict[str, list[str]]:
    """Phoenix MilNonState: canonical name → its aliases (English), keyed by every alias."""
    groups: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            current = None
            continue
        name = re.sub(r"\s*\[.*$", "", line.strip().lstrip("+")).strip()
        name = _en_key(re.sub(r"\(.*?\)", "", name))
        if not name:
            continue
        if line.startswith("+") and current is not None:
            current.append(name)
        else:
            current = [name]
        for alias in current:
            groups[alias] = current
    return groups


def un_arabic_names(path: Path) -> dict[str, tuple[str, str]]:
    """UN list: English name/alias key → (Arabic original-script name, reference)."""
    out: dict[str, tuple[str, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            arabic = (row.get("name_original_script") or "").strip()
            if not arabic:
                continue
            for name in [row["name"], *(row.get("aliases") or "").split("|")]:
                if name.strip():
                    out[_en_key(name)] = (arabic, row["ref"])
    return out


def state_forces(curated: dict[str, Any], demonyms: Path) -> list[dict[str, Any]]:
    entries = []
    patterns = curated["state_force_patterns"]
    own_patterns = curated.get("country_state_force_patterns") or {}
    with demonyms.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")]
    by_country: dict[str, list[str]] = {}
    for row in rows:
        if row["country"]:
            by_country.setdefault(row["country"], []).append(row["adjective"])
    for iso, adjectives in sorted(by_country.items()):
        aliases = [p.format(m="ال" + adj, f="ال" + adj + "ة") for adj in adjectives
                   for p in patterns + own_patterns.get(iso, [])]
        entries.append({"id": f"state-{iso.lower()}", "name": patterns[1].format(f="ال" + adjectives[0] + "ة"),
                        "name_en": f"state forces of {iso}", "kind": "state_force", "country": iso,
                        "aliases": aliases, "source": ["generated from demonyms.tsv"]})
    entries.append({"id": "state-generic", "name": "قوات الأمن", "name_en": "security forces (unspecified)",
                    "kind": "state_force", "aliases": curated["generic_state_forces"], "source": ["curated: generic"]})
    return entries


def build(shared: Path) -> dict[str, Any]:
    curated = yaml.safe_load((KB / "actors_curated.yaml").read_text(encoding="utf-8"))
    phoenix = phoenix_groups(shared / PHOENIX)
    un = un_arabic_names(shared / UN_LIST)
    actors = []
    for entry in curated["actors"]:
        entry = dict(entry)
        entry["source"] = [entry["source"]] if isinstance(entry.get("source"), str) else list(entry.get("source", []))
        english = [entry.get("name_en", ""), *entry.get("aliases_en", [])]
        for name in english:
            group = phoenix.get(_en_key(name))
            if group:
                entry["aliases_en"] = sorted({*entry.get("aliases_en", []), *(g.title() for g in group)})
                entry["source"].append(f"shared/{PHOENIX}")
                break
        for name in english:
            hit = un.get(_en_key(name))
            if hit:
                entry["aliases"] = sorted({*entry["aliases"], hit[0]})
                entry["source"].append(f"shared/{UN_LIST} ({hit[1]})")
                break
        actors.append(entry)
    actors.extend(state_forces(curated, KB / "demonyms.tsv"))
    return {
        "built_from": {PHOENIX: sha256(shared / PHOENIX), UN_LIST: sha256(shared / UN_LIST),
                       "marsad/kb/actors_curated.yaml": sha256(KB / "actors_curated.yaml")},
        "actors": actors,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=KB.parents[1].parent / "shared")
    ap.add_argument("--out", type=Path, default=KB / "actors.yaml")
    args = ap.parse_args()
    data = build(args.shared)
    header = "# Generated by marsad/kb/build/build_actors.py — edit actors_curated.yaml and rebuild.\n"
    args.out.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120),
                        encoding="utf-8")
    print(f"wrote {args.out}: {len(data['actors'])} actors, "
          f"{sum(len(a.get('aliases', [])) for a in data['actors'])} Arabic aliases")


if __name__ == "__main__":
    main()
