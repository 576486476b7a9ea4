"""The server's options, one frozen object built by ``marsad serve`` (or a test)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

__all__ = ["ServerSettings", "SettingsError", "is_loopback"]

LOOPBACK_NAMES = frozenset({"localhost"})


class SettingsError(ValueError):
    """The options contradict each other (e.g. no keys on a public address)."""


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """``keyless``: single-user mode (every role, no key), allowed only on a loopback address.

    ``rate_limit``: requests per minute and key unless the key has its own limit.
    ``tile_url``: an online tile server for the map (``https://…/{z}/{x}/{y}.png``); without it
    the map draws the country boundaries shipped with the app.
    ``webhook_url``: where watchlist matches are POSTed as JSON when configured.
    ``submit_incidents``: rebuild the incidents after each article submitted through the API (turn
    off on a large store and let the next ``marsad ingest`` do it).
    ``cache_size``: answers (event lists, timelines, graphs) kept per process for the current
    version of the data; 0 turns the cache off.
    """

    db_url: str
    host: str = "127.0.0.1"
    port: int = 8000
    keyless: bool = True
    rate_limit: int = 600
    tile_url: str | None = None
    tile_attribution: str = ""
    webhook_url: str | None = None
    submit_incidents: bool = True
    cache_size: int = 512

    def __post_init__(self) -> None:
        if self.keyless and not is_loopback(self.host):
            raise SettingsError(
                f"keyless mode is only allowed on a loopback address, not {self.host!r}: "
                "create API keys (marsad keys create) and serve with --require-keys")
        if self.rate_limit < 1:
            raise SettingsError("the rate limit must be at least one request per minute")

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"
