"""Relation patterns: cue phrases and the actors standing around them.

Patterns are data (``kb/lexicons/relations.yaml``): a cue ("بدعم من", "المتحدث باسم", "بايعت")
and where its source and target stand. Countries count as actors here ("إيران تدعم …"). What the
patterns find is read by the learned relation model (``network.py``) as evidence for a pair.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import yaml

from marsad.extract.lexicon import is_one_of, words
from marsad.extract.views import DESCRIPTOR, SentenceView
from marsad.model import Mention
from marsad.text.matcher import PhraseMatch, PhraseMatcher
from marsad.text.normalize import norm_key
from marsad.text.segment import stem_candidates

__all__ = ["PatternMatch", "pattern_matches", "relation_actors", "relation_cues", "STATE"]


@dataclass(frozen=True, slots=True)
class RelationPattern:
    type: str
    source: str
    target: str
    source_kinds: frozenset[str]
    target_kinds: frozenset[str]
    max_gap: int
    # the most words (punctuation aside) between the cue and an argument before it, when the cue
    # qualifies the noun right before it ("X المدعومة من Y", "X، الجناح المسلح لY")
    max_gap_before: int | None
    max_gap_after: int | None  # the same after the cue, when the argument is the object of its last word
    detail: str | None
    requires: PhraseMatcher[str] | None
    not_after: frozenset[str] = frozenset()  # words the cue may not follow: "على دعم" is the noun, not the verb
    # when given, one of these words must stand among the few words before the cue: "إلى جانب" ties
    # two fighters only after a verb of fighting ("يقاتل إلى جانب"); elsewhere it means "besides"
    verb_before: frozenset[str] = frozenset()
    glued: str = ""  # the cue's last word, a preposition written on the next word ("الموالي ل" → "لإيران")


def relation_cues() -> PhraseMatcher[RelationPattern]:
    """The cue phrases of every relation pattern."""
    return _patterns()


@lru_cache(maxsize=1)
def _patterns() -> PhraseMatcher[RelationPattern]:
    raw = resources.files("marsad.kb").joinpath("lexicons/relations.yaml").read_text(encoding="utf-8")
    entries: list[tuple[str, RelationPattern]] = []
    for spec in yaml.safe_load(raw)["patterns"]:
        pattern = RelationPattern(
            type=spec["type"], source=spec["source"], target=spec["target"],
            source_kinds=frozenset(spec.get("source_kinds", ["any"])),
            target_kinds=frozenset(spec.get("target_kinds", ["any"])),
            max_gap=int(spec.get("max_gap", 6)), max_gap_before=_optional_int(spec.get("max_gap_before")),
            max_gap_after=_optional_int(spec.get("max_gap_after")), detail=spec.get("detail"),
            requires=PhraseMatcher((r, "x") for r in spec["requires"]) if spec.get("requires") else None,
            not_after=frozenset(norm_key(w) for w in spec.get("not_after", [])),
            verb_before=frozenset(norm_key(w) for w in spec.get("verb_before", [])),
        )
        for cue in spec["cues"]:
            entries.append((cue, pattern))
            head, _, last = cue.rpartition(" ")
            if head and last in _PREPOSITIONS:
                entries.append((head, replace(pattern, glued=last)))
    return PhraseMatcher(entries)


def _optional_int(value: int | str | None) -> int | None:
    return None if value is None else int(value)


# one-letter prepositions, which Arabic writes on the word that follows ("التحق بتنظيم", "الموالي لإيران")
_PREPOSITIONS = frozenset({"ل", "ب"})


def _after_one_of(view: SentenceView, match: PhraseMatch[RelationPattern], words: frozenset[str]) -> bool:
    """The cue follows one of ``words`` ("على دعم")."""
    return match.first_token > 0 and view.tokens[match.first_token - 1].norm in words


_VERB_REACH = 4  # words before the cue


def _verb_ok(view: SentenceView, match: PhraseMatch[RelationPattern], verbs: frozenset[str]) -> bool:
    """No verb is asked for, or one of ``verbs`` stands among the few words before the cue, with or
    without its proclitics ("وتقاتل الحوثيين إلى جانب")."""
    if not verbs:
        return True
    before = [t for t in view.tokens[:match.first_token] if t.norm[:1].isalnum()][-_VERB_REACH:]
    return any(rest in verbs for t in before for _, rest in stem_candidates(t.norm))


def _glued_ok(view: SentenceView, match: PhraseMatch[RelationPattern], pattern: RelationPattern) -> bool:
    """A cue whose preposition is written on the next word: that word starts with it."""
    if not pattern.glued:
        return True
    following = view.tokens[match.last_token + 1] if match.last_token + 1 < len(view.tokens) else None
    return following is not None and following.norm.startswith(pattern.glued) and len(following.norm) > 3


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """A relation pattern that fits a pair of actors of a sentence."""

    view: SentenceView
    source: Mention
    target: Mention
    type: str
    detail: str | None
    cue: str = ""  # the cue phrase as matched (normalised key)


def pattern_matches(text: str, views: list[SentenceView]) -> list[PatternMatch]:
    out: list[PatternMatch] = []
    for view in views:
        actors = relation_actors(view, text)
        if len(actors) < 2:
            continue
        for match in _patterns().find(text, view.tokens):
            if any(a.start <= match.start and match.end <= a.end for a in actors):
                continue  # a cue inside a name: "تحالف "دعم الشرعية""
            for pattern in match.payloads:
                if not _glued_ok(view, match, pattern) or _after_one_of(view, match, pattern.not_after) \
                        or not _verb_ok(view, match, pattern.verb_before):
                    continue
                found = _apply(text, view, actors, match, pattern)
                out.extend(found)
                if found:
                    break
    return out


STATE = "STATE"


def relation_actors(view: SentenceView, text: str) -> list[Mention]:
    """Actors of the sentence plus countries that act ("إيران تدعم", "بدعم روسي"), not "في الجزائر"."""
    countries = [p for p in view.places if p.precision == "country" and not _locative(view, p)]
    states = [_governed_by_head(view, Mention(p.start, p.end, p.text, STATE, p.name, p.kb_id, "state_force", p.country,
                                              source="place"), text) for p in countries]
    states += [Mention(d.start, d.end, d.text, STATE, d.name, None, "state_force", d.country, source="demonym")
               for d in view.demonyms if not _qualifies_a_name(view, d)]
    taken = [(m.start, m.end) for m in view.actors]
    states = [s for s in states if not any(s.start < e and a < s.end for a, e in taken)]
    taken += [(m.start, m.end) for m in states]
    sides = [m for m in _sides(view) if not any(m.start < e and a < m.end for a, e in taken)]
    actors = [_as_regime(m) if _after_regime(view, m) else m for m in _as_parties(view, text)]
    actors += _listed_groups(view, actors, text)
    return sorted(actors + states + sides, key=lambda m: m.start)


_LISTED_NAME_WORDS = 2  # at most, after the head word


def _listed_groups(view: SentenceView, actors: list[Mention], text: str) -> list[Mention]:
    """Groups the tagger and the knowledge base miss, listed by "و" right after a group they know:
    "حركة نور الدين الزنكي ولواء الحرية ولواء صقور الجبل". Each is a head word of a group's name
    (``listed_group_heads``) with "و" on it and the words of its name up to the next "و", punctuation
    or function word."""
    out: list[Mention] = []
    taken = {view.token_index(m.start) for m in actors}
    for m in [a for a in actors if a.kind == "group"]:
        i = view.token_index(m.end - 1) + 1
        while i < len(view.tokens) and i not in taken:
            head = view.tokens[i]
            if not (head.norm[:1] == "و" and head.norm[1:] in words("listed_group_heads")):
                break
            j = i + 1
            while j < len(view.tokens) and j - i <= _LISTED_NAME_WORDS and view.tokens[j].norm[:1].isalnum() \
                    and view.tokens[j].norm[:1] != "و" and view.tokens[j].norm not in words("role_barriers") \
                    and j not in taken:
                j += 1
            if j == i + 1:
                break
            start, end = head.start + 1, view.tokens[j - 1].end
            out.append(Mention(start, end, text[start:end], "ORG", text[start:end], kind="group", source="listed"))
            i = j
    return out


def _governed_by_head(view: SentenceView, state: Mention, text: str) -> Mention:
    """A country named after the head of its government or forces ("لحكومة اليمن", "قوات تركيا") is
    that government: the mention takes the head in (a "ل" or "و" written on it left out)."""
    idx = view.token_index(state.start)
    if idx == 0 or state.start > view.tokens[idx].start:
        return state
    head = view.tokens[idx - 1]
    if head.norm in words("regime_heads"):
        start = head.start
    elif head.norm[:1] in ("ل", "و") and head.norm[1:] in words("regime_heads") and head.text[:1] == head.norm[:1]:
        start = head.start + 1
    else:
        return state
    return replace(state, start=start, text=text[start:state.end])


def _with_place(view: SentenceView, m: Mention, text: str) -> Mention:
    """A force named in construct with its place ("شرطة كابل", "شرطة العاصمة كوالالمبور") is named
    with it: the police of Kabul, not the police."""
    last = view.token_index(m.end - 1)
    if m.kind != "state_force" or view.tokens[view.token_index(m.start)].norm.startswith("ال") \
            or last + 1 >= len(view.tokens):
        return m
    nxt = last + 1
    if view.tokens[nxt].norm in words("place_titles") and nxt + 1 < len(view.tokens):
        nxt += 1
    place = next((p for p in view.places if p.start == view.tokens[nxt].start), None)
    if place is None:
        return m
    named = text[m.start:place.end]
    return replace(m, end=place.end, text=named, name=named)


def _media(view: SentenceView, m: Mention) -> bool:
    """A news outlet ("لوكالة الأنباء الفرنسية"), named as who was told, not as a party."""
    return is_one_of(view.tokens[view.token_index(m.start)], "media_heads")


def _as_parties(view: SentenceView, text: str) -> list[Mention]:
    """The sentence's actors as parties to relations: no news outlet; a force named with its city
    ("شرطة كابل"); an unnamed group ending before a participle that ties it to another actor
    ("ميليشيات التمرد الحوثي | المدعومة بفلول صالح"), so that the participle is read as a cue, and named
    by its whole description ("الفصائل السورية الموالية لتركيا"), what tells it from the other groups."""
    out = []
    for m in view.actors:
        if _media(view, m):
            continue
        m = _with_place(view, m, text)
        if m.source == "phrase":
            first, last = view.token_index(m.start), view.token_index(m.end - 1)
            tie = next((i for i in range(first + 1, last + 1) if view.tokens[i].norm in words("tie_participles")), None)
            if tie is not None:
                if tie == first + 1:
                    continue  # the head alone names nobody
                end = view.tokens[tie - 1].end
                m = replace(m, end=end, text=m.text[: end - m.start], name=text[m.start:_tied_to_end(view, tie)])
        out.append(m)
    return out


def _tied_to_end(view: SentenceView, tie: int) -> int:
    """Where the actor a tie participle names ends ("الموالية لدولة الإمارات", "المدعومة من السعودية"):
    the first actor or place starting within the two words after it, else the word after it."""
    nxt = view.tokens[tie + 1:tie + 3]
    if not nxt:
        return view.tokens[tie].end
    named = next((m for m in view.actors + view.places if any(t.start <= m.start < t.end for t in nxt)), None)
    return named.end if named else nxt[0].end


# the relations a generic side may take part in: who backs, arms or fights beside whom ("رئيس الحكومة"
# is an office, not a role in an armed group)
_BACKING = frozenset({"support", "supply", "cooperation", "allegiance"})


def _sides(view: SentenceView) -> list[Mention]:
    """The generic sides of a war named without a proper name ("الحكومة", "للمتمردين", "المعارضة"),
    without their proclitics ("لل" is ل + ال: "للحكومة" is the mention "لحكومة" of "الحكومة")."""
    out = []
    for tok in view.tokens:
        for pre, rest in stem_candidates(tok.norm):
            if rest in words("relation_sides"):
                text = tok.text[len(pre):]
                name = text
            elif pre.endswith("لل") and "ال" + rest in words("relation_sides"):
                text = tok.text[len(pre) - 1:]
                name = "ا" + text
            else:
                continue
            out.append(Mention(tok.end - len(text), tok.end, text, "ACTOR", name, kind="group", source="side"))
            break
    return out


def _qualifies_a_name(view: SentenceView, demonym: Mention) -> bool:
    """A nationality right after a place or an actor qualifies it ("مدينة عفرين السورية", "المعارضة
    السورية"): it names no state that acts."""
    i = view.token_index(demonym.start)
    if i == 0 or demonym.start > view.tokens[i].start:
        return False
    before = view.tokens[i - 1].end
    return any(m.end == before for m in (*view.places, *view.actors))


def _after_regime(view: SentenceView, m: Mention) -> bool:
    """"لنظام الرئيس بشار الأسد", "قوات حفتر": a leader's name standing for his government or forces."""
    if m.label != "PERS":
        return False
    idx = view.token_index(m.start)
    before = view.tokens[max(0, idx - 2):idx]
    if before and is_one_of(before[-1], "leader_titles"):
        before = before[:-1]
    return bool(before) and is_one_of(before[-1], "regime_heads")


def _as_regime(m: Mention) -> Mention:
    return replace(m, label="ACTOR", kind="state_force")


def _locative(view: SentenceView, place: Mention) -> bool:
    if _clitic_on(view, place) in ("ب", "ف"):
        return True
    idx = view.token_index(place.start)
    return idx > 0 and view.tokens[idx - 1].norm in words("locative_before_actor") and view.tokens[idx - 1].norm != "من"


def _apply(text: str, view: SentenceView, actors: list[Mention], match: PhraseMatch[RelationPattern],
           pattern: RelationPattern) -> list[PatternMatch]:
    if pattern.type not in _BACKING:
        actors = [m for m in actors if m.source != "side"]
    bound = None
    if pattern.requires is not None:
        required = pattern.requires.find(text, view.tokens[match.last_token + 1:])
        if not required:
            return []
        bound = required[0].start
    gaps = (pattern.max_gap_before, pattern.max_gap, pattern.max_gap_after)
    source = _argument(view, actors, match, pattern.source, pattern.source_kinds, gaps, None)
    if pattern.target == "joined" and source is not None:
        # "أعلنت سرايا القدس وكتائب القسام مسؤوليتهما": the actors joined by "و" act together
        joined = _conjoined(view, actors, source, pattern.source_kinds)
        return [PatternMatch(view, a, b, pattern.type, pattern.detail, match.key)
                for a in joined for b in joined if a is not b and not _same_actor(a, b)]
    target = _argument(view, actors, match, pattern.target, pattern.target_kinds, gaps, source)
    partner = None
    if source is None and pattern.source == "after_or_partner" and target is not None:
        # "وسيطر الجيش التركي ومقاتلو المعارضة، الذين يدعمهم": the backer unnamed after the verb is the
        # actor joined by "و" to the backed one
        source = partner = _partner_before(view, actors, target, pattern.source_kinds)
    if bound is not None and target is not None:
        closer = [m for m in actors if m.end <= bound and m.start > (source.end if source else match.end)
                  and _kind_ok(m, pattern.target_kinds)]
        target = closer[-1] if closer else target
    if source is None or target is None or source is target:
        return []
    out = []
    sources = [source] if partner else _conjoined(view, actors, source, pattern.source_kinds)
    targets = [target] if partner else _conjoined(view, actors, target, pattern.target_kinds)
    for src in sources:
        for tgt in targets:
            if src is tgt or (_same_actor(src, tgt) and pattern.type != "rename") or \
                    (pattern.type == "rename" and src.name == tgt.name and src.kb_id == tgt.kb_id):
                continue
            out.append(PatternMatch(view, src, tgt, pattern.type, pattern.detail, match.key))
    return out


def _conjoined(view: SentenceView, actors: list[Mention], first: Mention, kinds: frozenset[str]) -> list[Mention]:
    """The argument and the actors joined to it by "و" ("حركة إنقاذ أزواد ومجموعة الدفاع الذاتي")."""
    out = [first]
    following = [m for m in actors if m.start > first.start]
    last = first
    for nxt in following:
        gap = view.norm_window(view.token_index(last.end - 1) + 1, view.token_index(nxt.start) - 1)
        if gap and gap not in (["و"], ['"', "و"], ["و", '"'], ['"', "و", '"']) and not _and_machines(gap) \
                or not (gap or _after_and(view, nxt)):
            break
        if _kind_ok(nxt, kinds):
            out.append(nxt)
        last = nxt
    preceding = [m for m in actors if m.end <= first.start]
    last = first
    for prev in reversed(preceding):
        gap = view.norm_window(view.token_index(prev.end - 1) + 1, view.token_index(last.start) - 1)
        if (gap and gap not in (["و"], ['"', "و"], ['"', "و", '"'])) or not (gap or _after_and(view, last)):
            break
        if _kind_ok(prev, kinds):
            out.insert(0, prev)
        last = prev
    return out


def _partner_before(view: SentenceView, actors: list[Mention], m: Mention, kinds: frozenset[str]) -> Mention | None:
    """The actor right before ``m`` that "و" joins to it."""
    preceding = [a for a in actors if a.end <= m.start]
    if not preceding:
        return None
    prev = preceding[-1]
    return prev if _joined_by_and(view, prev, m) and _kind_ok(prev, kinds) else None


def _joined_by_and(view: SentenceView, prev: Mention, m: Mention) -> bool:
    """"و" stands alone between ``prev`` and ``m``, or is written on ``m`` right after ``prev``."""
    gap = view.norm_window(view.token_index(prev.end - 1) + 1, view.token_index(m.start) - 1)
    return gap == ["و"] or (not gap and _after_and(view, m))


def _and_machines(gap: list[str]) -> bool:
    """"و" written on the war machines or forces of the next actor ("بقوات الجيش وطائرات التحالف")."""
    return len(gap) == 1 and gap[0][:1] == "و" and (gap[0][1:] in words("state_act_heads")
                                                    or gap[0][1:] in words("regime_heads"))


def _after_and(view: SentenceView, m: Mention) -> bool:
    """The mention follows a "و" written on its first word ("وإيران", "والمعارضة")."""
    return _clitic_on(view, m) == "و"


def _clitic_on(view: SentenceView, m: Mention) -> str:
    """The first letter written on the mention's word before the mention starts ("و" of "وإيران",
    "ل" of "لليمن"); "" when the mention starts its word."""
    tok = view.tokens[view.token_index(m.start)]
    return tok.norm[:1] if m.start > tok.start else ""


def _same_actor(a: Mention, b: Mention) -> bool:
    return (a.kb_id is not None and a.kb_id == b.kb_id) or a.name == b.name


def _argument(view: SentenceView, actors: list[Mention], match: PhraseMatch[RelationPattern], where: str,
              kinds: frozenset[str], gaps: tuple[int | None, int, int | None], other: Mention | None) -> Mention | None:
    """The argument standing ``where`` the pattern says: at most ``gaps`` = (words before, tokens, words
    after) away."""
    words_before, max_gap, words_after = gaps
    near = [m for m in actors if m is not other and not (match.start <= m.start and m.end <= match.end)]
    before = [m for m in near if m.end <= match.start
              and _within(view, view.token_index(m.end - 1), match.first_token, words_before, max_gap)]
    after = [m for m in near if m.start >= match.start and m.end > match.end
             and _within(view, match.last_token, view.token_index(m.start), words_after, max_gap)]
    if other is not None:
        after = [m for m in after if not (m.start < other.end and other.start < m.end)]
    if where == "after2":  # the second actor after the cue, whatever the first one is
        after = after[1:]
    before = [m for m in before if _kind_ok(m, kinds)]
    after = [m for m in after if _kind_ok(m, kinds)]
    if where == "before":
        return before[-1] if before else None
    if where == "before2":
        return before[-2] if len(before) > 1 else None
    if where in ("after", "after2", "after_or_partner"):
        return after[0] if after else None
    if where == "last_after":
        return after[-1] if after else None
    if where == "after_with":  # "تتحالف الإمارات والبحرين مع السعودية": the actor right after "مع"
        return next((m for m in after if view.token_index(m.start) > 0
                     and view.tokens[view.token_index(m.start) - 1].norm == "مع"), None)
    if _verb_first(view, match) and not _adverbial(view, match) and len(after) > 1:
        return after[0]  # "بينما تدعم إيران المتمردين": the doer after its verb, before the target
    if before:
        return _subject(view, [m for m in near if m.end <= match.start and _kind_ok(m, kinds)], before, after, match)
    # none before: the doer after its verb or verbal noun ("بايعت جماعة …", "تسليح إيران لجماعة …"),
    # never the object of a preposition ("دعما لليمن")
    return after[0] if after and not _governed(view, after[0]) and not _adverbial(view, match) else None


def _adverbial(view: SentenceView, match: PhraseMatch[RelationPattern]) -> bool:
    """The cue is a prepositional phrase ("بالتنسيق مع", "بمشاركة", "مع"): what follows it is its
    object, never the doer."""
    first, last = view.tokens[match.first_token], view.tokens[match.last_token]
    return first.prefix.lstrip("وف")[:1] in _PREPOSITIONS or last.norm in words("prepositions")


def _subject(view: SentenceView, preceding: list[Mention], before: list[Mention], after: list[Mention],
             match: PhraseMatch[RelationPattern]) -> Mention:
    """The doer before the cue: the nearest actor (``before``: within the pattern's reach), unless it
    is the object of a preposition, or joined by "و" to one. Then the doer follows a verbal noun that
    has both its arguments after it ("سمح لإيران بتزويد إيران للحوثي"), else it is the nearest free actor
    of the clause ("تحرير المدينة من الحوثيين وقوات صالح، بتنسيق مع …"; ``preceding``: all actors
    before the cue, at most :data:`_SUBJECT_REACH` tokens away). The head of a relative clause ("من
    حزب الله الذي يقاتل إلى جانب …"), and the noun a definite participle qualifies ("بين جيش خالد بن الوليد
    المبايع لتنظيم الدولة"), is its subject whatever governs it."""
    nearest = before[-1]
    words_on = [t for t in view.tokens[view.token_index(nearest.end - 1) + 1:match.last_token + 1] if t.norm[:1].isalnum()]
    if words_on and words_on[0].norm[:1] == "و" and words_on[0].norm[1:] in words("relative_words"):
        # "التحالف الذي تتزعمه السعودية، والذي يدعم …": a second relative clause has the first one's head
        head = _head_of_earlier_relative(view, preceding, view.token_index(nearest.start))
        if head is not None:
            return head
    if words_on and (is_one_of(words_on[0], "relative_words") or words_on[0].norm.startswith("ال")):
        return nearest  # a relative clause or a definite adjective ("المبايع لتنظيم") qualifies the noun before it
    governed: list[bool] = []
    for i, m in enumerate(preceding):
        joined = i > 0 and _joined_by_and(view, preceding[i - 1], m)
        governed.append(_object_of_preposition(view, m) or (joined and governed[-1]))
    if not governed[-1] or preceding[-1] is not nearest:
        return nearest
    if len(after) > 1 and not _governed(view, after[0]):
        return after[0]
    free = [m for m, g in zip(preceding, governed, strict=True)
            if not g and match.first_token - view.token_index(m.end - 1) - 1 <= _SUBJECT_REACH]
    return free[-1] if free else nearest


_SUBJECT_REACH = 16  # tokens


def _head_of_earlier_relative(view: SentenceView, preceding: list[Mention], before: int) -> Mention | None:
    """The actor right before the last relative word ("الذي", "التي") ahead of token ``before``."""
    j = next((i for i in range(before - 1, -1, -1) if view.tokens[i].norm in words("relative_words")), None)
    if j is None:
        return None
    heads = [m for m in preceding if view.token_index(m.end - 1) == j - 1]
    return heads[-1] if heads else None


def _object_of_preposition(view: SentenceView, m: Mention) -> bool:
    idx = view.token_index(m.start)
    return _governed(view, m) or (idx > 0 and view.tokens[idx - 1].norm in words("prepositions"))


def _within(view: SentenceView, i: int, j: int, words: int | None, max_gap: int) -> bool:
    """Tokens ``i`` < ``j`` are close enough: at most ``words`` words between them (punctuation
    aside) when the pattern counts words on that side, else at most ``max_gap`` tokens."""
    if words is None:
        return j - i - 1 <= max_gap
    return sum(1 for tok in view.tokens[i + 1:j] if tok.norm[:1].isalnum()) <= words


def _governed(view: SentenceView, m: Mention) -> bool:
    """The mention follows a preposition written on its word ("لليمن", "بإيران")."""
    return _clitic_on(view, m) in _PREPOSITIONS


def _verb_first(view: SentenceView, match: PhraseMatch[RelationPattern]) -> bool:
    """The cue opens a clause ("وتدعم", "بينما تدعم"), so its subject, if named, follows it."""
    first = view.tokens[match.first_token]
    previous = view.tokens[match.first_token - 1].norm if match.first_token else "."
    return first.prefix.startswith(("و", "ف")) or previous in words("clause_openers")


def _kind_ok(mention: Mention, kinds: frozenset[str]) -> bool:
    if mention.label == STATE:
        return "state" in kinds
    if "any" in kinds:
        return True
    if "person" in kinds and mention.is_person:
        return True
    return "group" in kinds and not mention.is_person and mention.label != DESCRIPTOR
