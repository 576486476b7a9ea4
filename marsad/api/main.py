"""The FastAPI app: API routers, the dashboard pages and their static files, one error mapping.

>>> from marsad.api.main import create_app                      # doctest: +SKIP
>>> from marsad.api.settings import ServerSettings              # doctest: +SKIP
>>> app = create_app(ServerSettings(db_url="marsad.db"))        # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from marsad.api import errors
from marsad.api.cache import AnswerCache
from marsad.api.deps import AppState
from marsad.api.ratelimit import RateLimiter
from marsad.api.routers import articles, events, incidents, network, session, watchlists
from marsad.api.settings import ServerSettings
from marsad.store.app import open_app_store
from marsad.store.db import Store

__all__ = ["SETTINGS_ENV", "app_from_env", "create_app"]

SETTINGS_ENV = "MARSAD_SERVE_SETTINGS"

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"


def create_app(settings: ServerSettings, store: Store | None = None) -> FastAPI:
    """The app for ``settings``; opens (creates, migrates) the database unless ``store`` is given."""
    from marsad.web import pages

    app = FastAPI(title="Marsad", version="0.1.0", docs_url="/api/docs", redoc_url=None,
                  description="Political-violence events and actor networks from Arabic news, with evidence.")
    app.state.marsad = AppState(settings=settings, store=store or open_app_store(settings.db_url),
                                limiter=RateLimiter(), cache=AnswerCache(settings.cache_size))
    errors.install(app)
    app.add_exception_handler(pages.LoginNeeded, pages.login_redirect)  # type: ignore[arg-type]
    for module in (events, network, articles, incidents, watchlists, session, pages):
        app.include_router(module.router)
    app.include_router(events.export_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def settings_to_env(settings: ServerSettings) -> None:
    """Hand the settings to worker processes (``marsad serve --workers N``)."""
    os.environ[SETTINGS_ENV] = json.dumps(asdict(settings))


def app_from_env() -> FastAPI:
    """The app of a worker process, built from the settings ``marsad serve`` put in the environment."""
    return create_app(ServerSettings(**json.loads(os.environ[SETTINGS_ENV])))
