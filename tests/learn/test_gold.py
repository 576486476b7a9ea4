"""Gold reading for learning agrees with the official scorer (SPEC "Scoring")."""

import importlib.util
from pathlib import Path

import pytest

from marsad.learn.gold import date_matches, gold_events, names_match, norm_name

SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "score_events.py"


@pytest.mark.parametrize("name", ["تنظيم الدولة الإسلامية", "جماعة «أنصار بيت المقدس»", "الحوثيين", "أبو مصعب",
                                  "حركة الشباب", "ميليشيا", "إسرائيل"])
def test_names_are_normalised_as_the_scorer_does(name: str) -> None:
    if not SCORER.is_file():
        pytest.skip(f"the official scorer is not at {SCORER}")
    spec = importlib.util.spec_from_file_location("score_events", SCORER)
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    assert norm_name(name) == scorer.norm(name)


def test_names_and_dates_match_by_the_scorer_rules() -> None:
    assert names_match(["تنظيم الدولة الاسلامية"], ["الدولة الإسلامية", "داعش"])
    assert not names_match(["داعش"], None)
    assert date_matches("2018-05-14", "2018-05") and date_matches("2018-05-14", ["2018-05-13", "2018-05-14"])
    assert not date_matches("2018-05", "2018-05-14") and not date_matches(None, "2018")


def test_anchor_spans_follow_the_occurrence_asked_for() -> None:
    text = "قتل رجل. ثم قتل رجل آخر."
    record = {"text": text, "events": [{"anchor": "قتل رجل", "anchor_occurrence": 2, "event_type": ["battles"]}]}
    [event] = gold_events(record)
    assert event.spans == ((text.index("قتل رجل", 1), text.index("قتل رجل", 1) + len("قتل رجل")),)
    assert event.overlap(0, 4) == 0 and event.overlap(12, 14) == 2
