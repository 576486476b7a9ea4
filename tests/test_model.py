import json
from pathlib import Path

import pytest

from marsad.model import (
    Actor,
    Claim,
    DateValue,
    Document,
    Event,
    Evidence,
    Location,
    ModelError,
    Quantity,
    Relation,
    Result,
)

SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "spec" / "result.schema.json"


def _result() -> Result:
    text = "ذبحت جماعة مسلحة رهينة في بلدة الشيخ زويد أمس."
    ev = Event(
        id="e1", event_type="violence_against_civilians", sub_event_type="attack",
        evidence=(Evidence(0, len(text), text),),
        actors=(Actor("جماعة مسلحة", "جماعة مسلحة", 5, 16, "other", None, "perpetrator"),),
        attack_type="assassination", weapon_type="melee", method="beheading",
        location=Location("الشيخ زويد", "الشيخ زويد", 31, 41, "EG", "شمال سيناء", 31.2, 34.1, "city"),
        date=DateValue(42, 45, "أمس", "2014-11-16", "day", relative=True),
        fatalities=Quantity(17, 22, "رهينة", 1, 1, 1),
        claim=Claim("unclaimed", None, None, None, None),
        certainty="reported",
    )
    rel = Relation("allegiance", Actor("أ", "أ", 0, 1), Actor("ب", "ب", 2, 3), (Evidence(0, 3, "أ ب"),))
    return Result("doc-1", (ev,), (rel,))


def test_result_round_trips_through_json() -> None:
    res = _result()
    again = Result.from_json(json.loads(json.dumps(res.to_json(), ensure_ascii=False)))
    assert again.to_json() == res.to_json()


def test_result_validates_against_the_shared_schema() -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"shared schema not found at {SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(_result().to_json(), json.loads(SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("obj", "message"),
    [({"text": "x"}, "'id'"), ({"id": "a"}, "'text'"), ({"id": "", "text": "x"}, "'id'"), ([1], "JSON object")],
)
def test_document_rejects_bad_records_with_a_reason(obj: object, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        Document.from_json(obj)  # type: ignore[arg-type]


def test_published_is_parsed_or_left_empty() -> None:
    assert Document.from_json({"id": "a", "text": "x", "published": "2017-03-24"}).published.isoformat() \
        == "2017-03-24"  # type: ignore[union-attr]
    assert Document.from_json({"id": "a", "text": "x", "published": "yesterday"}).published is None
