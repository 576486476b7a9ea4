"""The dashboard in a real headless Chromium (Debian's, driven by Playwright): filter events, open
one, see the evidence highlighted, correct a field, export, open the map, the timeline and the
network. Screenshots go to ``out/screenshots/`` (or ``MARSAD_SCREENSHOTS``)."""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("MARSAD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(os.environ.get("MARSAD_SCREENSHOTS") or Path(__file__).resolve().parents[2] / "out" / "screenshots")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason=f"no Chromium at {CHROMIUM} (.ci/run installs it)")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The browser runs against SQLite (the API tests cover PostgreSQL)."""
    return f"sqlite:///{tmp_path / 'marsad.db'}"


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 900}, locale="ar")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        page.set_default_timeout(20_000)
        yield page
        context.close()
        assert not errors, errors


def test_analyst_finds_checks_and_corrects_the_westminster_attack(server: Any, page: Any) -> None:
    page.goto(server.url + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    total = int(page.locator("#event-count").inner_text())
    page.fill("input[name=country]", "GB")
    page.click("#apply")
    page.wait_for_url("**country=GB**")
    assert 0 < int(page.locator("#event-count").inner_text()) < total
    page.screenshot(path=str(SHOTS / "01-events-filtered.png"), full_page=True)

    page.locator("#events tbody tr", has_text="وستمنستر").first.locator("a").first.click()
    page.wait_for_url("**/events/**")
    marks = page.locator("#article-text mark")
    assert marks.count() > 3
    classes = " ".join(marks.nth(i).get_attribute("class") or "" for i in range(marks.count()))
    fields = {c for c in classes.split() if c.startswith("f-")}
    assert {"f-fatalities", "f-location"} <= fields and len(fields) >= 3
    fatalities = page.locator("#article-text mark.f-fatalities").first
    assert fatalities.evaluate("m => getComputedStyle(m).backgroundColor") != \
        page.locator("#article-text mark.f-location").first.evaluate("m => getComputedStyle(m).backgroundColor")
    page.screenshot(path=str(SHOTS / "02-event-evidence.png"), full_page=True)

    page.select_option("#correct-field", "fatalities")
    page.fill("#correct-value", "5")
    page.click("#correct")
    page.wait_for_selector("[data-reviewed=fatalities]")
    assert page.locator("[data-reviewed=fatalities]").inner_text().strip() == "5"
    assert page.locator("#history").is_visible()
    page.screenshot(path=str(SHOTS / "03-event-corrected.png"), full_page=True)

    page.goto(server.url + "/?country=GB")
    href = page.locator("#export-csv").get_attribute("href")
    rows = list(csv.DictReader(io.StringIO(page.request.get(server.url + href).text())))
    assert [(r["fatalities"], r["reviewed"]) for r in rows if r["article"] == "sample-2017-03-28-westminster"
            and r["event_type"] != "strategic_developments"] == [("5", "True")]


def test_map_timeline_and_network(server: Any, page: Any) -> None:
    page.goto(server.url + "/map")
    page.wait_for_selector("body[data-ready=map]")
    assert int(page.locator("#map-count").inner_text()) > 0
    assert page.locator(".leaflet-marker-icon").count() > 0
    assert page.locator("path.leaflet-interactive").count() > 100  # country boundaries drawn offline
    page.screenshot(path=str(SHOTS / "04-map.png"))

    page.goto(server.url + "/timeline?interval=day")
    page.wait_for_selector("body[data-ready=timeline]")
    assert page.locator("#timeline canvas").count() > 0
    page.screenshot(path=str(SHOTS / "05-timeline.png"))

    page.goto(server.url + "/network")
    page.wait_for_selector("body[data-ready=network]")
    nodes = page.evaluate("window.marsadNetwork.nodes().map(n => n.data('label'))")
    assert len(nodes) >= 2 and all(nodes)
    page.evaluate("window.marsadNetwork.edges()[0].emit('tap')")
    assert page.locator("#edge-evidence blockquote").count() > 0
    page.screenshot(path=str(SHOTS / "06-network.png"))

    # the tap navigates away: fire it after the evaluation returns, so the page is not left mid-evaluation
    page.evaluate("setTimeout(() => window.marsadNetwork.nodes()[0].emit('tap'), 0)")
    page.wait_for_url("**/?actor=**")
    assert int(page.locator("#event-count").inner_text()) >= 0


def test_english_toggle_turns_the_page_left_to_right(server: Any, page: Any) -> None:
    page.goto(server.url + "/")
    page.click("#lang-toggle")
    page.wait_for_function("document.documentElement.dir === 'ltr'")
    assert page.locator("#nav-events").inner_text().startswith("Events")
    page.screenshot(path=str(SHOTS / "07-events-english.png"))
