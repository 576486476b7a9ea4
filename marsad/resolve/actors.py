"""The actor knowledge base: aliases → canonical actors, with renames, parents and roles.

Loaded once from ``kb/actors.yaml`` (built by ``kb/build/build_actors.py``). Mentions are found
with the clitic-aware phrase matcher ("وداعش", "لأنصار بيت المقدس"); aliases marked ambiguous
(القاعدة is also a military base, النصرة also "support") are matched only in their longer forms,
or right after a group's head noun ("تنظيم أنصار الشريعة").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from marsad.extract.lexicon import is_one_of
from marsad.model import Mention, Token
from marsad.text.matcher import PhraseMatcher
from marsad.text.normalize import norm_key

__all__ = ["ActorEntry", "ActorMention", "ActorKB", "default_kb", "full_person_names"]


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    kind: str
    name_en: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    allegiance: str | None = None
    renamed_to: str | None = None
    renamed_from: str | None = None
    rename_date: str | None = None
    roles: tuple[tuple[str, str], ...] = ()
    source: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    mention: str
    entry: ActorEntry | None  # None: a group's name that several entries share
    introduced: bool = False  # an ambiguous name read as a group's after a group's head noun ("تنظيم")


def _entry(obj: dict[str, Any]) -> ActorEntry:
    renamed = obj.get("renamed_to") or obj.get("renamed_from") or {}
    return ActorEntry(
        id=obj["id"], name=obj["name"], kind=obj.get("kind", "group"), name_en=obj.get("name_en"),
        country=obj.get("country"), aliases=tuple(obj.get("aliases", [])), parent=obj.get("parent"),
        allegiance=(obj.get("allegiance") or {}).get("id"),
        renamed_to=(obj.get("renamed_to") or {}).get("id"), renamed_from=(obj.get("renamed_from") or {}).get("id"),
        rename_date=str(renamed.get("date")) if renamed.get("date") else None,
        roles=tuple((r["type"], r["id"]) for r in obj.get("roles", [])),
        source=tuple(obj.get("source", [])),
    )


class ActorKB:
    def __init__(self, entries: Sequence[ActorEntry], ambiguous: dict[str, set[str]]) -> None:
        self._by_id = {e.id: e for e in entries}
        phrases: list[tuple[str, ActorEntry]] = []
        for entry in entries:
            skip = {norm_key(a) for a in ambiguous.get(entry.id, set())}
            phrases.extend((alias, entry) for alias in (entry.name, *entry.aliases) if norm_key(alias) not in skip)
        self._matcher: PhraseMatcher[ActorEntry] = PhraseMatcher(phrases, min_chars=3)
        self._all: PhraseMatcher[ActorEntry] = PhraseMatcher(
            [(a, e) for e in entries for a in (e.name, *e.aliases)], min_chars=3)
        self._ambiguous: PhraseMatcher[ActorEntry] = PhraseMatcher(
            [(a, e) for e in entries for a in ambiguous.get(e.id, set())], min_chars=3)
        self._ambiguous_keys = frozenset(norm_key(a) for names in ambiguous.values() for a in names)

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActorKB:
        text = Path(path).read_text(encoding="utf-8") if path else \
            resources.files("marsad.kb").joinpath("actors.yaml").read_text(encoding="utf-8")
        raw = yaml.safe_load(text)["actors"]
        return cls([_entry(a) for a in raw], {a["id"]: set(a.get("ambiguous", [])) for a in raw})

    def __len__(self) -> int:
        return len(self._by_id)

    def find(self, text: str, tokens: Sequence[Token]) -> list[ActorMention]:
        """Actor mentions among ``tokens`` (one sentence), longest first, raw offsets. An ambiguous name
        written as listed, right after a group's head noun ("تنظيم أنصار الشريعة"; ``group_titles``), is a group:
        the entry's when one entry has that name, else a group of no entry."""
        found = [ActorMention(m.start, m.end, m.mention, self._best(m.payloads))
                 for m in self._matcher.find(text, tokens)]
        for m in self._ambiguous.find(text, tokens):
            if m.first_token == 0 or m.prefix or m.key not in self._ambiguous_keys or \
                    not is_one_of(tokens[m.first_token - 1], "group_titles") or \
                    any(f.start < m.end and m.start < f.end for f in found):
                continue
            entries = set(m.payloads)
            found.append(ActorMention(m.start, m.end, m.mention, entries.pop() if len(entries) == 1 else None,
                                      introduced=True))
        return sorted(found, key=lambda f: f.start)

    def lookup(self, name: str) -> ActorEntry | None:
        hits = self._all.lookup(name)
        return self._best(hits) if hits else None

    def get(self, actor_id: str) -> ActorEntry | None:
        return self._by_id.get(actor_id)

    def current_name(self, entry: ActorEntry, date: str | None = None) -> ActorEntry:
        """Follow renames ("أنصار بيت المقدس" → "ولاية سيناء") up to ``date`` (ISO, or now)."""
        seen = {entry.id}
        while entry.renamed_to and entry.renamed_to in self._by_id:
            if date and entry.rename_date and date < entry.rename_date:
                break
            entry = self._by_id[entry.renamed_to]
            if entry.id in seen:
                break
            seen.add(entry.id)
        return entry

    def parents(self, entry: ActorEntry) -> list[ActorEntry]:
        out: list[ActorEntry] = []
        while entry.parent and entry.parent in self._by_id and len(out) < 8:
            entry = self._by_id[entry.parent]
            out.append(entry)
        return out

    @staticmethod
    def _best(entries: Sequence[ActorEntry]) -> ActorEntry:
        """Among entries sharing an alias, prefer named groups over generic ones."""
        return min(entries, key=lambda e: (e.id.startswith("state-generic") or e.id == "coalition", e.id))


@lru_cache(maxsize=1)
def default_kb() -> ActorKB:
    return ActorKB.load()


def full_person_names(mentions: Sequence[Mention]) -> list[Mention]:
    """A person named again by the end of his name ("مسعود" after "خالد مسعود") takes the full name
    (and the knowledge base's entry) of the one person of the document whose name ends so. Two people
    sharing that last name leave it as written."""
    full: dict[str, set[tuple[str, str | None]]] = {}
    for m in (m for m in mentions if m.is_person):
        words = norm_key(m.name).split()
        for k in range(1, len(words)):
            full.setdefault(" ".join(words[-k:]), set()).add((m.name, m.kb_id))
    out = []
    for m in mentions:
        names = full.get(norm_key(m.name), set()) if m.is_person else set()
        if len(names) == 1:
            name, kb_id = next(iter(names))
            m = replace(m, name=name, kb_id=m.kb_id or kb_id)
        out.append(m)
    return out
