"""Event evaluation: run the pipeline over a gold file and score it with the SPEC rules.

The official scorer (``../shared/tools/score_events.py``) is the reference; :func:`score_file`
calls it when it is present and falls back to nothing else: figures are only ever reported by
that script. :func:`extract_gold` writes the system output the scorer reads.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from marsad.model import Document, Result

__all__ = ["extract_gold", "score_file", "official_scorer"]


def official_scorer(start: Path | None = None) -> Path | None:
    """``shared/tools/score_events.py`` next to the project checkout, if present."""
    here = (start or Path(__file__)).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "tools" / "score_events.py"
        if candidate.is_file():
            return candidate
    return None


def extract_gold(gold_path: Path, out_path: Path, process: Callable[[Document], Result]) -> int:
    """Run ``process`` over the texts of a gold file; write SPEC output lines; return the count."""
    count = 0
    with gold_path.open(encoding="utf-8") as src, out_path.open("w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            doc = Document.from_json(json.loads(line))
            dst.write(json.dumps(process(doc).to_json(), ensure_ascii=False) + "\n")
            count += 1
    return count


def score_file(gold_path: Path, system_path: Path, scorer: Path | None = None) -> dict[str, Any]:
    """The official scorer's JSON report for ``system_path`` against ``gold_path``."""
    script = scorer or official_scorer()
    if script is None:
        raise FileNotFoundError("the official scorer shared/tools/score_events.py was not found next to "
                                "the project; pass its path with --scorer")
    report_path = system_path.with_suffix(".report.json")
    subprocess.run([sys.executable, str(script), str(gold_path), str(system_path), "--json", str(report_path)],
                   check=True, capture_output=True, text=True)
    report: dict[str, Any] = json.loads(report_path.read_text(encoding="utf-8"))
    return report
