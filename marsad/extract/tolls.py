"""Casualty tolls: which counts in a sentence are people killed or injured.

A count is a toll when it sits next to a casualty word: "مقتل 6 أشخاص", "53 قتيلا", "قطع رؤوس 4
رهائن", "ستة أشخاص على الأقل قتلوا", a dual "قتيلين", or a "no casualties" phrase (→ 0). A killing
word with a single person as its object ("ذبحت الرهينة", "طعن شرطيا حتى الموت") counts one, and
"قتل مع 6 من مرافقيه" counts the companions and the person named.
The largest exact count wins (the latest toll is usually the highest); ranges are kept when no
exact count is given.
"""

from __future__ import annotations

from marsad.extract.lexicon import TriggerClass
from marsad.extract.views import SentenceView
from marsad.model import Quantity
from marsad.text.matcher import PhraseMatch

__all__ = ["find_tolls"]

_WINDOW_BEFORE = 4
_WINDOW_AFTER = 7  # "22 شخصا، بينهم أطفال، قتلوا"
_WINDOW_OBJECT = 8


def find_tolls(view: SentenceView, triggers: list[PhraseMatch[TriggerClass]]) -> tuple[Quantity | None, Quantity | None]:
    killed: list[Quantity] = []
    injured: list[Quantity] = []
    date_spans = [(d.start, d.end) for d in view.dates]
    for q in view.quantities:
        if any(s <= q.start < e for s, e in date_spans):
            continue
        kind = _toll_kind(view, q)
        if kind == "killed":
            killed.append(q)
        elif kind == "injured":
            injured.append(q)
    zero = _zero(view)
    battle = max((c for t in triggers for c in t.payloads), key=lambda c: c.priority).event_type == "battles"
    single = _single_victim(view, triggers)
    killed = [_with_companions(view, q) for q in killed]
    if battle:  # all sides count: "قتل 11 جهاديا … أسفر عن مقتل جندي" → 12
        dead = _total(killed + ([single] if single else []))
    else:
        # "قتل 10 … ثم ارتفع العدد إلى 15": an update gives the final toll
        toll = _largest(killed) if view.has_cue("toll_rose") else _first(killed)
        dead = _without_attackers(view, toll) or single
    dead = dead or _one_victim(view, triggers)
    return dead or zero, _first(injured) or zero


def _with_companions(view: SentenceView, q: Quantity) -> Quantity:
    """"قتل مع 6 من مرافقيه": the companions and the person named, 7."""
    first, last = view.token_index(q.start), view.token_index(q.end - 1)
    if q.value is None or first == 0 or view.tokens[first - 1].norm != "مع" or last + 1 >= len(view.tokens) \
            or view.tokens[last + 1].norm != "من" or last + 2 >= len(view.tokens) \
            or not view.tokens[last + 2].text.endswith(("ه", "هم", "ها")):  # a possessive: مرافقيه، حراسه
        return q
    return Quantity(q.start, q.end, q.mention, q.value + 1, q.value + 1, q.value + 1)


def _toll_kind(view: SentenceView, q: Quantity) -> str | None:
    first, last = view.token_index(q.start), view.token_index(q.end - 1)
    if _not_people(view, last):
        return None
    people = _counts_people(view, first, last)
    cues = [(c, name) for name in ("killed_words", "injured_words") for c in view.cue_matches(name)]
    best: tuple[int, str] | None = None
    for cue, name in cues:
        kind = "killed" if name == "killed_words" else "injured"
        if cue.start < q.end and q.start < cue.end:
            return kind  # a dual noun: قتيلين
        if cue.first_token > last and cue.prefix[:1] in ("و", "ف"):
            continue  # "نفذه مسلحان وقتلا خلاله 21 سائحا", "أصيب 5 وقتل 2": a new clause, not this count's verb
        if cue.first_token == last + 1 or (cue.first_token == last + 2 and _is_person(view, last + 1)):
            dist = cue.first_token - last
        elif 0 < first - cue.last_token <= _WINDOW_BEFORE:
            dist = first - cue.last_token
        elif people and 0 < cue.first_token - last <= _WINDOW_AFTER:
            dist = cue.first_token - last + 1
        elif people and 0 < first - cue.last_token <= _WINDOW_OBJECT \
                and "،" not in view.norm_window(cue.last_token, first):
            dist = first - cue.last_token + 2  # verb, subject, object: "وقتل مسلحون يشتبه بأنهم متطرفون 18 شخصا"
        else:
            continue
        if best is None or dist < best[0]:
            best = (dist, kind)
    return best[1] if best else None


def _counts_people(view: SentenceView, first: int, last: int) -> bool:
    """The count is of people: a person noun after it ("ستة أشخاص"), the count is one ("جنديين"), or
    the noun comes first ("رجلا واحدا")."""
    return _is_person(view, last + 1) or _is_person(view, first) or (first > 0 and _is_person(view, first - 1))


def _not_people(view: SentenceView, last: int) -> bool:
    """A duration, an age, a distance or munitions ("عمره 18 شهرا", "160 قذيفة"), or the dead and
    wounded together ("14 مسلحا بين قتيل وجريح")."""
    units = view.cue_matches("count_units")
    if any(c.first_token == last + 1 for c in units):
        return True
    return any(0 < c.first_token - last <= 3 for c in view.cue_matches("killed_or_injured"))


def _is_person(view: SentenceView, i: int) -> bool:
    if i >= len(view.tokens):
        return False
    tok = view.tokens[i]
    return any(c.start <= tok.start < c.end for c in view.cue_matches("person_nouns"))


def _single_victim(view: SentenceView, triggers: list[PhraseMatch[TriggerClass]]) -> Quantity | None:
    """A killing word with one person as its object and no count: "ذبحت … الرهينة" → 1."""
    kills = [t for t in triggers if any(c.kill for c in t.payloads)]
    victims = view.cue_matches("single_victims")
    for i, cue in enumerate(victims):
        if any(0 < cue.first_token - t.last_token <= 8 and "،" not in view.norm_window(t.last_token, cue.first_token)
               for t in kills):
            # "مقتل شابة في الثامنة عشرة وفتاة في العاشرة": victims joined by "و" add up
            count = 1 + sum(1 for later in victims[i + 1:]
                            if later.prefix.startswith("و")
                            and later.first_token - cue.last_token <= 6)
            return Quantity(cue.start, cue.end, cue.mention, count, count, count)
    return None


def _one_victim(view: SentenceView, triggers: list[PhraseMatch[TriggerClass]]) -> Quantity | None:
    """One person killed, read only when the sentence gives no count: a person named right after a
    killing word ("مقتل ياسر …"), or a victim before the word that says it died ("إن رجلا في الستين
    من العمر قتل", "لقي مسؤول … مصرعه"; not a new clause: "مسؤول … وقتل")."""
    for t in triggers:
        if any(c.kill for c in t.payloads):
            for m in view.actors:
                if m.is_person and view.token_index(m.start) == t.last_token + 1:
                    return Quantity(m.start, m.end, m.text, 1, 1, 1)
    died = view.cue_matches("victim_died")
    for cue in view.cue_matches("single_victims"):
        if any(0 < d.first_token - cue.last_token <= 6 and "،" not in view.norm_window(cue.last_token, d.first_token)
               and d.prefix[:1] not in ("و", "ف") for d in died):
            return Quantity(cue.start, cue.end, cue.mention, 1, 1, 1)
    return None


def _zero(view: SentenceView) -> Quantity | None:
    for cue in view.cue_matches("zero_casualties"):
        return Quantity(cue.start, cue.end, cue.mention, 0, 0, 0)
    return None


def _first(quantities: list[Quantity]) -> Quantity | None:
    exact = [q for q in quantities if q.value is not None]
    return exact[0] if exact else (quantities[0] if quantities else None)


def _largest(quantities: list[Quantity]) -> Quantity | None:
    exact = [q for q in quantities if q.value is not None]
    return max(exact, key=lambda q: q.value or 0) if exact else _first(quantities)


def _total(quantities: list[Quantity]) -> Quantity | None:
    exact = [q for q in quantities if q.value is not None]
    if len(exact) < 2:
        return _first(quantities)
    total = sum(q.value or 0 for q in exact)
    first, last = exact[0], exact[-1]
    return Quantity(first.start, first.end, first.mention, total, total, total) if first is not last else first


def _without_attackers(view: SentenceView, toll: Quantity | None) -> Quantity | None:
    """One-sided attacks do not count the attackers: "مقتل شخصين أحدهما المهاجم" → 1."""
    if toll is None or toll.value is None:
        return toll
    last = view.token_index(toll.end - 1)
    for cue in view.cue_matches("attacker_among"):
        if 0 < cue.first_token - last <= 4:
            value = max(0, toll.value - 1)
            return Quantity(toll.start, toll.end, toll.mention, value, value, value)
    return toll
