"""The extractor's lexicons (``kb/lexicons/triggers.yaml`` and ``cues.yaml``), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from marsad.model import Token
from marsad.text.matcher import PhraseMatcher
from marsad.text.normalize import norm_key
from marsad.text.segment import stem_candidates

__all__ = ["TriggerClass", "Lexicons", "lexicons", "words", "is_one_of"]


@dataclass(frozen=True, slots=True)
class TriggerClass:
    name: str
    event_type: str
    sub_event_type: str
    attack_type: str | None
    weapon_type: str | None
    method: str | None
    priority: int
    context: bool = False
    kill: bool = False
    patient: bool = False  # its verbal noun takes the victim as genitive: "اغتيال قائد الشرطة"
    accidental: bool = False  # its words also report deaths and blasts nobody caused ("مقتل 99 جراء ثوران بركان")


@dataclass(frozen=True, slots=True)
class Lexicons:
    triggers: PhraseMatcher[TriggerClass]
    cues: PhraseMatcher[str]
    claim_modes: PhraseMatcher[str]
    classes: dict[str, TriggerClass]


def _load_yaml(name: str) -> Any:
    text = resources.files("marsad.kb").joinpath(f"lexicons/{name}").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    classes: dict[str, TriggerClass] = {}
    trigger_entries: list[tuple[str, TriggerClass]] = []
    for name, spec in _load_yaml("triggers.yaml")["classes"].items():
        cls = TriggerClass(
            name=name, event_type=spec["event_type"], sub_event_type=spec["sub_event_type"],
            attack_type=spec.get("attack_type"), weapon_type=spec.get("weapon_type"),
            method=spec.get("method"), priority=int(spec["priority"]),
            context=bool(spec.get("context")), kill=bool(spec.get("kill")), patient=bool(spec.get("patient")),
            accidental=bool(spec.get("accidental")),
        )
        classes[name] = cls
        trigger_entries.extend((form, cls) for form in spec["forms"])
    cues_spec = _load_yaml("cues.yaml")
    modes = cues_spec.pop("claim_modes")
    cue_entries = [(phrase, list_name) for list_name, phrases in cues_spec.items() for phrase in phrases]
    mode_entries = [(phrase, mode) for mode, phrases in modes.items() for phrase in phrases]
    return Lexicons(
        triggers=PhraseMatcher(trigger_entries, enclitics=True),
        cues=PhraseMatcher(cue_entries),
        claim_modes=PhraseMatcher(mode_entries),
        classes=classes,
    )


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    return {name: frozenset(norm_key(str(w)) for w in items)
            for name, items in _load_yaml("function_words.yaml").items()}


def words(name: str) -> frozenset[str]:
    """A closed-class word list of ``kb/lexicons/function_words.yaml``, normalised."""
    return _function_words()[name]


def is_one_of(tok: Token, list_name: str) -> bool:
    """The word, with or without its proclitics ("لنظام", "ومنذ"), is in the word list."""
    return any(rest in words(list_name) for _, rest in stem_candidates(tok.norm))
