"""The one-call Python API, ``marsad.extract(text, published=None)``, and the HTTP API.

The HTTP API (FastAPI) lives in the submodules: ``main`` builds the app, ``routers/`` hold the
routes, ``services/`` the work they call. Importing this package itself loads no web framework.
"""

from __future__ import annotations

import datetime as dt

from marsad.model import Document, Result, parse_published

__all__ = ["extract"]


def extract(text: str, published: str | dt.date | None = None, doc_id: str = "doc",
            title: str | None = None) -> Result:
    """Events, relations and entities of one Arabic text.

    ``published`` (ISO date string or date) anchors relative dates ("أمس", "الأربعاء"); without
    it they stay unresolved.
    """
    from marsad.pipeline import process

    if isinstance(published, str):
        published = parse_published(published)
    return process(Document(id=doc_id, text=text, title=title, published=published))
