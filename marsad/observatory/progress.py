"""A progress bar on stderr (tqdm): items done, rate, ETA, and how many were stored, duplicates, failed.

The total comes from a quick count of the input (lines of JSON Lines files, gzip included; files
of a directory); feeds, WARC archives, URLs and stdin are not counted ahead, and then the bar shows
the rate without an ETA.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from io import BufferedReader
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO, cast

from marsad.ingest.decode import is_gzip
from marsad.ingest.fetch import is_url
from marsad.ingest.jsonl import STREAM_ERRORS
from marsad.ingest.sources import file_kind

if TYPE_CHECKING:
    from marsad.observatory.run import IngestReport

__all__ = ["Progress", "count_inputs"]

_CHUNK = 1 << 20
_ONE_EACH = ("text", "html")


class Progress:
    """tqdm over input items; :meth:`update` with the running report after each batch."""

    def __init__(self, total: int | None, stream: TextIO | None = None, disable: bool = False) -> None:
        from tqdm import tqdm

        self._bar: Any = tqdm(total=total, file=stream or sys.stderr, unit=" articles", dynamic_ncols=True,
                              disable=disable, mininterval=0.5, smoothing=0.1, desc="marsad ingest")

    def update(self, report: IngestReport) -> None:
        self._bar.update(report.input - self._bar.n)
        self._bar.set_postfix(stored=report.stored, duplicates=report.duplicates, failed=report.failures,
                              refresh=False)

    def write(self, line: str) -> None:
        """A line above the bar (errors and warnings), without breaking it."""
        self._bar.write(line, file=sys.stderr)

    def close(self) -> None:
        self._bar.close()


def count_inputs(sources: Sequence[str]) -> int | None:
    """How many items the sources hold, or None when one of them cannot be counted ahead."""
    total = 0
    for source in sources:
        found = _count(source)
        if found is None:
            return None
        total += found
    return total


def _count(source: str) -> int | None:
    if source == "-" or is_url(source):
        return None
    path = Path(source)
    if path.is_dir():
        counts = [_count_file(p) for p in sorted(path.rglob("*")) if p.is_file() and file_kind(p.name)]
        return None if None in counts else sum(c or 0 for c in counts)
    return _count_file(path) if path.is_file() else 1


def _count_file(path: Path) -> int | None:
    kind = file_kind(path.name)
    if kind in _ONE_EACH or kind is None:
        return 1
    if kind != "jsonl":
        return None
    return _count_lines(path)


def _count_lines(path: Path) -> int | None:
    """Non-blank lines (gzip or plain); a damaged file counts what could be read."""
    lines = 0
    try:
        with path.open("rb") as raw, _maybe_gzip(raw) as stream:
            previous = b"\n"
            while chunk := stream.read(_CHUNK):
                lines += chunk.count(b"\n")
                previous = chunk
            lines += not previous.endswith(b"\n")
    except STREAM_ERRORS:
        return lines or None
    return lines


def _maybe_gzip(raw: BufferedReader) -> AbstractContextManager[IO[bytes]]:
    if is_gzip(raw.peek(2)[:2]):
        return cast(AbstractContextManager[IO[bytes]], gzip.open(raw))
    return nullcontext(raw)
