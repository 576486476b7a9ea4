"""Publication dates from input records: ISO, day-first numeric and RFC 2822 strings.

The shared news corpora carry ``date`` as RFC 2822 (``Wed, 04 Jul 2018 15:05:19 GMT``), ISO
(``2015-07-21 02:59:23``, ``2017-02-17T22:15:00+01:00``) or day-first (``30/12/2014``, the
convention of Arabic outlets). The calendar date is taken as written, in the outlet's own time
zone. Anything else gives None: a publication date is never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
from collections.abc import Mapping

__all__ = ["parse_date_value", "published_from"]

_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_YEARS = range(1800, 2201)
_DATE_FIELDS = ("published", "date")


def published_from(record: Mapping[str, object]) -> dt.date | None:
    """The publication date of an input record: its ``published`` field, else its ``date`` field."""
    for key in _DATE_FIELDS:
        found = parse_date_value(record.get(key))
        if found is not None:
            return found
    return None


def parse_date_value(value: object) -> dt.date | None:
    """A date string in ISO, day-first numeric or RFC 2822 form → date; anything else → None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    return _iso(text) or _day_first(text) or _rfc2822(text)


def _iso(text: str) -> dt.date | None:
    found = _ISO.match(text)
    return _valid(int(found[1]), int(found[2]), int(found[3])) if found else None


def _day_first(text: str) -> dt.date | None:
    found = _DAY_FIRST.match(text)
    return _valid(int(found[3]), int(found[2]), int(found[1])) if found else None


def _rfc2822(text: str) -> dt.date | None:
    parts = email.utils.parsedate_tz(text)
    return _valid(parts[0], parts[1], parts[2]) if parts else None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    if year not in _YEARS or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)
