"""A real server for API and browser tests: the bundled sample through the real pipeline into a
real database (SQLite, and PostgreSQL when ``MARSAD_TEST_PG`` names a server), served by uvicorn
on 127.0.0.1 and reached with a real HTTP client."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from marsad import model
from marsad.api.main import create_app
from marsad.api.settings import ServerSettings
from marsad.observatory.run import ingest
from marsad.store import Store
from marsad.store.app import open_app_store
from marsad.store.keys import create_key

SAMPLE = Path(model.__file__).parent / "samples" / "sample.jsonl"


# Our own short texts: two outlets reporting one bombing with different tolls (one incident whose
# sources disagree) and sentences that give the actor network some edges (the sample has none).
EXTRA_ARTICLES = [
    {"id": "test-mosul-a", "published": "2018-05-14", "outlet": "Outlet A",
     "text": "قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل، الاثنين."},
    {"id": "test-mosul-b", "published": "2018-05-15", "outlet": "Outlet B",
     "text": "أسفر انفجار عبوة ناسفة في مدينة الموصل شمالي العراق يوم الاثنين عن مقتل أربعة مدنيين وإصابة ستة آخرين."},
    {"id": "test-network-allegiance", "published": "2014-11-10", "outlet": "Test wire",
     "text": "أعلنت جماعة أنصار بيت المقدس مبايعتها لتنظيم الدولة الإسلامية وزعيمه أبو بكر البغدادي."},
    {"id": "test-network-supply", "published": "2018-06-01", "outlet": "Test wire",
     "text": "قالت مصادر أمنية إن إيران زودت جماعة الحوثيين بصواريخ وطائرات مسيرة."},
    {"id": "test-network-role", "published": "2019-01-16", "outlet": "Test wire",
     "text": "قال المتحدث باسم حركة الشباب علي محمود راجي إن الحركة تقف وراء الهجوم."},
]


@pytest.fixture(scope="session")
def corpus_files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    extra = tmp_path_factory.mktemp("corpus") / "extra.jsonl"
    extra.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in EXTRA_ARTICLES), encoding="utf-8")
    return [str(SAMPLE), str(extra)]


def fill(store: Store, files: list[str]) -> None:
    """What ``marsad ingest`` does: extraction, records, near-duplicates, incidents."""
    report = ingest(store, files)
    assert report.failures == 0 and report.stored == report.input


@dataclass
class Running:
    url: str
    store: Store
    keys: dict[str, str]

    def client(self, role: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[role]}"} if role else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve(settings: ServerSettings, store: Store) -> Iterator[str]:
    """Run the app under uvicorn in a thread until the block ends."""
    server = uvicorn.Server(uvicorn.Config(create_app(settings, store), host=settings.host, port=settings.port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield settings.address.rstrip("/")
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def app_store(db_url: str, corpus_files: list[str]) -> Iterator[Store]:
    store = open_app_store(db_url)
    fill(store, corpus_files)
    yield store
    store.close()


@pytest.fixture
def server(app_store: Store) -> Iterator[Running]:
    """Single-user mode on 127.0.0.1: no keys."""
    settings = ServerSettings(db_url=app_store.url, port=_free_port())
    for url in serve(settings, app_store):
        yield Running(url, app_store, {})


@pytest.fixture
def keyed_server(app_store: Store) -> Iterator[Running]:
    """Keys required; one key per role, and a 'slow' read key limited to 3 requests a minute."""
    with app_store.session() as session:
        keys = {role: create_key(session, role, role)[1] for role in ("read", "write", "review")}
        keys["slow"] = create_key(session, "slow", "read", rate_limit=3)[1]
    settings = ServerSettings(db_url=app_store.url, port=_free_port(), keyless=False)
    for url in serve(settings, app_store):
        yield Running(url, app_store, keys)


WESTMINSTER = "sample-2017-03-28-westminster"


@pytest.fixture
def westminster(server: Running) -> dict[str, Any]:
    """The sample's Westminster attack, found through the API as a user would find it."""
    with server.client() as client:
        found = client.get("/api/events", params={"country": "GB"}).json()["data"]
    [event] = [e for e in found if e["article_id"] == WESTMINSTER and e["event_type"] != "strategic_developments"]
    return event


@dataclass
class Hook:
    url: str
    received: list[dict[str, Any]]
    arrived: threading.Event


@pytest.fixture
def hook() -> Iterator[Hook]:
    """A webhook receiver on 127.0.0.1 that keeps the JSON bodies POSTed to it."""
    received: list[dict[str, Any]] = []
    arrived = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()
            arrived.set()

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Hook(f"http://127.0.0.1:{httpd.server_address[1]}/hook", received, arrived)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def hooked_server(app_store: Store, hook: Hook) -> Iterator[Running]:
    """Single-user mode with watchlist matches POSTed to ``hook``."""
    settings = ServerSettings(db_url=app_store.url, port=_free_port(), webhook_url=hook.url)
    for url in serve(settings, app_store):
        yield Running(url, app_store, {})
