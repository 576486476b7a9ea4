"""Candidate event pairs from different outlets, for labelling incident merges by hand.

    python benchmarks/incident_pairs.py --db ant2018.db --strata strata.tsv [--per-stratum 60 60 25 0 0]
        [--max-days 1] [--seed 11] > pairs.txt

Reads a store (the 2018 ANT portion ingested with ``marsad ingest``), finds every pair of counted
events from articles of different outlets in the same country within ``--max-days`` of each other with
types of one family (political violence, demonstrations, strategic developments), splits them into
strata — merged by the incident step (M, one pair drawn per merged incident); with the same type and
evidence words in common (cosine at least 0.1), dated to the day two days apart (G, the pairs a two-day
window would add) or within a day but with places the hard rules do not let agree, both named below
country level (P, places named at different levels or spelled differently); not merged but with the
same type and place or admin-1 area or within 50 km (H, the hard negatives and the misses); and the rest
(R) — and prints a shuffled random sample of each (``--per-stratum`` M H R G P), with each side's
evidence, for a person to read. The stratum of each pair is
written to ``--strata FILE`` so the labeller does not see it. The output holds article text: keep it
outside the repository; only ids, offsets, labels and reasons go into the labelled file.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STRATA = "MHRGP"
FAMILIES = {"battles": "violence", "explosions_remote_violence": "violence", "violence_against_civilians": "violence",
            "protests": "demonstrations", "riots": "demonstrations", "strategic_developments": "strategic"}


def candidates(db: str, max_days: int) -> tuple[list[tuple[object, object]], dict[int, int], dict[int, dict[str, object]],
                                 dict[int, list[int]]]:
    from sqlalchemy import select

    from marsad.observatory.incidents import load_incident_events
    from marsad.resolve.incident_rules import km
    from marsad.resolve.incidents import EvidenceVectors, IncidentOptions, compatible
    from marsad.store import open_store
    from marsad.store.tables import ArticleRow, EventRow, EvidenceRow, IncidentEventRow

    store = open_store(db)
    options = IncidentOptions(max_days=max_days)
    with store.session() as session:
        events = [e for e in load_incident_events(session) if e.mergeable]
        vectors = EvidenceVectors(events)
        position = {e.ref: n for n, e in enumerate(events)}
        incident = dict(session.execute(select(IncidentEventRow.event_id, IncidentEventRow.incident_id)).all())
        info: dict[int, dict[str, object]] = {}
        for event_id, start, end, text, title, published in session.execute(
                select(EvidenceRow.event_id, EvidenceRow.start, EvidenceRow.end, ArticleRow.text, ArticleRow.title,
                       ArticleRow.published)
                .join(EventRow, EventRow.id == EvidenceRow.event_id).join(ArticleRow, ArticleRow.id == EventRow.article_id)
                .where(EventRow.counted.is_(True)).order_by(EvidenceRow.id)):
            if event_id not in info:
                info[event_id] = {"start": start, "evidence": " ".join(text[start:end].split()), "title": title,
                                  "lede": " ".join(text[:300].split()), "published": published}
    store.close()
    by_country = defaultdict(list)
    for event in events:
        window = event.window(options.undated_days)
        if window is not None:
            by_country[event.country].append((window[0], window[1], event))
    pairs = []
    for block in by_country.values():
        block.sort(key=lambda x: (x[0], x[1], x[2].ref))
        for n, (_, end, a) in enumerate(block):
            for start, _, b in block[n + 1:]:
                if (start - end).days > options.max_days:
                    break
                if a.source != b.source and a.article != b.article and FAMILIES[a.event_type] == FAMILIES[b.event_type]:
                    pairs.append((a, b))
    strata, merged = {}, defaultdict(list)
    one_day = IncidentOptions(max_days=1)
    for i, (a, b) in enumerate(pairs):
        alike = a.event_type == b.event_type and vectors.cosine(position[a.ref], position[b.ref]) >= 0.1
        if incident.get(a.ref) == incident.get(b.ref):
            strata[i] = 0
            merged[incident[a.ref]].append(i)
        elif alike and a.date and b.date and abs((a.date - b.date).days) == 2 and "day" == a.date_precision \
                == b.date_precision:
            strata[i] = 3
        elif alike and compatible(a, b, one_day) is None and a.place and b.place \
                and "country" not in (a.place_precision, b.place_precision) and _within(a, b, one_day):
            strata[i] = 4
        elif a.event_type == b.event_type and (
                (a.place and a.place == b.place) or (a.admin1 and a.admin1 == b.admin1)
                or (None not in (a.lat, b.lat) and a.place_precision in ("city", "point")
                    and b.place_precision in ("city", "point") and km(a, b) <= 50)):
            strata[i] = 1
        else:
            strata[i] = 2
    return pairs, strata, info, merged


def _within(a: object, b: object, options: object) -> bool:
    """Two events whose day windows are within the options' ``max_days``."""
    from marsad.resolve.incident_rules import gap

    wa, wb = a.window(options.undated_days), b.window(options.undated_days)  # type: ignore[attr-defined]
    return wa is not None and wb is not None and gap(wa, wb) <= options.max_days  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--per-stratum", type=int, nargs="+", default=[60, 60, 25],
                        help="How many pairs of strata M H R [G P] to draw (G and P: 0 when not given).")
    parser.add_argument("--max-days", type=int, default=1, help="Pairs dated at most this many days apart.")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--strata", type=Path, required=True, help="Where to write pair number → stratum.")
    args = parser.parse_args()
    wanted = (list(args.per_stratum) + [0, 0])[:5]
    pairs, strata, info, merged = candidates(args.db, args.max_days)
    rng = random.Random(args.seed)
    # merged pairs: one per incident (uniform over pairs would be half one story told by 117 articles)
    incidents = sorted(merged)
    chosen = [rng.choice(merged[i]) for i in rng.sample(incidents, min(wanted[0], len(incidents)))]
    print(f"# stratum M: {len(incidents)} merged incidents with 2+ outlets, "
          f"{sum(len(v) for v in merged.values())} pairs", file=sys.stderr)
    for stratum, count in enumerate(wanted[1:], 1):
        members = [i for i, s in strata.items() if s == stratum]
        print(f"# stratum {STRATA[stratum]}: {len(members)} candidate pairs", file=sys.stderr)
        chosen += rng.sample(members, min(count, len(members)))
    rng.shuffle(chosen)
    with args.strata.open("w", encoding="utf-8") as out:
        for number, index in enumerate(chosen, 1):
            out.write(f"{number}\t{STRATA[strata[index]]}\n")
    for number, index in enumerate(chosen, 1):
        a, b = pairs[index]
        print(f"\n===== pair {number}")
        for side in (a, b):
            meta = info[side.ref]
            toll = "" if side.fatalities_max is None else f" killed={side.fatalities_min}-{side.fatalities_max}"
            print(f"[{side.source}] {side.article} @{meta['start']} pub={meta['published']} {side.event_type}/"
                  f"{side.sub_event_type} date={side.date} place={side.place} ({side.admin1}){toll}")
            print(f"  title: {meta['title']}")
            print(f"  lede: {meta['lede']}")
            print(f"  evidence: {meta['evidence'][:500]}")


if __name__ == "__main__":
    main()
