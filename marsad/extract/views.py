"""Per-sentence views of an :class:`~marsad.model.Analysis`: everything the rules look at.

A view holds the sentence's tokens and, found once, its triggers, cue phrases, actor and place
mentions, quantities and dates, with helpers that turn raw offsets into token positions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.extract.lexicon import TriggerClass, lexicons, words
from marsad.model import Analysis, DateValue, Mention, Quantity, Sentence, Token
from marsad.text.matcher import PhraseMatch, strip_article
from marsad.text.normalize import norm_key
from marsad.text.segment import stem_candidates

__all__ = ["SentenceView", "sentence_views", "tied_to", "investigates", "responds", "speaks_of_others", "DESCRIPTOR",
           "CLAUSE_ENDS"]

DESCRIPTOR = "DESCRIPTOR"
ACTOR_LABELS = frozenset({"ACTOR", "PERS", "ORG", DESCRIPTOR})
_ANSWERED_NEAR = 3  # tokens: the act answered follows the retaliation words closely
_SETTING = 12  # tokens: the longest title or setting between a speaker and what it says
_COMMAS = frozenset({"،", ","})
CLAUSE_ENDS = _COMMAS | {".", "؛", ";", ":"}  # what ends a clause inside a sentence


@dataclass(eq=False)
class SentenceView:
    sentence: Sentence
    tokens: Sequence[Token]
    triggers: list[PhraseMatch[TriggerClass]] = field(default_factory=list)
    cues: list[PhraseMatch[str]] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    demonyms: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    _starts: list[int] | None = field(default=None, repr=False)
    _answered: list[tuple[PhraseMatch[TriggerClass], int]] | None = field(default=None, repr=False)

    @property
    def index(self) -> int:
        return self.sentence.index

    def token_index(self, offset: int) -> int:
        """Local index of the token containing (or preceding) raw ``offset``."""
        if self._starts is None:
            self._starts = [t.start for t in self.tokens]
        return max(0, bisect_right(self._starts, offset) - 1)

    def cue_matches(self, name: str) -> list[PhraseMatch[str]]:
        return [c for c in self.cues if name in c.payloads]

    def has_cue(self, name: str) -> bool:
        return any(name in c.payloads for c in self.cues)

    def answered(self) -> list[tuple[PhraseMatch[TriggerClass], int]]:
        """The acts named as answered ("ردا على غارة شنها الجيش الفرنسي في شمال مالي"): each with the
        offset where its words begin (the retaliation cue); they run to the end of the sentence."""
        if self._answered is None:
            self._answered = []
            for cue in self.cue_matches("retaliation"):
                nxt = self.tokens[cue.last_token + 1] if cue.last_token + 1 < len(self.tokens) else None
                if nxt is not None and nxt.norm in words("not_answered"):
                    continue
                after = [t for t in self.triggers if 0 < t.first_token - cue.last_token <= _ANSWERED_NEAR]
                if after:
                    self._answered.append((min(after, key=lambda t: t.first_token), cue.start))
        return self._answered

    def norm_window(self, first: int, last: int) -> list[str]:
        return [t.norm for t in self.tokens[max(0, first): max(0, last + 1)]]


def sentence_views(an: Analysis) -> list[SentenceView]:
    """One view per sentence, with triggers, cues and mentions assigned."""
    lex = lexicons()
    by_sentence: dict[int, list[Token]] = {}
    for tok in an.tokens:
        by_sentence.setdefault(tok.sentence, []).append(tok)
    views = []
    text = an.text
    for sent in an.sentences:
        toks = by_sentence.get(sent.index, [])
        view = SentenceView(sent, toks)
        view.triggers = lex.triggers.find(text, toks)
        view.cues = lex.cues.find(text, toks)
        views.append(view)
    _assign(views, an.mentions, lambda v, m: _add_mention(v, m))
    _assign(views, an.quantities, lambda v, q: v.quantities.append(q))
    _assign(views, an.dates, lambda v, d: v.dates.append(d))
    _drop_names(views)
    _drop_foiled_objects(views)
    _add_descriptors(views, text)
    _add_acting_states(views)
    _add_group_phrases(views, text)
    _add_surnames(views, text)
    _add_anaphora(views, text)
    return views


def _drop_names(views: list[SentenceView]) -> None:
    """A trigger word inside a name reports nothing: a group or a place the actor list, the gazetteer
    or the tagger names, with words on both sides ("هيئة تحرير الشام", "جبهة التحرير الوطني"; a name
    the tagger stretched over the next verb, "عملاء الموساد اغتالوا", keeps it), or a word after the
    head of a name the tagger missed ("ميدان التحرير", "منظمة التحرير"; list ``name_heads``). The
    forces whose name is itself a report ("مقاتلات التحالف") keep it."""
    heads = words("name_heads")
    for view in views:
        names = [(m.start, m.end) for m in view.places + view.actors if m.kind != "state_force"]
        view.triggers = [t for t in view.triggers
                         if not any(s < t.start and t.end < e for s, e in names)
                         and not _after_name_head(view, t, heads)]


_FOILED_REACH = 4  # tokens between a foiling word and the weapon or attack it names


def _drop_foiled_objects(views: list[SentenceView]) -> None:
    """The weapon or attack that was intercepted, shot down or foiled is what the foiling reports,
    not an act of its own ("اعترضت الدفاعات الجوية السعودية صاروخا باليستيا", "أحبطت الشرطة هجوما
    انتحاريا"): a trigger a few words after a foiling one, in the same clause, is dropped; not a word
    that says people were killed ("أحبطت محاولة هجوم للإرهابيين وقتلت 21 منهم": the killing happened)."""
    for view in views:
        foiled = [t for t in view.triggers if any(c.method == "interception" for c in t.payloads)]
        if not foiled:
            continue
        view.triggers = [t for t in view.triggers if t in foiled or any(c.kill for c in t.payloads) or not any(
            0 < t.first_token - f.last_token <= _FOILED_REACH
            and not any(tok.norm in CLAUSE_ENDS for tok in view.tokens[f.last_token + 1:t.first_token])
            for f in foiled)]


def _after_name_head(view: SentenceView, trig: PhraseMatch, heads: frozenset[str]) -> bool:
    if trig.first_token == 0 or not view.tokens[trig.first_token].norm.startswith("ال"):
        return False
    return view.tokens[trig.first_token - 1].stem in heads


def _add_mention(view: SentenceView, mention: Mention) -> None:
    if mention.label in ("PLACE", "LOC"):
        view.places.append(mention)
    elif mention.label == "DEMONYM":
        view.demonyms.append(mention)
    elif mention.label in ACTOR_LABELS:
        view.actors.append(mention)


def _assign(views: list[SentenceView], items: Iterable[Any], add: Callable[[SentenceView, Any], None]) -> None:
    starts = [v.sentence.start for v in views]
    for item in items:
        i = bisect_right(starts, item.start) - 1
        if i >= 0 and views[i].sentence.start <= item.start and item.end <= views[i].sentence.end:
            add(views[i], item)


_DESCRIPTOR_KINDS = (("perpetrator_descriptors", "other"), ("crowd_descriptors", "civilians"),
                     ("authority_descriptors", "state_force"))


def _add_descriptors(views: list[SentenceView], text: str) -> None:
    """Unnamed actors become DESCRIPTOR mentions: attackers (مسلحون، انتحاري، شاب), crowds
    (متظاهرون، الأهالي) and authorities (السلطات، الأجهزة الأمنية) when no name covers them."""
    for view in views:
        taken = [(m.start, m.end) for m in view.actors + view.places]
        for name, kind in _DESCRIPTOR_KINDS:
            for cue in view.cue_matches(name):
                if any(cue.start < e and s < cue.end for s, e in taken) or _qualifies_an_act(view, cue.first_token):
                    continue
                taken.append((cue.start, cue.end))
                view.actors.append(Mention(cue.start, cue.end, cue.mention, DESCRIPTOR, cue.mention,
                                           kind=kind, source="descriptor"))
        view.actors.sort(key=lambda m: m.start)


def _qualifies_an_act(view: SentenceView, i: int) -> bool:
    """The word at ``i`` is an adjective of the act named before it, not a doer: "التفجير الإرهابي",
    "الهجوم الانتحاري", "عملية إرهابية" (a definite act noun and a definite adjective, or an act
    noun and an indefinite one; a verb's subject, "فجر انتحاري نفسه", follows no act noun)."""
    if i == 0:
        return False
    before, word = view.tokens[i - 1], view.tokens[i]
    definite = word.norm.startswith("ال")
    if definite != (before.prefix.endswith("ال") or before.norm.startswith("ال")):
        return False
    if _stem(before) in words("state_act_heads"):
        return True
    return definite and any(t.last_token == i - 1 for t in view.triggers)


def _add_acting_states(views: list[SentenceView]) -> None:
    """A nationality adjective right after an act or a war machine, or after one adjective that
    follows it ("غارة تركية", "طائرات حربية روسية"), names the state that acted: it becomes an actor
    mention of kind ``state_force``, named as the country."""
    for view in views:
        for d in view.demonyms:
            if any(m.start < d.end and d.start < m.end for m in view.actors):
                continue
            i = view.token_index(d.start)
            if _names_an_act(view, i - 1) or (i >= 2 and _stem(view.tokens[i - 1]) in words("act_modifiers")
                                              and _names_an_act(view, i - 2)):
                view.actors.append(Mention(d.start, d.end, d.text, "ACTOR", d.name, d.kb_id, "state_force",
                                           d.country, source="demonym"))
        view.actors.sort(key=lambda m: m.start)


def _names_an_act(view: SentenceView, j: int) -> bool:
    """Token ``j`` ends a trigger or is a war machine or an act noun (state_act_heads)."""
    return j >= 0 and (any(t.last_token == j for t in view.triggers)
                       or _stem(view.tokens[j]) in words("state_act_heads"))


def _stem(tok: Token) -> str:
    """The token without its proclitics or article."""
    return strip_article(tok.stem or tok.norm)


def _add_group_phrases(views: list[SentenceView], text: str) -> None:
    """Unnamed groups: a head (الجماعات، الفصائل) + adjectives + optional "في PLACE" / "مع ACTOR"."""
    for view in views:
        taken = [(m.start, m.end) for m in view.actors]
        for cue in view.cue_matches("group_heads"):
            if any(cue.start < e and s < cue.end for s, e in taken):
                continue
            last = cue.last_token
            while last + 1 < len(view.tokens) and last - cue.last_token < 3:
                tok = view.tokens[last + 1]
                if not tok.norm.startswith("ال") or tok.norm in words("adjective_stops"):
                    break
                last += 1
            end = view.tokens[last].end
            if last + 2 < len(view.tokens) and view.tokens[last + 1].norm in ("في", "مع"):
                nxt = view.tokens[last + 2]
                tail = next((m for m in view.places + view.actors if m.start == nxt.start or
                             (nxt.start <= m.start < nxt.end)), None)
                if tail is not None:
                    end = tail.end
            if last == cue.last_token and end == cue.end:
                continue  # a bare head ("الفصائل") names nobody
            view.actors.append(Mention(cue.start, end, text[cue.start:end], "ORG", text[cue.start:end],
                                       kind="group", source="phrase"))
        view.actors.sort(key=lambda m: m.start)


def tied_to(view: SentenceView, m: Mention) -> bool:
    """``m`` follows a tie ("مرتبطة ب", "على صلة ب", "موالية ل"), alone or in a list of such names."""
    first = view.token_index(m.start)
    for cue in view.cue_matches("link_attribution"):
        if not cue.last_token < first <= cue.last_token + 8:
            continue
        between = view.tokens[cue.last_token + 1: first]
        if all(t.norm in words("list_joiners") or _group_title(t.norm)
               or any(a.start < t.end and t.start < a.end for a in view.actors) for t in between):
            return True
    return False


def _group_title(norm: str) -> bool:
    """"تنظيم", "بتنظيم", "وجماعة": a head noun before a group's name, with or without a proclitic."""
    return any(rest in words("group_titles") for _, rest in stem_candidates(norm))


def investigates(view: SentenceView, m: Mention) -> bool:
    """``m`` looks into the act ("شرطة ويتشيتا تحقق في مقتل …"), it is not its doer."""
    first, last = view.token_index(m.start), view.token_index(m.end - 1)
    return any(0 < cue.first_token - last <= 2 and not cue.prefix.startswith("و")  # "… وتحقق في": another clause
               for cue in view.cue_matches("investigators")) or \
        any(first - cue.last_token == 1 for cue in view.cue_matches("investigate_verbs"))


def responds(view: SentenceView, m: Mention) -> bool:
    """``m`` is the force that stopped the attacker ("قبل أن تطلق الشرطة النار عليه"), not a doer."""
    first = view.token_index(m.start)
    return any(cue.last_token < first <= cue.last_token + 1 for cue in view.cue_matches("responders"))


def speaks_of_others(view: SentenceView, m: Mention) -> bool:
    """``m`` is the speaker of a report about somebody else: right after a verb of saying, and
    followed by a bare "أن"/"إن" ("وأضافت الشرطة أن أسلوب الهجوم …"), not by "إنه"/"إنها" that
    would make the speaker the subject of what it reports ("قال الجيش إنه قصف …")."""
    first, last = view.token_index(m.start), view.token_index(m.end - 1)
    if first == 0 or view.tokens[first - 1].norm.removeprefix("و") not in words("speech_verbs"):
        return False
    acts = {i for t in view.triggers for i in range(t.first_token, t.last_token + 1)}
    # a title or the setting may stand between commas: "قال مهدي الباهي، رئيس جمعية …، إن",
    # "وبين الباهي في تصريح لإذاعة محلية، أن"
    for i in range(last + 1, min(len(view.tokens), last + 1 + _SETTING)):
        if view.tokens[i].norm in words("that_words"):
            return i == last + 1 or view.tokens[i - 1].norm in _COMMAS
        if i in acts:
            return False
    return False


def _add_anaphora(views: list[SentenceView], text: str) -> None:
    """"التنظيم" / "الجماعة" after a named group → a mention of that group (same kb_id and name); not
    of a group named only as the one another is tied to ("الجماعة" after "جماعة نصرة الإسلام
    والمسلمين، المرتبطة بتنظيم القاعدة" is the first)."""
    last_group: Mention | None = None
    for view in views:
        added = []
        for cue in view.cue_matches("group_anaphora"):
            definite = cue.key.startswith("ال") or cue.prefix.endswith(("ال", "لل"))
            nxt = view.tokens[cue.last_token + 1].start if cue.last_token + 1 < len(view.tokens) else -1
            named_next = any(m.start == nxt and m.kind != "person" for m in view.actors)  # "الجماعة الحوثية"
            if not definite or named_next or any(m.start <= cue.start < m.end for m in view.actors):
                continue
            before = [m for m in view.actors if m.end <= cue.start and m.kind == "group" and m.kb_id
                      and not tied_to(view, m)]
            antecedent = before[-1] if before else last_group
            if antecedent is not None:
                added.append(Mention(cue.start, cue.end, cue.mention, antecedent.label, antecedent.name,
                                     antecedent.kb_id, antecedent.kind, antecedent.country, source="anaphora"))
        view.actors.extend(added)
        view.actors.sort(key=lambda m: m.start)
        named = [m for m in view.actors if m.kind == "group" and m.kb_id and not tied_to(view, m)]
        if named:
            last_group = named[-1]


def _add_surnames(views: list[SentenceView], text: str) -> None:
    """After "خالد مسعود" is named, a bare "مسعود" refers to the same person."""
    known: dict[str, Mention] = {}
    for view in views:
        added = []
        for tok in view.tokens:
            person = known.get(tok.norm) or known.get(tok.stem)
            if person is None or any(m.start <= tok.start < m.end for m in view.actors + view.places):
                continue
            start = tok.end - len(tok.text) if tok.norm in known else tok.end - len(_surface_stem(tok))
            added.append(Mention(start, tok.end, text[start:tok.end], person.label, person.name, person.kb_id,
                                 person.kind, person.country, source="surname"))
        view.actors.extend(added)
        view.actors.sort(key=lambda m: m.start)
        for m in view.actors:
            words = m.text.split()
            if m.is_person and len(words) >= 2 and m.source != "surname":
                surname = norm_key(words[-1])
                if len(surname) >= 3:
                    known[surname] = m


def _surface_stem(tok: Token) -> str:
    """The raw characters of the token after its proclitics ("لمسعود" → "مسعود")."""
    return tok.text[len(tok.text) - len(tok.stem):] if tok.prefix else tok.text
