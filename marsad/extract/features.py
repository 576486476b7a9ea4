"""Named features of event candidates and of candidate pairs, for the learned models.

Each function maps a candidate (``candidates.py``) to ``{name: value}``. Names say what they
test: ``cls=airstrike`` (the trigger's lexicon class), ``cueB=background`` (a background cue
just before the trigger), ``L=قصف`` (a word left of it), ``date=bg`` (its nearest date lies well
before publication), ``rule`` (the hand-written rules accept it). The rules' decisions are
features, so a model can only add to what they know.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from marsad.extract.candidates import Candidate, DocContext
from marsad.extract.lexicon import words
from marsad.extract.merge import Incident, dates_conflict, places_conflict, same_place
from marsad.extract.modality import is_background_date
from marsad.extract.roles import is_verbal_noun
from marsad.extract.views import DESCRIPTOR
from marsad.model import DateValue, Mention, Token

__all__ = ["trigger_features", "join_features", "group_features", "incident_features", "bucket"]

_WINDOW = 3
_CUE_NEAR = 3
# Weight of the topic vector's components (unit length over 100 dimensions), read by the detector and
# the keeper: at 10 the keeper leaned on them too hard (train CV events F1 0.682 against 0.694)
_TOPIC_SCALE = 3.0


def bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 10)) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def trigger_features(c: Candidate, ctx: DocContext, earlier: list[Candidate]) -> dict[str, float]:
    """``earlier``: the document's candidates before ``c`` (a word seen before is often a restatement)."""
    f: dict[str, float] = {"bias": 1.0}
    _trigger_words(c, f)
    _repeats(c, earlier, f)
    _cues(c, f)
    _frame(c, ctx, f)
    _context(c, ctx, f)
    f.update(_topic_features(tuple(t.text for t in c.view.tokens)))
    return f


def _trigger_words(c: Candidate, f: dict[str, float]) -> None:
    trig, top = c.trigger, c.frame.top
    for cls in trig.payloads:
        f[f"cls={cls.name}"] = 1.0
        f[f"type={cls.event_type}"] = 1.0
    f[f"prio={bucket(top.priority, (0, 15, 20, 40, 60, 85))}"] = 1.0
    for flag in ("context", "kill", "patient"):
        if getattr(top, flag):
            f[flag] = 1.0
    f[f"key={trig.key}"] = 1.0
    if trig.prefix.endswith(("ال", "لل")) or trig.key.startswith("ال"):
        f["definite"] = 1.0
    if is_verbal_noun(trig):
        f["verbal_noun"] = 1.0
    toks = c.view.tokens
    for i in range(max(0, trig.first_token - _WINDOW), trig.first_token):
        if toks[i].stem[:1].isalpha():
            f[f"L={toks[i].stem}"] = 1.0
    for i in range(trig.last_token + 1, min(len(toks), trig.last_token + 1 + _WINDOW)):
        if toks[i].stem[:1].isalpha():
            f[f"R={toks[i].stem}"] = 1.0
    if c.rule_accepted:
        f["rule"] = 1.0
    if c.rule_incident is not None:
        f[f"rule_type={c.rule_type}"] = 1.0
        f["rule_incident_first" if c.rule_incident == 0 else "rule_incident_later"] = 1.0
        if c.rule_background:
            f["rule_background"] = 1.0


def _repeats(c: Candidate, earlier: list[Candidate], f: dict[str, float]) -> None:
    before = [e for e in earlier if e.sentence < c.sentence]
    same_key = sum(1 for e in before if e.trigger.key == c.trigger.key)
    same_class = sum(1 for e in before if e.frame.top.name == c.frame.top.name)
    f[f"seen_key={bucket(same_key, (0, 1, 3))}"] = 1.0
    f[f"seen_class={bucket(same_class, (0, 1, 3))}"] = 1.0
    nxt = c.trigger.last_token + 1
    if nxt < len(c.view.tokens):
        start = c.view.tokens[nxt].start
        if any(p.start == start for p in c.view.places):
            f["named_by_place"] = 1.0  # "هجوم لندن"
        if any(d.start == start for d in c.view.dates):
            f["named_by_date"] = 1.0  # "هجوم الأربعاء"


# Whether an event is asserted, hedged or denied is coded apart (``modality.py``); the detector,
# the typer and the keeper judge only whether the words report a specific event and which.
_MODALITY = frozenset({"hedged", "negated", "deny_heads", "deny_objects", "reported", "confirmed"})


def _cues(c: Candidate, f: dict[str, float]) -> None:
    trig = c.trigger
    for cue in c.view.cues:
        for name in cue.payloads:
            if name in _MODALITY:
                continue
            f[f"cue={name}"] = 1.0
            if 0 <= trig.first_token - cue.last_token <= _CUE_NEAR:
                f[f"cueB={name}"] = 1.0
            elif 0 <= cue.first_token - trig.last_token <= _CUE_NEAR:
                f[f"cueA={name}"] = 1.0
            if name == "irrealis" and cue.last_token < trig.first_token:
                f["irrealis_before"] = 1.0
    for other in c.view.triggers:
        if other is not trig:
            for cls in other.payloads:
                f[f"co={cls.name}"] = 1.0


def _frame(c: Candidate, ctx: DocContext, f: dict[str, float]) -> None:
    frame = c.frame
    if frame.fatalities is not None:
        f["toll" if frame.fatalities.value else "toll_zero"] = 1.0
    if frame.injured is not None:
        f["injured"] = 1.0
    if frame.date is None:
        f["date=none"] = 1.0
    else:
        f["date=bg" if is_background_date(frame.date, ctx.published) else "date=recent"] = 1.0
        f[f"date_prec={frame.date.precision}"] = 1.0
    f[f"place={frame.place.precision if frame.place else 'none'}"] = 1.0
    for actor in frame.actors:
        f[f"role={actor.role}"] = 1.0
        f[f"role={actor.role}:{actor.kind}"] = 1.0
    for m in c.view.actors:
        f[f"sent_kind={'descriptor' if m.label == DESCRIPTOR else m.kind or m.label}"] = 1.0


def _target_kinds(tokens: Sequence[Token]) -> set[str]:
    """Whom the sentence names as hit: soldiers, a base, a front (a battle) or worshippers, a market,
    a village (violence against civilians). Read by the typer and the keeper over an incident's
    sentences, not by the detector (see the model card)."""
    armed, civilian = words("armed_targets"), words("civilian_targets")
    kinds = set()
    for tok in tokens:
        if tok.stem in armed or tok.norm in armed:
            kinds.add("armed")
        elif tok.stem in civilian or tok.norm in civilian:
            kinds.add("civilian")
    return kinds


def _context(c: Candidate, ctx: DocContext, f: dict[str, float]) -> None:
    f[f"sent={bucket(c.sentence, (0, 1, 2, 4, 8, 16))}"] = 1.0
    # the same word means violence in one setting and not in another ("أوقفت الشرطة" a thief or a cell)
    violent = c.view.has_cue("violence_context")
    civil = c.view.has_cue("non_violent_context")
    for cls in c.trigger.payloads:
        f[f"{cls.name}&{'armed' if ctx.armed else 'unarmed'}_article"] = 1.0
        if violent:
            f[f"{cls.name}&violent_sentence"] = 1.0
        if civil:
            f[f"{cls.name}&civil_sentence"] = 1.0
    _article(ctx, f)
    for name in ctx.title_classes:
        f[f"title={name}"] = 1.0
    if any(cls.name in ctx.title_classes for cls in c.trigger.payloads):
        f["title_same"] = 1.0


def join_features(group: list[Candidate], c: Candidate, first: bool, latest: bool) -> dict[str, float]:
    """Whether candidate ``c`` (later in the text) reports the incident of ``group``.

    ``first``: the group is the article's first incident (usually its news); ``latest``: the most
    recent group, the one the text was just talking about.
    """
    f: dict[str, float] = {"bias": 1.0}
    last = group[-1]
    f[f"gap={bucket(c.sentence - last.sentence, (0, 1, 2, 4, 8, 16))}"] = 1.0
    f[f"from_first={bucket(c.sentence - group[0].sentence, (0, 1, 2, 4, 8, 16))}"] = 1.0  # a long chain drifts
    if first:
        f["first_group"] = 1.0
    if latest:
        f["latest_group"] = 1.0
    same_sentence = [m for m in group if m.sentence == c.sentence]
    if same_sentence:
        _same_sentence(same_sentence[-1], c, f)
    top = c.frame.top
    group_type = _summed_type(group)
    f["type_agrees"] = c.type_scores.get(group_type, 0.0) if c.type_scores else float(group_type == c.event_type)
    specific = {m.frame.top.sub_event_type for m in group if m.frame.top.priority > _GENERIC}
    if top.priority > _GENERIC:
        f["sub_same" if top.sub_event_type in specific else ("sub_new" if specific else "sub_first")] = 1.0
    if any(cls.name == m_cls.name for m in group for m_cls in m.trigger.payloads for cls in c.trigger.payloads):
        f["class_in_group"] = 1.0
    if any(m.trigger.key == c.trigger.key for m in group):
        f["key_in_group"] = 1.0
    if c.rule_incident is not None:
        rules = {m.rule_incident for m in group if m.rule_incident is not None}
        f["rules_join" if c.rule_incident in rules else ("rules_apart" if rules else "rules_unknown")] = 1.0
    f[f"c_prio={bucket(top.priority, (0, 20, 60))}"] = 1.0
    for name, value in (("toll", c.frame.fatalities), ("date", c.frame.date), ("place", c.frame.place)):
        if value is not None:
            f[f"c_{name}"] = 1.0
    if not same_sentence:
        for tok in c.view.tokens[:2]:
            f[f"opens={tok.stem or tok.norm}"] = 1.0
    if c.trigger.prefix.endswith(("ال", "لل")) or c.trigger.key.startswith("ال"):
        f["c_definite"] = 1.0
    incident = Incident([m.frame for m in group])
    place = _place_relation(incident.place, c.frame.place)
    f[f"place={place}"] = 1.0
    # another place in the next sentence is a list of acts (one strike per district); far away, a
    # restatement that names the place loosely
    f[f"place={place}&gap={bucket(c.sentence - last.sentence, (0, 1, 2, 4))}"] = 1.0
    f[f"date={_date_relation(incident.date, c.frame.date)}"] = 1.0
    if c.frame.place is not None and c.frame.place.precision in ("point", "city"):
        # a list of acts names a new town each time; a restatement names one already given
        towns = [m.frame.place for m in group if m.frame.place is not None and m.frame.place.precision in ("point", "city")]
        if towns:
            seen = any(same_place(t, c.frame.place) for t in towns)
            f["town_seen" if seen else "town_new"] = 1.0
            if not seen and top.priority > _GENERIC:
                f["town_new&specific"] = 1.0
    tolls = [m.frame.fatalities.value for m in group if m.frame.fatalities is not None]
    if c.frame.fatalities is not None and tolls:
        f["toll_same" if c.frame.fatalities.value in tolls else "toll_diff"] = 1.0
    if not same_sentence:
        _counts(group, c, f)
    group_bg = sum(m.background for m in group) / len(group)
    if (group_bg > 0.5) != (c.background > 0.5):
        f["bg_differs"] = 1.0
    return f


_GENERIC = 20


def _counts(group: list[Candidate], c: Candidate, f: dict[str, float]) -> None:
    """The numbers of the candidate's sentence against the group's: a restatement repeats a count
    ("27 شخصا"), another act in a list gives its own ("واعتقلت 76 شخصا في شرناق")."""
    own = {q.value for q in c.view.quantities if q.value is not None}
    if not own:
        return
    seen = {q.value for m in group for q in m.view.quantities if q.value is not None}
    if seen:
        f["counts_shared" if own & seen else "counts_new"] = 1.0


def _article(ctx: DocContext, f: dict[str, float]) -> None:
    """How the article reads: how much of it is civil life, and whether its title reports an act."""
    f[f"doc_civil={bucket(ctx.civil, (0, 1, 3, 6))}"] = 1.0
    if not ctx.title_classes:
        f["title=none"] = 1.0


def incident_features(group: list[Candidate], ctx: DocContext, event_type: str) -> dict[str, float]:
    """What makes an incident one a careful annotator codes: its reports, their confidence, what
    its frames found and how the article reads (read by the ``keeper`` model)."""
    reports = [c for c in group if not c.restates] or group
    f = group_features(reports)
    f[f"etype={event_type}"] = 1.0
    f[f"maxp={bucket(int(10 * max(sum(c.type_scores.values()) for c in reports)), (3, 5, 7, 8, 9))}"] = 1.0
    f[f"maxstart={bucket(int(10 * max(c.starts for c in reports)), (1, 2, 3, 5, 7))}"] = 1.0
    f[f"reports={bucket(len(reports), (1, 2, 3, 5))}"] = 1.0
    f[f"sentences={bucket(len({c.sentence for c in group}), (1, 2, 3, 5))}"] = 1.0
    f[f"first_sentence={bucket(min(c.sentence for c in group), (0, 1, 2, 4, 8))}"] = 1.0
    for name in ("fatalities", "injured", "date", "place"):
        if any(getattr(c.frame, name) is not None for c in reports):
            f[f"has_{name}"] = 1.0
    if any(a.role == "perpetrator" for c in reports for a in c.frame.actors):
        f["has_doer"] = 1.0
    _article(ctx, f)
    if any(cls.name in ctx.title_classes for c in reports for cls in c.trigger.payloads):
        f["title_same"] = 1.0
    _topic(reports, f)
    return f


def _topic(reports: list[Candidate], f: dict[str, float]) -> None:
    """What the incident's sentences are about (see ``_topic_features``)."""
    views = {c.sentence: c.view for c in reports}  # each sentence once
    f.update(_topic_features(tuple(t.text for view in views.values() for t in view.tokens)))


def _topic_features(words: tuple[str, ...]) -> dict[str, float]:
    """What words are about, as the pre-trained word vectors of the NER model place them (a theft
    and a bombing, a minister's plan and a raid, a match and a battle read apart): ``topic0`` …"""
    vector = _topic_vector(words)
    return dict(zip(_topic_names(len(vector)), vector, strict=True))


@lru_cache(maxsize=256)  # the sentences of an article, read again by each model
def _topic_vector(words: tuple[str, ...]) -> tuple[float, ...]:
    from marsad.nlp.ner import default_tagger

    return tuple((default_tagger().text_vector(words) * _TOPIC_SCALE).tolist())


@lru_cache(maxsize=4)
def _topic_names(n: int) -> tuple[str, ...]:
    return tuple(f"topic{i}" for i in range(n))


def group_features(group: list[Candidate]) -> dict[str, float]:
    """What an incident's candidates say together about its type."""
    f: dict[str, float] = {"bias": 1.0}
    n = len(group)
    for name, p in _type_totals(group).items():
        f[f"p={name}"] = p / n
    top = max(group, key=lambda m: m.frame.top.priority)
    f[f"top={top.frame.top.name}"] = 1.0
    for m in group:
        if m.rule_type is not None:
            f[f"rule_type={m.rule_type}"] = 1.0
    f[f"top_type={top.frame.top.event_type}"] = 1.0
    for m in group:
        for cls in m.trigger.payloads:
            f[f"cls={cls.name}"] = 1.0
        for other in m.view.triggers:  # what else the sentence reports ("مواجهات … في مسيرة")
            for cls in other.payloads:
                f[f"sentence_cls={cls.name}"] = 1.0
        f[f"key={m.trigger.key}"] = 1.0
        for actor in m.frame.actors:
            f[f"role={actor.role}:{actor.kind}"] = 1.0
        for cue in m.view.cues:
            for name in cue.payloads:
                if name not in _MODALITY:
                    f[f"cue={name}"] = 1.0
    views = {m.sentence: m.view for m in group}  # each sentence read once
    for kind in set().union(*(_target_kinds(view.tokens) for view in views.values())):
        f[f"tgt={kind}"] = 1.0
    return f


def _same_sentence(a: Candidate, c: Candidate, f: dict[str, float]) -> None:
    between = a.view.tokens[a.trigger.last_token + 1: c.trigger.first_token]
    f[f"same_sentence_td={bucket(len(between), (0, 1, 3, 6, 10))}"] = 1.0
    if len(between) <= 8:
        for tok in between:
            f[f"btw={tok.stem or tok.norm}"] = 1.0
    if any(t.norm in ("،", ",", "؛", ";") for t in between):
        f["comma_between"] = 1.0


def _type_totals(group: list[Candidate]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for m in group:
        for name, p in m.type_scores.items():
            totals[name] = totals.get(name, 0.0) + p
    return totals


def _summed_type(group: list[Candidate]) -> str:
    totals = _type_totals(group)
    return max(totals, key=totals.__getitem__) if totals else group[0].frame.top.event_type


def _place_relation(pa: Mention | None, pb: Mention | None) -> str:
    if pa is None or pb is None:
        return "none" if pa is pb else "one"
    if same_place(pa, pb):
        return "same"
    return "conflict" if places_conflict(pa, pb) else "compatible"


def _date_relation(da: DateValue | None, db: DateValue | None) -> str:
    if da is None or db is None:
        return "none" if da is db else "one"
    return "conflict" if dates_conflict(da, db) else "same"
