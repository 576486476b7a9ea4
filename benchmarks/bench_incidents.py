"""Incident merging measured on the hand-labelled pairs; and how many events end up in multi-source incidents.

    python benchmarks/bench_incidents.py --db ant2018.db [--pairs benchmarks/data/incident_pairs.tsv]

Round 1 (pairs 1-200) was drawn from an earlier incident step and from unmerged candidates; round 2
(pairs 201-300) from the merges the step made before its last tuning (min_score 2.7, text weight 7); both
anchored on the rule-based extractor's evidence. Round 3 (pairs 301-) was drawn from a store made by the
learned extractor (merged, same type and place, other), so its sides are that extractor's events. Round 4
(pairs 501-) was drawn from the same store with two more strata: pairs two days apart and pairs whose places
the hard rules keep apart. Round 5 (pairs 621-) was drawn from a store of the extractor of 2026-12-06 with the
pair model of that day (before the article-opening features): a random draw of that step's merges (one pair per
merged incident, M) and unmerged pairs of one type and place (H). The share of its M pairs labelled "same" is that
step's merge precision on a random sample of its merges, printed apart (the model shipped since was trained on
these pairs too).

``--db`` is a store holding the 2018 ANT corpus (ingest the five 2018 outlets of
``../shared/data/news/all_articles.jsonl.gz``: skynews, alarabia, BBC, CNN, france24, with
``marsad ingest``). The incident step is run afresh (nothing is written) and each labelled pair is
looked up: its two sides are the events whose evidence covers the labelled offsets; a pair counts
as merged when both events land in one incident. Prints precision and recall over all pairs, the
odd-numbered half and the even-numbered half; pairs whose events the current extractor no longer
finds are listed as unmatched. The shipped learned pair model was trained on all the matched pairs,
so these figures are in-sample: its held-out figures (``train_incident_pairs.py --cv``, recorded in
the model's provenance) are printed after them. Before them: how many "same" pairs the hard rules let any
score merge (the recall ceiling, with the rules that keep the others apart), and the missed and falsely merged
pairs by cause (a hard rule, a score below the threshold, a merge the groups around it did not allow; merged
directly or through other reports); ``--show-errors`` gives the cause of each. With ``--hand`` the hand weights score the pairs
under the older rules they were set with (one day apart at most, no far places; set on the
odd-numbered half, the even-numbered half is held out for them). Then the share of
counted events in incidents reported by two or more outlets, per outlet group.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.resolve.incidents import IncidentEvent, IncidentOptions

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_PAIRS = ROOT / "benchmarks" / "data" / "incident_pairs.tsv"
ANT_2018 = ("skynews", "alarabia", "BBC", "CNN", "france24")
ROUND_5 = 621  # the first pair of round 5, a random draw of the step's merges


@dataclass(frozen=True)
class Pair:
    number: int
    a: tuple[str, int]
    b: tuple[str, int]
    same: bool
    drawn: str
    reason: str


def read_pairs(path: Path) -> list[Pair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("pair\t"):
            continue
        number, art_a, start_a, art_b, start_b, label, drawn, reason = line.split("\t")
        if label not in ("same", "different"):
            raise ValueError(f"pair {number}: label must be same or different, not {label!r}")
        pairs.append(Pair(int(number), (art_a, int(start_a)), (art_b, int(start_b)), label == "same", drawn, reason))
    return pairs


def evidence_index(session: object) -> dict[str, list[tuple[int, int, int]]]:
    """Article id → (start, end, event id) of every counted event's evidence."""
    from sqlalchemy import select

    from marsad.store.tables import ArticleRow, EventRow, EvidenceRow

    index: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    rows = session.execute(select(ArticleRow.doc_id, EvidenceRow.start, EvidenceRow.end, EvidenceRow.event_id)  # type: ignore[attr-defined]
                           .join(EventRow, EventRow.id == EvidenceRow.event_id)
                           .join(ArticleRow, ArticleRow.id == EventRow.article_id)
                           .where(EventRow.counted.is_(True)))
    for doc_id, start, end, event_id in rows:
        index[doc_id].append((start, end, event_id))
    return index


def event_at(index: dict[str, list[tuple[int, int, int]]], side: tuple[str, int]) -> int | None:
    article, offset = side
    hits = sorted(event for start, end, event in index.get(article, []) if start <= offset < end)
    return hits[0] if hits else None


def scores(pairs: list[Pair], merged: dict[int, bool]) -> tuple[float, float, int, int, int, int]:
    tp = sum(1 for p in pairs if p.number in merged and merged[p.number] and p.same)
    fp = sum(1 for p in pairs if p.number in merged and merged[p.number] and not p.same)
    fn = sum(1 for p in pairs if p.number in merged and not merged[p.number] and p.same)
    tn = sum(1 for p in pairs if p.number in merged and not merged[p.number] and not p.same)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, tp, fp, fn, tn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--show-errors", action="store_true", help="List the pairs the merge gets wrong.")
    parser.add_argument("--hand", action="store_true",
                        help="Score pairs with the hand weights instead of the learned pair model.")
    args = parser.parse_args()

    from marsad.observatory.incidents import load_incident_events
    from marsad.resolve.incidents import IncidentOptions, group_events
    from marsad.store import open_store

    pairs = read_pairs(args.pairs)
    store = open_store(args.db)
    with store.session() as session:
        events = load_incident_events(session)
        index = evidence_index(session)
    store.close()
    # the hand weights were set under the older rules (one day, no far places, average linkage only)
    options = IncidentOptions(learned=False, max_days=1, far_km=0.0, link_spread=math.inf) if args.hand \
        else IncidentOptions()
    incidents = group_events(events, options)
    incident_of = {m.event.ref: n for n, incident in enumerate(incidents) for m in incident.members}
    merged: dict[int, bool] = {}
    sides: dict[int, tuple[int, int]] = {}
    unmatched = []
    for pair in pairs:
        a, b = event_at(index, pair.a), event_at(index, pair.b)
        if a is None or b is None:
            unmatched.append(pair.number)
            continue
        merged[pair.number] = incident_of[a] == incident_of[b]
        sides[pair.number] = (a, b)
    why = Explanations(events, options)
    print(f"labelled pairs: {len(pairs)} ({sum(p.same for p in pairs)} same, {sum(not p.same for p in pairs)} "
          f"different); unmatched (events no longer found): {len(unmatched)} {unmatched or ''}")
    for name, subset in (("all", pairs), ("odd-numbered half", [p for p in pairs if p.number % 2]),
                         ("even-numbered half", [p for p in pairs if not p.number % 2]),
                         ("round 1 (pairs 1-200)", [p for p in pairs if p.number <= 200]),
                         ("round 2 (merged pairs)", [p for p in pairs if 200 < p.number <= 300]),
                         ("round 3 (new extractor)", [p for p in pairs if 300 < p.number <= 500]),
                         ("round 4 (two days, places)", [p for p in pairs if 500 < p.number < ROUND_5]),
                         ("round 5 (a random draw of merges)", [p for p in pairs if p.number >= ROUND_5])):
        precision, recall, tp, fp, fn, tn = scores(subset, merged)
        print(f"{name:<24} precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    drawn = [p for p in pairs if p.number >= ROUND_5 and p.drawn == "M"]
    if drawn:
        right = sum(p.same for p in drawn)
        print(f"merge precision of the step round 5 was drawn from, on a random draw of its merges (M): {right} of "
              f"{len(drawn)} = {right / len(drawn):.3f}")
    print_ceiling([p for p in pairs if p.same and p.number in sides], sides, why)
    errors = [(p, "false merge" if merged[p.number] else "missed", why.of(*sides[p.number], merged[p.number]))
              for p in pairs if p.number in merged and merged[p.number] != p.same]
    for kind in ("missed", "false merge"):
        causes: dict[str, int] = defaultdict(int)
        for _, k, (cause, _rule) in errors:
            if k == kind:
                causes[cause] += 1
        print(f"{kind} pairs by cause: " + ("; ".join(f"{c} {n}" for c, n in sorted(causes.items(), key=lambda kv: -kv[1]))
                                            or "none"))
    print_held_out(args.hand)
    if args.show_errors:
        for pair, kind, (cause, rule) in errors:
            print(f"  {kind:<11} pair {pair.number} [{pair.drawn}]: {pair.reason} — {cause}{', ' + rule if rule else ''}")
    print_share(incidents)


class Explanations:
    """Why the step put two labelled events (by store id) together or kept them apart: a hard rule, or the
    score of the pair."""

    def __init__(self, events: list[IncidentEvent], options: IncidentOptions) -> None:
        from marsad.resolve.incidents import EvidenceVectors

        self.events, self.options = events, options
        self.vectors = EvidenceVectors(events)
        self.at = {e.ref: n for n, e in enumerate(events)}

    def rule(self, a: int, b: int) -> str | None:
        from marsad.resolve.incidents import kept_apart

        return kept_apart(self.events[self.at[a]], self.events[self.at[b]], self.options)

    def of(self, a: int, b: int, together: bool) -> tuple[str, str | None]:
        """(the cause, the hard rule when one keeps the pair apart)."""
        from marsad.resolve.incidents import pair_score

        rule = self.rule(a, b)
        if rule is not None:
            return "kept apart by a hard rule", rule
        i, j = self.at[a], self.at[b]
        scored = pair_score(self.events[i], self.events[j], self.options,
                            self.vectors.cosine(i, j), self.vectors.opening_cosine(i, j))
        if together:
            return ("merged directly" if scored else "joined through other reports (the pair alone scores too low)"), None
        return ("scored too low to merge" if scored is None else "a direct merge the groups around it did not allow"), None


def print_ceiling(same: list[Pair], sides: dict[int, tuple[int, int]], why: Explanations) -> None:
    """How many "same" pairs the hard rules let any score merge: the recall no learned score can pass."""
    rules = [why.rule(*sides[p.number]) for p in same]
    allowed = sum(rule is None for rule in rules)
    kinds: dict[str, int] = defaultdict(int)
    for rule in rules:
        if rule is not None:
            kinds[rule.split(":")[0]] += 1
    print(f"hard rules: {allowed} of {len(same)} matched 'same' pairs may merge (recall ceiling "
          f"{allowed / max(1, len(same)):.3f}); kept apart by " +
          (", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])) or "none"))


def print_held_out(hand: bool) -> None:
    from marsad.resolve.pair_model import load_pair_model

    if hand:
        print("scored with the hand weights: set on the odd-numbered half, the even-numbered half is held out")
        return
    held_out = load_pair_model().provenance.get("held_out")
    print("scored with the learned pair model, trained on all matched pairs (the figures above are in-sample); "
          "held out, end to end (train_incident_pairs.py --cv):")
    if not isinstance(held_out, dict):
        print(f"  {held_out}")
        return
    for name, figures in held_out.items():
        print(f"  {name.replace('_', ' '):<22} precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
              f"(tp {figures['tp']}, fp {figures['fp']}, fn {figures['fn']}, tn {figures['tn']})")


def print_share(incidents: list[object]) -> None:
    total = multi = 0
    in_2018 = multi_2018 = 0
    for incident in incidents:
        sources = len(incident.sources)  # type: ignore[attr-defined]
        for member in incident.members:  # type: ignore[attr-defined]
            total += 1
            multi += sources > 1
            if member.event.source in ANT_2018:
                in_2018 += 1
                multi_2018 += sources > 1
    print(f"events in incidents from 2+ outlets: {multi:,} of {total:,} ({multi / max(1, total):.1%}); "
          f"2018 ANT outlets: {multi_2018:,} of {in_2018:,} ({multi_2018 / max(1, in_2018):.1%}); "
          f"incidents: {len(incidents):,}, from 2+ outlets: "
          f"{sum(len(i.sources) > 1 for i in incidents):,}")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
