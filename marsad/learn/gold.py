"""Gold files (SPEC "Gold files") read for learning: events with their anchor spans, relations.

Anchor spans are found exactly as the official scorer finds them (the ``anchor_occurrence``-th
occurrence of each anchor string), so what the models learn is what the scorer rewards.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["GoldEvent", "gold_events", "read_gold", "overlap", "norm_name", "names_match", "date_matches"]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    index: int
    spans: tuple[tuple[int, int], ...]
    types: tuple[str, ...]
    optional: bool
    record: dict[str, Any]

    @property
    def background(self) -> bool:
        return bool(self.record.get("background"))

    def overlap(self, start: int, end: int) -> int:
        return max((overlap(span, (start, end)) for span in self.spans), default=0)


def read_gold(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def gold_events(record: dict[str, Any]) -> list[GoldEvent]:
    text = record["text"]
    out = []
    for i, ev in enumerate(record.get("events", [])):
        anchors = ev["anchor"] if isinstance(ev["anchor"], list) else [ev["anchor"]]
        spans = tuple(_anchor_span(text, a, int(ev.get("anchor_occurrence", 1))) for a in anchors)
        out.append(GoldEvent(i, spans, tuple(ev["event_type"]), bool(ev.get("optional")), ev))
    return out


def _anchor_span(text: str, anchor: str, occurrence: int) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(anchor, pos + 1)
        if pos < 0:
            raise ValueError(f"anchor not found in text: {anchor[:60]!r}")
    return pos, pos + len(anchor)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_PREFIXES = ("تنظيم ", "جماعة ", "حركة ")


def norm_name(name: str | None) -> str:
    """A name as the official scorer compares names (SPEC "Normalisation for name comparison")."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKC", name)
    s = _DIACRITICS.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    s = re.sub(r"[«»\"'“”()\[\]]", " ", s)
    s = re.sub(r"\s+", " ", s).strip().lower()
    for prefix in _PREFIXES:
        if s.startswith(prefix):
            s = s[len(prefix):]
    if s.startswith("ال") and len(s) > 4:
        s = s[2:]
    return s


def names_match(names: Iterable[str | None], gold: Iterable[str] | None) -> bool:
    wanted = {norm_name(g) for g in gold or []} - {""}
    return bool({norm_name(n) for n in names} & wanted)


def date_matches(value: str | None, gold: str | list[str] | None) -> bool:
    """The scorer's date rule: the value truncated to the gold precision equals the gold."""
    if not value or not gold:
        return False
    return any(value[: len(g)] == g and len(value) >= len(g) for g in (gold if isinstance(gold, list) else [gold]))
