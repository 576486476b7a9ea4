"""Marsad: political-violence events and actor networks from Arabic news, with evidence.

>>> import marsad
>>> result = marsad.extract("قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل، الاثنين.",
...                         published="2018-05-14")
>>> result.to_json()["events"][0]["event_type"]
'explosions_remote_violence'
"""

from __future__ import annotations

import datetime as dt

from marsad.model import Document, Result

__all__ = ["extract", "Document", "Result"]
__version__ = "0.1.0"


def extract(text: str, published: str | dt.date | None = None, doc_id: str = "doc",
            title: str | None = None) -> Result:
    """Events, relations and entities of one Arabic text.

    ``published`` (ISO date string or date) anchors relative dates ("أمس", "الأربعاء"); without
    it they stay unresolved.
    """
    from marsad.model import parse_published
    from marsad.pipeline import process

    if isinstance(published, str):
        published = parse_published(published)
    return process(Document(id=doc_id, text=text, title=title, published=published))
