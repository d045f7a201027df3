"""Dates and reporting periods mentioned in Russian article text.

`extract_dates` finds calendar dates ("05.06.2014", "6 августа 2025 года", "26 июня") and
periods ("за 4 месяца 2014 года", "в I квартале", "за первое полугодие", "в прошлом году",
"с 5 по 14 августа", "2023-2025 годы") and resolves what depends on the publication date.
Records follow the gold format: `date` is an ISO date as precise as the text allows ("2014",
"2014-05", "2014-05-06", "--06-26" when the year is unknown) and `end` closes a period.

`sentence_period` gives the reporting period of one sentence as full ISO days, which is what
each figure carries.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime

from pipelines.numbers import parse_word, read_number_word

_MONTHS = {
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6,
    "июль": 7, "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}  # fmt: skip
_ORDINALS = {"первый": 1, "второй": 2, "третий": 3, "четвертый": 4}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
# Stems of the words that place a year relative to the publication ("прошлого года").
_RELATIVE_YEARS = {
    "позапрошл": -2, "прошл": -1, "минувш": -1, "прошедш": -1, "предыдущ": -1,
    "текущ": 0, "нынешн": 0, "эт": 0, "следующ": 1, "будущ": 1, "предстоящ": 1,
}  # fmt: skip

# Regex building blocks. Month words are pre-selected by stem and confirmed by their lemma.
_MONTH = r"(?:январ|феврал|март|апрел|ма[йяюе]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]*"
_YEAR = r"(?:19|20)\d\d"
_YEAR_WORD = r"\s*(?:-?м\s+)?(?:год(?:а|у|ом|ах|ы|ов)?|гг?\.?)(?![а-яё])"
_REL = (
    r"(?:(?:позапрошл|прошл|минувш|прошедш|предыдущ|текущ|нынешн|следующ|будущ|предстоящ)[а-яё]*"
    r"|эт(?:от|ого|ом|ому))"
)
_WHICH_YEAR = rf"(?:\s+(?P<year>{_YEAR})(?:{_YEAR_WORD})?|\s+(?P<rel>{_REL})\s+года)"
_ORDINAL = r"(?P<ord>[1-4]|IV|I{1,3}|[а-яё]+)(?:-?(?:м|й|го|ом|ый|ой|е|ое))?"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def as_date(published: date | datetime | str | None) -> date | None:
    """The publication date from a date, a datetime or a string in ISO or free form."""
    if published is None or isinstance(published, date):
        return published.date() if isinstance(published, datetime) else published
    text = str(published).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        import dateparser  # slow to import; only free-form strings need it

        parsed = dateparser.parse(text, languages=["ru", "en"], settings={"DATE_ORDER": "DMY"})
        return parsed.date() if parsed else None


def _month(word: str | None) -> int | None:
    if not word:
        return None
    for reading in parse_word(word.lower()):
        if reading.pos == "NOUN" and reading.lemma in _MONTHS:
            return _MONTHS[reading.lemma]
    return None


def _ordinal(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in _ROMAN:
        return _ROMAN[word]
    for reading in parse_word(word.lower()):
        if reading.lemma in _ORDINALS:
            return _ORDINALS[reading.lemma]
    return None


def _iso_day(year: int | None, month: int, day: int) -> str | None:
    """ISO day, or "--MM-DD" without a year; None for an impossible date."""
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: "29 февраля" stays valid
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _full_year(two_or_four: str) -> int:
    year = int(two_or_four)
    if len(two_or_four) == 2:
        year += 2000 if year < 50 else 1900
    return year


class _Context:
    """What a match needs to resolve: the publication date."""

    def __init__(self, published: date | None) -> None:
        self.published = published

    def year(self, m: re.Match[str]) -> int | None:
        """The year a match names ("2014 года", "прошлого года") or, failing that, publication's."""
        groups = m.groupdict()
        if groups.get("year"):
            return int(groups["year"])
        if groups.get("rel"):
            return self.relative_year(groups["rel"])
        return self.published.year if self.published else None

    def relative_year(self, word: str) -> int | None:
        if self.published is None:
            return None
        word = word.lower()
        for stem in sorted(_RELATIVE_YEARS, key=len, reverse=True):
            if word.startswith(stem):
                return self.published.year + _RELATIVE_YEARS[stem]
        return None


Resolved = tuple[str, str | None, str | None] | None  # (kind, date, end)


def _months_period(year: int | None, first: int, last: int) -> Resolved:
    if not 1 <= first <= last <= 12:
        return None
    if year is None:
        return "period", None, None
    return (
        "period",
        f"{year:04d}-{first:02d}-01",
        f"{year:04d}-{last:02d}-{_last_day(year, last):02d}",
    )


def _numeric_range(m: re.Match[str], ctx: _Context) -> Resolved:
    start = _iso_day(_full_year(m["y1"]), int(m["m1"]), int(m["d1"]))
    end = _iso_day(_full_year(m["y2"]), int(m["m2"]), int(m["d2"]))
    return ("period", start, end) if start and end and start <= end else None


def _iso_date(m: re.Match[str], ctx: _Context) -> Resolved:
    day = _iso_day(int(m["y"]), int(m["m"]), int(m["d"]))
    return ("date", day, None) if day else None


def _numeric_date(m: re.Match[str], ctx: _Context) -> Resolved:
    day = _iso_day(_full_year(m["y"]), int(m["m"]), int(m["d"]))
    return ("date", day, None) if day else None


def _day_range(m: re.Match[str], ctx: _Context) -> Resolved:
    last_month = _month(m["month2"])
    first_month = _month(m["month1"]) if m["month1"] else last_month
    if not first_month or not last_month:
        return None
    year = ctx.year(m)
    start = _iso_day(year, first_month, int(m["d1"]))
    end = _iso_day(year, last_month, int(m["d2"]))
    return ("period", start, end) if start and end and start <= end else None


def _day_month(m: re.Match[str], ctx: _Context) -> Resolved:
    month = _month(m["month"])
    day = month and _iso_day(ctx.year(m), month, int(m["d"]))
    return ("date", day, None) if day else None


def _months_of_year(m: re.Match[str], ctx: _Context) -> Resolved:
    if not m["prep"] and not m["year"] and not m["rel"]:
        return None  # "в течение 7 месяцев" is a duration, not a reporting period
    count = m["n"]
    if not count.isdigit():
        word = read_number_word(count)
        if word is None or word.role not in ("unit", "teen"):
            return None
        count = str(int(word.value))
    return _months_period(ctx.year(m), 1, int(count))


def _month_range(m: re.Match[str], ctx: _Context) -> Resolved:
    first, last = _month(m["month1"]), _month(m["month2"])
    return _months_period(ctx.year(m), first, last) if first and last else None


def _quarter(m: re.Match[str], ctx: _Context) -> Resolved:
    quarter = _ordinal(m["ord"])
    if quarter is None or not 1 <= quarter <= 4:
        return None
    return _months_period(ctx.year(m), 3 * quarter - 2, 3 * quarter)


def _half_year(m: re.Match[str], ctx: _Context) -> Resolved:
    half = _ordinal(m["ord"]) if m["ord"] else 1  # "за полугодие" is the first half
    if half not in (1, 2):
        return None
    return _months_period(ctx.year(m), 6 * half - 5, 6 * half)


def _year_range(m: re.Match[str], ctx: _Context) -> Resolved:
    first, last = int(m["y1"]), int(m["y2"])
    if not first < last <= first + 50:
        return None
    return "period", str(first), str(last)


def _year(m: re.Match[str], ctx: _Context) -> Resolved:
    return "period", m["y"], m["y"]


def _relative_year(m: re.Match[str], ctx: _Context) -> Resolved:
    year = ctx.relative_year(m["rel"])
    return ("period", str(year), str(year)) if year else ("period", None, None)


def _since_new_year(m: re.Match[str], ctx: _Context) -> Resolved:
    year = ctx.relative_year(m["rel"]) if m["rel"] else ctx.year(m)
    if year is None or ctx.published is None:
        return "period", None, None
    end = ctx.published if ctx.published.year == year else date(year, 12, 31)
    return "period", f"{year:04d}-01-01", end.isoformat()


def _month_alone(m: re.Match[str], ctx: _Context) -> Resolved:
    month = _month(m["month"])
    if month is None or not (m["prep"] or m["year"] or m["rel"]):
        return None
    year = ctx.year(m)
    return "date", f"{year:04d}-{month:02d}" if year else None, None


def _bare_year(m: re.Match[str], ctx: _Context) -> Resolved:
    # "(2013 – 11)" is a year; "2013 граммов" or "около 2000 человек" is a quantity.
    following = m["next"]
    if following and any(r.pos in ("NOUN", "ADJF", "PRTF") for r in parse_word(following)[:1]):
        return None
    if m["before"] and m["before"].lower() in _QUANTITY_WORDS:
        return None
    return "period", m["y"], m["y"]


_QUANTITY_WORDS = frozenset({
    "более", "свыше", "больше", "менее", "меньше", "около", "порядка", "почти", "примерно",
    "приблизительно", "сверх",
})  # fmt: skip

_D = r"(?P<{0}>\d{{1,2}})\.(?P<{1}>\d{{1,2}})\.(?P<{2}>\d{{4}}|\d\d)"
_DASH = r"[-–—]"
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str], _Context], Resolved]]] = [
    (
        _compile(
            rf"(?:\bс\s+)?(?<![\d.]){_D.format('d1', 'm1', 'y1')}(?:\s*(?:г\.|года))?"
            rf"\s*(?:по|до|{_DASH})\s*{_D.format('d2', 'm2', 'y2')}(?![\d.]\d)(?:\s*(?:г\.|года))?"
        ),
        _numeric_range,
    ),
    (_compile(r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"), _iso_date),
    (
        _compile(rf"(?<![\d.,]){_D.format('d', 'm', 'y')}(?![\d]|[.,]\d)(?:\s*(?:г\.|года))?"),
        _numeric_date,
    ),
    (
        _compile(
            rf"(?:\bс\s+)?(?<![\d.,])(?P<d1>\d{{1,2}})(?:\s+(?P<month1>{_MONTH}))?"
            rf"\s*(?:по|до|{_DASH})\s*(?P<d2>\d{{1,2}})\s+(?P<month2>{_MONTH}){_WHICH_YEAR}?"
        ),
        _day_range,
    ),
    (
        _compile(
            rf"(?<![\d.,])(?P<d>\d{{1,2}})(?:-?(?:го|е|ое))?\s+(?P<month>{_MONTH}){_WHICH_YEAR}?"
        ),
        _day_month,
    ),
    (
        _compile(
            rf"(?:\b(?P<prep>за|по\s+итогам)\s+)?(?<![\d.,])(?P<n>\d{{1,2}}|[а-яё]+)\s+"
            rf"месяц[а-яё]*{_WHICH_YEAR}?"
        ),
        _months_of_year,
    ),
    (
        _compile(
            rf"(?:\b(?:за|в|во)\s+)?(?P<month1>{_MONTH})\s*{_DASH}\s*(?P<month2>{_MONTH})"
            rf"{_WHICH_YEAR}?"
        ),
        _month_range,
    ),
    (
        _compile(rf"(?:\b(?:в|во|за)\s+)?\b{_ORDINAL}\s+квартал[а-яё]*{_WHICH_YEAR}?"),
        _quarter,
    ),
    (
        _compile(rf"\b(?:в|во|за)\s+(?:{_ORDINAL}\s+)?полугоди[а-яё]*{_WHICH_YEAR}?"),
        _half_year,
    ),
    (
        _compile(
            rf"(?:\bс\s+)?(?<![\d.,])(?P<y1>{_YEAR})\s*(?:{_DASH}|по|до)\s*(?P<y2>{_YEAR})"
            rf"(?:{_YEAR_WORD})?(?!\d)"
        ),
        _year_range,
    ),
    (_compile(rf"(?<![\d.,])(?P<y>{_YEAR})(?:-?м)?{_YEAR_WORD}"), _year),
    (
        _compile(rf"\bс\s+начала\s+(?:(?P<rel>{_REL})\s+)?(?:(?P<year>{_YEAR})\s+)?года"),
        _since_new_year,
    ),
    (_compile(rf"(?:\b(?:в|во|за|на)\s+)?\b(?P<rel>{_REL})\s+год[а-яё]*"), _relative_year),
    (
        _compile(
            rf"(?:\b(?P<prep>в|во|с|до|по|на|к|за|в\s+течение|в\s+начале|в\s+конце"
            rf"|в\s+середине)\s+)?\b(?P<month>{_MONTH}){_WHICH_YEAR}?"
        ),
        _month_alone,
    ),
    (
        _compile(
            rf"(?:(?P<before>[а-яё]+)\s+)?(?<![\d.,:/\-–№])(?P<y>{_YEAR})(?![\d%]|[.,]\d)"
            rf"(?:\s+(?P<next>[а-яё]+))?"
        ),
        _bare_year,
    ),
]


def extract_dates(text: str, published: date | datetime | str | None = None) -> list[dict]:
    """Dates and periods the text mentions, in text order, in the gold format plus offsets."""
    ctx = _Context(as_date(published))
    taken: list[tuple[int, int]] = []
    records: list[dict] = []
    for pattern, resolve in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = _core_span(m)
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            resolved = resolve(m, ctx)
            if resolved is None:
                continue
            kind, first, last = resolved
            taken.append((start, end))
            records.append(
                {
                    "quote": text[start:end],
                    "kind": kind,
                    "date": first,
                    "end": last,
                    "char_start": start,
                    "char_end": end,
                }
            )
    records.sort(key=lambda r: r["char_start"])
    return records


def _core_span(m: re.Match[str]) -> tuple[int, int]:
    """The span of a match without the context words some patterns look at."""
    groups = m.re.groupindex
    start = m.start("y") if "before" in groups and m["before"] else m.start()
    end = m.end("y") if "next" in groups and m["next"] else m.end()
    return start, end


def _first_day(iso: str | None) -> date | None:
    if not iso or iso.startswith("--"):
        return None
    parts = [int(p) for p in iso.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day_of(iso: str | None) -> date | None:
    if not iso or iso.startswith("--"):
        return None
    parts = [int(p) for p in iso.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else _last_day(year, month)
    return date(year, month, day)


def period_of(records: Iterable[dict]) -> tuple[str | None, str | None]:
    """The reporting period among date records as full ISO days: the first period that can be
    placed in time, or else the first such date."""
    best: tuple[str, str] | None = None
    for record in records:
        start = _first_day(record["date"])
        end = _last_day_of(record["end"] if record["kind"] == "period" else record["date"])
        if start is None or end is None:
            continue
        if record["kind"] == "period":
            return start.isoformat(), end.isoformat()
        best = best or (start.isoformat(), end.isoformat())
    return best or (None, None)


def sentence_period(
    sentence: str, published: date | datetime | str | None = None
) -> tuple[str | None, str | None]:
    """(start, end) of the period a sentence reports on, as ISO days, or (None, None)."""
    return period_of(extract_dates(sentence, published))
