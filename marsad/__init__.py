"""Marsad: political-violence events and actor networks from Arabic news, with evidence.

>>> import marsad
>>> result = marsad.extract("قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل، الاثنين.",
...                         published="2018-05-14")
>>> result.to_json()["events"][0]["event_type"]
'explosions_remote_violence'
"""

from __future__ import annotations

import os

# One thread per process: Marsad scales out with worker processes (--jobs, Dask), and BLAS threads
# inside the NER's small matrix products only fight those processes for the cores (3x slower).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from marsad import extract  # noqa: E402  # the extract subpackage is callable: marsad.extract(text, published)
from marsad.model import Document, Result  # noqa: E402

__all__ = ["extract", "Document", "Result"]
__version__ = "0.1.0"
