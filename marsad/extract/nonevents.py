"""Incidents that report no political violence, whatever the models say.

Read after the keeper (``events.py``): an arrest or a killing told in the words of ordinary crime
with no armed group and no political word (word lists ``ordinary_crime`` and ``political_markers``
of ``kb/lexicons/function_words.yaml``), and an incident every report of which counts "since" a
date or a long while (``since_words``, ``since_periods``, ``superlatives``): a statistic.
"""

from __future__ import annotations

from marsad.extract.candidates import Candidate
from marsad.extract.lexicon import is_one_of, words
from marsad.extract.views import CLAUSE_ENDS
from marsad.model import DateValue
from marsad.text.segment import stem_candidates

__all__ = ["no_political_violence", "ordinary_crime", "counted_since"]

# the kinds of incident ordinary crime is mistaken for: an arrest, a killing
_CRIME_TYPES = frozenset({"strategic_developments", "violence_against_civilians"})
_SINCE_REACH = 10  # tokens between the trigger and "منذ"


def no_political_violence(group: list[Candidate], event_type: str) -> bool:
    """Ordinary crime, or a statistic: every report of the incident counts since a long while."""
    return (event_type in _CRIME_TYPES and ordinary_crime(group)) or \
        all(counted_since(c) for c in group if not c.restates)


def ordinary_crime(group: list[Candidate]) -> bool:
    """The incident's sentences speak of ordinary crime ("القبض على عصابة مختصة في السرقة") and of
    no armed group, terrorism or unrest: ACLED codes no such event."""
    views = {c.sentence: c.view for c in group}.values()
    if any(m.kind == "group" for v in views for m in v.actors):
        return False
    stems = {rest for v in views for tok in v.tokens for _, rest in stem_candidates(tok.norm)}
    return bool(stems & words("ordinary_crime")) and not stems & words("political_markers")


def counted_since(c: Candidate) -> bool:
    """The candidate's clause counts "since" a date, a month, a year or a long while ("قتل 171
    فلسطينيا منذ 30 آذار", "منذ بدء الهجوم التركي"), not since a day just past ("منذ السبت") and not
    comparing one act with others ("أعنف هجوم منذ أشهر")."""
    view, trigger = c.view, c.trigger
    for i, tok in enumerate(view.tokens):
        if not is_one_of(tok, "since_words"):  # "منذ", "ومنذ"
            continue
        lo, hi = sorted((i, trigger.first_token if i < trigger.first_token else trigger.last_token))
        opening = i == 0  # "ومنذ عام 2013، تخوض القوات مواجهات …": the whole sentence
        if not opening and (hi - lo > _SINCE_REACH or any(t.norm in CLAUSE_ENDS for t in view.tokens[lo + 1:hi])):
            continue  # another clause ("كانت محاصرة منذ أسابيع، وأن العمليات التي بدأت أمس")
        if any(t.norm in words("superlatives") for t in view.tokens[max(0, i - 6):i]):
            continue
        after = view.tokens[i + 1:i + 4]
        if any(t.norm in words("since_periods") or t.stem in words("since_periods") for t in after):
            return True
        if after and any(_calendar(d) and after[0].start <= d.start < after[-1].end for d in view.dates):
            return True
    return False


def _calendar(date: DateValue) -> bool:
    """A month, a year or a day of the calendar ("30 آذار"), not a day named as just past ("السبت")."""
    return date.precision in ("month", "year") or not date.relative or any(ch.isdigit() for ch in date.mention)
