"""Which pipeline made a record: the package version and a fingerprint of the code and data it ran.

The fingerprint hashes every file the extraction reads or runs — the text, nlp, extract and resolve
stages, ``pipeline.py``, ``model.py`` and the knowledge base (lexicons, gazetteer, actor lists,
trained models) — plus the pipeline options. A model or lexicon upgrade changes it, so
``marsad reprocess`` knows which stored records are stale; incident grouping is not part of it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import marsad
from marsad.pipeline import PipelineOptions

__all__ = ["pipeline_version"]

PACKAGE = Path(marsad.__file__).parent
_STAGES = ("text", "nlp", "extract", "resolve", "kb")
_FILES = ("pipeline.py", "model.py")
_NOT_EXTRACTION = {"resolve/incidents.py"}
_SKIP_DIRS = {"__pycache__", "build"}


def pipeline_version(options: PipelineOptions | None = None) -> str:
    """``"<package version>+<12 hex digits>"``, e.g. ``0.1.0+3f2a9c0d41be`` (``-noner`` without the tagger)."""
    options = options or PipelineOptions()
    suffix = "" if options.ner else "-noner"
    suffix += "-fullner" if options.full_ner else ""
    return f"{marsad.__version__}+{_fingerprint()[:12]}{suffix}"


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in _files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _files() -> list[Path]:
    found = [PACKAGE / name for name in _FILES]
    for stage in _STAGES:
        found += [p for p in (PACKAGE / stage).rglob("*") if p.is_file() and not _SKIP_DIRS & set(p.parts)
                  and p.relative_to(PACKAGE).as_posix() not in _NOT_EXTRACTION and p.suffix != ".pyc"]
    return sorted(found)
