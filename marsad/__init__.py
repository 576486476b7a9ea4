"""Marsad: political-violence events and actor networks from Arabic news, with evidence.

>>> import marsad
>>> result = marsad.extract("قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل، الاثنين.",
...                         published="2018-05-14")
>>> result.to_json()["events"][0]["event_type"]
'explosions_remote_violence'
"""

from __future__ import annotations

from marsad import extract  # the extract subpackage is callable: marsad.extract(text, published)
from marsad.model import Document, Result

__all__ = ["extract", "Document", "Result"]
__version__ = "0.1.0"
