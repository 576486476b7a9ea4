"""The Python API and the end-to-end pipeline on the seed articles (texts read from ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import marsad

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "seeds.gold.jsonl"


def test_extract_one_text() -> None:
    result = marsad.extract("قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل، الاثنين.", published="2018-05-14")
    [event] = result.events
    assert (event.event_type, event.sub_event_type) == ("explosions_remote_violence", "remote_explosive_landmine_ied")
    assert event.fatalities is not None and event.fatalities.value == 3
    assert event.location is not None and event.location.country == "IQ"
    assert event.date is not None and event.date.value == "2018-05-14"


def test_relative_dates_stay_empty_without_publication() -> None:
    [event] = marsad.extract("قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل، الاثنين.").events
    assert event.date is None


def _seeds() -> list[dict]:  # type: ignore[type-arg]
    if not SEEDS.is_file():
        pytest.skip(f"shared seeds not found at {SEEDS}")
    return [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seed_articles_end_to_end() -> None:
    seeds = {d["id"]: d for d in _seeds()}
    london = marsad.extract(seeds["seed-004"]["text"], published="2017-03-24").to_json()
    main = london["events"][0]
    assert main["location"]["country"] == "GB" and main["fatalities"]["value"] == 4
    assert main["date"]["value"] == "2017-03-22"
    assert main["claim"]["status"] == "claimed" and main["link"] in ("inspired", "unknown")
    assert any(a["name"] == "خالد مسعود" and a["role"] == "perpetrator" for a in main["actors"])
    sinai = marsad.extract(seeds["seed-000"]["text"]).to_json()
    beheading = [e for e in sinai["events"] if e["fatalities"] and e["fatalities"]["value"] == 4]
    assert beheading and beheading[0]["location"]["country"] == "EG"
    types = {(r["type"], r["source"]["name"]) for r in sinai["relations"]}
    assert ("allegiance", "جند الخلافة في أرض الجزائر") in types


def test_every_span_indexes_the_seed_text() -> None:
    for seed in _seeds():
        result = marsad.extract(seed["text"]).to_json()
        spans = [e for ev in result["events"] for e in ev["evidence"]] + \
            [{"start": x["start"], "end": x["end"], "text": x["mention"]} for x in result["entities"]]
        assert spans
        assert all(seed["text"][s["start"]:s["end"]] == s["text"] for s in spans)
