"""Person names of the form "أبو X" (a kunya), which the NER tagger often cuts or misses.

Leaders and fighters of armed groups are named in the news by their kunya, often with a nisba
(an adjective of origin): "أبو حمزة التونسي", "أبو براء العراقي", "أبو محمد العدناني". The tagger,
trained on older news, finds some of them whole, some cut ("أبو حمزة") and some not at all. A kunya
is "أبو", "أبي" or "أبا" (a proclitic "و", "ل" or "ب" may be written on it), then one word, then a
nisba if one follows ("ال…ي"). Known names (a place such as "أبو غريب", a group such as "جماعة أبو
سياف") are matched before and win; this module only proposes the spans.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.model import Entity, Token
from marsad.text.normalize import normalize

__all__ = ["kunya_names"]

_FATHER = frozenset({"ابو", "ابي", "ابا"})
_FATHER_ENDS = tuple(_FATHER)
_PROCLITICS = ("", "و", "ل", "ب", "وب", "ول", "ف")


def kunya_names(text: str, tokens: Sequence[Token], entities: Sequence[Entity]) -> list[Entity]:
    """``entities`` with every kunya of ``tokens`` as a PERS entity: a tagger entity inside or
    overlapping a kunya is replaced by it (a longer tagger name that starts with it is kept)."""
    spans = []
    for i, tok in enumerate(tokens[:-1]):
        skip = _kunya_start(tok)
        nxt = tokens[i + 1]
        if skip is None or nxt.sentence != tok.sentence or not _is_word(nxt.norm) or nxt.norm in _FATHER:
            continue
        end = nxt.end
        if i + 2 < len(tokens) and tokens[i + 2].sentence == tok.sentence and _is_nisba(tokens[i + 2].norm):
            end = tokens[i + 2].end
        spans.append((tok.start + skip, end))
    if not spans:
        return list(entities)
    out = [e for e in entities if not any(e.start < end and start < e.end and not (e.label == "PERS" and e.start <= start and e.end >= end)
                                         for start, end in spans)]
    for start, end in spans:
        if not any(e.start <= start and e.end >= end for e in out if e.label == "PERS"):
            out.append(Entity("PERS", start, end, text[start:end]))
    return sorted(out, key=lambda e: e.start)


def _kunya_start(tok: Token) -> int | None:
    """Where "أبو" starts in the token's raw text (after any proclitics), if the token is one."""
    if not tok.norm.endswith(_FATHER_ENDS):
        return None
    for prefix in _PROCLITICS:
        if tok.norm.startswith(prefix) and tok.norm[len(prefix):] in _FATHER:
            return normalize(tok.text).to_raw[len(prefix)]
    return None


def _is_word(norm: str) -> bool:
    return len(norm) >= 2 and norm.isalpha()


def _is_nisba(norm: str) -> bool:
    """"التونسي", "العراقي", "المهاجر" is not one: an adjective of origin ends in ي."""
    return norm.startswith("ال") and norm.endswith("ي") and len(norm) >= 5 and norm.isalpha()
