"""Events over HTTP against a running server: filters, totals, one event with its evidence,
exports of the view, the timeline, and reviews that stay beside the machine record."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from marsad.store.articles import store_counts

WESTMINSTER = "sample-2017-03-28-westminster"


def test_events_list_filters_and_counts(server: Any) -> None:
    with server.client() as client:
        everything = client.get("/api/events", params={"limit": 1000}).json()
        assert everything["count"] == len(everything["data"]) > 5
        with server.store.session() as session:
            assert everything["count"] == store_counts(session).events
        gb = client.get("/api/events", params={"country": "gb"}).json()
        expected = sum(1 for e in everything["data"] if e["country"] == "GB")
        assert gb["count"] == expected > 0
        assert all(e["country"] == "GB" for e in gb["data"])
        page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
        assert page["count"] == everything["count"] and len(page["data"]) == 2
        assert [e["id"] for e in page["data"]] == [e["id"] for e in everything["data"][1:3]]
        claimed = client.get("/api/events", params={"claimed": "true"}).json()
        assert claimed["count"] > 0 and all(e["claim_status"] == "claimed" for e in claimed["data"])


def test_bad_filter_values_are_422_not_500(server: Any) -> None:
    with server.client() as client:
        assert client.get("/api/events", params={"date_from": "yesterday"}).status_code == 422
        assert client.get("/api/events", params={"certainty": "maybe"}).status_code == 422
        assert client.get("/api/events", params={"limit": 100000}).status_code == 422
        assert client.get("/api/events/999999").status_code == 404


def test_one_event_has_its_evidence_and_field_spans(server: Any, westminster: dict[str, Any]) -> None:
    with server.client() as client:
        event = client.get(f"/api/events/{westminster['id']}").json()
    text = event["text"]
    assert event["article_id"] == WESTMINSTER and event["place"] and event["fatalities"] == 4
    assert event["evidence"] and all(text[e["start"]:e["end"]] == e["text"] for e in event["evidence"])
    assert {s["field"] for s in event["spans"]} >= {"location", "fatalities"}
    assert all(text[s["start"]:s["end"]] == s["mention"] for s in event["spans"])
    assert event["machine"]["fatalities"]["value"] == 4


def test_correction_is_stored_beside_the_machine_record_and_exported(server: Any, westminster: dict[str, Any]) -> None:
    event_id = westminster["id"]
    with server.client() as client:
        answer = client.post(f"/api/events/{event_id}/review",
                             json={"action": "correct", "field": "fatalities", "value": "5", "note": "later toll"})
        assert answer.status_code == 201, answer.text
        assert answer.json()["reviewer"] == "local" and answer.json()["machine"] == 4
        event = client.get(f"/api/events/{event_id}").json()
        assert event["fatalities"] == 5 and event["reviewed"] and event["corrected_fields"] == ["fatalities"]
        assert event["machine"]["fatalities"]["value"] == 4  # the machine record is untouched
        rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"country": "GB"}).text)))
        [row] = [r for r in rows if r["id"] == str(event_id)]
        assert (row["fatalities"], row["fatalities_max"], row["reviewed"], row["review_status"]) == \
            ("5", "5", "True", "corrected")
        assert all(r["reviewed"] == "False" for r in rows if r["id"] != str(event_id))
        bad = client.post(f"/api/events/{event_id}/review", json={"action": "correct", "field": "fatalities", "value": "many"})
        assert bad.status_code == 422 and "whole number" in bad.json()["detail"]
        rejected = client.post(f"/api/events/{event_id}/review", json={"action": "reject"})
        assert rejected.status_code == 201
        assert client.get(f"/api/events/{event_id}").json()["review_status"] == "rejected"


def test_geojson_of_the_view(server: Any) -> None:
    with server.client() as client:
        data = client.get("/api/events.geojson", params={"country": "GB"}).json()
        listed = client.get("/api/events", params={"country": "GB"}).json()
    located = [e for e in listed["data"] if e["lat"] is not None]
    assert data["type"] == "FeatureCollection" and len(data["features"]) == len(located) > 0
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 49 < lat < 61 and -9 < lon < 2


def test_timeline_counts_add_up(server: Any) -> None:
    with server.client() as client:
        listed = client.get("/api/events", params={"limit": 1000}).json()["data"]
        for interval in ("day", "week", "month"):
            timeline = client.get("/api/events/timeline", params={"interval": interval}).json()
            assert timeline["interval"] == interval
            total = sum(sum(s["counts"]) for s in timeline["series"])
            assert total == sum(1 for e in listed if e["date"]) > 0
            assert all(len(s["counts"]) == len(timeline["buckets"]) for s in timeline["series"])


def test_openapi_lists_the_resources(server: Any) -> None:
    with server.client() as client:
        spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/graph", "/api/actors/{actor_id}", "/api/search",
            "/api/articles", "/api/watchlists"} <= set(spec["paths"])
    assert {"EventPublic", "EventsPublic"} <= set(spec["components"]["schemas"])
    json.dumps(spec)


def test_corpus_exports_of_the_view_and_gold(server: Any, westminster: dict[str, Any]) -> None:
    with server.client() as client:
        event_id = westminster["id"]
        assert client.get("/api/export", params={"format": "gold"}).text == ""  # nothing reviewed yet
        client.post(f"/api/events/{event_id}/review", json={"action": "correct", "field": "place", "value": "وستمنستر"})
        [line] = [json.loads(x) for x in client.get("/api/export", params={"format": "gold"}).text.splitlines()]
        assert line["id"] == WESTMINSTER and line["text"].startswith("لندن")
        reviewed = [e for e in line["events"] if not e["optional"]]
        assert len(reviewed) == 1 and reviewed[0]["place"] == ["وستمنستر"] and reviewed[0]["fatalities"] == 4
        anchor = reviewed[0]["anchor"]
        assert anchor in line["text"] and line["text"].count(anchor) >= reviewed[0]["anchor_occurrence"]
        geo = client.get("/api/export", params={"format": "geojson", "country": "GB"}).json()
        assert {f["properties"]["country"] for f in geo["features"]} == {"GB"}
        acled = client.get("/api/export", params={"format": "acled"})
        assert acled.status_code == 200
        assert acled.text.splitlines()[0].startswith("event_id_cnty") and "event_date" in acled.text.splitlines()[0]
        assert client.get("/api/export", params={"format": "pdf"}).status_code == 422


def test_event_lists_the_other_sources_of_its_incident_and_where_they_disagree(server: Any) -> None:
    with server.client() as client:
        [incident] = client.get("/api/incidents", params={"min_sources": 2}).json()["data"]
        assert (incident["fatalities_min"], incident["fatalities_max"], incident["sources"]) == (3, 4, 2)
        detail = client.get(f"/api/incidents/{incident['id']}").json()
        assert len(detail["events"]) == 2
        [event] = client.get("/api/events", params={"q": "ثلاثة أشخاص", "place": "الموصل"}).json()["data"]
        page = client.get(f"/api/events/{event['id']}").json()
        assert [s["outlet"] for s in page["sources"]] == ["Outlet B"] and page["sources"][0]["fatalities"] == 4
        assert page["disagreements"]["fatalities"] == [3, 4]
        html = client.get(f"/events/{event['id']}").text
        assert "Outlet B" in html and 'class="disagree"' in html


def test_cached_lists_follow_every_change_of_the_data(server: Any, westminster: dict[str, Any]) -> None:
    with server.client() as client:
        params = {"country": "GB"}
        before = client.get("/api/events", params=params).json()
        assert client.get("/api/events", params=params).json() == before  # the same answer twice
        client.post(f"/api/events/{westminster['id']}/review", json={"action": "correct", "field": "fatalities", "value": 6})
        [after] = [e for e in client.get("/api/events", params=params).json()["data"] if e["id"] == westminster["id"]]
        assert after["fatalities"] == 6 and after["reviewed"]
