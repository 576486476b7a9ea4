"""Incidents across outlets: what merges, what never does, and why (events built by hand)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from marsad.resolve.incidents import (
    OTHER,
    EvidenceVectors,
    IncidentEvent,
    IncidentOptions,
    cluster,
    compatible,
    group_events,
    kept_apart,
)
from marsad.text.words import words

DAY = dt.date(2018, 5, 14)
BOMBING = "انفجرت سيارة مفخخة قرب سوق الخضار في كركوك فقتلت سبعة أشخاص وأصابت عشرين"
BOMBING_AGAIN = "قتل سبعة أشخاص وأصيب عشرون في انفجار سيارة مفخخة بسوق للخضار في مدينة كركوك"
OTHER_NEWS = "اعتقلت الشرطة ثلاثة مطلوبين في حملة دهم بحي صناعي بعد تبادل لإطلاق النار"
KIRKUK = {"country": "IQ", "admin1": "كركوك", "place": "كركوك", "lat": 35.4681, "lon": 44.3922,
          "place_precision": "city"}


def event(n: int, article: str, source: str, **fields: object) -> IncidentEvent:
    base: dict[str, object] = {"key": f"{article}:e{n}", "ref": n, "article": article, "source": source,
                               "event_type": "explosions_remote_violence",
                               "sub_event_type": "remote_explosive_landmine_ied", "date": DAY,
                               "date_precision": "day", "published": DAY, "text": " ".join(words(BOMBING)),
                               **KIRKUK}
    base.update(fields)
    base.setdefault("opening", base["text"])  # an article that opens with its report
    return IncidentEvent(**base)  # type: ignore[arg-type]


def groups(events: list[IncidentEvent]) -> list[list[int]]:
    return [[m.event.ref for m in incident.members] for incident in group_events(events)]


def test_one_bombing_from_three_outlets_is_one_incident_with_reasons_and_toll_range() -> None:
    again = " ".join(words(BOMBING_AGAIN))
    events = [event(1, "a", "BBC", fatalities=7),
              event(2, "b", "CNN", fatalities=9, fatalities_min=9, fatalities_max=9, text=again),
              event(3, "c", "France 24", date=None, date_precision=None, published=DAY + dt.timedelta(days=1),
                    fatalities=7, text=again)] + [event(10 + i, f"x{i}", "AFP", text=" ".join(words(OTHER_NEWS)),
                                                        country="EG") for i in range(3)]
    incident = group_events(events)[0]
    assert [m.event.ref for m in incident.members] == [1, 2, 3]
    assert incident.members[0].reason == "" and all(m.reason for m in incident.members[1:])
    assert "same place كركوك" in incident.members[1].reason and "evidence words" in incident.members[1].reason
    assert "article openings" in incident.members[1].reason
    assert (incident.fatalities_min, incident.fatalities_max) == (7, 9)
    assert incident.sources == ("BBC", "CNN", "France 24") and incident.articles == 3


def test_the_same_type_day_and_country_in_two_cities_far_apart_stays_two_incidents() -> None:
    basra = {"admin1": "البصرة", "place": "البصرة", "lat": 30.5085, "lon": 47.7804}
    assert groups([event(1, "a", "BBC"), event(2, "b", "CNN", **basra)]) == [[1], [2]]


HAWIJA = {"admin1": "كركوك", "place": "الحويجة", "lat": 35.3217, "lon": 43.7672}


@pytest.mark.parametrize(("one", "other", "why"), [
    ({}, {"admin1": None, "place": "ميسيسوجا", "lat": 35.68, "lon": 44.55}, "a city 30 km from the other"),
    ({}, {"admin1": None, "place": "قرية صغيرة", "lat": None, "lon": None}, "a village the gazetteer cannot place"),
    ({}, {"date": DAY + dt.timedelta(days=2)}, "two days apart"),
])
def test_places_at_other_levels_and_reports_two_days_apart_may_merge_where_the_older_rules_kept_them_apart(
        one: dict[str, object], other: dict[str, object], why: str) -> None:
    first, second = event(1, "a", "BBC", **one), event(2, "b", "CNN", **other)
    assert compatible(first, second, IncidentOptions()) is not None, why
    assert compatible(first, second, IncidentOptions(max_days=1, far_km=0.0)) is None, why


def test_a_town_and_the_admin1_area_it_lies_in_agree_and_so_do_two_spellings_of_one_place() -> None:
    province = event(2, "b", "CNN", admin1=None, place="كركوك", place_precision="admin1", lat=35.3, lon=44.1)
    assert compatible(event(1, "a", "BBC", **HAWIJA), province, IncidentOptions(far_km=0.0)) is not None
    nangarhar = {"admin1": None, "place_precision": "admin1", "lat": None, "lon": None, "country": "AF"}
    first = event(1, "a", "BBC", place="ننكرهار", **nangarhar)
    second = event(2, "b", "CNN", place="ننغرهار", **nangarhar)
    elsewhere = event(3, "c", "CNN", place="قندهار", **nangarhar)
    assert compatible(first, second, IncidentOptions(far_km=0.0)) is not None
    assert compatible(first, elsewhere, IncidentOptions(far_km=0.0)) is None


def test_places_a_few_kilometres_apart_merge() -> None:
    suburb = {"admin1": None, "place": "حي قريب", "lat": 35.50, "lon": 44.42}
    assert groups([event(1, "a", "BBC"), event(2, "b", "CNN", **suburb)]) == [[1, 2]]


def test_reports_sharing_no_words_stay_apart() -> None:
    assert groups([event(1, "a", "BBC"), event(2, "b", "CNN", text=" ".join(words(OTHER_NEWS)))]) == [[1], [2]]


def test_dates_too_far_apart_or_too_vague_never_merge() -> None:
    later = event(2, "b", "CNN", date=DAY + dt.timedelta(days=3))
    month = event(3, "c", "CNN", date=dt.date(2018, 5, 1), date_precision="month")
    assert groups([event(1, "a", "BBC"), later, month]) == [[1], [2], [3]]


def test_two_events_of_one_article_are_two_incidents() -> None:
    assert groups([event(1, "a", "BBC"), event(2, "a", "BBC", fatalities=3)]) == [[1], [2]]


def test_one_report_told_twice_in_an_article_joins_one_incident_but_another_city_does_not() -> None:
    # the learned extractor may give an attack and the fighting around it as two events of one article
    fighting = event(2, "a", "BBC", event_type="battles", sub_event_type="armed_clash")
    mosul = event(4, "a", "BBC", admin1="نينوى", place="الموصل", lat=36.335, lon=43.1189)
    other = event(3, "b", "CNN", text=" ".join(words(BOMBING_AGAIN)))
    assert groups([event(1, "a", "BBC"), fighting, other, mosul]) == [[1, 2, 3], [4]]


def test_different_named_groups_do_not_merge() -> None:
    first = event(1, "a", "BBC", perpetrators=frozenset({"isis"}), groups=frozenset({"isis"}))
    second = event(2, "b", "CNN", perpetrators=frozenset({"pkk"}), groups=frozenset({"pkk"}))
    assert compatible(first, second, IncidentOptions()) is None
    assert groups([first, second]) == [[1], [2]]


def test_the_hard_rule_that_keeps_two_reports_apart_is_named() -> None:
    options = IncidentOptions()
    first = event(1, "a", "BBC")
    basra = {"admin1": "البصرة", "place": "البصرة", "lat": 30.5085, "lon": 47.7804}  # 600 km from Kirkuk
    cases = {
        "article: the same": event(2, "a", "BBC"),
        "mergeable: no country, or negated": event(2, "b", "CNN", certainty="negated"),
        "country: IQ/SY": event(2, "b", "CNN", country="SY"),
        "date: too vague to merge": event(2, "b", "CNN", date=dt.date(2018, 5, 1), date_precision="month"),
        "days: 3 apart": event(2, "b", "CNN", date=DAY + dt.timedelta(days=3)),
        "type: explosions_remote_violence/protests": event(2, "b", "CNN", event_type="protests"),
        "place: كركوك/البصرة": event(2, "b", "CNN", **basra),
    }
    for rule, other in cases.items():
        assert (kept_apart(first, other, options) or "").startswith(rule), rule
        assert compatible(first, other, options) is None
    isis = event(1, "a", "BBC", groups=frozenset({"isis"}))
    assert kept_apart(isis, event(2, "b", "CNN", groups=frozenset({"pkk"})), options) == "groups: isis/pkk"
    again = event(2, "b", "CNN", text=" ".join(words(BOMBING_AGAIN)))
    assert kept_apart(first, again, options) is None and compatible(first, again, options)


def test_a_country_only_place_needs_strong_evidence() -> None:
    vague = {"admin1": None, "place": "العراق", "lat": 33.0, "lon": 44.0, "place_precision": "country"}
    weak = event(2, "b", "CNN", sub_event_type="attack", event_type="violence_against_civilians",
                 text=" ".join(words("هجوم مسلح جديد")), **vague)
    assert groups([event(1, "a", "BBC"), weak]) == [[1], [2]]
    strong = event(3, "c", "CNN", fatalities=7, perpetrators=frozenset({"isis"}), **vague)
    assert groups([event(1, "a", "BBC", fatalities=7, perpetrators=frozenset({"isis"})), strong]) == [[1, 3]]


def test_negated_events_and_events_without_a_country_stay_alone() -> None:
    denied = event(2, "b", "CNN", certainty="negated")
    nowhere = event(3, "c", "CNN", country=None)
    assert groups([event(1, "a", "BBC"), denied, nowhere]) == [[1], [2], [3]]


def test_a_chain_of_pairs_does_not_pull_in_an_incompatible_event() -> None:
    # 1~2 (a day apart), 2~3 (two days apart), but 1 and 3 are three days apart: never one incident
    e1 = event(1, "a", "BBC", date=DAY)
    e2 = event(2, "b", "CNN", date=DAY + dt.timedelta(days=1))
    e3 = event(3, "c", "France 24", date=DAY + dt.timedelta(days=3))
    result = groups([e1, e2, e3])
    assert sorted(len(g) for g in result) == [1, 2]


def test_reports_are_also_compared_by_the_openings_of_their_articles() -> None:
    story, other = " ".join(words("انفجار سيارة مفخخة في سوق كركوك")), " ".join(words(OTHER_NEWS))
    events = [event(1, "a", "BBC", opening=story), event(2, "a", "BBC", opening=story),
              event(3, "b", "CNN", opening=story), event(4, "c", "AFP", opening=other)]
    vectors = EvidenceVectors(events)
    assert vectors.opening_cosine(0, 2) == pytest.approx(1.0) and vectors.opening_cosine(1, 2) == pytest.approx(1.0)
    assert vectors.opening_cosine(0, 3) < 0.1
    assert vectors.cosine(0, 3) == pytest.approx(1.0)  # the evidence words are the events' own


def test_keys_do_not_depend_on_the_order_events_come_in() -> None:
    events = [event(i, f"art-{i}", f"outlet-{i % 3}", fatalities=i % 5) for i in range(12)]
    first = {i.key for i in group_events(events)}
    assert len(first) < len(events) and first == {i.key for i in group_events(events[::-1])}


def test_every_report_but_the_first_says_which_report_of_the_incident_it_joined() -> None:
    events = [event(1, "a", "BBC"), event(2, "b", "CNN"), event(3, "c", "AFP")]
    for pairs in ([(0, 2), (1, 2)], [(1, 2), (0, 2)]):
        scored = [(9.0 - n, i, j, f"score 9 with {OTHER}") for n, (i, j) in enumerate(pairs)]
        [incident] = cluster(events, scored, lambda x, y: 9.0, IncidentOptions(learned=False))
        reasons = {m.event.ref: m.reason for m in incident.members}
        assert reasons[1] == "" and all(reasons[n] for n in (2, 3))
        for n in (2, 3):  # another report of the incident, never the report itself
            assert any(f"({e.article})" in reasons[n] for e in events if e.ref != n)


def test_blocking_keeps_large_inputs_fast() -> None:
    events = []
    for i in range(20_000):
        day = dt.date(2018, 1, 1) + dt.timedelta(days=i % 365)
        events.append(event(i, f"art-{i}", f"outlet-{i % 5}", date=day, published=day,
                            country=("IQ", "SY", "AF", "EG", "LY", "YE", "SO", "NG")[i % 8],
                            place=f"p{i % 40}", admin1=f"a{i % 40}", lat=30 + i % 40, lon=40 + i % 40))
    started = time.perf_counter()
    incidents = group_events(events)
    assert time.perf_counter() - started < 60
    assert sum(len(i.members) for i in incidents) == len(events)
