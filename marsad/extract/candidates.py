"""Event candidates: every trigger the lexicon finds, with the arguments read around it.

The lexicons propose, the learned models dispose: a :class:`Candidate` is one trigger match in one
sentence together with the frame the rules fill around that trigger alone (roles, place, date,
tolls, certainty). :class:`DocContext` holds what the whole article says about itself (how many
sentences report violence, sport or market words, what its title names). Both are read by the
feature functions in ``features.py`` — the same code at training and at run time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from marsad.extract.frames import (
    Frame,
    accepted_triggers,
    accidental,
    fill_frame,
    opens_with_disaster,
    sentence_frames,
    top_class,
)
from marsad.extract.lexicon import lexicons
from marsad.extract.merge import merge_frames
from marsad.extract.views import SentenceView
from marsad.model import Analysis
from marsad.text.matcher import PhraseMatch
from marsad.text.segment import segment

__all__ = ["Candidate", "DocContext", "find_candidates", "doc_context"]

_STRONG = 60  # explosions, air strikes, suicide bombings: news by themselves


@dataclass(eq=False)
class Candidate:
    view: SentenceView
    trigger: PhraseMatch
    frame: Frame
    index: int
    rule_accepted: bool
    rule_incident: int | None = None  # the incident the hand-written rules put this trigger in
    rule_type: str | None = None  # that incident's type by the rules
    rule_background: bool = False
    type_scores: dict[str, float] = field(default_factory=dict)
    background: float = 0.0
    starts: float = 0.0
    restates: bool = False  # joined an incident as a restatement, not as a report of its own

    @property
    def sentence(self) -> int:
        return self.view.index

    @property
    def event_type(self) -> str:
        return max(self.type_scores, key=self.type_scores.__getitem__) if self.type_scores else self.frame.top.event_type


@dataclass(frozen=True, slots=True)
class DocContext:
    published: dt.date | None
    sentences: int
    strong: int  # sentences with a self-anchored trigger
    violent: int  # sentences with a trigger the rules accept
    armed: int  # mentions of groups and state forces
    civil: int  # sport, market, culture and technology words
    title_classes: frozenset[str]


def find_candidates(an: Analysis, views: list[SentenceView]) -> list[Candidate]:
    out: list[Candidate] = []
    published = an.doc.published
    after_disaster = opens_with_disaster(views)
    for view in views:
        accepted = {id(t) for t in accepted_triggers(view, in_context=bool(out))}
        for trig in view.triggers:
            if accidental(view, trig, after_disaster):
                continue
            frame = fill_frame(Frame(view, [trig], background=False), published)
            out.append(Candidate(view, trig, frame, len(out), id(trig) in accepted))
    _rule_incidents(views, published, out)
    return out


def _rule_incidents(views: list[SentenceView], published: dt.date | None, candidates: list[Candidate]) -> None:
    """What the hand-written rules make of the same triggers: which incident, of which type."""
    frames: list[Frame] = []
    for view in views:
        frames.extend(sentence_frames(view, published, in_context=bool(frames)))
    where: dict[int, tuple[int, str, bool]] = {}
    for i, inc in enumerate(merge_frames(frames)):
        triggers = [t for f in inc.frames for t in f.triggers]
        info = (i, top_class(triggers).event_type, inc.background)
        where.update((id(t), info) for t in triggers)
    for c in candidates:
        if id(c.trigger) in where:
            c.rule_incident, c.rule_type, c.rule_background = where[id(c.trigger)]


def doc_context(an: Analysis, views: list[SentenceView], candidates: list[Candidate]) -> DocContext:
    strong = {c.sentence for c in candidates if c.frame.top.priority >= _STRONG}
    violent = {c.sentence for c in candidates if c.rule_accepted}
    armed = sum(1 for v in views for m in v.actors if m.kind in ("group", "state_force"))
    civil = sum(1 for v in views for c in v.cues if "non_violent_context" in c.payloads)
    return DocContext(an.doc.published, len(views), len(strong), len(violent), armed, civil,
                      _title_classes(an.doc.title))


def _title_classes(title: str | None) -> frozenset[str]:
    if not title:
        return frozenset()
    _, tokens = segment(title, ())
    return frozenset(c.name for m in lexicons().triggers.find(title, tokens) for c in m.payloads)
