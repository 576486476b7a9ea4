"""Event frames: the triggers of one sentence with the arguments found around them.

A sentence yields at most two frames: the news it reports and, when some of its triggers are
recalled as context (a background cue just before them, or a date well before publication
right after them), a background frame. Frames are merged into incidents by ``merge.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from marsad.extract.lexicon import TriggerClass, words
from marsad.extract.modality import frame_certainty, is_background_date
from marsad.extract.roles import assign_roles
from marsad.extract.tolls import find_tolls
from marsad.extract.views import SentenceView
from marsad.model import Actor, DateValue, Mention, Quantity
from marsad.text.matcher import PhraseMatch

__all__ = ["Frame", "accepted_triggers", "accidental", "beside_speech", "fill_frame", "opens_with_disaster",
           "sentence_frames", "top_class"]

Trigger = PhraseMatch[TriggerClass]
_DATE_WINDOW = 12  # tokens between a trigger and its date
_VIOLENT = frozenset({"battles", "explosions_remote_violence", "violence_against_civilians"})
_PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}


@dataclass
class Frame:
    view: SentenceView
    triggers: list[Trigger]
    background: bool
    actors: list[Actor] = field(default_factory=list)
    place: Mention | None = None
    date: DateValue | None = None
    fatalities: Quantity | None = None
    injured: Quantity | None = None
    certainty: str = "confirmed"

    @cached_property
    def top(self) -> TriggerClass:
        return top_class(self.triggers)

    @property
    def sentence_index(self) -> int:
        return self.view.index


def top_class(triggers: list[Trigger]) -> TriggerClass:
    return max((c for t in triggers for c in t.payloads), key=lambda c: c.priority)


def sentence_frames(view: SentenceView, published: dt.date | None, in_context: bool = False) -> list[Frame]:
    triggers = accepted_triggers(view, in_context)
    if not triggers:
        return []
    kills = any(c.kill for t in triggers for c in t.payloads)
    recalled = [t for t in triggers if _recalled(view, t, published, kills)]
    current = [t for t in triggers if t not in recalled]
    if recalled and all(_vague(view, t, published) for t in current):
        recalled, current = triggers, []
    elif recalled and all(_vague(view, t, published) for t in recalled):
        recalled = []
    frames = [fill_frame(Frame(view, trigs, background), published)
              for background, trigs in ((False, current), (True, recalled)) if trigs]
    for frame in frames:
        if frame.date is not None and is_background_date(frame.date, published):
            frame.background = True  # "قال الشهر الماضي إن شابا هاجم …"
    return frames


def accidental(view: SentenceView, trig: Trigger, after_disaster: bool = False) -> bool:
    """Words also said of accidents, beside a disaster or an accident and no armed actor: "مقتل 99
    شخصا جراء ثوران بركان فويغو" reports no act of violence. ``after_disaster``: the article opens
    with one, so its later deaths are that one's ("لقد قتل 31 شخصا في المكان" after a plane crash)."""
    if not all(c.accidental for c in trig.payloads):
        return False
    return after_disaster or (view.has_cue("disaster") and not _armed(view))


def opens_with_disaster(views: list[SentenceView]) -> bool:
    """The article's first sentence tells of a disaster or an accident, and of no armed actor."""
    return bool(views) and views[0].has_cue("disaster") and not _armed(views[0])


def _armed(view: SentenceView) -> bool:
    return any(m.kind in ("group", "state_force") for m in view.actors)


def accepted_triggers(view: SentenceView, in_context: bool = False) -> list[Trigger]:
    """Triggers that report violence here: ambiguous words need a violence cue in the sentence.

    ``in_context``: an earlier sentence already reported an event, so a definite reference to it
    ("الهجوم", "الحادث") is accepted without a cue of its own.
    """
    if not view.triggers or view.has_cue("fiction"):
        return []
    irrealis = [c.last_token for c in view.cue_matches("irrealis")]
    triggers = [t for t in view.triggers if not any(t.first_token > i for i in irrealis) and not accidental(view, t)]
    if not triggers:
        return []
    spans = [(t.start, t.end) for t in triggers]
    outside = [c for c in view.cue_matches("violence_context")
               if not any(c.start < e and s < c.end for s, e in spans)]
    armed = _armed(view)
    civil = view.has_cue("non_violent_context")
    violent = bool(outside) or armed
    if civil and not violent:
        return []
    strong = [t for t in triggers if not all(c.context for c in t.payloads)]
    weak = [t for t in triggers if all(c.context for c in t.payloads)]
    if strong:
        return strong + weak
    if violent:
        return weak
    return [t for t in weak if in_context and (t.key.startswith("ال") or t.prefix.endswith(("ال", "لل")))]


def _recalled(view: SentenceView, trig: Trigger, published: dt.date | None, kills: bool) -> bool:
    if kills and all(c.name == "kidnapping" for c in trig.payloads):
        return True  # "قطع رؤوس رهائن خطفتهم": the kidnapping came before the killing
    for cue in view.cue_matches("background"):
        if 0 <= trig.first_token - cue.last_token <= 3:
            return True
    date = _date_after(view, trig)
    return date is not None and is_background_date(date, published)


def _vague(view: SentenceView, trig: Trigger, published: dt.date | None) -> bool:
    """A generic word ("هجوم", "قتل") without a recent date of its own ("هجوم الأربعاء")."""
    if any(c.priority > 20 for c in trig.payloads):
        return False
    date = _date_after(view, trig)
    return date is None or is_background_date(date, published)


def _date_after(view: SentenceView, trig: Trigger) -> DateValue | None:
    for date in view.dates:
        gap = view.token_index(date.start) - trig.last_token
        if 0 <= gap <= 6:
            return date
    return None


def fill_frame(frame: Frame, published: dt.date | None) -> Frame:
    view = frame.view
    if frame.top.priority == 0:
        return frame  # a bare reference ("الحادث") adds evidence, not arguments
    frame.actors = assign_roles(view, frame.triggers)
    frame.place = _best_place(view, frame.triggers)
    frame.date = _nearest_date(view, frame.triggers)
    frame.fatalities, frame.injured = find_tolls(view, frame.triggers)
    frame.certainty = frame_certainty(view)
    return frame


def token_distance(view: SentenceView, start: int, triggers: list[Trigger]) -> int:
    idx = view.token_index(start)
    return min(idx - t.last_token if idx > t.last_token else (t.first_token - idx) * 2 for t in triggers)


def _best_place(view: SentenceView, triggers: list[Trigger]) -> Mention | None:
    if not view.places:
        return None

    actor_at = {view.token_index(m.end - 1): view.token_index(m.start) for m in view.actors}
    located = {id(p) for p in view.places if locates_actor(view, p, actor_at)}
    places = [p for p in view.places if not in_list(view, p) and not acts_as_actor(view, p)
              and (id(p) not in located or p.precision == "country")]
    if not places:
        return None

    def score(place: Mention) -> tuple[int, int, int]:
        idx = view.token_index(place.start)
        if any(t.last_token == idx - 1 for t in triggers):
            return (-1, 0, 0)  # "هجوم لندن": the place names the attack
        if id(place) in located:
            return (2, 0, 0)  # the country an actor is in: only when nothing else says where
        has_prep = has_preposition(view, place)
        rank = _PRECISION_RANK.get(place.precision or "country", 4)
        return (0 if has_prep else 1, rank if rank < 4 else 3 + rank, token_distance(view, place.start, triggers))

    return min(places, key=score)


def in_list(view: SentenceView, place: Mention) -> bool:
    """Places in parentheses or in a list of three or more name members, not where things happened."""
    idx = view.token_index(place.start)
    before = view.norm_window(max(0, idx - 8), idx - 1)
    if "(" in before and ")" not in before[before.index("("):]:
        return True
    neighbours = [p for p in view.places if p is not place and abs(view.token_index(p.start) - idx) <= 4]
    if len(neighbours) < 2:
        return False
    # "وتركز القتال في حي الحجر الأسود ومحيط مخيم اليرموك": a list after "في" says where; its first member counts
    first = min(p.start for p in neighbours) > place.start
    return not (first and has_preposition(view, place))


def has_preposition(view: SentenceView, place: Mention) -> bool:
    """"في #واغادوغو", "بمدينة العريش", "بواغادوغو" (a clitic ب or ل; not و or ف)."""
    idx = view.token_index(place.start)
    token = view.tokens[idx]
    if place.start > token.start:
        clitics = token.prefix.replace("ال", "")
        if "ب" in clitics or "ل" in clitics:
            return True
    prev = _word_before(view, idx)
    if prev is None:
        return False
    norm = view.tokens[prev].norm  # "في كابول", "وفي كابول"
    return norm in words("place_prepositions") or (norm[:1] in ("و", "ف") and norm[1:] in words("place_prepositions"))


def _word_before(view: SentenceView, idx: int) -> int | None:
    """Index of the nearest token before ``idx`` that is a word (skipping "#", quotes, dashes)."""
    for j in range(idx - 1, -1, -1):
        if any(ch.isalnum() for ch in view.tokens[j].text):
            return j
    return None


def acts_as_actor(view: SentenceView, place: Mention) -> bool:
    """"بقيادة السعودية": a country after "led by" is an actor, not a place."""
    idx = view.token_index(place.start)
    return idx >= 1 and view.tokens[idx - 1].norm in words("acting_markers")


def locates_actor(view: SentenceView, place: Mention, actor_at: dict[int, int]) -> bool:
    """"قيادة التنظيم في سوريا": a place right after an actor locates the actor, not the event —
    unless the actor names a site that was hit ("هجوم على مقر الجيش في واغادوغو") or carried out
    the act just named ("غارة شنها الجيش الفرنسي في شمال مالي")."""
    idx = view.token_index(place.start)
    if idx < 2 or view.tokens[idx - 1].norm != "في" or idx - 2 not in actor_at:
        return False
    actor = idx - 2
    head = _word_before(view, actor_at[actor])
    return head is None or (view.tokens[head].stem not in words("actor_sites")
                            and view.tokens[head].norm not in words("deeds_by_actor"))


def dates_for(view: SentenceView, top: TriggerClass) -> list[DateValue]:
    """The sentence's dates that can date an event of class ``top``.

    "اعتقلت … جهاديا متهما بالضلوع في هجمات 11 سبتمبر": a date right after the name of an event of
    another kind (violence named in an arrest or a protest report, or the reverse) is that event's date.
    """
    violent = top.event_type in _VIOLENT
    named = {t.last_token + 1 for t in view.triggers
             if all((c.event_type in _VIOLENT) != violent for c in t.payloads)}
    return [d for d in view.dates if view.token_index(d.start) not in named]


def _nearest_date(view: SentenceView, triggers: list[Trigger]) -> DateValue | None:
    near = [(abs(token_distance(view, d.start, triggers)), d) for d in dates_for(view, top_class(triggers))]
    near = [(dist, d) for dist, d in near if dist <= _DATE_WINDOW]
    return min(near, key=lambda x: x[0])[1] if near else None


def beside_speech(view: SentenceView, date: DateValue) -> bool:
    """"قالت الشرطة يوم الاثنين": a date within three words of a verb of saying, or right after the
    verb's speaker ("أعلنت النيابة العامة المصرية السبت")."""
    idx = view.token_index(date.start)
    return any(abs(cue.first_token - idx) <= 3 or _speaker_between(view, cue.last_token, idx)
               for name in ("reported", "confirmed") for cue in view.cue_matches(name))


_SPEAKER_WORDS = 4


def _speaker_between(view: SentenceView, verb: int, date: int) -> bool:
    """Only the speaker's words between the verb and the date: up to four words, none of them an act,
    a number, punctuation or "أن"."""
    between = view.tokens[verb + 1: date]
    if not 0 < len(between) <= _SPEAKER_WORDS:
        return False
    acts = [(t.start, t.end) for t in view.triggers]
    return all(t.norm[:1].isalpha() and t.norm not in words("that_words")
               and not any(s < t.end and t.start < e for s, e in acts) for t in between)
