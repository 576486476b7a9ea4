"""Publication dates from input records: ISO, day-first numeric, RFC 2822 and Arabic month names.

The shared news corpora carry ``date`` as RFC 2822 (``Wed, 04 Jul 2018 15:05:19 GMT``), ISO
(``2015-07-21 02:59:23``, ``2017-02-17T22:15:00+01:00``) or day-first (``30/12/2014``, the
convention of Arabic outlets); Arabic sites and feeds also write ``الاثنين 14 أيار/مايو 2018``,
read with the month names of :mod:`marsad.text.dates` (all three Gregorian series, Hijri). The
calendar date is taken as written, in the outlet's own time zone. Anything else gives None: a
publication date is never guessed, and :func:`read_published` says which value could not be read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Published", "parse_date_value", "published_from", "read_date", "read_published"]

_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_YEARS = range(1800, 2201)
_DATE_FIELDS = ("published", "date")
_MAX_NAMED = 80  # a date field, not a paragraph
_RAW_LIMIT = 200
_PROBLEM = "unreadable publication date ({}); stored without a date, never guessed"


@dataclass(frozen=True, slots=True)
class Published:
    """A record's publication date: the date, the raw value it came from, and why none could be read."""

    date: dt.date | None
    raw: str | None = None
    problem: str | None = None


def read_published(record: Mapping[str, object]) -> Published:
    """The first readable date of the ``published`` and ``date`` fields; a problem when one is given but unreadable."""
    given = [(key, record[key]) for key in _DATE_FIELDS
             if record.get(key) is not None and not (isinstance(record[key], str) and not str(record[key]).strip())]
    for _, value in given:
        found = parse_date_value(value)
        if found is not None:
            return Published(found, _raw(value))
    if not given:
        return Published(None)
    listed = ", ".join(f"{key}={_raw(value)!r}" for key, value in given)
    return Published(None, _raw(given[0][1]), _PROBLEM.format(listed))


def read_date(raw: str | None) -> Published:
    """One date as a source wrote it (a feed entry's, a page's): the date, or the problem when it is unreadable."""
    if not raw:
        return Published(None)
    found = parse_date_value(raw)
    return Published(found, raw) if found is not None else Published(None, raw, _PROBLEM.format(repr(raw)))


def _raw(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text[:_RAW_LIMIT]


def published_from(record: Mapping[str, object]) -> dt.date | None:
    """The publication date of an input record: its ``published`` field, else its ``date`` field."""
    for key in _DATE_FIELDS:
        found = parse_date_value(record.get(key))
        if found is not None:
            return found
    return None


def parse_date_value(value: object) -> dt.date | None:
    """A date string in ISO, day-first numeric, RFC 2822 or Arabic named-month form → date; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    return _iso(text) or _day_first(text) or _rfc2822(text) or _named_month(text)


def _iso(text: str) -> dt.date | None:
    found = _ISO.match(text)
    return _valid(int(found[1]), int(found[2]), int(found[3])) if found else None


def _day_first(text: str) -> dt.date | None:
    found = _DAY_FIRST.match(text)
    return _valid(int(found[3]), int(found[2]), int(found[1])) if found else None


def _rfc2822(text: str) -> dt.date | None:
    parts = email.utils.parsedate_tz(text)
    return _valid(parts[0], parts[1], parts[2]) if parts else None


def _named_month(text: str) -> dt.date | None:
    """One absolute day-precision date written with an Arabic month name ("14 أيار/مايو 2018")."""
    if len(text) > _MAX_NAMED:
        return None
    from marsad.text.dates import find_dates

    found = [d for d in find_dates(text, None) if d.precision == "day" and not d.relative]
    return dt.date.fromisoformat(found[0].value) if len(found) == 1 else None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    if year not in _YEARS or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)
