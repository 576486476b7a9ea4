"""Claims of responsibility, denials and "no one has claimed" statements.

The claimant is the armed group nearest before the claim phrase in its sentence ("جماعة أنصار
بيت المقدس … أعلنت مسؤوليتها"), else the first one after it ("أعلن تنظيم الدولة مسؤوليته").
Anaphoric "التنظيم" is already a mention of the group it refers to (``views.py``). The mode
comes from the medium named in the sentence (بيان، فيديو، وكالة أعماق…).
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.extract.lexicon import lexicons, words
from marsad.extract.roles import actor_from_mention
from marsad.extract.views import SentenceView
from marsad.model import Actor, Claim, Mention

__all__ = ["ClaimMention", "find_claims"]

_GROUP_KINDS = frozenset({"group"})


@dataclass(frozen=True, slots=True)
class ClaimMention:
    sentence: int
    claim: Claim
    claimant: Actor | None


def find_claims(text: str, views: list[SentenceView]) -> list[ClaimMention]:
    out = []
    for view in views:
        for status, cue_name in (("claimed", "claim_verbs"), ("denied", "deny_verbs"), ("unclaimed", "unclaimed")):
            for cue in view.cue_matches(cue_name):
                if status == "claimed" and _negated(view, cue.first_token):
                    status = "unclaimed"  # "الذي لم يعلن مسؤوليته عن الهجوم"
                who = None if status == "unclaimed" else _claimant(view, cue.start, cue.end,
                                                                   cue.key in words("claim_verbs_with_object"))
                actor = actor_from_mention(who, "claimant") if who else None
                if status != "unclaimed" and actor is None:
                    continue
                claim = Claim(status, actor.name if actor else None, cue.mention, cue.start, cue.end,
                              mode=_mode(text, view), date=None)
                out.append(ClaimMention(view.index, claim, actor))
    return out


def _negated(view: SentenceView, first: int) -> bool:
    return any(t.norm in words("negators") for t in view.tokens[max(0, first - 3):first])


def _claimant(view: SentenceView, start: int, end: int, subject_after: bool) -> Mention | None:
    """The group nearest before the claim phrase, else the first after it; the first after it
    first when the verb carries its object ("الهجوم الذي تبناه تنظيم داعش")."""
    groups = [m for m in view.actors if m.kind in _GROUP_KINDS or m.label == "ORG"]
    before = [m for m in groups if m.end <= start]
    after = [m for m in groups if m.start >= end and view.token_index(m.start) - view.token_index(end) <= 6]
    if subject_after and after:
        return after[0]
    if before:
        return before[-1]
    return after[0] if after else None


def _mode(text: str, view: SentenceView) -> str | None:
    modes = {m for match in lexicons().claim_modes.find(text, view.tokens) for m in match.payloads}
    for mode in ("video", "audio", "news_agency", "online_post", "radio", "statement"):
        if mode in modes:
            return mode
    return None
