"""Noise detection: spans over scraping leftovers, never deletions.

Shortcodes, HTML tags and entities (``&nbsp;``, ``&4``), URLs and "اقرأ أيضا" boilerplate lines
become :class:`~marsad.model.Span` objects labelled with the pattern name; later stages skip
them (sentences are cut around them). Patterns live in ``kb/lexicons/noise.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex
import yaml

from marsad.model import Span

__all__ = ["noise_spans"]


@dataclass(frozen=True, slots=True)
class _Pattern:
    name: str
    compiled: regex.Pattern[str]
    line: bool


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Pattern, ...]:
    raw = resources.files("marsad.kb").joinpath("lexicons/noise.yaml").read_text(encoding="utf-8")
    out = []
    for item in yaml.safe_load(raw)["patterns"]:
        flags = regex.MULTILINE | regex.DOTALL if item.get("line") or "<!--" in item["regex"] else 0
        out.append(_Pattern(item["name"], regex.compile(item["regex"], flags), bool(item.get("line"))))
    return tuple(out)


def noise_spans(text: str) -> list[Span]:
    """Sorted, non-overlapping noise spans of ``text``."""
    found: list[Span] = []
    for pattern in _patterns():
        for m in pattern.compiled.finditer(text):
            end = text.find("\n", m.start()) if pattern.line else m.end()
            found.append(Span(m.start(), len(text) if end < 0 else end, pattern.name))
    return _merge(found)


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and span.start < out[-1].end:
            if span.end > out[-1].end:
                out[-1] = Span(out[-1].start, span.end, out[-1].label)
            continue
        out.append(span)
    return out
