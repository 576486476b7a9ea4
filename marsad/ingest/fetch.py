"""Fetching a URL's bytes (feeds, and the pages they link to when asked): bounded in time and size."""

from __future__ import annotations

import urllib.error
import urllib.request

from marsad.ingest.errors import IngestError
from marsad.ingest.options import IngestOptions

__all__ = ["FetchError", "fetch_url", "is_url"]

USER_AGENT = "marsad/0.1 (+https://github.com/; offline Arabic event extractor)"


class FetchError(IngestError):
    """A URL that could not be fetched: the server's answer or the network error, in one line."""


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch_url(url: str, options: IngestOptions) -> bytes:
    """The body of ``url``; raises :class:`FetchError` on any HTTP or network error or an oversized body."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=options.fetch_timeout) as response:
            data: bytes = response.read(options.max_html_bytes + 1)
    except urllib.error.HTTPError as err:
        raise FetchError(f"cannot fetch {url}: the server answered HTTP {err.code} ({err.reason})") from err
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", None) or err
        raise FetchError(f"cannot fetch {url}: {reason}; check the address and the network") from err
    if len(data) > options.max_html_bytes:
        raise FetchError(f"cannot fetch {url}: the body is over {options.max_html_bytes:,} bytes")
    return data
