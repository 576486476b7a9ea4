"""Corpus runs: failures recorded per document, order kept across worker processes, progress, stats."""

from __future__ import annotations

import io
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from marsad import model
from marsad.corpus import CorpusError, Failure, RunStats, StderrProgress, map_outcomes, run
from marsad.ingest import InputError, iter_documents
from marsad.model import Document, Result

SAMPLES = Path(model.__file__).parent / "samples" / "sample.jsonl"
TEXT = "انفجرت عبوة ناسفة قرب سوق شعبي في المدينة."


# Real process functions (module level, so worker processes can receive them).

def echo(doc: Document) -> Result:
    """A Result whose id is the document's; slower for even numbers so workers finish out of order."""
    if doc.id.endswith(("0", "2", "4", "6", "8")):
        time.sleep(0.002)
    return Result(id=doc.id)


def fails_on_bad(doc: Document) -> Result:
    if "bad" in doc.id:
        raise ValueError(f"cannot handle {doc.id}\nsecond line of the message")
    return Result(id=doc.id)


def returns_wrong_type(doc: Document) -> Result:
    return doc.id  # type: ignore[return-value]


def dies_on_crash(doc: Document) -> Result:
    if doc.id == "crash":
        os._exit(3)  # a worker killed mid-document (out of memory, a crash in native code)
    return Result(id=doc.id)


def docs(*ids: str) -> list[Document]:
    return [Document(id=i, text=TEXT) for i in ids]


class RecordingSink:
    """A progress sink that keeps what it was told."""

    def __init__(self) -> None:
        self.updates: list[int] = []
        self.closed_with: tuple[int, int] | None = None

    def update(self, stats: RunStats) -> None:
        self.updates.append(stats.documents)

    def close(self, stats: RunStats) -> None:
        self.closed_with = (stats.ok, stats.failed)


def test_an_exception_in_process_becomes_a_failure_and_the_batch_goes_on() -> None:
    outcomes = list(run(docs("a", "bad-1", "c"), process=fails_on_bad))
    assert [type(o).__name__ for o in outcomes] == ["Result", "Failure", "Result"]
    failure = outcomes[1]
    message = "ValueError: cannot handle bad-1 second line of the message"  # one line, whatever the error
    assert failure == Failure("bad-1", message, doc_id="bad-1")


def test_input_errors_become_failures_in_place() -> None:
    items: list[Document | InputError] = [*docs("a"), InputError("feed.jsonl:2", "not valid JSON"),
                                          *docs("c")]
    outcomes = list(run(items, process=echo))
    assert outcomes[1] == Failure("feed.jsonl:2", "not valid JSON")
    assert [o.id for o in outcomes if isinstance(o, Result)] == ["a", "c"]


def test_a_process_returning_something_else_is_a_failure() -> None:
    (outcome,) = run(docs("a"), process=returns_wrong_type)
    assert isinstance(outcome, Failure)
    assert "expected Result" in outcome.message


def test_two_worker_processes_keep_the_input_order() -> None:
    ids = [f"doc-{i}" for i in range(60)]
    bad = InputError("x.jsonl:31", "broken")
    items: list[Document | InputError] = [*docs(*ids[:30]), bad, *docs(*ids[30:])]
    outcomes = list(run(items, process=echo, jobs=2, chunksize=4))
    names = [o.id if isinstance(o, Result) else o.source for o in outcomes]
    assert names == [*ids[:30], "x.jsonl:31", *ids[30:]]


def test_failures_inside_workers_are_captured() -> None:
    outcomes = list(run(docs("a", "bad-b", "c", "d"), process=fails_on_bad, jobs=2, chunksize=1))
    assert [isinstance(o, Failure) for o in outcomes] == [False, True, False, False]
    assert outcomes[1].message.startswith("ValueError: cannot handle bad-b")  # type: ignore[union-attr]


def test_a_dead_worker_fails_its_documents_and_a_fresh_pool_does_the_rest() -> None:
    ids = ["a", "b", "crash", *(f"late-{i}" for i in range(12))]
    outcomes = list(run(docs(*ids), process=dies_on_crash, jobs=2, chunksize=1))
    assert len(outcomes) == len(ids)
    crash = outcomes[2]
    assert isinstance(crash, Failure) and "worker process died" in crash.message
    assert isinstance(outcomes[-1], Result) and outcomes[-1].id == "late-11"


def test_a_process_that_cannot_go_to_workers_is_refused_up_front() -> None:
    with pytest.raises(CorpusError, match="module-level function"):
        run(docs("a"), process=lambda doc: Result(id=doc.id), jobs=2)


@pytest.mark.parametrize(("jobs", "chunksize", "named"), [(0, 16, "jobs=0"), (1, 0, "chunksize=0")])
def test_bad_job_counts_are_refused(jobs: int, chunksize: int, named: str) -> None:
    with pytest.raises(CorpusError, match=f"must be at least 1 \\(got {named}\\)"):
        run([], process=echo, jobs=jobs, chunksize=chunksize)


def test_map_outcomes_refuses_an_empty_window() -> None:
    with ThreadPoolExecutor(max_workers=1) as executor, pytest.raises(CorpusError, match="window=0"):
        map_outcomes(executor, docs("a"), process=echo, window=0)


def test_stats_and_progress_sink_follow_the_run() -> None:
    stats, sink = RunStats(), RecordingSink()
    outcomes = list(run(docs("a", "bad-b", "c"), process=fails_on_bad, progress=sink, stats=stats))
    assert len(outcomes) == 3
    assert (stats.documents, stats.ok, stats.failed) == (3, 2, 1)
    assert stats.seconds > 0
    assert sink.updates == [1, 2, 3]
    assert sink.closed_with == (2, 1)


def test_stderr_progress_reports_counts_and_rate() -> None:
    stream = io.StringIO()
    list(run(docs("a", "bad-b"), process=fails_on_bad, progress=StderrProgress(stream, interval=0)))
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("marsad: 2 documents, 1 ok, 1 failed,")
    assert lines[-1].endswith("documents/s")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_stderr_progress_is_throttled_and_erased_on_a_terminal() -> None:
    terminal, clock = Terminal(), ManualClock()
    progress = StderrProgress(terminal, clock=clock)
    stats = RunStats(ok=3)
    progress.update(stats)  # too soon: nothing drawn
    assert terminal.getvalue() == ""
    clock.now = 0.6
    progress.update(stats)
    clock.now = 0.7
    progress.update(stats)  # within 0.5 s of the last line: skipped
    assert terminal.getvalue().count("\r") == 1 and "3 documents, 3 ok, 0 failed" in terminal.getvalue()
    progress.close(stats)
    assert terminal.getvalue().endswith("\r\x1b[K")


def test_no_progress_is_silent(capsys: pytest.CaptureFixture[str]) -> None:
    list(run(docs("a", "b"), process=echo))
    assert capsys.readouterr().err == ""


def test_map_outcomes_takes_any_executor() -> None:
    ids = [f"t{i}" for i in range(25)]
    with ThreadPoolExecutor(max_workers=3) as executor:
        outcomes = list(map_outcomes(executor, docs(*ids), process=echo, chunksize=2, window=3))
    assert [o.id for o in outcomes if isinstance(o, Result)] == ids


def test_samples_are_well_formed_spec_input() -> None:
    records = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6
    for record in records:
        assert set(record) == {"id", "title", "published", "outlet", "text"}
        assert record["outlet"] == "Marsad sample"
        assert 4 <= len(record["text"].splitlines()) <= 8
    texts = "\n".join(r["text"] for r in records)
    assert "&nbsp;" in texts and '[gallery ids="1,2"]' in texts and "اقرأ أيضا:" in texts


def test_the_real_pipeline_over_the_samples() -> None:
    items = list(iter_documents([str(SAMPLES)]))
    assert all(isinstance(i, Document) for i in items)
    stats = RunStats()
    outcomes = list(run(items, stats=stats))
    assert stats.failed == 0, [str(o) for o in outcomes if isinstance(o, Failure)]
    ids = [i.id for i in items if isinstance(i, Document)]
    assert [o.id for o in outcomes if isinstance(o, Result)] == ids
    by_id = {o.id: o for o in outcomes if isinstance(o, Result)}
    violent = [doc_id for doc_id in by_id if "no-violence" not in doc_id]
    assert all(by_id[doc_id].events for doc_id in violent)
    assert not by_id["sample-2018-04-15-football-no-violence"].events
    for item, outcome in zip(items, outcomes, strict=True):
        text, found = item.text, outcome.to_json()  # type: ignore[union-attr]
        for event in found["events"]:
            assert all(text[ev["start"]:ev["end"]] == ev["text"] for ev in event["evidence"])
        assert all(text[e["start"]:e["end"]] == e["mention"] for e in found["entities"])
