"""Group names the knowledge base does not know, read from how the text writes them.

Arabic news often quotes the name of a group it introduces: ما يسمى "مجلس شورى المجاهدين"،
“غرفة عمليات حلب” التي تضم …. A quoted phrase of one to six words is a group's name when it opens
with a word that heads group names ("مجلس", "غرفة", "جيش", …) or follows a word that introduces one
("شبكة", "جماعة", …). A person's name right after such a head names a group after that person
("حركة نور الدين الزنكي", "كتائب عبد الله عزام"). The word lists are data
(``kb/lexicons/quoted_names.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import yaml

from marsad.model import Mention, Token
from marsad.text.normalize import norm_key, normalize
from marsad.text.segment import stem_candidates

__all__ = ["quoted_groups", "groups_named_after_people", "group_head_clitics"]

_QUOTED = re.compile(r"«([^«»\n]{2,80})»|“([^“”\n]{2,80})”|\"([^\"\n]{2,80})\"")
_MAX_WORDS = 6


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    raw = resources.files("marsad.kb").joinpath("lexicons/quoted_names.yaml").read_text(encoding="utf-8")
    return {name: frozenset(norm_key(w) for w in words) for name, words in yaml.safe_load(raw).items()}


def group_head_clitics(word: str) -> str | None:
    """The proclitics (article excluded) written on a word that heads group names: "" for "منظمة"
    and "المجلس", "ل" for "لمنظمة"; None when the word heads none."""
    return _clitics(norm_key(word), _lists()["heads"])


def _is_one_of(word: str, words: frozenset[str]) -> bool:
    """``word`` (normalised), with any proclitics and article, is one of ``words``."""
    return _clitics(word, words) is not None


def _clitics(word: str, words: frozenset[str]) -> str | None:
    """The proclitics (article excluded) before the one of ``words`` that ``word`` is, if any."""
    for prefix, rest in stem_candidates(word):
        if rest in words:
            return prefix[:-2] if prefix.endswith("ال") else prefix
    return None


def quoted_groups(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Quoted group names in ``text[start:end]``, as mentions with raw offsets (the quotes left out)."""
    heads, before = _lists()["heads"], _lists()["before"]
    out = []
    for m in _QUOTED.finditer(text, start, len(text) if end is None else end):
        group = next(i for i in (1, 2, 3) if m.group(i) is not None)
        inner = m.group(group)
        lead = len(inner) - len(inner.lstrip())
        name = inner.strip()
        words = norm_key(name).split()
        if not words or len(words) > _MAX_WORDS or not all(w[:1].isalpha() for w in words):
            continue
        preceding = norm_key(text[max(0, m.start() - 30):m.start()]).split()
        if not (_is_one_of(words[0], heads) or (preceding and _is_one_of(preceding[-1], before))):
            continue
        s = m.start(group) + lead
        out.append(Mention(s, s + len(name), name, "ORG", name, kind="group", source="quoted"))
    return out


def groups_named_after_people(text: str, tokens: Sequence[Token], people: Sequence[Mention]) -> list[Mention]:
    """Group mentions for the person names (``people``) that follow a head of group names in
    ``tokens``; the mention spans the head and the name ("حركة نور الدين الزنكي")."""
    heads = _lists()["heads"]
    starts = {t.start: i for i, t in enumerate(tokens)}
    out = []
    for person in people:
        i = starts.get(person.start)
        clitics = _clitics(tokens[i - 1].norm, heads) if i else None
        if i is None or clitics is None:
            continue
        head = tokens[i - 1]
        s = head.start + normalize(head.text).to_raw[len(clitics)]
        name = text[s:person.end]
        out.append(Mention(s, person.end, name, "ORG", name, kind="group", source="named_after_person"))
    return out
