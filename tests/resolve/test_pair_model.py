"""The learned pair scorer of the incident step: its features, the shipped weights, and training it on a real store."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from marsad.resolve.incidents import IncidentEvent, IncidentOptions, group_events, link_score
from marsad.resolve.pair_model import (
    FEATURES,
    PairModel,
    PairModelError,
    load_pair_model,
    pair_features,
    save_pair_model,
)
from marsad.text.words import words

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "benchmarks" / "data" / "incident_pairs.tsv"
DAY = dt.date(2018, 5, 14)
BOMBING = "انفجرت سيارة مفخخة قرب سوق الخضار في كركوك فقتلت سبعة أشخاص وأصابت عشرين"
BOMBING_AGAIN = "قتل سبعة أشخاص وأصيب عشرون في انفجار سيارة مفخخة بسوق للخضار في مدينة كركوك"
KIRKUK = {"country": "IQ", "admin1": "كركوك", "place": "كركوك", "lat": 35.4681, "lon": 44.3922,
          "place_precision": "city"}


def event(n: int, article: str, text: str = BOMBING, **fields: object) -> IncidentEvent:
    base: dict[str, object] = {"key": f"{article}:e{n}", "ref": n, "article": article, "source": article[:2],
                               "event_type": "explosions_remote_violence",
                               "sub_event_type": "remote_explosive_landmine_ied", "date": DAY, "date_precision": "day",
                               "published": DAY, "text": " ".join(words(text)), "fatalities": 7, **KIRKUK}
    base.update(fields)
    base.setdefault("opening", base["text"])  # an article that opens with its report
    return IncidentEvent(**base)  # type: ignore[arg-type]


def feature(values: np.ndarray, name: str) -> float:
    return float(values[FEATURES.index(name)])


def test_the_shipped_model_was_trained_on_the_labelled_pairs_in_the_repository() -> None:
    model = load_pair_model()
    provenance = model.provenance
    assert model.features == FEATURES and len(model.weights) == len(FEATURES)
    assert provenance["pairs"]["sha256"] == hashlib.sha256(PAIRS.read_bytes()).hexdigest()
    assert provenance["pairs"]["compatible"] == provenance["pairs"]["same"] + provenance["pairs"]["different"] > 100
    assert provenance["store"]["pipeline"] and provenance["store"]["events"] > 10_000
    held_out = provenance["held_out"]
    assert {"odd_to_even", "even_to_odd", "grouped_5_fold"} <= set(held_out)
    assert model.link_score <= model.min_score + 1.0
    options = IncidentOptions()  # the step runs the model under the rules it was trained under
    assert provenance["rules"] == {"max_days": options.max_days, "far_km": options.far_km,
                                   "link_spread": options.link_spread}


def test_features_read_what_two_reports_share_whichever_comes_first() -> None:
    first = event(1, "SK-1")
    second = event(2, "BB-1", BOMBING_AGAIN, place_precision="point", fatalities=None, fatalities_min=5,
                   fatalities_max=9, date=None, date_precision=None, start=900)
    ab = pair_features(first, second, 0.4, 25.0, 500)
    assert np.array_equal(ab, pair_features(second, first, 0.4, 25.0, 500))
    assert feature(ab, "text") == pytest.approx(0.4 ** 0.5)
    assert feature(ab, "toll_overlap") == 1.0 and feature(ab, "same_toll") == 0.0
    assert feature(ab, "undated") == 1.0 and feature(ab, "not_lead") == 1.0 and feature(ab, "same_day") == 0.0
    assert feature(ab, "same_sub") == 1.0 and feature(ab, "same_type") == 1.0


def test_the_openings_of_the_two_articles_count_and_count_again_when_both_reports_are_told_there() -> None:
    both_lead = pair_features(event(1, "SK-1"), event(2, "BB-1", BOMBING_AGAIN), 0.4, 25.0, 500, opening=0.36)
    assert feature(both_lead, "opening") == pytest.approx(0.36)
    assert feature(both_lead, "opening_leads") == pytest.approx(0.36)
    later = event(2, "BB-1", BOMBING_AGAIN, start=900)
    one_later = pair_features(event(1, "SK-1"), later, 0.4, 25.0, 500, opening=0.36)
    assert feature(one_later, "opening") == pytest.approx(0.36) and feature(one_later, "opening_leads") == 0.0
    assert feature(pair_features(event(1, "SK-1"), event(2, "BB-1"), 0.4, 25.0, 500), "opening") == 0.0


@pytest.mark.parametrize(("change", "why"), [
    ({"fatalities": 70}, "a toll far from the other"),
    ({"sub_event_type": "air_drone_strike"}, "sub-event types that cannot be one act"),
    ({"date": DAY - dt.timedelta(days=1)}, "the next day instead of the same day"),
    ({"date": DAY - dt.timedelta(days=2)}, "two days apart instead of the same day"),
    ({"admin1": None, "place": "الحويجة", "lat": 35.3217, "lon": 43.7672}, "a town 60 km away instead of one city"),
    ({"admin1": None, "place": "قرية صغيرة", "lat": None, "lon": None}, "a village not on the map instead of one city"),
])
def test_the_shipped_weights_score_a_disagreement_below_the_agreeing_pair(change: dict[str, object], why: str) -> None:
    options = IncidentOptions()
    same = link_score(event(1, "SK-1"), event(2, "BB-1", BOMBING_AGAIN), options, 0.5)
    other = link_score(event(1, "SK-1"), event(2, "BB-1", BOMBING_AGAIN, **change), options, 0.5)
    assert same is not None and other is not None
    assert same >= options.thresholds()[0] and same > other, why


def test_two_outlets_telling_one_bombing_merge_under_the_learned_and_the_hand_scores() -> None:
    reports = [event(1, "SK-1"), event(2, "BB-1", BOMBING_AGAIN),
               event(3, "CN-1", "أطلق مسلحون النار على حاجز للشرطة في كركوك فقتلوا شرطيين", event_type="battles",
                     sub_event_type="armed_clash", fatalities=2)]
    for options in (IncidentOptions(), IncidentOptions(learned=False)):
        found = [[m.event.ref for m in i.members] for i in group_events(reports, options)]
        assert found == [[1, 2], [3]]
    merged = group_events(reports)[0].members[1].reason
    assert merged.startswith("score ") and "same toll 7" in merged


def test_a_model_file_round_trips_and_one_for_other_features_is_refused(tmp_path: Path) -> None:
    model = PairModel(tuple(float(n) / 10 for n in range(len(FEATURES))), -1.5, 0.5, 0.0, {"trained": "today"})
    save_pair_model(model, tmp_path / "m.json")
    again = load_pair_model(tmp_path / "m.json")
    assert again.weights == model.weights and (again.min_score, again.link_score) == (0.5, 0.0)
    assert again.provenance == {"trained": "today"}
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1] + ["something_else"]
    (tmp_path / "other.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PairModelError, match="features"):
        load_pair_model(tmp_path / "other.json")
    with pytest.raises(PairModelError, match="cannot read"):
        load_pair_model(tmp_path / "missing.json")


KIRKUK_NEWS = [
    ("SK-1", "قتل سبعة أشخاص وأصيب عشرون آخرون في انفجار سيارة مفخخة قرب سوق الخضار في مدينة كركوك صباح الاثنين، "
             "حسبما أفاد مصدر في الشرطة."),
    ("BB-1", "أعلنت مديرية صحة كركوك أن حصيلة تفجير السيارة المفخخة الذي وقع في سوق شعبي بالمدينة يوم الاثنين بلغت "
             "سبعة قتلى."),
    ("CN-1", "أطلق مسلحون النار على دورية للشرطة عند حاجز تفتيش في مدينة كركوك مساء الاثنين، فقتل شرطيان وأصيب ثالث."),
]


def test_training_on_a_real_store_writes_a_model_that_separates_the_labelled_pairs(tmp_path: Path) -> None:
    from marsad.observatory import ingest
    from marsad.store import open_store

    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps({"id": doc_id, "text": text, "outlet": doc_id[:2],
                                        "date": "2018-05-14T12:00:00+03:00"}, ensure_ascii=False) + "\n"
                            for doc_id, text in KIRKUK_NEWS), encoding="utf-8")
    db = tmp_path / "m.db"
    store = open_store(str(db))
    ingest(store, [str(news)])
    store.close()
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("pair\tarticle_a\tstart_a\tarticle_b\tstart_b\tlabel\tdrawn\treason\n"
                     "1\tSK-1\t0\tBB-1\t0\tsame\tM\tone bombing in Kirkuk told twice\n"
                     "2\tSK-1\t0\tCN-1\t0\tdifferent\tH\ta bombing and a shooting in Kirkuk\n", encoding="utf-8")
    out = tmp_path / "pair_model.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "train_incident_pairs.py"), "--db", str(db),
                           "--pairs", str(pairs), "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "matched: 2; compatible (trainable): 2 (1 same, 1 different)" in done.stdout
    model = load_pair_model(out)
    assert model.provenance["pairs"]["sha256"] == hashlib.sha256(pairs.read_bytes()).hexdigest()
    assert model.provenance["store"]["events"] >= 3
    assert model.provenance["in_sample"] == {"precision": 1.0, "recall": 1.0}  # the bombing merged, the shooting not
    assert model.provenance["held_out"] == "not measured (run with --cv)"
    precise = tmp_path / "precise.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "train_incident_pairs.py"), "--db", str(db),
                           "--pairs", str(pairs), "--out", str(precise), "--min-precision", "1.0"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    chosen = load_pair_model(precise).provenance
    assert chosen["thresholds_chosen_by"].endswith("with precision >= 1.0")
    assert chosen["in_sample"]["precision"] == 1.0
