"""Extraction stages: triggers → frames → incidents → events; claims; relations.

``marsad.extract(text, published=None)`` is also the one-call public API. Python binds the
subpackage ``marsad.extract`` over a function of the same name in ``marsad/__init__.py`` as soon
as the pipeline imports it, so this module itself is made callable and forwards to
:func:`marsad.api.extract`.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from marsad.api import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
