"""Train the event models on gold articles and measure them by cross-validation.

Every gold article is analysed once by the pipeline (text, NER, knowledge base, gazetteer) and
its trigger candidates are aligned with the gold events: a candidate inside an anchor of a
required event is an example of that event's type; one outside every anchor is an example of
``none``; one inside an optional event's anchor teaches nothing. The merge model learns from pairs
of candidates of required events (same event or not), the background model from the candidates
of required events.

:func:`cross_validate` splits the articles into folds, trains on all but one fold and extracts
the held-out fold with those models, so every article is scored by models that never saw it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from marsad.extract.candidates import Candidate, DocContext, doc_context, find_candidates
from marsad.extract.detect import MERGE_WINDOW, NONE, detect, family, group_incidents, incident_type, joinable
from marsad.extract.events import build_events, events_from_candidates, incident_context
from marsad.extract.features import group_features, incident_features, join_features, trigger_features
from marsad.extract.models import ExtractionModels
from marsad.extract.network import extract_relations, matches_by_pair, pair_candidates, pair_features
from marsad.extract.views import SentenceView, sentence_views
from marsad.kb.build.build_word_vectors import sha256_of
from marsad.learn.fit import constant_model, fit_linear
from marsad.learn.gold import GoldEvent, date_matches, gold_events, names_match
from marsad.learn.reviewed import ReviewedSpan
from marsad.model import Analysis, Document, Event, Result
from marsad.pipeline import Pipeline

__all__ = ["Prepared", "Reviewed", "TrainingOptions", "prepare", "train_models", "predict", "cross_validate", "provenance"]



@dataclass(frozen=True, slots=True)
class TrainingOptions:
    detector_c: float = 0.3
    background_c: float = 0.3
    merge_c: float = 0.3
    typer_c: float = 0.3
    accept: float = 0.35
    join: float = 0.5
    start: float = 0.15
    restate: float = 0.6
    argument_c: float = 0.3
    date_min: float = 0.2
    place_min: float = 0.1
    actor_min: float = 0.2
    relation_c: float = 1.0
    keeper_c: float = 1.0
    keep: float = 0.25  # least probability that an incident is kept
    keeper_folds: int = 5  # inner folds whose held-out incidents teach the keeper; 0: no keeper
    weak_weight: float = 0.5  # of an everyday article's candidate against a gold one
    relation_min: float = 0.2
    judged_min: int = 1  # gold relations of a type the filter needs to judge it (else the patterns' word stands)


Reviewed = tuple["Prepared", list[ReviewedSpan]]  # an article outside the gold and its hand verdicts


@dataclass(eq=False)
class Prepared:
    """One gold article analysed, with its candidates and their gold events."""

    record: dict[str, Any]
    an: Analysis
    views: list[SentenceView]
    candidates: list[Candidate]
    ctx: DocContext
    gold: list[GoldEvent] = field(default_factory=list)
    aligned: list[GoldEvent | None] = field(default_factory=list)
    weak: bool = False  # an everyday article taken as having no event (a weak label), not a gold one

    @property
    def id(self) -> str:
        return str(self.record["id"])


def prepare(records: Iterable[dict[str, Any]], pipeline: Pipeline,
            progress: Callable[[int], None] | None = None, weak: bool = False) -> list[Prepared]:
    """Gold articles (or, with ``weak``, everyday articles that teach only "no event") analysed."""
    out = []
    for record in records:
        doc = Document.from_json(record)
        an = pipeline.analyse(doc)
        views = sentence_views(an)
        candidates = find_candidates(an, views)
        gold = gold_events(record)
        aligned = [_aligned(c, gold) for c in candidates]
        out.append(Prepared(record, an, views, candidates, doc_context(an, views, candidates), gold, aligned, weak))
        if progress is not None:
            progress(len(out))
    return out


def _aligned(c: Candidate, gold: list[GoldEvent]) -> GoldEvent | None:
    best = max(gold, key=lambda g: g.overlap(c.trigger.start, c.trigger.end), default=None)
    return best if best is not None and best.overlap(c.trigger.start, c.trigger.end) else None


def _detector_label(c: Candidate, g: GoldEvent | None, uninformative: bool = False) -> str | None:
    if uninformative or (g is not None and g.optional):
        return None
    if g is None:
        return NONE
    own = [cls.event_type for cls in c.trigger.payloads if cls.event_type in g.types]
    return own[0] if own else g.types[0]


_GENERIC = 20


def _restatements(doc: Prepared) -> set[int]:
    """Candidates outside every anchor whose specific trigger class also names a required gold event
    of the article: most restate that event ("… الهجوم الانتحاري …" again), so they teach nothing."""
    named = {c.frame.top.name for c, g in zip(doc.candidates, doc.aligned, strict=True)
             if g is not None and not g.optional and c.frame.top.priority > _GENERIC}
    return {id(c) for c, g in zip(doc.candidates, doc.aligned, strict=True)
            if g is None and c.frame.top.name in named}


def _overshadowed(doc: Prepared) -> set[int]:
    """Generic words ("قتل", "الهجوم", "الواقعة") inside an anchor that also holds a specific
    trigger ("غارة جوية"): the anchor is the specific word's; the generic one teaches nothing."""
    out: set[int] = set()
    for c, g in zip(doc.candidates, doc.aligned, strict=True):
        if g is None or c.frame.top.priority > _GENERIC:
            continue
        span = next(s for s in g.spans if s[0] < c.trigger.end and c.trigger.start < s[1])
        inside = [o for o, go in zip(doc.candidates, doc.aligned, strict=True)
                  if go is g and span[0] < o.trigger.end and o.trigger.start < span[1]]
        if any(o.frame.top.priority > _GENERIC for o in inside):
            out.add(id(c))
    return out


def train_models(docs: list[Prepared], options: TrainingOptions | None = None,
                 negatives: list[Prepared] = (),  # type: ignore[assignment]
                 reviewed: list[Reviewed] = ()) -> ExtractionModels:  # type: ignore[assignment]
    """``negatives``: everyday articles (sport, technology, culture…) whose candidates are weak
    examples of ``none`` for the detector and the first-report model. ``reviewed``: articles
    outside the gold with event records read by hand, which teach only the keeper."""
    opts = options or TrainingOptions()
    rows, labels, bg_rows, bg_labels, start_labels, weights = [], [], [], [], [], []
    for doc in [*docs, *negatives]:
        shadowed = _overshadowed(doc) | _restatements(doc)
        seen: set[int] = set()
        for c, g in zip(doc.candidates, doc.aligned, strict=True):
            label = _detector_label(c, g, id(c) in shadowed)
            if label is None:
                continue
            feats = trigger_features(c, doc.ctx, doc.candidates[:c.index])
            rows.append(feats)
            labels.append(label)
            weights.append(opts.weak_weight if doc.weak else 1.0)
            start_labels.append("1" if g is not None and id(g) not in seen else "0")
            if g is not None:
                seen.add(id(g))
            if g is not None:
                bg_rows.append(feats)
                bg_labels.append("1" if g.background else "0")
    detector = fit_linear(rows, labels, c=opts.detector_c, weights=weights)
    background = fit_linear(bg_rows, bg_labels, c=opts.background_c)
    starter = fit_linear(rows, start_labels, c=opts.detector_c, weights=weights)
    placeholder = background  # trained below; detect() reads none of them
    partial = ExtractionModels(detector, background, starter, placeholder, placeholder, placeholder, placeholder,
                               placeholder, placeholder, placeholder, accept=opts.accept, join=opts.join)
    join_rows, join_labels, type_rows, type_labels = [], [], [], []
    doc_groups = []
    for doc in docs:
        detect(doc.candidates, doc.ctx, partial)  # sets the type and background scores the join reads
        rows, labels, groups = _join_examples(doc)
        doc_groups.append(groups)
        join_rows += rows
        join_labels += labels
        for gold, members in groups:
            type_rows.append(group_features(members))
            type_labels.append(_group_label(gold, members))
    typer = fit_linear(type_rows, type_labels, c=opts.typer_c)
    argument_rows: dict[str, list[dict[str, float]]] = {"date": [], "place": [], "actor": []}
    argument_labels: dict[str, list[str]] = {"date": [], "place": [], "actor": []}
    for doc, groups in zip(docs, doc_groups, strict=True):
        _argument_examples(doc, groups, argument_rows, argument_labels)
    rankers = {name: fit_linear(argument_rows[name], argument_labels[name], c=opts.argument_c)
               for name in ("date", "place", "actor")}
    merge = fit_linear(join_rows, join_labels, c=opts.merge_c)
    relation_rows, relation_labels, relation_types = [], [], []
    for doc in docs:
        rows, labels, kinds = _relation_examples(doc)
        relation_rows += rows
        relation_labels += labels
        relation_types += kinds
    relation = fit_linear(relation_rows, relation_labels, c=opts.relation_c)
    judged = Counter(row_type for row_type, label in zip(relation_types, relation_labels, strict=True) if label == "1")
    keep_all = constant_model("1")  # the keeper, until one is trained below
    models = ExtractionModels(detector, background, starter, merge, typer, keep_all, rankers["date"],
                              rankers["place"], rankers["actor"], relation, accept=opts.accept, join=opts.join,
                              start=opts.start, restate=opts.restate, date_min=opts.date_min,
                              place_min=opts.place_min, actor_min=opts.actor_min, relation_min=opts.relation_min,
                              judged_relations=tuple(sorted(t for t, n in judged.items() if n >= opts.judged_min)))
    if opts.keeper_folds < 2 or len(docs) < opts.keeper_folds:
        return models
    rows, labels = _keeper_examples(docs, opts, negatives)
    for doc, spans in reviewed:  # the other models never learn from these articles
        incidents = _incidents(doc, models)
        for span in spans:
            covering = [feats for feats, event in incidents
                        if any(e.start < span.end and span.start < e.end for e in event.evidence)]
            if covering:
                rows.append(covering[0])
                labels.append(span.label)
    return replace(models, keeper=fit_linear(rows, labels, c=opts.keeper_c), keep=opts.keep)


def _keeper_examples(docs: list[Prepared], opts: TrainingOptions,
                     negatives: list[Prepared]) -> tuple[list[dict[str, float]], list[str]]:
    """The incidents the other models find in articles they did not learn from (inner folds),
    labelled as the scorer would: 1 when an event of the right type covers a required gold event,
    0 when it covers no gold event at all; one covering only optional events teaches nothing."""
    inner = replace(opts, keeper_folds=0)
    parts = folds(docs, opts.keeper_folds, seed=17)
    rows, labels = [], []
    for i, held_out in enumerate(parts):
        models = train_models([d for j, part in enumerate(parts) if j != i for d in part], inner, negatives)
        for doc in held_out:
            for feats, event in _incidents(doc, models):
                label = _scored(event, doc.gold)
                if label is not None:
                    rows.append(feats)
                    labels.append(label)
    return rows, labels


def _incidents(doc: Prepared, models: ExtractionModels) -> list[tuple[dict[str, float], Event]]:
    for c in doc.candidates:
        c.type_scores, c.background, c.starts, c.restates = {}, 0.0, 0.0, False
    accepted = detect(doc.candidates, doc.ctx, models)
    taken = {id(c) for c in accepted}
    groups = group_incidents(accepted, models, [c for c in doc.candidates if id(c) not in taken])
    types = [incident_type(g, models) for g in groups]
    events = build_events(doc.an, doc.views, incident_context(doc.an, doc.views, groups, types), types, models)
    return [(incident_features(g, doc.ctx, t), e) for g, t, e in zip(groups, types, events, strict=True)]


def _scored(event: Event, gold: list[GoldEvent]) -> str | None:
    spans = [(e.start, e.end) for e in event.evidence]
    optional = False
    for g in gold:
        if any(g.overlap(start, end) for start, end in spans):
            if not g.optional and event.event_type in g.types:
                return "1"
            optional = optional or g.optional
    return None if optional else "0"


def _relation_examples(doc: Prepared) -> tuple[list[dict[str, float]], list[str], list[str]]:
    """The relations the patterns propose, labelled by the gold relations (optional ones teach nothing)."""
    gold = doc.record.get("relations", [])
    patterns = matches_by_pair(doc.an.text, doc.views)
    rows, labels, kinds = [], [], []
    for c in pair_candidates(doc.an.text, doc.views):
        fits = [r for r in gold if r["type"] == c.type and names_match((c.source.name, c.source.text), r["source"])
                and names_match((c.target.name, c.target.text), r["target"])]
        if fits and all(r.get("optional") for r in fits):
            continue
        rows.append(pair_features(c, doc.an.text, patterns))
        labels.append("1" if fits else "0")
        kinds.append(c.type)
    return rows, labels, kinds


def _argument_examples(doc: Prepared, groups: list[tuple[GoldEvent, list[Candidate]]],
                       rows: dict[str, list[dict[str, float]]], labels: dict[str, list[str]]) -> None:
    """The date, place and actor candidates of each gold incident, labelled by its gold fields."""
    required = [(g, members) for g, members in groups if not g.optional]
    types = [_group_label(gold, members) for gold, members in required]
    context = incident_context(doc.an, doc.views, [members for _, members in required], types)
    for i, (gold, _) in enumerate(required):
        record = gold.record
        args = context.arguments(i, doc.views, doc.an.doc.published, types[i])
        for c, row in zip(args.dates, args.date_rows, strict=True):
            rows["date"].append(row)
            labels["date"].append("1" if date_matches(c.value.value, record.get("date")) else "0")  # type: ignore[union-attr]
        for c, row in zip(args.places, args.place_rows, strict=True):
            rows["place"].append(row)
            labels["place"].append("1" if names_match((c.value.name, c.value.text), record.get("place")) else "0")  # type: ignore[union-attr]
        for c, row in zip(args.actors, args.actor_rows, strict=True):
            rows["actor"].append(row)
            labels["actor"].append("1" if names_match((c.value.name, c.value.text), record.get("perpetrator")) else "0")  # type: ignore[union-attr]


def _group_label(gold: GoldEvent, members: list[Candidate]) -> str:
    """The gold type the group's most specific trigger names, else the gold's first type."""
    top = max(members, key=lambda m: m.frame.top.priority).frame.top
    return top.event_type if top.event_type in gold.types else gold.types[0]


def _join_examples(doc: Prepared) -> tuple[list[dict[str, float]], list[str], list[tuple[GoldEvent, list[Candidate]]]]:
    """The grouping decisions of a perfect detector, replayed in text order over the gold groups."""
    rows, labels = [], []
    groups: list[tuple[GoldEvent, list[Candidate]]] = []
    for c, g in zip(doc.candidates, doc.aligned, strict=True):
        if g is None or g.optional:
            continue
        kinds = [family(_group_label(gold, members)) for gold, members in groups]
        allowed = [groups[i] for i in joinable([members for _, members in groups], kinds, c)]
        near = [(gold, members) for gold, members in allowed if c.sentence - members[-1].sentence <= MERGE_WINDOW]
        for gold, members in near:
            rows.append(join_features(members, c, first=members is allowed[0][1], latest=members is allowed[-1][1]))
            labels.append("1" if gold is g else "0")
        own = next((members for gold, members in groups if gold is g), None)
        if own is None:
            groups.append((g, [c]))
        else:
            own.append(c)
    return rows, labels, groups


def predict(doc: Prepared, models: ExtractionModels) -> Result:
    for c in doc.candidates:
        c.type_scores, c.background, c.starts, c.restates = {}, 0.0, 0.0, False
    events = events_from_candidates(doc.an, doc.views, doc.candidates, doc.ctx, models)
    return Result(id=doc.id, events=tuple(events), relations=tuple(extract_relations(doc.an.text, doc.views, models)))


def folds(docs: list[Prepared], k: int, seed: int = 13) -> list[list[Prepared]]:
    """``k`` folds of whole articles, shuffled once with ``seed``."""
    order = sorted(docs, key=lambda d: d.id)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def cross_validate(docs: list[Prepared], k: int = 5, options: TrainingOptions | None = None,
                   seed: int = 13, negatives: list[Prepared] = (),  # type: ignore[assignment]
                   reviewed: list[Reviewed] = ()) -> list[Result]:  # type: ignore[assignment]
    """Held-out results for every article: each fold extracted by models trained on the others
    (and on the weak ``negatives`` and the ``reviewed`` articles, which are never scored)."""
    parts = folds(docs, k, seed)
    out: list[Result] = []
    for i, held_out in enumerate(parts):
        models = train_models([d for j, part in enumerate(parts) if j != i for d in part], options, negatives,
                              reviewed)
        out.extend(predict(d, models) for d in held_out)
    return out


def provenance(gold_paths: list[Path], docs: list[Prepared], options: TrainingOptions,
               everyday: Path | None = None, everyday_articles: int = 0,
               reviewed: list[Path] = (), reviewed_records: int = 0) -> dict[str, object]:  # type: ignore[assignment]
    """What a shipped model was made from, written into its ``config.json``."""
    required = sum(1 for d in docs for g in d.gold if not g.optional)
    return {
        "trained_on": [{"file": p.name, "sha256": sha256_of(p)} for p in gold_paths],
        "everyday_negatives": {"file": everyday.name, "sha256": sha256_of(everyday),
                               "articles": everyday_articles} if everyday else None,
        "reviewed": {"files": [{"file": p.name, "sha256": sha256_of(p)} for p in reviewed],
                     "records": reviewed_records} if reviewed else None,
        "articles": len(docs),
        "required_events": required,
        "candidates": sum(len(d.candidates) for d in docs),
        "options": asdict(options),
        "made_by": "marsad train events",
        "date": dt.date.today().isoformat(),
    }
