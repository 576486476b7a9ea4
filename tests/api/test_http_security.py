"""Access control and hostile input over HTTP: keys and roles (401/403/429), article text with
HTML shown as text, filter and search input that cannot inject SQL."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.api.settings import ServerSettings, SettingsError
from marsad.store.keys import list_keys, revoke_key

HOSTILE = ('قال شاهد <script>alert("x")</script> إن <img src=x onerror=alert(1)> الانفجار وقع في بغداد، '
           'وأسفر عن مقتل ثلاثة أشخاص.')


def test_keyless_mode_only_on_loopback() -> None:
    assert ServerSettings(db_url="sqlite://", host="127.0.0.1").keyless
    assert ServerSettings(db_url="sqlite://", host="::1").keyless
    with pytest.raises(SettingsError, match="loopback"):
        ServerSettings(db_url="sqlite://", host="0.0.0.0")
    assert not ServerSettings(db_url="sqlite://", host="0.0.0.0", keyless=False).keyless


def test_no_key_is_401_and_unknown_key_is_401(keyed_server: Any) -> None:
    with keyed_server.client() as anonymous:
        answer = anonymous.get("/api/events")
        assert answer.status_code == 401 and "API key" in answer.json()["detail"]
        assert answer.headers["www-authenticate"].startswith("Bearer")
        assert anonymous.get("/api/events", headers={"Authorization": "Bearer msd_not-a-key"}).status_code == 401
        page = anonymous.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_roles_read_write_review(keyed_server: Any) -> None:
    with keyed_server.client("read") as reader, keyed_server.client("review") as reviewer, \
            keyed_server.client("write") as writer:
        event_id = reader.get("/api/events").json()["data"][0]["id"]
        denied = reader.post(f"/api/events/{event_id}/review", json={"action": "confirm"})
        assert denied.status_code == 403 and "read" in denied.json()["detail"]
        assert reader.post("/api/articles", json={"text": HOSTILE}).status_code == 403
        assert writer.post(f"/api/events/{event_id}/review", json={"action": "confirm"}).status_code == 403
        assert reviewer.post("/api/articles", json={"text": HOSTILE}).status_code == 403
        confirmed = reviewer.post(f"/api/events/{event_id}/review", json={"action": "confirm"})
        assert confirmed.status_code == 201 and confirmed.json()["reviewer"] == "review"
        assert reader.get(f"/api/events/{event_id}").json()["review_status"] == "confirmed"


def test_rate_limit_is_429_with_retry_after(keyed_server: Any) -> None:
    with keyed_server.client("slow") as slow:
        codes = [slow.get("/api/events", params={"limit": 1}).status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
        last = slow.get("/api/events")
        assert int(last.headers["retry-after"]) >= 1 and "rate limit" in last.json()["detail"]
    with keyed_server.client("read") as other:  # the limit is per key
        assert other.get("/api/events").status_code == 200


def test_revoked_key_stops_working(keyed_server: Any) -> None:
    with keyed_server.client("read") as reader:
        assert reader.get("/api/events").status_code == 200
        with keyed_server.store.session() as session:
            revoke_key(session, "read")
            assert [k.name for k in list_keys(session) if k.revoked_at] == ["read"]
        assert reader.get("/api/events").status_code == 401


def test_keys_are_stored_hashed(keyed_server: Any) -> None:
    from sqlalchemy import text

    with keyed_server.store.engine.connect() as connection:
        stored = " ".join(str(v) for row in connection.execute(text("SELECT * FROM api_keys")) for v in row)
    assert all(secret not in stored for secret in keyed_server.keys.values())


def test_article_html_is_shown_as_text(server: Any) -> None:
    with server.client() as client:
        answer = client.post("/api/articles", json={"id": "test-hostile", "text": HOSTILE, "title": "<b>عنوان</b>",
                                                    "published": "2020-02-02"})
        assert answer.status_code == 201, answer.text
        submitted = answer.json()
        assert submitted["stored"] and submitted["events"]
        again = client.post("/api/articles", json={"text": HOSTILE})
        assert again.status_code == 201 and not again.json()["stored"] and again.json()["id"] == "test-hostile"
        for path in ("/articles/test-hostile", f"/events/{submitted['events'][0]}"):
            html = client.get(path).text
            assert "<script>alert" not in html and "<img src=x" not in html and "<b>عنوان" not in html
            assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html or "&lt;script&gt;" in html


@pytest.mark.parametrize("hostile", ["' OR 1=1 --", "GB'; DROP TABLE events; --", '") OR ("1"="1', "*", "NEAR(",
                                     '"unbalanced', "%", "_"])
def test_filters_and_search_cannot_inject_sql(server: Any, hostile: str) -> None:
    with server.client() as client:
        total = client.get("/api/events").json()["count"]
        for name in ("place", "actor", "q"):
            answer = client.get("/api/events", params={name: hostile})
            assert answer.status_code == 200, (name, answer.text)
            assert answer.json()["count"] == 0
        assert client.get("/api/search", params={"q": hostile}).status_code == 200
        assert client.get("/api/actors", params={"name": hostile}).status_code == 200
        assert client.get("/search", params={"q": hostile}).status_code == 200
        assert client.get("/api/events").json()["count"] == total  # nothing dropped


def test_dashboard_sign_in_keeps_the_key_in_an_httponly_cookie(keyed_server: Any) -> None:
    with keyed_server.client() as browser:
        assert browser.post("/api/session", json={"key": "msd_wrong"}).status_code == 401
        answer = browser.post("/api/session", json={"key": keyed_server.keys["read"]})
        assert answer.status_code == 200 and answer.json()["role"] == "read"
        cookie = answer.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        page = browser.get("/")
        assert page.status_code == 200 and 'id="events"' in page.text
        assert 'id="review-panel"' not in browser.get(f"/events/{browser.get('/api/events').json()['data'][0]['id']}").text
