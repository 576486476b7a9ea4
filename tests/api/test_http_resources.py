"""Actors, the relation graph, articles with their spans, search, submission and watchlists
(new matches, Atom feed, webhook) over HTTP against a running server."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

NEW_CLAIM = ("أعلنت جماعة أنصار بيت المقدس مسؤوليتها عن هجوم بسيارة مفخخة استهدف حاجزا للجيش في مدينة العريش "
             "يوم الأحد، ما أسفر عن مقتل خمسة جنود.")


def test_graph_nodes_and_edges_with_evidence(server: Any) -> None:
    with server.client() as client:
        graph = client.get("/api/graph").json()
        assert len(graph["nodes"]) >= 4 and graph["edges"]
        ids = {n["id"] for n in graph["nodes"]}
        for edge in graph["edges"]:
            assert {edge["source"], edge["target"]} <= ids and edge["evidence"]
            article = client.get(f"/api/articles/{edge['evidence'][0]['article_id']}").json()
            ev = edge["evidence"][0]
            assert article["text"][ev["start"]:ev["end"]] == ev["text"]
        allegiance = client.get("/api/graph", params={"type": "allegiance"}).json()
        assert allegiance["edges"] and all(e["type"] == "allegiance" for e in allegiance["edges"])
        assert {n["label"] for n in allegiance["nodes"]} >= {"أنصار بيت المقدس", "الدولة الإسلامية"}
        later = client.get("/api/graph", params={"date_from": "2018-01-01"}).json()
        assert "allegiance" not in {e["type"] for e in later["edges"]} and later["edges"]


def test_relation_review_removes_a_rejected_edge(server: Any) -> None:
    with server.client() as client:
        edge = client.get("/api/graph", params={"type": "supply"}).json()["edges"][0]
        relation_id = edge["evidence"][0]["relation_id"]
        assert client.post(f"/api/relations/{relation_id}/review", json={"action": "reject"}).status_code == 201
        assert not client.get("/api/graph", params={"type": "supply"}).json()["edges"]


def test_actor_page_has_aliases_relations_and_events(server: Any) -> None:
    with server.client() as client:
        actors = client.get("/api/actors", params={"name": "بيت المقدس"}).json()
        assert actors["count"] >= 1
        actor = client.get(f"/api/actors/{actors['data'][0]['id']}").json()
        assert any(r["type"] == "allegiance" for r in actor["relations"])
        busiest = client.get("/api/actors", params={"limit": 1}).json()["data"][0]
        detail = client.get(f"/api/actors/{busiest['id']}").json()
        assert detail["events"] == busiest["events"] > 0 and sum(detail["per_month"].values()) <= detail["events"]
        page = client.get(f"/actors/{busiest['id']}")
        assert page.status_code == 200 and busiest["name"] in page.text


def test_article_with_every_span(server: Any) -> None:
    with server.client() as client:
        article = client.get("/api/articles/sample-2017-03-28-westminster").json()
        assert article["events"] and {s["field"] for s in article["spans"]} >= {"location", "fatalities"}
        assert all(article["text"][s["start"]:s["end"]] == s["mention"] for s in article["spans"])
        assert client.get("/api/articles/no-such-article").status_code == 404


def test_search_finds_normalised_arabic(server: Any) -> None:
    with server.client() as client:
        plain = client.get("/api/search", params={"q": "الاسلامية"}).json()
        hamza = client.get("/api/search", params={"q": "الإسلامية"}).json()
        assert plain["count"] == hamza["count"] > 0
        assert {h["article_id"] for h in plain["data"]} == {h["article_id"] for h in hamza["data"]}
        events = client.get("/api/events", params={"q": "وستمنستر"}).json()
        assert events["count"] >= 1 and {e["article_id"] for e in events["data"]} == {"sample-2017-03-28-westminster"}


def test_watchlist_new_matches_feed_and_webhook(hooked_server: Any, hook: Any) -> None:
    with hooked_server.client() as client:
        created = client.post("/api/watchlists", json={"name": "أنصار بيت المقدس", "query": "actor=أنصار بيت المقدس"})
        assert created.status_code == 201 and created.json()["new"] == 0
        watch_id = created.json()["id"]
        submitted = client.post("/api/articles", json={"id": "test-new-claim", "text": NEW_CLAIM,
                                                       "published": "2017-11-20", "outlet": "Test wire"}).json()
        assert submitted["stored"] and submitted["events"]
        [listed] = client.get("/api/watchlists").json()
        assert listed["new"] >= 1
        new = client.get(f"/api/watchlists/{watch_id}/new").json()
        assert {e["article_id"] for e in new["data"]} == {"test-new-claim"}
        assert 'id="new-matches"' in client.get("/").text
        feed = ET.fromstring(client.get(f"/api/watchlists/{watch_id}/feed.atom").content)
        entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
        assert entries and entries[0].find("{http://www.w3.org/2005/Atom}id").text.endswith(f"/events/{new['data'][0]['id']}")
        assert hook.arrived.wait(10)
        assert hook.received[0]["watchlist"]["id"] == watch_id and hook.received[0]["new"] >= 1
        assert client.post(f"/api/watchlists/{watch_id}/seen").json()["new"] == 0
        assert client.get("/api/watchlists").json()[0]["new"] == 0
        assert client.delete(f"/api/watchlists/{watch_id}").status_code == 204
        assert client.get(f"/api/watchlists/{watch_id}/new").status_code == 404


def test_event_page_lists_the_articles_relations_for_review(server: Any) -> None:
    with server.client() as client:
        [event] = client.get("/api/events", params={"q": "الحوثيين"}).json()["data"]
        detail = client.get(f"/api/events/{event['id']}").json()
        [relation] = detail["relations"]
        assert (relation["type"], relation["source"]) == ("supply", "إيران") and relation["evidence"]
        html = client.get(f"/events/{event['id']}").text
        assert f'data-api="/api/relations/{relation["id"]}/review"' in html
        client.post(f"/api/relations/{relation['id']}/review", json={"action": "confirm"})
        assert client.get(f"/api/events/{event['id']}").json()["relations"][0]["review_status"] == "confirmed"
