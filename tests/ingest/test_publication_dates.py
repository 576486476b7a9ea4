"""Publication dates in the forms feeds and exports use; an unreadable one is reported, never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.ingest.dates import parse_date_value, read_published


@pytest.mark.parametrize(("value", "expected"), [
    ("Wed, 04 Jul 2018 15:05:19 GMT", dt.date(2018, 7, 4)),              # RFC 2822
    ("Mon, 14 May 2018 09:30:00 +0300", dt.date(2018, 5, 14)),
    ("2017-02-17T22:15:00+01:00", dt.date(2017, 2, 17)),                 # ISO 8601, the outlet's own day
    ("2015-07-21 02:59:23", dt.date(2015, 7, 21)),
    ("30/12/2014", dt.date(2014, 12, 30)),                               # DD/MM/YYYY
    ("14 مايو 2018", dt.date(2018, 5, 14)),                              # Arabic month names, each series
    ("الاثنين 14 أيار/مايو 2018 - 10:30", dt.date(2018, 5, 14)),
    ("الأحد، 3 حزيران 2018", dt.date(2018, 6, 3)),
    ("١٤ نوفمبر ٢٠١٨", dt.date(2018, 11, 14)),
    ("14 ماي 2018 على الساعة 15:00", dt.date(2018, 5, 14)),
    ("27 رمضان 1439", dt.date(2018, 6, 11)),                              # Hijri
])
def test_dates_in_every_form(value: str, expected: dt.date) -> None:
    assert parse_date_value(value) == expected


@pytest.mark.parametrize("value", ["قبل ساعتين", "أمس", "مايو 2018", "2018", "31/02/2018", "soon", "",
                                   "في 14 مايو 2018 وفي 15 مايو 2018"])
def test_vague_impossible_or_ambiguous_dates_give_none(value: str) -> None:
    assert parse_date_value(value) is None


def test_an_unreadable_date_is_reported_with_the_raw_value() -> None:
    found = read_published({"published": "31/02/2018", "date": "قريبا"})
    assert found.date is None and found.raw == "31/02/2018"
    assert found.problem is not None and "قريبا" in found.problem and "never guessed" in found.problem


def test_the_first_readable_field_wins_and_absent_dates_are_no_problem() -> None:
    assert read_published({"published": "", "date": "2018-01-02"}).date == dt.date(2018, 1, 2)
    assert read_published({"published": "garbled", "date": "2018-01-02"}).problem is None
    assert read_published({}).problem is None and read_published({}).date is None
