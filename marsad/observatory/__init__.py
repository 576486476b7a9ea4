"""From extractor to observatory: ingest sources into the store, re-extract, group incidents.

This layer joins :mod:`marsad.ingest`, :mod:`marsad.pipeline` (through :mod:`marsad.corpus`) and
:mod:`marsad.store`, as ARCHITECTURE.md puts ``corpus``; the command line and the exports sit on top.

>>> from marsad.store import open_store
>>> from marsad.observatory import ingest
>>> report = ingest(open_store("marsad.db"), ["articles.jsonl.gz"])   # doctest: +SKIP
>>> report.input == report.stored + report.duplicates + report.failures   # doctest: +SKIP
True
"""

from marsad.observatory.engines import EngineError, EngineOptions
from marsad.observatory.incidents import rebuild_incidents
from marsad.observatory.run import IngestReport, IngestRunOptions, ingest
from marsad.observatory.version import pipeline_version

__all__ = ["EngineError", "EngineOptions", "IngestReport", "IngestRunOptions", "ingest", "pipeline_version",
           "rebuild_incidents"]
