"""Dates in Arabic news, resolved to ISO values ("YYYY", "YYYY-MM", "YYYY-MM-DD") with a precision.

Patterns run over the normalised view (:mod:`marsad.text.normalize`) and every
:class:`~marsad.model.DateValue` carries raw offsets (``text[start:end] == mention``); a proclitic
(و ف ب ل) is left out of the mention, a head word ("يوم", "مساء", "عام", "أواخر") is kept. Word
lists are data in ``kb/lexicons/dates.yaml``. Overlapping candidates: the longest wins.

Absolute (no publication date needed):
  "22 مارس 2017", "22 آذار/مارس 2017", "التاسع من نيسان 2018", "19 من مارس 2015" → day; "نوفمبر/ تشرين الثاني 2015",
  "أواخر مارس 2017" → month; "عام 2014", "أواخر عام 2014", "مطلع 2015", "في 2007" → year;
  "12/5/2018", "12-5-2018" (day first), "2018/5/12" → day; Hijri "15 رمضان 1439 هـ" → day and
  "رمضان 1439" → month, converted with ``hijridate`` (AH 1343–1500; day 30 of a 29-day month is read
  as the day after day 29; a Hijri month spanning two Gregorian months gets the one holding its 15th).

Relative (``relative=True``; only with a publication date, never guessed without one):
  - a day and month, or a month, without a year: the most recent occurrence on or before
    publication ("20 تموز", "شهر مارس", "في أغسطس") — except that a day falling within the 31 days
    after publication is that coming day ("حتى 22 أيار" written on 19 May); "الماضي" after it →
    strictly before the publication month, "الجاري" → the publication year, "المقبل" → strictly
    after, "العام الماضي" → the year before; "من العام نفسه" (a year named earlier) → no date; in a
    range ("من 31 مارس إلى 31 أكتوبر 2011") the first date takes the year of the second;
  - weekdays ("الأربعاء", "يوم الأربعاء", "مساء الأربعاء", "فجر الجمعة"): the publication day itself
    when it is that weekday, else the most recent such day before it (news reports past days);
    "الخميس الماضي" → strictly before publication, "الخميس المقبل" → strictly after;
  - "اليوم", "الليلة", "أمس", "أول أمس", "الليلة الماضية", "صباح اليوم", "مساء أمس", "أمس الاثنين";
  - "الشهر الماضي/الجاري" → month ("19 من الشهر الجاري" → day), "العام الماضي/الحالي" → year;
  - windows ("الأسبوع الماضي" = publication −13 … −1 days, whatever day the week starts on;
    "اليومين الماضيين") → month precision only when the whole window lies in one month, else nothing;
  - "قبل يومين", "قبل ثلاثة أيام", "منذ 10 أيام" → day; "منذ أسبوعين" → month when publication −14
    ±3 days lies in one month; "قبل شهرين" → month; "قبل عامين" → year. "قبل يومين من الهجوم"
    counts from another event and is not reported.

False positives kept out: a bare month name needs a day, a year, "شهر"/"مطلع"/"أواخر"… before it,
"الماضي"/"الجاري" after it, a second month name, or a preposition ("في أغسطس"; not for آب = father);
a weekday needs the article or a head word ("يوم جمعة"), and not "صلاة الجمعة" or "الأحد عشر";
"اليوم" is not a date in "اليوم التالي" or "حتى اليوم"; names like "14 آذار" are not dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from hijridate import Gregorian, Hijri

from marsad.model import DateValue
from marsad.text.normalize import NormalizedText, norm_key, normalize
from marsad.text.numbers import parse_number, phrase_pattern

__all__ = ["find_dates"]

_B = r"(?<!\w)"  # word start
_E = r"(?!\w)"  # word end
_PROC = r"(?:[وف]?[بل]?)"  # proclitics before the first word (left out of the mention)
_PROC_DAY = r"(?:[وف]?ب?)"  # before أمس/اليوم: not ل ("لامس" is a verb)
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:م)?"
_YEAR_MIN, _YEAR_MAX = 1900, 2099
_SOON_DAYS = 31  # "حتى 22 أيار" a few days before 22 May is this year's, not last year's
_RANGE_JOIN = re.compile(r"\s*(?:-|–|و|الي|حتي|وحتي|لغايه|ولغايه)\s*")
_NEXT_WORD = re.compile(r"\s*([^\W\d_]*)")
_TONIGHT = norm_key("الليلة")
_TODAY = frozenset({norm_key("اليوم"), _TONIGHT})


@dataclass(frozen=True, slots=True)
class _Found:
    start: int  # normalised offsets
    end: int
    value: str | None  # None: a name that blocks other readings ("14 آذار")
    precision: str
    relative: bool = False
    rank: int = 1  # 0 for named dates: they win over the patterns inside them
    inferred: bool = False  # a day/month whose year came from the publication date


@dataclass(frozen=True, slots=True)
class _Lex:
    raw: dict[str, Any]
    months: dict[str, int]
    month_re: re.Pattern[str]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    ordinal_days: dict[str, int]
    relative_days: dict[str, int]
    windows: dict[str, tuple[int, int]]
    rel_months: dict[str, int]
    rel_years: dict[str, int]
    last_units: dict[str, str]
    ago_units: dict[str, tuple[str, bool]]  # word → (unit, is singular)
    ago_duals: dict[str, tuple[str, int]]
    named: dict[str, str | None]
    sets: dict[str, frozenset[str]]
    month_words: frozenset[str]  # first words of month names (Gregorian and Hijri)


@dataclass(frozen=True, slots=True)
class _Ctx:
    text: str
    published: dt.date | None
    lex: _Lex


_Handler = Callable[[re.Match[str], _Ctx], "_Found | None"]


# ---------------------------------------------------------------------------------------------
# Lexicon and patterns


def _k(s: str | None) -> str:
    return " ".join((s or "").split())


def _flat(spec: dict[Any, list[str]]) -> dict[str, int]:
    return {norm_key(w): int(n) for n, words in spec.items() for w in words}


def _alt(words: Iterable[str]) -> str:
    return phrase_pattern({norm_key(w) for w in words})


def _ordinal_days(units: dict[str, int], tens: dict[str, int]) -> dict[str, int]:
    out = {k: v for k, v in units.items() if k != norm_key("الحادي")}
    for unit, u in units.items():
        if unit != norm_key("الأول"):
            out[f"{unit} عشر"] = 10 + u
            out.update({f"{unit} و{ten}": t + u for ten, t in tens.items() if t >= 20 and t + u <= 31})
    out.update({k: v for k, v in tens.items()})
    return out


_SETS = ("ambiguous_months", "weekday_not_after", "during_prayer", "weekday_not_before", "weekday_past", "weekday_next",
         "today_not_before", "today_not_after", "ago_not_before", "month_preps", "year_preps", "month_past",
         "month_current", "month_next", "month_last_year", "month_this_year", "month_unknown_year")


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("marsad.kb").joinpath("lexicons/dates.yaml").read_text(encoding="utf-8"))
    units = {norm_key(k): int(v) for k, v in raw["ordinal_units"].items()}
    tens = {norm_key(k): int(v) for k, v in raw["ordinal_tens"].items()}
    ago_units = {norm_key(w): (unit, i == 0) for unit, words in raw["ago_units"].items()
                 for i, w in enumerate(words)}
    return _Lex(
        raw=raw,
        months=_flat(raw["months"]),
        month_re=re.compile(_alt(w for words in raw["months"].values() for w in words)),
        hijri=_flat(raw["hijri_months"]),
        weekdays=_flat(raw["weekdays"]),
        ordinal_days=_ordinal_days(units, tens),
        relative_days={norm_key(k): int(v) for k, v in raw["relative_days"].items()},
        windows={norm_key(k): (int(v[0]), int(v[1])) for k, v in raw["relative_windows"].items()},
        rel_months={norm_key(k): int(v) for k, v in raw["relative_months"].items()},
        rel_years={norm_key(k): int(v) for k, v in raw["relative_years"].items()},
        last_units={norm_key(w): unit for unit, words in raw["last_units"].items() for w in words},
        ago_units=ago_units,
        ago_duals={norm_key(k): (str(v[0]), int(v[1])) for k, v in raw["ago_duals"].items()},
        named={norm_key(k): None if v is None else str(v) for k, v in raw["named_dates"].items()},
        sets={name: frozenset(_k(norm_key(w)) for w in raw[name]) for name in _SETS},
        month_words=frozenset(norm_key(w).split()[0] for key in ("months", "hijri_months")
                              for words in raw[key].values() for w in words),
    )


# Which patterns a trigger word starts, and how far around it (normalised characters before the
# trigger, after it) a match may reach: "مساء يوم الخميس 22 من شهر آذار/مارس 2017" around "آذار".
_WINDOWS = {
    "day_month": (48, 48), "month": (24, 48), "named": (24, 24), "hijri": (16, 32), "weekday": (40, 16),
    "relative_day": (32, 24), "period": (16, 2), "ago": (2, 40), "year": (24, 2), "numeric": (8, 8),
    "last_n": (48, 2),
}


@dataclass(frozen=True, slots=True)
class _Patterns:
    by_name: dict[str, tuple[re.Pattern[str], _Handler]]
    triggers: re.Pattern[str]  # one pass over the text finds where a date may be
    trigger_map: dict[str, tuple[str, ...]]  # trigger word → pattern names; digits → year, numeric


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = _lex()
    raw = lex.raw
    month = _alt(lex.months)
    mon = rf"(?P<mon>(?:{month})(?:\s*[/\\-]\s*(?:{month})|\s*\(\s*(?:{month})\s*\)|\s+(?:{month}))?)"
    month_rel = _alt(w for key in ("month_past", "month_current", "month_next", "month_last_year",
                                   "month_this_year", "month_unknown_year") for w in raw[key])
    heads = _alt(raw["day_heads"])
    weekday = _alt(lex.weekdays)
    bare_weekday = _alt(w[2:] for w in lex.weekdays)
    weekday_rel = _alt([*raw["weekday_past"], *raw["weekday_next"]])
    parts = _alt(raw["period_parts"])
    year_conn = rf"\s*،?\s*(?:من\s+)?(?:(?:{_alt(raw['year_heads'])})\s+)?"
    day = rf"(?:(?P<day>[0-3]?\d)(?:\s+من)?|(?P<oday>{_alt(lex.ordinal_days)})\s+من)"
    weekday_prefix = rf"(?:(?:(?:{heads})\s+)?(?:{weekday})\s*،?\s*(?:الموافق\s+)?)?"
    periods = [*lex.windows, *lex.rel_months, *lex.rel_years]
    last_units = _alt(lex.last_units)
    count = r"\d+|[^\W\d_]+(?:\s+و[^\W\d_]+)?"
    table: dict[str, tuple[str, _Handler]] = {
        "day_month": (rf"{_PROC}(?P<m>{weekday_prefix}{day}\s*(?:شهر\s+)?{mon}(?:{year_conn}{_YEAR})?"
                      rf"(?:\s+(?P<rel>{month_rel}))?)", _day_month),
        "month": (rf"{_PROC}(?P<m>(?:(?P<part>{parts})\s+)?(?P<head>شهر\s+)?{mon}(?:{year_conn}{_YEAR})?"
                  rf"(?:\s+(?P<rel>{month_rel}))?)", _month),
        "year": (rf"{_PROC}(?P<m>(?:(?P<part>{parts})\s+)?(?:(?P<yhead>{_alt(raw['year_heads'])})\s+)?{_YEAR})",
                 _year),
        "numeric": (r"(?P<m>(?P<d1>[0-3]?\d)(?P<s1>[/.\-])(?P<m1>[01]?\d)(?P=s1)(?P<y1>(?:19|20)\d\d)"
                    r"|(?P<y2>(?:19|20)\d\d)(?P<s2>[/.\-])(?P<m2>[01]?\d)(?P=s2)(?P<d2>[0-3]?\d))", _numeric),
        "hijri": (rf"{_PROC}(?P<m>(?:(?P<hday>[0-3]?\d)\s+(?:من\s+)?)?(?:شهر\s+)?(?P<hmon>{_alt(lex.hijri)})"
                  rf"(?:\s+(?:عام\s+|سنه\s+)?(?P<hyear>1[34]\d\d)(?:\s*(?:{_alt(raw['hijri_marks'])}))?)?)", _hijri),
        "weekday": (rf"{_PROC}(?P<m>(?:(?P<head>{heads})\s+)?(?P<wd>{weekday})(?:\s+(?P<rel>{weekday_rel}))?"
                    rf"|(?P<head2>{heads})\s+(?P<wdb>{bare_weekday})(?:\s+(?P<rel2>{weekday_rel}))?)", _weekday),
        "relative_day": (rf"{_PROC_DAY}(?P<m>(?:(?P<head>{heads})\s+)?(?P<rel>{_alt(lex.relative_days)})"
                         rf"(?:\s*،?\s*(?P<wd>{weekday}))?)", _relative_day),
        "period": (rf"{_PROC}(?P<m>(?:(?P<part>{parts})\s+)?(?:(?P<pday>[0-3]?\d)\s+من\s+(?=(?:{_alt(lex.rel_months)}){_E}))?"
                   rf"(?P<rel>{_alt(periods)}))",
                   _period),
        "ago": (rf"{_PROC}(?P<m>(?:{_alt(raw['ago_words'])})\s+(?:(?P<dual>{_alt(lex.ago_duals)})"
                rf"|(?:(?P<count>\d+|[^\W\d_]+(?:\s+و[^\W\d_]+)?)\s+)?(?P<unit>{_alt(lex.ago_units)}))(?!\s*\d))",
                _ago),
        "named": (rf"{_PROC}(?P<m>(?P<named>{_alt(lex.named)})(?:\s*[/\-]\s*(?:{month}))?)", _named),
        "last_n": (rf"{_PROC}(?P<m>(?:(?P<unit>{last_units})\s+(?:ال)?(?P<count>{count})"
                   rf"|(?:ال)?(?P<count2>{count})\s+(?P<unit2>{last_units}))\s+(?:{_alt(raw['last_words'])}))",
                   _last_n),
    }
    trigger_words: dict[str, set[str]] = {}
    for names, words in ((("day_month", "month", "named"), lex.months), (("hijri",), lex.hijri),
                         (("weekday",), [*lex.weekdays, *(w[2:] for w in lex.weekdays)]),
                         (("relative_day",), lex.relative_days), (("period",), periods),
                         (("ago",), [norm_key(w) for w in raw["ago_words"]]),
                         (("last_n",), [norm_key(w) for w in raw["last_words"]])):
        for word in words:
            trigger_words.setdefault(_k(word), set()).update(names)
    triggers = re.compile(rf"{_B}[وفبل]{{0,2}}(?P<w>{phrase_pattern(trigger_words)}){_E}"
                          r"|(?<!\d)(?:19|20)\d\d(?!\d)")
    return _Patterns(
        by_name={name: (re.compile(rf"{_B}{body}{_E}"), handler) for name, (body, handler) in table.items()},
        triggers=triggers,
        trigger_map={w: tuple(sorted(names)) for w, names in trigger_words.items()},
    )


# ---------------------------------------------------------------------------------------------
# Public API


def find_dates(text: str, published: dt.date | None, norm: NormalizedText | None = None) -> list[DateValue]:
    """Dates in ``text`` with raw offsets, left to right and non-overlapping.

    ``published`` anchors relative expressions; without it only absolute dates are returned.
    ``norm`` is the normalised view of ``text`` when the caller already has it.
    """
    norm = norm or normalize(text)
    pub = dt.date(published.year, published.month, published.day) if published else None
    ctx = _Ctx(norm.text, pub, _lex())
    pats = _patterns()
    found: list[_Found] = []
    for name, spans in _windows(norm.text, pats).items():
        pattern, handler = pats.by_name[name]
        for start, end in spans:
            found.extend(f for m in pattern.finditer(norm.text, start, end) if (f := handler(m, ctx)) is not None)
    out = []
    for f in _borrow_years(_select(found), norm.text):
        start, end = norm.raw_span(f.start, f.end)
        out.append(DateValue(start, end, text[start:end], f.value or "", f.precision, f.relative))
    return out


def _windows(text: str, pats: _Patterns) -> dict[str, list[tuple[int, int]]]:
    """For each pattern, the merged stretches of ``text`` around its trigger words."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in pats.triggers.finditer(text):
        word = m.group("w")
        names = pats.trigger_map.get(_k(word)) if word else ("numeric", "year")
        for name in names or ():
            before, after = _WINDOWS[name]
            spans.setdefault(name, []).append((max(0, m.start() - before), _word_end(text, m.end() + after)))
    return {name: _merge(found) for name, found in spans.items()}


def _word_end(text: str, pos: int) -> int:
    """``pos`` moved to the end of the word it falls in (a window must not cut a word)."""
    n = len(text)
    while pos < n and text[pos].isalnum():
        pos += 1
    return min(pos, n)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _select(found: list[_Found]) -> list[_Found]:
    """Named dates first, then the longest candidates; blockers (value None) take their room."""
    taken: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.rank, f.start - f.end, f.start)):
        if not any(f.start < t.end and t.start < f.end for t in taken):
            taken.append(f)
    return sorted((f for f in taken if f.value is not None), key=lambda f: f.start)


def _borrow_years(found: list[_Found], text: str) -> list[_Found]:
    """"من 31 مارس إلى 31 أكتوبر 2011": a date without a year takes the year of the next one."""
    out = list(found)
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if a.inferred and not b.relative and b.precision != "year" and _RANGE_JOIN.fullmatch(text, a.end, b.start):
            out[i] = _with_year_of(a, b) or a
    return out


def _with_year_of(a: _Found, b: _Found) -> _Found | None:
    a_value, b_value = a.value or "", b.value or ""
    month = int(a_value[5:7])
    year = int(b_value[:4]) - (1 if month > int(b_value[5:7]) else 0)
    value = _iso(year, month, int(a_value[8:10]) if a.precision == "day" else None)
    return _Found(a.start, a.end, value, a.precision) if value else None


# ---------------------------------------------------------------------------------------------
# Helpers


def _found(m: re.Match[str], value: str | None, precision: str, relative: bool = False) -> _Found | None:
    return None if value is None else _Found(m.start("m"), m.end("m"), value, precision, relative)


def _inferred(m: re.Match[str], value: str | None, precision: str) -> _Found | None:
    return None if value is None else _Found(m.start("m"), m.end("m"), value, precision, True, inferred=True)


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None or not _YEAR_MIN <= year <= _YEAR_MAX:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_of(chunk: str, lex: _Lex) -> int:
    first = lex.month_re.search(chunk)
    return lex.months[_k(first.group())] if first else 0


def _in(word: str, lex: _Lex, name: str) -> bool:
    """``word`` (or ``word`` without a leading و/ف) is in the word set ``name``."""
    words = lex.sets[name]
    return word in words or (word[:1] in ("و", "ف") and word[1:] in words)


def _prev_word(text: str, pos: int) -> str:
    end = pos
    while end > 0 and text[end - 1] == " ":
        end -= 1
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m else ""


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return year, month + 1


def _window_month(published: dt.date, first: int, last: int) -> str | None:
    a, b = published + dt.timedelta(days=first), published + dt.timedelta(days=last)
    return _iso(a.year, a.month) if (a.year, a.month) == (b.year, b.month) else None


# ---------------------------------------------------------------------------------------------
# Gregorian months


def _infer_year(month: int, day: int | None, rel: str | None, ctx: _Ctx) -> int | None:
    """The year of a month (and day) written without one, from the publication date."""
    pub, sets = ctx.published, ctx.lex.sets
    rel = _k(rel)
    if pub is None or rel in sets["month_unknown_year"]:
        return None
    if rel in sets["month_current"] or rel in sets["month_this_year"]:
        return pub.year
    if rel in sets["month_last_year"]:
        return pub.year - 1
    if rel in sets["month_past"]:
        return pub.year if month < pub.month else pub.year - 1
    if rel in sets["month_next"]:
        return pub.year if month > pub.month else pub.year + 1
    if day is not None:
        return _day_year(month, day, pub)
    return pub.year if month <= pub.month else pub.year - 1


def _day_year(month: int, day: int, pub: dt.date) -> int | None:
    """The most recent occurrence on or before publication, unless one falls within the month after it."""
    dates = [d for year in (pub.year - 1, pub.year, pub.year + 1) if (d := _date(year, month, day))]
    soon = [d for d in dates if 0 < (d - pub).days <= _SOON_DAYS]
    past = [d for d in dates if d <= pub]
    if soon:
        return soon[0].year
    return past[-1].year if past else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_month(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    month = _month_of(m.group("mon"), ctx.lex)
    day = int(m.group("day")) if m.group("day") else ctx.lex.ordinal_days[_k(m.group("oday"))]
    if m.group("year"):
        return _found(m, _iso(int(m.group("year")), month, day), "day")
    return _inferred(m, _iso(_infer_year(month, day, m.group("rel"), ctx), month, day), "day")


def _month(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    month = _month_of(m.group("mon"), ctx.lex)
    if m.group("year"):
        return _found(m, _iso(int(m.group("year")), month), "month")
    if not _bare_month_ok(m, ctx):
        return None
    return _inferred(m, _iso(_infer_year(month, None, m.group("rel"), ctx), month), "month")


def _bare_month_ok(m: re.Match[str], ctx: _Ctx) -> bool:
    lex = ctx.lex
    if m.group("part") or m.group("head") or m.group("rel") or len(lex.month_re.findall(m.group("mon"))) > 1:
        return True
    if _k(m.group("mon")) in lex.sets["ambiguous_months"]:
        return False
    return _in(_prev_word(ctx.text, m.start()), lex, "month_preps")


def _year(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if not (m.group("part") or m.group("yhead")) and not _in(_prev_word(ctx.text, m.start()), ctx.lex, "year_preps"):
        return None
    return _found(m, _iso(int(m.group("year"))), "year")


def _numeric(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if m.group("y1"):
        return _found(m, _iso(int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))), "day")
    return _found(m, _iso(int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))), "day")


def _named(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    value = ctx.lex.named.get(_k(m.group("named")))
    return _Found(m.start("m"), m.end("m"), value, "day", rank=0)


# ---------------------------------------------------------------------------------------------
# Hijri


def _to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """Tolerant conversion: day 30 of a 29-day month is the day after day 29; out of range → None."""
    try:
        length = Hijri(year, month, 1).month_length()
        greg = Hijri(year, month, min(day, length)).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(greg.year, greg.month, greg.day) + dt.timedelta(days=max(0, day - length))


def _hijri_month(year: int, month: int) -> str | None:
    """The Gregorian month of a Hijri month: the one holding its 15th when it spans two."""
    mid = _to_gregorian(year, month, 15)
    return _iso(mid.year, mid.month) if mid else None


def _hijri_year_for(month: int, day: int, published: dt.date) -> int | None:
    try:
        h = Gregorian(published.year, published.month, published.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year if (month, day) <= (h.month, h.day) else h.year - 1


def _hijri(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    month = ctx.lex.hijri[_k(m.group("hmon"))]
    day = int(m.group("hday")) if m.group("hday") else None
    if day is not None and not 1 <= day <= 30:
        return None
    if m.group("hyear"):
        year = int(m.group("hyear"))
        if day is None:
            return _found(m, _hijri_month(year, month), "month")
        greg = _to_gregorian(year, month, day)
        return _found(m, greg.isoformat() if greg else _hijri_month(year, month), "day" if greg else "month")
    if day is None or ctx.published is None:
        return None  # "شهر رمضان" alone is a season, not a date
    year_for = _hijri_year_for(month, day, ctx.published)
    greg = _to_gregorian(year_for, month, day) if year_for else None
    return _found(m, greg.isoformat() if greg else None, "day", relative=True)


# ---------------------------------------------------------------------------------------------
# Weekdays and relative expressions


def _weekday_date(weekday: int, rel: str, pub: dt.date, lex: _Lex) -> dt.date:
    back = (pub.weekday() - weekday) % 7
    if rel in lex.sets["weekday_next"]:
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    if rel in lex.sets["weekday_past"] and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _weekday(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    lex, pub = ctx.lex, ctx.published
    if pub is None or _next_word(ctx.text, m.end("m")) in lex.sets["weekday_not_before"]:
        return None
    before = _prev_word(ctx.text, m.start("m"))
    if _in(before, lex, "weekday_not_after"):
        # "صلاة الجمعة" names the prayer; "خلال صلاة الجمعة" also says the day something happened
        start = ctx.text.rfind(before, 0, m.start("m"))
        if not _in(_prev_word(ctx.text, start), lex, "during_prayer"):
            return None
    name = m.group("wd") or "ال" + m.group("wdb")
    day = _weekday_date(lex.weekdays[_k(name)], _k(m.group("rel") or m.group("rel2")), pub, lex)
    return _found(m, day.isoformat(), "day", relative=True)


def _relative_day(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if ctx.published is None:
        return None
    lex, rel = ctx.lex, _k(m.group("rel"))
    if rel in _TODAY:
        after = _next_word(ctx.text, m.end("m"))
        if not m.group("wd") and (after in lex.sets["today_not_before"]
                                  or (rel == _TONIGHT and after.startswith("ال"))):
            return None
        if not m.group("head") and _in(_prev_word(ctx.text, m.start("m")), lex, "today_not_after"):
            return None
    day = ctx.published + dt.timedelta(days=lex.relative_days[rel])
    if m.group("wd"):  # "اليوم الأربعاء" in an article filed on Friday: the weekday names the day
        day -= dt.timedelta(days=(day.weekday() - lex.weekdays[_k(m.group("wd"))]) % 7)
    return _found(m, day.isoformat(), "day", relative=True)


def _period(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    pub, lex, rel = ctx.published, ctx.lex, _k(m.group("rel"))
    if pub is None:
        return None
    if rel in lex.rel_years:
        return _found(m, _iso(pub.year + lex.rel_years[rel]), "year", relative=True)
    if rel in lex.rel_months:
        year, month = _shift_month(pub, lex.rel_months[rel])
        if m.group("pday"):  # "يوم 19 من الشهر الجاري"
            return _found(m, _iso(year, month, int(m.group("pday"))), "day", relative=True)
        return _found(m, _iso(year, month), "month", relative=True)
    return _found(m, _window_month(pub, *lex.windows[rel]), "month", relative=True)


def _last_n(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """"خلال الأيام الخمسة الماضية": a window of N days (weeks, hours) up to publication."""
    if ctx.published is None:
        return None
    count = parse_number(m.group("count") or m.group("count2"))
    unit = ctx.lex.last_units[_k(m.group("unit") or m.group("unit2"))]
    if not count or count > 400:
        return None
    days = {"day": count, "week": 7 * count, "hour": -(-count // 24)}[unit]
    return _found(m, _window_month(ctx.published, -days, 0), "month", relative=True)


def _ago_amount(m: re.Match[str], lex: _Lex) -> tuple[str, int] | None:
    if m.group("dual"):
        return lex.ago_duals[_k(m.group("dual"))]
    unit, singular = lex.ago_units[_k(m.group("unit"))]
    if m.group("count") is None:
        return (unit, 1) if singular else None  # "قبل أيام" is vague
    count = parse_number(m.group("count"))
    return (unit, count) if count and count < 1000 else None


def _ago(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    pub = ctx.published
    after = _next_word(ctx.text, m.end("m"))
    if pub is None or after in ctx.lex.sets["ago_not_before"] or after in ctx.lex.month_words:
        return None  # "قبل يومين من الهجوم", "قبل شهر رمضان"
    amount = _ago_amount(m, ctx.lex)
    if amount is None:
        return None
    unit, n = amount
    if unit == "day":
        return _found(m, (pub - dt.timedelta(days=n)).isoformat(), "day", relative=True)
    if unit == "week":
        return _found(m, _window_month(pub, -7 * n - 3, -7 * n + 3), "month", relative=True)
    if unit == "month":
        return _found(m, _iso(*_shift_month(pub, -n)), "month", relative=True)
    return _found(m, _iso(pub.year - n), "year", relative=True)
