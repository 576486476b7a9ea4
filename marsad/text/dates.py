"""Dates in Arabic news, resolved to ISO values with their precision.

Absolute dates in both month series and mixed forms ("22 آذار/مارس 2017", "نوفمبر/ تشرين الثاني
2015"), numeric dates (day first), years with their heads ("أواخر عام 2014"), Hijri dates
(converted with ``hijridate``), weekdays ("يوم الأربعاء": the latest such day on or before the
publication date) and relative expressions ("أمس", "الشهر الماضي", "قبل يومين"). Anything relative
is resolved only against a known publication date; without one it is not reported. Word lists
are data in ``kb/lexicons/dates.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import regex
import yaml

from marsad.model import DateValue
from marsad.text.normalize import NormalizedText, norm_key, normalize

__all__ = ["find_dates"]

_B = r"(?<![\p{L}\p{N}])"  # word start
_E = r"(?![\p{L}\p{N}])"  # word end
_P = r"(?:[وفب]|ل)?"  # a proclitic on the first word
_NOT_A_DAY = regex.compile(r"(?:صلاه|خطبه|صلوات|مسجد|جامع)\s*$")  # "صلاة الجمعة" is a prayer, not a date
_RELATIVE_NUMBERS = {"يومين": 2, "يوم": 1, "ثلاثه ايام": 3, "اربعه ايام": 4, "خمسه ايام": 5, "سته ايام": 6,
                     "اسبوع": 7, "اسبوعين": 14}


@dataclass(frozen=True, slots=True)
class _Found:
    start: int  # normalised offsets
    end: int
    value: str
    precision: str
    relative: bool = False


def _alt(words: Any) -> str:
    keys = sorted((norm_key(w) for w in words), key=len, reverse=True)
    return "|".join(regex.escape(k).replace(r"\ ", r"\s+") for k in keys)


@dataclass(frozen=True, slots=True)
class _Lex:
    months: dict[str, int]
    ambiguous: frozenset[str]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    relative_units: dict[str, tuple[str, int]]
    patterns: dict[str, regex.Pattern[str]]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("marsad.kb").joinpath("lexicons/dates.yaml").read_text(encoding="utf-8"))
    month = f"(?:{_alt(raw['months'])})"
    months = rf"(?P<m1>{month})(?:\s*/\s*(?P<m2>{month}))?"
    year_heads = _alt(raw["year_heads"])
    weekday = _alt(raw["weekdays"])
    heads = _alt(raw["weekday_heads"])
    patterns = {
        "full": rf"{_B}(?P<d>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?{months}(?:\s*(?:من\s+)?(?:عام|سنه|العام)?\s*(?P<y>(?:19|20)\d\d))?{_E}",
        "month_year": rf"{_B}{_P}(?:شهر\s+)?{months}\s*(?:من\s+)?(?:عام|سنه|العام)?\s*(?P<y>(?:19|20)\d\d){_E}",
        "month": rf"{_B}(?P<h>شهر|مطلع|اواخر|اوائل|منتصف|بدايه|نهايه|خلال|في)\s+{months}{_E}",
        "numeric": rf"{_B}(?P<d>\d{{1,2}})[/.-](?P<mn>\d{{1,2}})[/.-](?P<y>(?:19|20)\d\d){_E}",
        "iso": rf"{_B}(?P<y>(?:19|20)\d\d)[/-](?P<mn>\d{{1,2}})[/-](?P<d>\d{{1,2}}){_E}",
        "year": rf"{_B}{_P}(?:(?:{year_heads})\s+)+(?:عام\s+)?(?P<y>(?:19|20)\d\d){_E}",
        "hijri": rf"{_B}(?:(?P<d>\d{{1,2}})\s+)?(?P<hm>{_alt(raw['hijri_months'])})\s+(?P<y>1[34]\d\d)(?:\s*(?:هـ|ه){_E})?",
        "weekday": rf"{_B}{_P}(?:(?P<h>{heads})\s+)?(?P<wd>{weekday})(?P<past>\s+الماضي)?{_E}",
        "relative_days": rf"{_B}{_P}(?P<r>{_alt(raw['relative_days'])}){_E}",
        "relative_units": rf"{_B}{_P}(?P<r>{_alt(raw['relative_units'])}){_E}",
        "ago": rf"{_B}(?:قبل|منذ)\s+(?P<n>{_alt(_RELATIVE_NUMBERS)}){_E}",
    }
    return _Lex(
        months={norm_key(k): v for k, v in raw["months"].items()},
        ambiguous=frozenset(norm_key(k) for k in raw["ambiguous_months"]),
        hijri={norm_key(k): v for k, v in raw["hijri_months"].items()},
        weekdays={norm_key(k): v for k, v in raw["weekdays"].items()},
        relative_days={norm_key(k): v for k, v in raw["relative_days"].items()},
        relative_units={norm_key(k): (v[0], int(v[1])) for k, v in raw["relative_units"].items()},
        patterns={name: regex.compile(p) for name, p in patterns.items()},
    )


def find_dates(text: str, published: dt.date | None, norm: NormalizedText | None = None) -> list[DateValue]:
    norm = norm or normalize(text)
    lex = _lex()
    found: list[_Found] = []
    for name, pattern in lex.patterns.items():
        handler = _HANDLERS[name]
        for m in pattern.finditer(norm.text):
            found.extend(handler(m, lex, published))
    out = []
    taken: list[tuple[int, int]] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if any(f.start < e and s < f.end for s, e in taken):
            continue
        taken.append((f.start, f.end))
        start, end = norm.raw_span(f.start, f.end)
        out.append(DateValue(start, end, text[start:end], f.value, f.precision, f.relative))
    return sorted(out, key=lambda d: d.start)


def _key(s: str | None) -> str:
    return " ".join((s or "").split())


def _year_for(month: int, published: dt.date | None) -> int | None:
    """The year of the latest occurrence of ``month`` on or before publication."""
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _full(m: regex.Match[str], lex: _Lex, published: dt.date | None) -> Iterator[_Found]:
    month = lex.months[_key(m.group("m2") or m.group("m1"))]
    year = int(m.group("y")) if m.group("y") else _year_for(month, published)
    value = _iso(year, month, int(m.group("d"))) if year else None
    if value:
        yield _Found(m.start(), m.end(), value, "day", relative=not m.group("y"))


def _month_year(m: regex.Match[str], lex: _Lex, published: dt.date | None) -> Iterator[_Found]:
    value = _iso(int(m.group("y")), lex.months[_key(m.group("m2") or m.group("m1"))])
    if value:
        start = m.start("m1") if m.group(0).startswith(("و", "ف", "ب", "ل")) and m.start("m1") - m.start() == 1 \
            else m.start()
        yield _Found(start, m.end(), value, "month")


def _month(m: regex.Match[str], lex: _Lex, published: dt.date | None) -> Iterator[_Found]:
    name = _key(m.group("m1"))
    if m.group("h") == "في" and name in lex.ambiguous:
        return
    month = lex.months[_key(m.group("m2") or name)]
    year = _year_for(month, published)
    if year:
        start = m.start("m1") if m.group("h") == "في" else m.start()
        yield _Found(start, m.end(), f"{year:04d}-{month:02d}", "month", relative=True)


def _numeric(m: regex.Match[str], lex: _Lex, published: dt.date | None) -> Iterator[_Found]:
    value = _iso(int(m.group("y")), int(m.group("mn")), int(m.group("d")))
    if value:
        yield _Found(m.start(), m.end(), value, "day")


def _year(m: regex.Match[str], lex: _Lex, published: dt.date | None) -> Iterator[_Found]:
    yield _Found(m.start(), m.end(), m.group("y"), "year")


def _hijri(m: regex.Match[str], lex: _Lex, published: dt.date | None) -> Iterator[_Found]:
    from hijridate import Hijri

    year, month = int(m.group("y")), lex.hijri[_key(m.group("hm"))]
    day = int(m.group("d")) if m.group("d") else None
    for try_day in ((day, day - 1) if day else (15,)):
        try:
            greg = Hijri(year, month, try_day).to_gregorian()
        except (ValueError, OverflowError):
            continue
        if day:
            yield _Found(m.start(), m.end(), dt.date(greg.year, greg.month, greg.day).isoformat(), "day")
        else:
            yield _Found(m.start(), m.end(), f"{greg.year:04d}-{greg.month:02d}", "month")
        return


def _weekday(m: regex.Match[str], lex: _Lex, published: dt.date | None) -> Iterator[_Found]:
    if published is None or _NOT_A_DAY.search(m.string[max(0, m.start() - 12):m.start()]):
        return
    wd = lex.weekdays[_key(m.group("wd"))]
    delta = (published.weekday() - wd) % 7
    if m.group("past") and delta == 0:
        delta = 7
    day = published - dt.timedelta(days=delta)
    start = m.start("h") if m.group("h") else m.start("wd")
    yield _Found(start, m.end(), day.isoformat(), "day", relative=True)


def _relative_days(m: regex.Match[str], lex: _Lex, published: dt.date | None) -> Iterator[_Found]:
    if published is None:
        return
    day = published - dt.timedelta(days=lex.relative_days[_key(m.group("r"))])
    yield _Found(m.start("r"), m.end(), day.isoformat(), "day", relative=True)


def _relative_units(m: regex.Match[str], lex: _Lex, published: dt.date | None) -> Iterator[_Found]:
    if published is None:
        return
    unit, offset = lex.relative_units[_key(m.group("r"))]
    if unit == "year":
        yield _Found(m.start("r"), m.end(), f"{published.year + offset:04d}", "year", relative=True)
        return
    if unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + offset, 12)
        yield _Found(m.start("r"), m.end(), f"{year:04d}-{month + 1:02d}", "month", relative=True)
        return
    first = published - dt.timedelta(days=published.weekday() + (7 if offset else 0))
    last = first + dt.timedelta(days=6)
    if (first.year, first.month) == (last.year, last.month):  # a week inside one month
        yield _Found(m.start("r"), m.end(), f"{first.year:04d}-{first.month:02d}", "month", relative=True)


def _ago(m: regex.Match[str], lex: _Lex, published: dt.date | None) -> Iterator[_Found]:
    if published is None:
        return
    days = _RELATIVE_NUMBERS[_key(m.group("n"))]
    day = published - dt.timedelta(days=days)
    if days < 7:
        yield _Found(m.start(), m.end(), day.isoformat(), "day", relative=True)
    elif (day.year, day.month) == (published.year, published.month):
        yield _Found(m.start(), m.end(), f"{day.year:04d}-{day.month:02d}", "month", relative=True)


_HANDLERS: dict[str, Callable[[regex.Match[str], _Lex, dt.date | None], Iterator[_Found]]] = {
    "full": _full, "month_year": _month_year, "month": _month, "numeric": _numeric, "iso": _numeric,
    "year": _year, "hijri": _hijri, "weekday": _weekday, "relative_days": _relative_days,
    "relative_units": _relative_units, "ago": _ago,
}
