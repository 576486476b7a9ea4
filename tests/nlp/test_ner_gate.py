"""Evaluation gate: the shipped NER model on the ANERcorp test split must stay above a pinned floor.

The floor sits just under the F1 recorded in ``marsad/kb/models/ner/MODEL.md``; the gold file's
sha256 is pinned so a changed file is reported as such, not as a model regression.
"""

import hashlib
from pathlib import Path

import pytest

from marsad.eval.conll import evaluate_ner, format_report

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TEST_FILE = SHARED / "data" / "ner" / "ANERCorp_CamelLabRecipe_test.txt"
TEST_SHA256 = "9085c407542d8b3db276192d79d9d880dca88ccaec7fb473fc6776e66c577bed"
F1_FLOOR = 0.775
TYPE_FLOORS = {"PERS": 0.775, "LOC": 0.885, "ORG": 0.66, "MISC": 0.60}


@pytest.fixture(scope="module")
def report() -> dict[str, dict[str, float]]:
    if not TEST_FILE.is_file():
        pytest.skip(f"ANERcorp test file not found at {TEST_FILE} (shared data absent)")
    digest = hashlib.sha256(TEST_FILE.read_bytes()).hexdigest()
    assert digest == TEST_SHA256, f"{TEST_FILE} changed (sha256 {digest}): re-measure and re-pin the floors"
    return evaluate_ner(TEST_FILE)


def test_overall_micro_f1_stays_above_floor(report: dict[str, dict[str, float]]) -> None:
    assert report["ALL"]["f1"] >= F1_FLOOR, format_report(report)


@pytest.mark.parametrize("label", sorted(TYPE_FLOORS))
def test_per_type_f1_stays_above_floor(report: dict[str, dict[str, float]], label: str) -> None:
    assert report[label]["f1"] >= TYPE_FLOORS[label], format_report(report)
