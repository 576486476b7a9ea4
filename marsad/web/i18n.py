"""The dashboard's words in Arabic (default) and English, read once from the data files.

Messages live in ``messages.yaml`` beside this module; the names of the SPEC codes come from
:mod:`marsad.vocabulary`, which the exports read too.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from marsad.vocabulary import LANGUAGES, vocabularies

__all__ = ["LANGUAGES", "Words", "words"]

HERE = Path(__file__).parent


@functools.lru_cache(maxsize=1)
def _messages() -> dict[str, dict[str, str]]:
    with (HERE / "messages.yaml").open(encoding="utf-8") as handle:
        data: dict[str, dict[str, str]] = yaml.safe_load(handle)
    return data


@dataclass(frozen=True, slots=True)
class Words:
    """The words of one language: ``t('nav_map')`` and ``code('event_type', 'battles')``."""

    lang: str

    @property
    def dir(self) -> str:
        return "rtl" if self.lang == "ar" else "ltr"

    def t(self, key: str) -> str:
        return _messages()[self.lang].get(key, key)

    def code(self, vocabulary: str, value: Any) -> str:
        if value is None:
            return ""
        names = vocabularies().get(vocabulary, {}).get(str(value))
        return names[LANGUAGES.index(self.lang)] if names else str(value)

    def codes(self, vocabulary: str) -> dict[str, str]:
        return {key: self.code(vocabulary, key) for key in vocabularies().get(vocabulary, {})}

    def all(self) -> dict[str, str]:
        """Every message, and every code as ``vocabulary:code`` (what the pages' scripts read)."""
        out = dict(_messages()[self.lang])
        for vocabulary in vocabularies():
            out |= {f"{vocabulary}:{code}": name for code, name in self.codes(vocabulary).items()}
        return out


def words(lang: str | None) -> Words:
    return Words(lang if lang in LANGUAGES else "ar")
