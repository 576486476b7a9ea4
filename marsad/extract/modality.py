"""Certainty (confirmed / reported / hedged / negated), background dates and link cues."""

from __future__ import annotations

import datetime as dt

from marsad.extract.lexicon import words
from marsad.extract.views import SentenceView
from marsad.model import CERTAINTY_ORDER, DateValue

__all__ = ["frame_certainty", "is_background_date", "link_from_cues", "CERTAINTY_ORDER"]

# CERTAINTY_ORDER (model): most to least certain; a merged incident keeps its lead mention's
# certainty unless the lead is doubtful and a later mention states the event.
_RECENT_DAYS = 10


_DENY_WINDOW = 8


def frame_certainty(view: SentenceView) -> str:
    if view.has_cue("negated") or _denied(view):
        return "negated"
    if view.has_cue("hedged") or _asks(view):
        return "hedged"
    if view.has_cue("reported") and not view.has_cue("confirmed"):
        return "reported"
    return "confirmed"


_QUESTION_MARKS = frozenset({"؟", "?"})


def _asks(view: SentenceView) -> bool:
    """A yes/no question asserts nothing: "هل يدعم النظام السوري الأكراد …؟"."""
    return bool(view.tokens) and view.tokens[-1].norm in _QUESTION_MARKS and \
        any(t.norm in words("yes_no_question") for t in view.tokens)


def _denied(view: SentenceView) -> bool:
    objects = view.cue_matches("deny_objects")
    return any(0 < obj.first_token - head.last_token <= _DENY_WINDOW
               for head in view.cue_matches("deny_heads") for obj in objects)


def is_background_date(date: DateValue, published: dt.date | None) -> bool:
    """True when ``date`` lies clearly before the publication (an earlier incident)."""
    if published is None:
        return False
    year = int(date.value[:4])
    if date.precision == "year":
        return year < published.year
    month = int(date.value[5:7])
    if date.precision == "month":
        return (year, month) < (published.year, published.month) and (published - dt.date(year, month, 28)).days > 3
    day = dt.date.fromisoformat(date.value)
    return (published - day).days > _RECENT_DAYS


def link_from_cues(views: list[SentenceView]) -> str | None:
    """``inspired`` / ``unknown`` / ``directed`` from the cues of the given sentences. A sentence
    that asks ("ما إذا كان تصرف بمفرده أم بمساعدة شبكة") is unknown whatever words its question holds."""
    found = set()
    for view in views:
        if view.has_cue("link_unknown"):
            found.add("link_unknown")
        else:
            found.update(name for name in ("link_inspired", "link_directed") if view.has_cue(name))
    for name, value in (("link_inspired", "inspired"), ("link_unknown", "unknown"), ("link_directed", "directed")):
        if name in found:
            return value
    return None
