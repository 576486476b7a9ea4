"""One incident, one event: frames from several sentences about the same attack are merged.

A frame joins an earlier incident of the same family (violence / protest / each strategic
sub-type) and background status unless their places or dates conflict (another country, another
city, another day). Among candidates the one sharing the frame's place wins, else the latest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.extract.frames import Frame, beside_speech
from marsad.model import DateValue, Mention
from marsad.text.normalize import norm_key

__all__ = ["Incident", "merge_frames", "can_start", "FROM_AFAR"]

_CITY_LEVEL = frozenset({"point", "city"})


@dataclass
class Incident:
    frames: list[Frame] = field(default_factory=list)

    @property
    def background(self) -> bool:
        return self.frames[0].background

    @property
    def place(self) -> Mention | None:
        found = [f.place for f in self.frames if f.place is not None]
        places = [p for p in found if p.country] or found
        if not places:
            return None
        country = places[0].country
        same = [p for p in places if p.country == country]
        return min(same, key=lambda p: (_rank(p), same.index(p)))

    @property
    def date(self) -> DateValue | None:
        """The first date of the act; the day a statement was made ("أعلنت النيابة السبت …") only
        when no sentence dates the act itself ("… خلال صلاة الجمعة")."""
        dated = [(f.date, beside_speech(f.view, f.date)) for f in self.frames if f.date is not None]
        return next((d for d, said in dated if not said), dated[0][0] if dated else None)

    @property
    def family(self) -> str:
        return _family(self.frames[0])


def merge_frames(frames: list[Frame]) -> list[Incident]:
    incidents: list[Incident] = []
    last: Incident | None = None
    for frame in frames:
        target = _continuation(last, frame) or _choose(incidents, frame)
        if target is None and can_start(frame):
            incidents.append(Incident([frame]))
        elif target is None:
            continue  # a generic mention ("الحادث", "القتال") of nothing reported here
        else:
            target.frames.append(frame)
        last = target or incidents[-1]
    return incidents


def _continuation(last: Incident | None, frame: Frame) -> Incident | None:
    """A frame with no place or date of its own, right after an incident, continues it — even a
    recalled one ("… في هجوم العام الماضي. وتصدت الشرطة للهجوم بإطلاق النار على ساقه.")."""
    if last is None or frame.place is not None or frame.date is not None or last.family != _family(frame):
        return None
    return last if frame.sentence_index - last.frames[-1].sentence_index <= 1 else None


_SELF_ANCHORED = 60  # explosions, airstrikes, suicide bombings: news by themselves
_GENERIC = 20  # "هجوم", "قتل", "القتال": need a toll, a date or a named side


def can_start(frame: Frame) -> bool:
    """Whether a frame reports an incident by itself, or can only add to one already reported."""
    top = frame.top.priority
    if top == 0 or frame.view.has_cue("judicial"):
        return False
    if top >= _SELF_ANCHORED:
        return True
    anchored = frame.fatalities is not None or frame.injured is not None or frame.date is not None \
        or any(a.role in ("perpetrator", "victim", "target") for a in frame.actors)
    return anchored or (top > _GENERIC and frame.place is not None)


def _choose(incidents: list[Incident], frame: Frame) -> Incident | None:
    candidates = [inc for inc in incidents if _compatible(inc, frame)]
    if not candidates:
        return None
    sharing = [inc for inc in candidates if frame.place and inc.place and same_place(inc.place, frame.place)]
    if sharing:
        return sharing[-1]
    if frame.background and frame.place is not None:
        return None
    return candidates[-1]


def _compatible(inc: Incident, frame: Frame) -> bool:
    if inc.background != frame.background or inc.family != _family(frame):
        return False
    if not _types_fit(inc, frame):
        return False
    if inc.place and frame.place:
        if places_conflict(inc.place, frame.place) and not _refines(inc, frame):
            return False
        if same_place(inc.place, frame.place):
            return True  # same place: a second date is usually when something was said about it
    return not (inc.date and frame.date and dates_conflict(inc.date, frame.date))


def _types_fit(inc: Incident, frame: Frame) -> bool:
    """Specific reports of different kinds (a suicide bombing, a kidnapping) are different incidents;
    a generic word ("هجوم", "قتل") fits any."""
    top = frame.top
    if top.priority <= _GENERIC:
        return True
    specific = [f.top for f in inc.frames if f.top.priority > _GENERIC]
    return not specific or any(c.event_type == top.event_type and _from_afar(c.sub_event_type)
                               == _from_afar(top.sub_event_type) for c in specific)


# Explosions delivered from afar (an air strike, shelling) and bombs carried or planted on the spot
# (a suicide bomber, an IED) are different incidents even in one article.
FROM_AFAR = frozenset({"air_drone_strike", "shelling_artillery_missile_attack"})


def _from_afar(sub_event_type: str) -> bool:
    return sub_event_type in FROM_AFAR


def _family(frame: Frame) -> str:
    top = frame.top
    if top.event_type in ("battles", "explosions_remote_violence", "violence_against_civilians"):
        return "violence"
    if top.event_type in ("protests", "riots"):
        return "protest"
    return top.sub_event_type


def _rank(place: Mention) -> int:
    return {"point": 0, "city": 1, "admin1": 2, "region": 3}.get(place.precision or "", 4)


def same_place(a: Mention, b: Mention) -> bool:
    return (a.kb_id is not None and a.kb_id == b.kb_id) or (norm_key(a.name) == norm_key(b.name)
                                                             and a.country == b.country)


def places_conflict(a: Mention, b: Mention) -> bool:
    """Another country, or two different places below country level that do not contain each other."""
    if a.country and b.country and a.country != b.country:
        return True
    if a.precision not in _CITY_LEVEL or b.precision not in _CITY_LEVEL or same_place(a, b):
        return False
    linked = a.admin1 == b.name or b.admin1 == a.name or (a.admin1 is not None and a.admin1 == b.admin1)
    return not linked


def _refines(inc: Incident, frame: Frame) -> bool:
    """"… في جرمانا. واستهدف الهجوم سوقا في حي كشكول": the next sentence names a quarter or village
    the gazetteer does not know (no coordinates), most likely inside the place just named."""
    place, known = frame.place, inc.place
    if place is None or known is None or place.lat is not None or place.country != known.country:
        return False
    return frame.sentence_index - inc.frames[-1].sentence_index <= 1


def dates_conflict(a: DateValue, b: DateValue) -> bool:
    n = min(len(a.value), len(b.value))
    return a.value[:n] != b.value[:n]
