"""Where extraction runs: in this process, in worker processes, or on a Dask cluster (local or remote).

Every engine maps documents to outcomes in input order through :mod:`marsad.corpus`, with the same
module-level process function, so every engine gives the same records. Only extraction leaves the
main process; reading, near-duplicate checks, store writes and incidents stay central.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from marsad import corpus
from marsad.corpus import Outcome
from marsad.model import Document
from marsad.pipeline import PipelineOptions

__all__ = ["ENGINES", "EngineError", "EngineOptions", "open_engine"]

ENGINES = ("local", "dask")
Runner = Callable[[Iterable[Document]], Iterator[Outcome]]


class EngineError(ValueError):
    """An engine that cannot start (Dask missing, a scheduler that does not answer, bad counts)."""


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """``engine``: ``local`` (``jobs`` worker processes; 1 = this process) or ``dask`` (a cluster at
    ``scheduler``, or ``workers`` local worker processes). ``ner``: run the neural tagger."""

    engine: str = "local"
    jobs: int = 1
    workers: int | None = None
    scheduler: str | None = None
    ner: bool = True
    chunksize: int = corpus.DEFAULT_CHUNKSIZE

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise EngineError(f"unknown engine {self.engine!r}; give one of {', '.join(ENGINES)}")
        if self.jobs < 1 or self.chunksize < 1 or (self.workers is not None and self.workers < 1):
            raise EngineError("jobs, workers and chunk size must be at least 1")
        if self.engine == "local" and (self.workers is not None or self.scheduler):
            raise EngineError("--workers and --scheduler are for --engine dask")
        if self.scheduler and self.workers is not None:
            raise EngineError("give either --scheduler (an existing cluster) or --workers (a local one), not both")

    @property
    def pipeline_options(self) -> PipelineOptions:
        return PipelineOptions(ner=self.ner)


@contextmanager
def open_engine(options: EngineOptions) -> Iterator[Runner]:
    """A function from documents to outcomes (in order) on the chosen engine; closed at the end."""
    process = corpus.process_function(options.ner)
    if options.engine == "local":
        yield lambda docs: corpus.run(docs, process=process, jobs=options.jobs, chunksize=options.chunksize)
        return
    with _dask_client(options) as (client, workers):
        executor = client.get_executor()
        yield lambda docs: corpus.map_outcomes(executor, docs, process, chunksize=options.chunksize,
                                               window=max(2, 2 * workers))


@contextmanager
def _dask_client(options: EngineOptions) -> Iterator[tuple[Any, int]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise EngineError("the Dask engine needs dask[distributed]: pip install 'dask[distributed]'") from err
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise EngineError(f"no Dask scheduler answers at {options.scheduler} ({err})") from err
        with client:
            yield client, max(1, len(client.scheduler_info().get("workers", {})))
        return
    workers = options.workers or 2
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client, workers
