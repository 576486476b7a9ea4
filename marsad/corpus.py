"""Run the pipeline over many documents: in this process or in worker processes, in input order.

Failure policy (a corpus run records and goes on): an :class:`~marsad.ingest.InputError` from the
readers, or an exception inside ``process`` for one document, becomes a :class:`Failure` in that
document's place — with the exception's type and message — and the run continues. A worker
process that dies takes the documents it held with it (each reported as a :class:`Failure`); a
fresh pool takes over the rest.

Parallel runs send chunks of documents to a ``concurrent.futures`` executor and keep only a few
chunks in flight, so memory stays flat however long the input is. :func:`map_outcomes` is the
seam for other executors (a Dask ``Client.get_executor()`` fits it): it takes any executor.
``process`` must be picklable for those runs (a module-level function); it loads its resources
lazily once per process, as :func:`marsad.pipeline.process` does.
"""

from __future__ import annotations

import pickle
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol, TextIO

from marsad import pipeline
from marsad.ingest import InputError
from marsad.model import Document, Result

__all__ = ["CorpusError", "Failure", "Outcome", "ProgressSink", "RunStats", "StderrProgress", "format_stats",
           "map_outcomes", "pipeline_for", "process_chunk", "process_function", "process_item", "run"]

Item = Document | InputError
ProcessFn = Callable[[Document], Result]
DEFAULT_CHUNKSIZE = 16
_MAX_MESSAGE = 500


class _Pipelines:
    """One pipeline per option set and process, so --no-ner does not load the tagger and workers load once."""

    def __init__(self) -> None:
        self._cache: dict[bool, pipeline.Pipeline] = {}

    def get(self, ner: bool) -> pipeline.Pipeline:
        if ner not in self._cache:
            self._cache[ner] = pipeline.Pipeline(pipeline.PipelineOptions(ner=ner))
        return self._cache[ner]


_PIPELINES = _Pipelines()


def pipeline_for(ner: bool) -> pipeline.Pipeline:
    """This process's pipeline with or without the NER tagger (loaded once)."""
    return _PIPELINES.get(ner)


def _process_with_ner(doc: Document) -> Result:
    return _PIPELINES.get(True)(doc)


def _process_without_ner(doc: Document) -> Result:
    return _PIPELINES.get(False)(doc)


def process_function(ner: bool) -> ProcessFn:
    """A module-level (picklable) process function for worker processes and Dask workers."""
    return _process_with_ner if ner else _process_without_ner


class CorpusError(ValueError):
    """A corpus run was set up wrongly (bad job count, a ``process`` that cannot go to workers)."""


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that yielded no result: where it came from and why, in one line.

    ``source`` is the input location for unreadable input (``"articles.jsonl:17"``) and the
    document id when ``process`` failed; ``doc_id`` is set when the document was read.
    """

    source: str
    message: str
    doc_id: str | None = None

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Outcome = Result | Failure


@dataclass(slots=True)
class RunStats:
    """Counts and time of a run; ``record`` each outcome, ``finish`` at the end."""

    ok: int = 0
    failed: int = 0
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    @property
    def documents(self) -> int:
        return self.ok + self.failed

    @property
    def rate(self) -> float:
        """Documents per second so far."""
        elapsed = self.seconds or time.perf_counter() - self.started
        return self.documents / elapsed if elapsed > 0 else 0.0

    def record(self, outcome: Outcome) -> None:
        if isinstance(outcome, Failure):
            self.failed += 1
        else:
            self.ok += 1

    def finish(self) -> RunStats:
        self.seconds = time.perf_counter() - self.started
        return self


class ProgressSink(Protocol):
    """Receives the running counts after each outcome, and once at the end."""

    def update(self, stats: RunStats) -> None: ...

    def close(self, stats: RunStats) -> None: ...


class _Silent:
    def update(self, stats: RunStats) -> None:
        pass

    def close(self, stats: RunStats) -> None:
        pass


class StderrProgress:
    """A one-line progress report on stderr, written at most every ``interval`` seconds.

    On a terminal the line is redrawn in place every 0.5 s and erased at the end (the caller prints
    its own summary from :class:`RunStats`); into a file or a pipe a new line is written every 10 s,
    so logs stay short.
    """

    def __init__(self, stream: TextIO | None = None, interval: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval = interval if interval is not None else (0.5 if self.tty else 10.0)
        self.clock = clock
        self._last = clock()
        self._drawn = False

    def update(self, stats: RunStats) -> None:
        now = self.clock()
        if now - self._last >= self.interval:
            self._last = now
            self._write(format_stats(stats))

    def close(self, stats: RunStats) -> None:
        if self.tty and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def _write(self, line: str) -> None:
        self.stream.write("\r" + line + "\x1b[K" if self.tty else line + "\n")
        self.stream.flush()
        self._drawn = True


def format_stats(stats: RunStats) -> str:
    """One line: documents, ok, failed, documents/s."""
    return (f"marsad: {stats.documents:,} documents, {stats.ok:,} ok, {stats.failed:,} failed, "
            f"{stats.rate:,.1f} documents/s")


def run(items: Iterable[Item], process: ProcessFn = pipeline.process, jobs: int = 1,
        progress: bool | ProgressSink = False, *, chunksize: int = DEFAULT_CHUNKSIZE,
        stats: RunStats | None = None) -> Iterator[Outcome]:
    """One :class:`~marsad.model.Result` or :class:`Failure` per item, in input order.

    ``jobs > 1`` runs ``process`` in that many worker processes, ``chunksize`` documents per task.
    ``progress``: True for :class:`StderrProgress`, False for silence, or any :class:`ProgressSink`.
    ``stats``, when given, is filled in as outcomes are yielded (finished when the run ends).
    """
    _check_counts(jobs=jobs, chunksize=chunksize)
    if jobs > 1:
        _check_picklable(process)
    sink = _sink(progress)
    return _tracked(_local(items, process) if jobs == 1 else _pooled(items, process, jobs, chunksize),
                    stats or RunStats(), sink)


def process_item(process: ProcessFn, item: Item) -> Outcome:
    """The result of one item, or its failure; an exception in ``process`` never escapes."""
    if isinstance(item, InputError):
        return Failure(item.source, item.message)
    try:
        result = process(item)
    except Exception as err:  # the batch failure policy: record the document and go on
        return Failure(item.id, _one_line(f"{type(err).__name__}: {err}"), doc_id=item.id)
    if not isinstance(result, Result):
        return Failure(item.id, f"process returned {type(result).__name__}, expected Result", doc_id=item.id)
    return result


def process_chunk(process: ProcessFn, chunk: list[Item]) -> list[Outcome]:
    """What a worker runs: one outcome per item of a chunk."""
    return [process_item(process, item) for item in chunk]


def map_outcomes(executor: Executor, items: Iterable[Item], process: ProcessFn = pipeline.process,
                 chunksize: int = DEFAULT_CHUNKSIZE, window: int = 8) -> Iterator[Outcome]:
    """Outcomes of ``items`` computed on ``executor``, in order, at most ``window`` chunks in flight.

    The seam for other executors (a Dask client's ``get_executor()``, a thread pool in tests). If
    the executor breaks, the documents it held are reported as failures and the rest is not run.
    """
    _check_counts(chunksize=chunksize, window=window)
    return _map_chunks(executor, _chunks(items, chunksize), process, window)


def _local(items: Iterable[Item], process: ProcessFn) -> Iterator[Outcome]:
    return (process_item(process, item) for item in items)


def _pooled(items: Iterable[Item], process: ProcessFn, jobs: int, chunksize: int) -> Iterator[Outcome]:
    chunks = _chunks(items, chunksize)
    broken = True
    while broken:  # a pool whose worker died is replaced; the chunks it held are reported as failures
        executor = ProcessPoolExecutor(max_workers=jobs)
        try:
            broken = yield from _map_chunks(executor, chunks, process, window=2 * jobs)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)


def _map_chunks(executor: Executor, chunks: Iterator[list[Item]], process: ProcessFn,
                window: int) -> Generator[Outcome, None, bool]:
    """Ordered outcomes; returns True (as the generator's value) when the executor broke."""
    pending: deque[tuple[Future[list[Outcome]], list[Item]]] = deque()
    for chunk in islice(chunks, window):
        pending.append((_submit(executor, process, chunk), chunk))
    while pending:
        future, chunk = pending.popleft()
        outcomes, broken = _chunk_outcomes(future, chunk)
        yield from outcomes
        if broken:
            for _, lost in pending:
                yield from _lost(lost, "its worker process died")
            return True
        pending.extend((_submit(executor, process, nxt), nxt) for nxt in islice(chunks, 1))
    return False


def _submit(executor: Executor, process: ProcessFn, chunk: list[Item]) -> Future[list[Outcome]]:
    """A future for the chunk; a pool already broken gives a future holding that error."""
    try:
        return executor.submit(process_chunk, process, chunk)
    except BrokenExecutor as err:
        failed: Future[list[Outcome]] = Future()
        failed.set_exception(err)
        return failed


def _chunk_outcomes(future: Future[list[Outcome]], chunk: list[Item]) -> tuple[list[Outcome], bool]:
    try:
        return future.result(), False
    except BrokenExecutor as err:
        return list(_lost(chunk, f"its worker process died ({type(err).__name__})")), True
    except Exception as err:  # e.g. a result that cannot be sent back: fail the chunk, keep going
        return list(_lost(chunk, _one_line(f"{type(err).__name__}: {err}"))), False


def _lost(chunk: list[Item], why: str) -> Iterator[Outcome]:
    for item in chunk:
        if isinstance(item, InputError):
            yield Failure(item.source, item.message)
        else:
            yield Failure(item.id, f"not processed: {why}", doc_id=item.id)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _tracked(outcomes: Iterator[Outcome], stats: RunStats, sink: ProgressSink) -> Iterator[Outcome]:
    stats.started = time.perf_counter()
    try:
        for outcome in outcomes:
            stats.record(outcome)
            sink.update(stats)
            yield outcome
    finally:
        stats.finish()
        sink.close(stats)


def _sink(progress: bool | ProgressSink) -> ProgressSink:
    if progress is True:
        return StderrProgress()
    return _Silent() if progress is False else progress


def _check_counts(**counts: int) -> None:
    bad = {name: value for name, value in counts.items() if value < 1}
    if bad:
        given = ", ".join(f"{name}={value}" for name, value in bad.items())
        raise CorpusError(f"{' and '.join(bad)} must be at least 1 (got {given})")


def _check_picklable(process: ProcessFn) -> None:
    try:
        pickle.dumps(process)
    except (pickle.PicklingError, AttributeError, TypeError) as err:
        raise CorpusError(f"process {process!r} cannot be sent to worker processes ({err}); "
                          "use a module-level function, or jobs=1") from err


def _one_line(message: str) -> str:
    line = " ".join(message.split())
    return line if len(line) <= _MAX_MESSAGE else line[: _MAX_MESSAGE - 1] + "…"
