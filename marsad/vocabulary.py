"""The names of the SPEC codes (event types, sub-types, certainty, roles, …) in Arabic and English.

One data file, ``vocabulary.yaml`` (``code: [Arabic, English]`` under each vocabulary), read once:
the dashboard shows these names and the ACLED export writes the English event types and sub-types.
"""

from __future__ import annotations

import functools
from importlib.resources import files

import yaml

__all__ = ["LANGUAGES", "names", "vocabularies"]

LANGUAGES = ("ar", "en")


@functools.lru_cache(maxsize=1)
def vocabularies() -> dict[str, dict[str, list[str]]]:
    """Vocabulary → code → ``[Arabic, English]``, in the file's order."""
    text = files("marsad").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    data: dict[str, dict[str, list[str]]] = yaml.safe_load(text)
    return data


def names(vocabulary: str, lang: str) -> dict[str, str]:
    """Code → name in ``lang`` (``ar`` or ``en``) for one vocabulary."""
    column = LANGUAGES.index(lang)
    return {code: pair[column] for code, pair in vocabularies()[vocabulary].items()}
