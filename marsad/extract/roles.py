"""Who did what to whom: perpetrator / target / victim roles from word order around triggers.

Arabic news reports violence verb-first ("ذبحت جماعة …", "دهس خالد مسعود …") or subject-first
("شابا مصريا هاجم …"), with agent markers ("غارات شنتها مقاتلات …", "على يد") and target
markers ("هجوم على …", "استهدف …"). A verbal noun's genitive is the victim for killing-type
words ("اغتيال قائد الشرطة") and the agent for attack-type words ("غارات التحالف").
"""

from __future__ import annotations

from marsad.extract.lexicon import TriggerClass, words
from marsad.extract.views import DESCRIPTOR, SentenceView
from marsad.model import Actor, Mention
from marsad.text.matcher import PhraseMatch

__all__ = ["assign_roles", "actor_from_mention", "is_verbal_noun"]

Trigger = PhraseMatch[TriggerClass]
_ARMED = frozenset({"group", "state_force"})


def actor_from_mention(mention: Mention, role: str | None = None) -> Actor:
    kind = mention.kind
    if kind not in ("group", "person", "state_force", "civilians", "other"):
        kind = "person" if mention.label == "PERS" else "group" if mention.label == "ORG" else "other"
    return Actor(mention.name, mention.text, mention.start, mention.end, kind, mention.kb_id, role)


def is_verbal_noun(trigger: Trigger) -> bool:
    """Heuristic noun/verb split of the trigger's first word (after proclitics)."""
    word = trigger.key.split()[0]
    if trigger.prefix.endswith(("ال", "لل")) or word.startswith(("ال", "م")):
        return True
    if word.endswith(("ات", "ه", "ين")) or (word[:1] in "اإ" and len(word) >= 5 and word[-2] == "ا"):
        return True
    return word.startswith("ت") and len(word) >= 5 and word[-2] == "ي"


_SIDE_WINDOW = 10  # tokens between a trigger and an unplaced armed actor taken as its doer


def assign_roles(view: SentenceView, triggers: list[Trigger]) -> list[Actor]:
    """Roles from word order; then, without a stated doer, the nearest armed actor is one.

    In a battle every armed side is a party ("perpetrator" in the SPEC sense of who fought).
    """
    roles = {id(m): _role(view, m, triggers) for m in view.actors}
    battle = max((c for t in triggers for c in t.payloads), key=lambda c: c.priority).event_type == "battles"
    claimants = _claim_subjects(view)
    unplaced = [m for m in view.actors if roles[id(m)] is None and _armed(m) and id(m) not in claimants
                and _gap(view, m, triggers) <= _SIDE_WINDOW]
    if battle:
        for m in unplaced:
            roles[id(m)] = "perpetrator"
    elif unplaced and "perpetrator" not in roles.values():
        nearest = min(unplaced, key=lambda m: _gap(view, m, triggers))
        roles[id(nearest)] = "perpetrator"
    return [actor_from_mention(m, roles[id(m)]) for m in view.actors if roles[id(m)] is not None]


def _claim_subjects(view: SentenceView) -> set[int]:
    """Groups that claim the attack in this sentence are claimants, not its doers by default."""
    out: set[int] = set()
    for cue in view.cue_matches("claim_verbs"):
        near = [m for m in view.actors if abs(view.token_index(m.start) - cue.first_token) <= 4]
        out.update(id(m) for m in near)
    return out


def _armed(mention: Mention) -> bool:
    return mention.kind in _ARMED or mention.label == DESCRIPTOR


def _gap(view: SentenceView, mention: Mention, triggers: list[Trigger]) -> int:
    first, last = view.token_index(mention.start), view.token_index(mention.end - 1)
    return min(max(t.first_token - last, first - t.last_token, 0) for t in triggers)


def _role(view: SentenceView, mention: Mention, triggers: list[Trigger]) -> str | None:
    first, last = view.token_index(mention.start), view.token_index(mention.end - 1)
    if mention.label == DESCRIPTOR and any(t.start <= mention.start and mention.end <= t.end for t in triggers):
        return "perpetrator"  # "أطلق رجل النار", "انتحاري"
    for cue in view.cue_matches("agent_markers"):
        if first - 2 <= cue.last_token < first:
            return "perpetrator"
    for cue in view.cue_matches("target_markers"):
        if cue.last_token == first - 1:
            return "target" if mention.kind in _ARMED else "victim"
    for trig in triggers:
        role = _role_after(view, mention, trig, first) or _role_before(view, mention, trig, last)
        if role:
            return role
    return None


def _role_after(view: SentenceView, mention: Mention, trig: Trigger, first: int) -> str | None:
    gap = view.norm_window(trig.last_token + 1, first - 1)
    if not 0 <= first - trig.last_token - 1 <= 2 or any(w in words("role_barriers") for w in gap):
        return None
    if any(_is_quantity_token(view, i) for i in range(trig.last_token + 1, first)):
        return "victim"
    patient = any(c.patient or c.kill for c in trig.payloads)
    armed = mention.kind in _ARMED or mention.label == DESCRIPTOR
    if is_verbal_noun(trig):
        if patient:
            return "victim"
        return "perpetrator" if mention.kind in _ARMED else None
    if patient and any(c.kill for c in trig.payloads) and not armed:
        return "victim"
    return "perpetrator"


def _role_before(view: SentenceView, mention: Mention, trig: Trigger, last: int) -> str | None:
    gap = view.norm_window(last + 1, trig.first_token - 1)
    if not 0 <= trig.first_token - last - 1 <= 2 or any(w not in words("relative_words") and w.isalnum() for w in gap):
        return None
    return None if is_verbal_noun(trig) else "perpetrator"


def _is_quantity_token(view: SentenceView, i: int) -> bool:
    tok = view.tokens[i]
    return any(q.start <= tok.start < q.end for q in view.quantities)
