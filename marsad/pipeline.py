"""One document through every stage: text → nlp → resolve (mentions) → extract → Result.

:class:`Pipeline` holds the loaded resources (actor knowledge base, gazetteer, NER model); they
load once, lazily, and are shared by every document a process handles. :func:`process` uses a
process-wide default pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from marsad.extract.events import extract_events
from marsad.extract.lexicon import words
from marsad.extract.models import default_models
from marsad.extract.network import extract_relations
from marsad.extract.salience import is_salient
from marsad.extract.views import sentence_views
from marsad.model import Analysis, DateValue, Document, Entity, Mention, Result, Sentence, Token
from marsad.nlp.kunya import kunya_names
from marsad.nlp.quoted import group_head_clitics, groups_named_after_people, quoted_groups
from marsad.resolve.actors import ActorMention, full_person_names
from marsad.resolve.places import after_place_noun, localise_places
from marsad.text.clean import noise_spans
from marsad.text.dates import find_dates
from marsad.text.normalize import norm_key, normalize
from marsad.text.numbers import find_quantities
from marsad.text.segment import segment

if TYPE_CHECKING:
    from marsad.nlp.ner import NerTagger
    from marsad.resolve.actors import ActorKB
    from marsad.resolve.places import DemonymMention, Gazetteer

__all__ = ["Pipeline", "PipelineOptions", "process", "analyse", "default_pipeline"]

_ENTITY_LABEL = {"person": "PERS", "group": "ORG", "state_force": "ORG", "organisation": "ORG"}


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """What the pipeline runs.

    ``ner=False`` skips the neural tagger (knowledge base and gazetteer only). By default the tagger
    runs on the sentences that can carry an event, a claim or a relation; ``full_ner=True`` runs it
    on every sentence (complete ``entities`` lists, slower).
    """

    ner: bool = True
    full_ner: bool = False


class Pipeline:
    def __init__(self, options: PipelineOptions | None = None) -> None:
        self.options = options or PipelineOptions()

    @cached_property
    def actors(self) -> ActorKB:
        from marsad.resolve.actors import default_kb

        return default_kb()

    @cached_property
    def places(self) -> Gazetteer:
        from marsad.resolve.places import default_gazetteer

        return default_gazetteer()

    @cached_property
    def tagger(self) -> NerTagger | None:
        if not self.options.ner:
            return None
        from marsad.nlp.ner import default_tagger

        return default_tagger()

    @cached_property
    def _first_names(self) -> frozenset[str]:
        """One-word person names of the tagger's gazetteer ("خالد", "وليد"), as lookup keys."""
        if self.tagger is None:
            return frozenset()
        names = self.tagger.featurizer.gazetteer.names
        return frozenset(key[0] for key, labels in names.items() if len(key) == 1 and "PERS" in labels)

    def analyse(self, doc: Document) -> Analysis:
        """Text and nlp layers plus actor/place mentions, all as spans over ``doc.text``."""
        text = doc.text
        noise = tuple(noise_spans(text))
        sent_list, tokens = segment(text, noise)
        sents = tuple(sent_list)
        norm = normalize(text)
        inside = _inside(sents)
        dates = tuple(d for d in find_dates(text, doc.published, norm) if inside(d.start, d.end))
        return Analysis(
            doc=doc,
            noise=noise,
            sentences=sents,
            tokens=tuple(tokens),
            quantities=tuple(q for q in find_quantities(text, norm) if inside(q.start, q.end)),
            dates=dates,
            mentions=tuple(self._mentions(text, tokens, dates)),
        )

    def __call__(self, doc: Document) -> Result:
        an = self.analyse(doc)
        views = sentence_views(an)
        events = extract_events(an, views)
        relations = extract_relations(an.text, views, default_models())
        return Result(id=doc.id, events=tuple(events), relations=tuple(relations), entities=_entities(an))

    def _mentions(self, text: str, tokens: list[Token], dates: Sequence[DateValue] = ()) -> list[Mention]:
        by_sentence: dict[int, list[Token]] = {}
        for tok in tokens:
            by_sentence.setdefault(tok.sentence, []).append(tok)
        per_sentence = {i: self._linked_mentions(text, toks) for i, toks in by_sentence.items()}
        linked = [m for found in per_sentence.values() for m in found]
        if self.tagger is None:
            return localise_places(linked, tokens)
        # one batched tagger call per document, over the sentences that can carry an event or a relation
        salient = [t for i, toks in by_sentence.items()
                   if self.options.full_ner or is_salient(text, toks, len(per_sentence[i])) for t in toks]
        tagged = self.tagger.tag(text, salient) if salient else []
        entities = _names_as_read(text, _before_dates(text, kunya_names(text, tokens, tagged), dates), self._first_names)
        ner = [Mention(e.start, e.end, e.mention, e.label, e.mention, source="ner") for e in entities]
        people = [m for m in ner if m.label == "PERS"]
        named = groups_named_after_people(text, tokens, people)  # "حركة نور الدين الزنكي"
        ner = [m for m in ner if not _overlaps_any(m.start, m.end, named)] + named
        people = [m for m in ner if m.label == "PERS"]
        # a place name the tagger reads longer than the gazetteer's match: the gazetteer knew only its
        # first words ("حيد" of "حيد الحمام", "منطقة دير" of "منطقة دير السفلى")
        linked = [m for m in linked if not (m.label == "PLACE" and m.source == "gazetteer"
                                            and any(_cut_short(m, e) for e in ner if e.label == "LOC"))]
        # a person's name beats a village of the same spelling ("داود نعيمي"), unless a place noun
        # introduces the village ("قرية أبو ديس")
        linked = [m for m in linked if not (m.label == "PLACE" and m.precision == "city" and m.kind != "city"
                                            and _overlaps_any(m.start, m.end, people)
                                            and not after_place_noun(tokens, m.start))]
        # a first name spelled like a nationality is the person's ("العقيد تركي المالكي")
        linked = [m for m in linked if not (m.label == "DEMONYM" and not m.text.startswith("ال")
                                            and any(p.start == m.start and p.end > m.end for p in people))]
        # a nisba that ends a person's name is the person's ("أبو حمزة التونسي")
        linked = [m for m in linked if not (m.label == "DEMONYM" and any(p.start < m.start and p.end == m.end
                                                                           for p in people))]
        # an ambiguous name read as a group's after a word naming a kind of group yields to a longer name
        # the tagger reads there ("جماعة فتح الله غولن")
        linked = [m for m in linked if not (m.source == "kb_kind_named" and any(
            e.start < m.end and m.start < e.end and (e.start < m.start or e.end > m.end) for e in ner))]
        mentions = full_person_names(linked + [m for m in ner if not _overlaps_any(m.start, m.end, linked)])
        return localise_places(mentions, tokens)

    def _demonym_mention(self, match: DemonymMention) -> Mention:
        country = self.places.country(match.country)
        return Mention(match.start, match.end, match.mention, "DEMONYM", country.name if country else match.mention,
                       kb_id=country.id if country else None, country=match.country, source="demonym")

    def _linked_mentions(self, text: str, toks: list[Token]) -> list[Mention]:
        linked = [_actor_mention(m) for m in self.actors.find(text, toks)]
        if toks:  # a quoted group name beats a shorter known name inside it ("جيش" in “جيش الفتح”)
            quoted = [q for q in quoted_groups(text, toks[0].start, toks[-1].end)
                      if all(_shorter_inside(m, q) for m in linked if _overlaps_any(m.start, m.end, [q]))]
            linked = [m for m in linked if not _overlaps_any(m.start, m.end, quoted)] + quoted
        linked += [_place_mention(m) for m in self.places.find(text, toks)
                   if not _overlaps_any(m.start, m.end, linked)]
        linked += [self._demonym_mention(m) for m in self.places.demonyms(text, toks)
                   if not _overlaps_any(m.start, m.end, linked)]
        return linked


_FIRST_WORD = re.compile(r"(\S+)\s*")


# a conjunction or preposition written on the name's first word ("وخالد", "لفيصل", "لمنظمة")
_GLUED = frozenset("ولب")


def _names_as_read(text: str, entities: list[Entity], first_names: frozenset[str]) -> list[Entity]:
    """The tagger's names cut as a reader cuts them: two person names with only a space between
    are one ("علي حميد" and "علي القيز" of "علي حميد علي القيز"); a title before the name
    ("العقيد", "الليفتنانت كولونيل") and a conjunction or preposition glued to a known first name
    ("وخالد", "لفيصل") are not part of it, nor one glued to the word that heads an organisation's
    name ("لمنظمة الخوذ البيضاء"). Other entities pass unchanged."""
    titles = words("person_titles")
    out: list[Entity] = []
    for e in sorted(entities, key=lambda e: e.start):
        if e.label == "ORG" and _glued_to_head(e.mention):
            e = Entity("ORG", e.start + 1, e.end, e.mention[1:])
        if e.label != "PERS":
            out.append(e)
            continue
        start, end = e.start, e.end
        while (first := _FIRST_WORD.match(text, start, end)) is not None:
            head = first.group(1)
            if first.end() < end and norm_key(head) in titles:
                start = first.end()
            elif len(head) > 3 and head[0] in _GLUED and norm_key(head) not in first_names \
                    and norm_key(head[1:]) in first_names:
                start += 1
            else:
                break
        last = out[-1] if out else None
        if last is not None and last.label == "PERS" and text[last.end:start].isspace() and "\n" not in text[last.end:start]:
            start = last.start
            out.pop()
        out.append(Entity("PERS", start, end, text[start:end]))
    return out


def _before_dates(text: str, entities: list[Entity], dates: Sequence[DateValue]) -> list[Entity]:
    """A name ends before a day named in words that the tagger read into it ("منظمة حظر الأسلحة
    الكيميائية الأربعاء", "أمس"); one that starts inside such a day is none. Dates written with
    numbers ("حركة 6 أبريل", "تيار 14 آذار") may name groups and stay."""
    dates = [d for d in dates if d.precision == "day" and not any(ch.isdigit() for ch in d.mention)]
    out = []
    for e in entities:
        end = min((d.start for d in dates if e.start < d.start < e.end), default=e.end)
        if any(d.start <= e.start < d.end for d in dates):
            continue
        mention = text[e.start:end].rstrip()
        if mention:
            out.append(e if end == e.end else Entity(e.label, e.start, e.start + len(mention), mention))
    return out


def _glued_to_head(name: str) -> bool:
    """"لمنظمة الخوذ البيضاء": a preposition or conjunction on a word that heads group names."""
    head = name.split(" ", 1)[0]
    return len(head) > 3 and group_head_clitics(head) in _GLUED


def _inside(sents: tuple[Sentence, ...]) -> Callable[[int, int], bool]:
    spans = [(s.start, s.end) for s in sents]

    def check(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in spans)

    return check


def _shorter_inside(inner: Mention, outer: Mention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner.end - inner.start < outer.end - outer.start


def _cut_short(place: Mention, tagged: Mention) -> bool:
    """The tagger's name overlaps the gazetteer's place and goes on after it (a name that only starts
    earlier inside the same word is a proclitic the tagger kept: "وإيران")."""
    return tagged.end > place.end and _overlaps_any(place.start, place.end, [tagged])


def _overlaps_any(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(start < m.end and m.start < end for m in mentions)


def _actor_mention(match: ActorMention) -> Mention:
    entry, source = match.entry, "kb_kind_named" if match.introduced else "kb"
    if entry is None:  # a name several groups share
        return Mention(match.start, match.end, match.mention, "ACTOR", match.mention, kind="group", source=source)
    return Mention(match.start, match.end, match.mention, "ACTOR", entry.name,
                   kb_id=entry.id, kind=entry.kind, country=entry.country, source=source)


def _place_mention(match: object) -> Mention:
    place = match.place  # type: ignore[attr-defined]
    return Mention(match.start, match.end, match.mention, "PLACE", place.name,  # type: ignore[attr-defined]
                   kb_id=getattr(place, "id", None) or place.name, kind=place.kind, country=place.country,
                   admin1=place.admin1, lat=place.lat, lon=place.lon, precision=place.precision, source="gazetteer",
                   population=place.population)




def _entities(an: Analysis) -> tuple[Entity, ...]:
    out = []
    for m in an.mentions:
        if m.label == "PLACE":
            out.append(Entity("LOC", m.start, m.end, m.text, m.kb_id))
        elif m.label == "ACTOR":
            out.append(Entity(_ENTITY_LABEL.get(m.kind or "", "ORG"), m.start, m.end, m.text, m.kb_id))
        elif m.label in ("PERS", "ORG", "LOC", "MISC"):
            out.append(Entity(m.label, m.start, m.end, m.text, None))
    out += [Entity("DATE", d.start, d.end, d.mention) for d in an.dates]
    out += [Entity("NUM", q.start, q.end, q.mention) for q in an.quantities]
    return tuple(sorted(out, key=lambda e: (e.start, e.end)))


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()


def analyse(doc: Document) -> Analysis:
    return default_pipeline().analyse(doc)


def process(doc: Document) -> Result:
    """Extract events, relations and entities from one document."""
    return default_pipeline()(doc)
