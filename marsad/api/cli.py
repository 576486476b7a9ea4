"""``marsad serve`` and ``marsad keys``: the HTTP app and its API keys from the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from marsad.api.settings import ServerSettings, is_loopback

if TYPE_CHECKING:
    from marsad.store.db import Store

__all__ = ["keys", "serve"]

DB_HELP = "Database: a file path (SQLite, default marsad.db) or postgresql+psycopg://USER@HOST/DB."


@click.command()
@click.option("--db", "db_url", default="marsad.db", show_default=True, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--require-keys", is_flag=True,
              help="Ask for an API key even on 127.0.0.1 (always asked on any other address).")
@click.option("--rate-limit", type=click.IntRange(1), default=600, show_default=True,
              help="Requests per minute and key (a key may have its own).")
@click.option("--tile-url", default=None, help="Online map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
                                               "(default: the offline country map shipped with Marsad).")
@click.option("--tile-attribution", default="", help="Attribution shown with the tiles.")
@click.option("--webhook", "webhook_url", default=None, help="POST new watchlist matches as JSON to this URL.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (each keeps its own rate-limit counts).")
@click.option("--cache-size", type=click.IntRange(0), default=512, show_default=True,
              help="Answers (event lists, timelines, graphs) kept for the current data; 0: no cache.")
def serve(db_url: str, host: str, port: int, require_keys: bool, rate_limit: int, tile_url: str | None,
          tile_attribution: str, webhook_url: str | None, workers: int, cache_size: int) -> None:
    """Serve the REST API and the dashboard (OpenAPI at /openapi.json).

    On 127.0.0.1 without --require-keys it is a single-user app without keys; on any other
    address every request needs a key (create one with 'marsad keys create').
    """
    import uvicorn

    from marsad.api.main import create_app, settings_to_env
    from marsad.store import database_url

    settings = ServerSettings(db_url=database_url(db_url), host=host, port=port,
                              keyless=is_loopback(host) and not require_keys, rate_limit=rate_limit,
                              tile_url=tile_url, tile_attribution=tile_attribution, webhook_url=webhook_url,
                              cache_size=cache_size)
    app = create_app(settings)  # opens and migrates the database before any worker starts
    mode = "single-user, no keys" if settings.keyless else "API keys required"
    click.echo(f"marsad: dashboard at {settings.address} ({mode}); API docs at {settings.address}api/docs", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    settings_to_env(settings)
    uvicorn.run("marsad.api.main:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


@click.group()
def keys() -> None:
    """Create, list and revoke API keys (roles: read, write, review)."""


def _store(db_url: str) -> Store:
    from marsad.store import database_url
    from marsad.store.app import open_app_store

    return open_app_store(database_url(db_url))


@keys.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(["read", "write", "review"]), default="read", show_default=True)
@click.option("--rate-limit", type=click.IntRange(1), default=None, help="Requests per minute for this key.")
@click.option("--db", "db_url", default="marsad.db", show_default=True, help=DB_HELP)
def create_key_cmd(name: str, role: str, rate_limit: int | None, db_url: str) -> None:
    """Create a key named NAME and print it (shown once; only its hash is stored)."""
    from marsad.store.keys import create_key

    with _store(db_url).session() as session:
        key, secret = create_key(session, name, role, rate_limit)
    click.echo(secret)
    click.echo(f"marsad: key {key.name!r} ({key.role}) created; keep it now, it cannot be shown again", err=True)


@keys.command("list")
@click.option("--db", "db_url", default="marsad.db", show_default=True, help=DB_HELP)
def list_keys_cmd(db_url: str) -> None:
    """List keys: name, role, prefix, rate limit, created, revoked."""
    from marsad.store.keys import list_keys

    with _store(db_url).session() as session:
        for key in list_keys(session):
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            click.echo(f"{key.name}\t{key.role}\t{key.prefix}…\t{key.rate_limit or '-'}\t{state}")


@keys.command("revoke")
@click.argument("name")
@click.option("--db", "db_url", default="marsad.db", show_default=True, help=DB_HELP)
def revoke_key_cmd(name: str, db_url: str) -> None:
    """Revoke the key named NAME (it stops working at once)."""
    from marsad.store.keys import revoke_key

    with _store(db_url).session() as session:
        revoke_key(session, name)
    click.echo(f"marsad: key {name!r} revoked", err=True)
