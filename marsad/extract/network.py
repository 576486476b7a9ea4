"""The actor network: relation patterns propose, a learned filter disposes.

The patterns of ``kb/lexicons/relations.yaml`` (``relations.py``) propose typed relations between
the actors of a sentence (groups, persons, state forces, countries that act). The ``relation``
model (``models.py``), trained on the gold relations, reads the words between the two actors,
their kinds, the pattern and the other relation cues around them, and keeps the proposals likely
enough to be stated. Each kept relation has its sentence as evidence, the pattern's detail
(spokesman, leader) and the sentence's certainty.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extract.features import bucket
from marsad.extract.modality import frame_certainty
from marsad.extract.models import ExtractionModels
from marsad.extract.relations import PatternMatch, pattern_matches, relation_cues
from marsad.extract.roles import actor_from_mention
from marsad.extract.views import SentenceView
from marsad.model import Evidence, Mention, Relation

__all__ = ["PairCandidate", "pair_candidates", "pair_features", "extract_relations", "matches_by_pair"]

_BETWEEN_WORDS = 10

_Key = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class PairCandidate:
    view: SentenceView
    source: Mention
    target: Mention
    type: str
    detail: str | None

    @property
    def key(self) -> _Key:
        return self.source.start, self.source.end, self.target.start, self.target.end


def pair_candidates(text: str, views: list[SentenceView]) -> list[PairCandidate]:
    """The relations the patterns propose, once per pair of mentions and type."""
    out: dict[tuple[_Key, str], PairCandidate] = {}
    for m in pattern_matches(text, views):
        c = PairCandidate(m.view, m.source, m.target, m.type, m.detail)
        out.setdefault((c.key, c.type), c)
    return list(out.values())


def matches_by_pair(text: str, views: list[SentenceView]) -> dict[_Key, list[PatternMatch]]:
    out: dict[_Key, list[PatternMatch]] = {}
    for m in pattern_matches(text, views):
        out.setdefault((m.source.start, m.source.end, m.target.start, m.target.end), []).append(m)
    return out


def pair_features(c: PairCandidate, text: str, patterns: dict[_Key, list[PatternMatch]]) -> dict[str, float]:
    view, s, t = c.view, c.source, c.target
    forward = s.start < t.start
    first, second = (s, t) if forward else (t, s)
    i, j = view.token_index(first.end - 1), view.token_index(second.start)
    between = view.tokens[i + 1: j]
    f: dict[str, float] = {"bias": 1.0, f"type={c.type}": 1.0, "forward" if forward else "backward": 1.0,
                           f"gap={bucket(len(between), (0, 1, 2, 3, 5, 8, 12))}": 1.0}
    sk, tk = _kind(s), _kind(t)
    f[f"sk={sk}"] = f[f"tk={tk}"] = f[f"kinds={sk}|{tk}"] = 1.0
    if len(between) <= _BETWEEN_WORDS:
        for tok in between:
            f[f"btw={tok.stem or tok.norm}"] = 1.0
    if between:
        f[f"first_btw={between[0].stem or between[0].norm}"] = 1.0
        f[f"last_btw={between[-1].stem or between[-1].norm}"] = 1.0
        if any(tok.norm in ("،", ",") for tok in between):
            f["comma_between"] = 1.0
    for m in patterns.get(c.key, []):
        f[f"pattern={m.type}"] = 1.0
        f[f"type={c.type}&pattern={m.type}"] = 1.0
        f[f"cue={m.type}:{m.cue}"] = 1.0
    for m in patterns.get((t.start, t.end, s.start, s.end), []):
        f[f"pattern_reversed={m.type}"] = 1.0
    for cue in relation_cues().find(text, view.tokens):
        where = "between" if first.end <= cue.start and cue.end <= second.start else (
            "before" if cue.end <= first.start and i - cue.last_token <= 3 else (
                "after" if cue.start >= second.end and cue.first_token - j <= 3 else None))
        if where is not None:
            for pattern in cue.payloads:
                f[f"cue_{where}={pattern.type}"] = 1.0
    return f


def _kind(m: Mention) -> str:
    if m.label == "STATE":
        return "state"
    if m.is_person:
        return "person"
    return m.kind or m.label.lower()


_SYMMETRIC = frozenset({"cooperation"})


def extract_relations(text: str, views: list[SentenceView], models: ExtractionModels) -> list[Relation]:
    candidates = pair_candidates(text, views)
    if not candidates:
        return []
    patterns = matches_by_pair(text, views)
    kept = models.relation.positive([pair_features(c, text, patterns) for c in candidates])
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for c, p in zip(candidates, kept, strict=True):
        key = (c.type, c.source.name, c.target.name)
        if (c.type in models.judged_relations and p < models.relation_min) or key in seen:
            continue
        seen.add(key)
        if c.type in _SYMMETRIC:
            seen.add((c.type, c.target.name, c.source.name))  # one relation per pair, either way round
        sent = c.view.sentence
        out.append(Relation(type=c.type, source=actor_from_mention(c.source), target=actor_from_mention(c.target),
                            evidence=(Evidence(sent.start, sent.end, text[sent.start:sent.end]),),
                            detail=c.detail, certainty=frame_certainty(c.view)))
    return out
