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

import bisect
import calendar
import functools
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import NamedTuple

from pipelines.homoglyphs import fold_homoglyphs
from pipelines.numbers import parse_word, read_number_word
from pipelines.reporting_period import period_of

__all__ = ["as_date", "extract_dates", "period_of", "sentence_period"]

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
# "2014 года", "прошлого года", and the abbreviations "т.г." (текущего года), "п.г." (прошлого)
_WHICH_YEAR = (
    rf"(?:\s+(?P<year>{_YEAR})(?:{_YEAR_WORD})?|\s+(?P<rel>{_REL})\s+года"
    rf"|\s+(?P<abbr>[тп])\.\s?г\.)"
)
_ORDINAL = r"(?P<ord>[1-4]|IV|I{1,3}|[а-яё]++)(?:-?(?:м|й|го|ом|ый|ой|е|ое))?"


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
        if groups.get("abbr"):
            return self.relative_year("текущ" if groups["abbr"].lower() == "т" else "прошл")
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


def _names_year(m: re.Match[str]) -> bool:
    """Whether a match states its year, absolutely or relatively."""
    groups = m.groupdict()
    return bool(groups.get("year") or groups.get("rel") or groups.get("abbr"))


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


def _numeric_range(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    start = _iso_day(_full_year(m["y1"]), int(m["m1"]), int(m["d1"]))
    end = _iso_day(_full_year(m["y2"]), int(m["m2"]), int(m["d2"]))
    return ("period", start, end) if start and end and start <= end else None


def _iso_date(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    day = _iso_day(int(m["y"]), int(m["m"]), int(m["d"]))
    return ("date", day, None) if day else None


def _numeric_date(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    day = _iso_day(_full_year(m["y"]), int(m["m"]), int(m["d"]))
    return ("date", day, None) if day else None


def _day_range(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    last_month = _month(m["month2"])
    first_month = _month(m["month1"]) if m["month1"] else last_month
    if not first_month or not last_month:
        return None
    year = ctx.year(m)
    start = _iso_day(year, first_month, int(m["d1"]))
    end = _iso_day(year, last_month, int(m["d2"]))
    return ("period", start, end) if start and end and start <= end else None


def _day_month(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    month = _month(m["month"])
    day = month and _iso_day(ctx.year(m), month, int(m["d"]))
    return ("date", day, None) if day else None


def _months_of_year(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    if not prefix and not _names_year(m):
        return None  # "в течение 7 месяцев" is a duration, not a reporting period
    if m["n"]:
        count = int(m["n"])
    else:
        word = read_number_word(m["word"])
        if word is None or word.role not in ("unit", "teen"):
            return None
        count = int(word.value)
    return _months_period(ctx.year(m), 1, count)


def _month_range(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    first, last = _month(m["month1"]), _month(m["month2"])
    return _months_period(ctx.year(m), first, last) if first and last else None


def _quarter(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    quarter = _ordinal(m["ord"])
    if quarter is None or not 1 <= quarter <= 4:
        return None
    return _months_period(ctx.year(m), 3 * quarter - 2, 3 * quarter)


def _half_year(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    ordinal = m["ord"]
    if ordinal and ordinal.lower() in ("в", "во", "за"):
        ordinal, prefix = None, ordinal  # "за полугодие": the preposition, no ordinal
    half = _ordinal(ordinal) if ordinal else 1  # "за полугодие" is the first half
    if half not in (1, 2):
        return None
    if not prefix and not ordinal:
        return None  # "в течение полугодия" is a duration; «по итогам первого полугодия» is not
    return _months_period(ctx.year(m), 6 * half - 5, 6 * half)


def _half_a_year(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    """«за полгода», «за первые полгода», «за последние полгода»: a summary of half a year. The
    first half of the year when published in the three months after it (or «первые»), the
    second half of the year before when published in the two after that; «последние» counts
    back from the publication day. Any other time it is a period of unknown days."""
    if prefix is None:
        return None  # «полгода назад», «на полгода»: a time or a sentence, no reporting period
    which = (m["which"] or "").lower()
    published = ctx.published
    if published is None:
        return "period", None, None
    if which.startswith("последн"):
        return "period", (published - timedelta(days=182)).isoformat(), published.isoformat()
    if which.startswith("перв") or 7 <= published.month <= 9:
        return _months_period(published.year, 1, 6)
    if published.month <= 2:
        return _months_period(published.year - 1, 7, 12)
    return "period", None, None


def _abbreviated_half_year(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    """ "1 пол. 2023 г.": a half-year however it is introduced, as its year follows."""
    return _half_year(m, ctx, prefix or "в")


def _year_range(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    first, last = int(m["y1"]), int(m["y2"])
    if not first < last <= first + 50:
        return None
    return "period", str(first), str(last)


def _year(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    return "period", m["y"], m["y"]


def _relative_year(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    year = ctx.relative_year(m["rel"])
    return ("period", str(year), str(year)) if year else ("period", None, None)


def _since_new_year(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    year = ctx.relative_year(m["rel"]) if m["rel"] else ctx.year(m)
    if year is not None and ctx.published is None and m["year"]:
        return "period", str(year), str(year)  # up to a day unknown: at most that year
    if year is None or ctx.published is None:
        return "period", None, None
    end = ctx.published if ctx.published.year == year else date(year, 12, 31)
    return "period", f"{year:04d}-01-01", end.isoformat()


def _since_month_start(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    """«с начала месяца» (the publication's), «с начала ноября» (of the publication's year, or
    the year named): from the month's first day to the publication day."""
    published = ctx.published
    month = _month(m["month"]) if m["month"] else published.month if published else None
    year = ctx.year(m)
    if month is None or year is None:
        return "period", None, None
    if published and (year, month) > (published.year, published.month):
        return "period", None, None  # «с начала декабря» in November: of which year, unsaid
    end = published if published and published.year == year else date(year, 12, 31)
    return "period", f"{year:04d}-{month:02d}-01", end.isoformat()


def _month_alone(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    month = _month(m["month"])
    if month is None or not (prefix or _names_year(m)):
        return None  # a month needs "в", "с", "до"... or a year to be a date
    year = ctx.year(m)
    return "date", f"{year:04d}-{month:02d}" if year else None, None


def _count_of(word: str) -> int | None:
    """A small count in digits or a word («10», «три», «двенадцать»), or None."""
    if word.isdigit():
        return int(word)
    number = read_number_word(word.lower())
    if number is None or number.role not in ("unit", "teen"):
        return None
    return int(number.value)


def _recent_months_or_years(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    """«за последние три года», «за последние 20 месяцев»: the months up to the publication day."""
    count = _count_of(m["n"]) if m["n"] else 1
    if count is None:
        return None
    if ctx.published is None:
        return "period", None, None
    months = count * (1 if m["unit"].lower().startswith("мес") else 12)
    year, month = divmod(ctx.published.year * 12 + ctx.published.month - 1 - months, 12)
    day = min(ctx.published.day, _last_day(year, month + 1))
    return "period", date(year, month + 1, day).isoformat(), ctx.published.isoformat()


def _recent_days(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    """«за минувшие сутки», «за неделю», «за последние 10 дней»: the days up to the publication
    day, counted back from it (a digest's reporting period). A count, a day or «сутки» needs
    its «последние», «прошедшие»: «за 10 дней операции» may be any ten days, and «за день
    продавали 300 г» is a rate."""
    if not m["which"] and (m["n"] or not m["unit"].lower().startswith("недел")):
        return None  # «за сутки», «за день» alone may be a rate: «за день продавали 300 г»
    count = _count_of(m["n"]) if m["n"] else 1
    if count is None:
        return None
    if ctx.published is None:
        return "period", None, None
    days = count * (7 if m["unit"].lower().startswith("недел") else 1)
    return "period", (ctx.published - timedelta(days=days)).isoformat(), ctx.published.isoformat()


_QUANTITY_WORDS = frozenset({
    "более", "свыше", "больше", "менее", "меньше", "около", "порядка", "почти", "примерно",
    "приблизительно", "сверх",
})  # fmt: skip
_PREVIOUS_WORD_RE = re.compile(r"([а-яё]+)\s+$", re.IGNORECASE)
_NEXT_WORD_RE = re.compile(r"\s*([а-яё]+)", re.IGNORECASE)  # «2053кг»: a glued unit too


def _bare_year(m: re.Match[str], ctx: _Context, prefix: str | None) -> Resolved:
    # "(2013 – 11)" is a year; "2013 граммов" or "около 2000 человек" is a quantity.
    following = _NEXT_WORD_RE.match(m.string, m.end())
    if following and any(
        r.pos in ("NOUN", "ADJF", "PRTF") for r in parse_word(following.group(1).lower())[:1]
    ):
        return None
    before = _PREVIOUS_WORD_RE.search(m.string, max(0, m.start() - 30), m.start())
    if before and before.group(1).lower() in _QUANTITY_WORDS:
        return None
    return "period", m["y"], m["y"]


Resolver = Callable[[re.Match[str], _Context, str | None], Resolved]


class _Rule(NamedTuple):
    """A pattern that starts with its own required part (so the regex engine skips ahead fast),
    the words that may stand before it, and a cheap test a text must pass to be worth a scan."""

    pattern: re.Pattern[str]
    resolve: Resolver
    gate: str  # a key of _gates()
    prefix: re.Pattern[str] | None = None
    left_stops: str = "0123456789.,"  # characters that may not stand right before the match
    # A part every match holds, found in the lower-cased text far faster than the pattern
    # (which may start with any word): the pattern is run only around its hits.
    anchor: re.Pattern[str] | None = None


def _prefix(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\s+$", re.IGNORECASE)


_D = r"(?P<{0}>\d{{1,2}})\.(?P<{1}>\d{{1,2}})\.(?P<{2}>\d{{4}}|\d\d)"
_DASH = r"[-–—]"
_RULES: list[_Rule] = [
    _Rule(
        _compile(
            rf"{_D.format('d1', 'm1', 'y1')}(?:\s*(?:г\.|года))?\s*(?:по|до|{_DASH})\s*"
            rf"{_D.format('d2', 'm2', 'y2')}(?![\d.]\d)(?:\s*(?:г\.|года))?"
        ),
        _numeric_range,
        "digit",
        _prefix("с"),
    ),
    _Rule(_compile(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"), _iso_date, "digit"),
    _Rule(
        _compile(rf"{_D.format('d', 'm', 'y')}(?!\d|[.,]\d)(?:\s*(?:г\.|года))?"),
        _numeric_date,
        "digit",
    ),
    _Rule(
        _compile(
            rf"(?P<d1>\d{{1,2}})(?:\s+(?P<month1>{_MONTH}))?\s*(?:по|до|{_DASH})\s*"
            rf"(?P<d2>\d{{1,2}})\s+(?P<month2>{_MONTH}){_WHICH_YEAR}?"
        ),
        _day_range,
        "month",
        _prefix("с"),
    ),
    _Rule(
        _compile(rf"(?P<d>\d{{1,2}})(?:-?(?:го|е|ое))?\s+(?P<month>{_MONTH}){_WHICH_YEAR}?"),
        _day_month,
        "month",
    ),
    _Rule(
        _compile(
            rf"(?:(?P<n>\d{{1,2}})|\b(?P<word>[а-яё]++))\s+(?:месяц[а-яё]*|мес\.){_WHICH_YEAR}?"
        ),
        _months_of_year,
        "месяц",
        _prefix(r"за|по\s+итогам"),
        anchor=re.compile("мес"),
    ),
    _Rule(
        # «январь – сентябрь», and «с января по октябрь 2024 года»
        _compile(
            rf"\b(?P<month1>{_MONTH})\s*(?:{_DASH}|по\s)\s*(?P<month2>{_MONTH}){_WHICH_YEAR}?"
        ),
        _month_range,
        "month",
        _prefix("за|в|во|с"),
        anchor=re.compile(_MONTH),
    ),
    _Rule(
        _compile(rf"\b{_ORDINAL}\s+квартал[а-яё]*{_WHICH_YEAR}?"),
        _quarter,
        "квартал",
        _prefix("за|в|во"),
        anchor=re.compile("квартал"),
    ),
    _Rule(
        _compile(rf"\b(?:{_ORDINAL}\s+)?полугоди[а-яё]*{_WHICH_YEAR}?"),
        _half_year,
        "полугоди",
        _prefix("за|в|во"),
        anchor=re.compile("полугоди"),
    ),
    _Rule(
        _compile(
            r"\b(?:(?P<which>перв|последн|прошедш|минувш|истекш)[а-яё]*\s+)?полгода(?![а-яё])"
        ),
        _half_a_year,
        "полугоди",
        _prefix("за"),
        anchor=re.compile("полгода"),
    ),
    # statistics' abbreviations, with their year: "в 1 пол. 2023 г.", "за 3 кв. 2022 года"
    _Rule(
        _compile(rf"\b{_ORDINAL}\s+пол\.{_WHICH_YEAR}"),
        _abbreviated_half_year,
        "пол.",
        anchor=re.compile(r"пол\."),
    ),
    _Rule(
        _compile(rf"\b{_ORDINAL}\s+кв\.{_WHICH_YEAR}"),
        _quarter,
        "кв.",
        anchor=re.compile(r"кв\."),
    ),
    # «с начала месяца», «с начала ноября»: before a month alone, which would read «ноября»
    # as the day of something
    _Rule(
        _compile(
            rf"\bс\s+начала\s+(?:(?:этого|текущего|нынешнего)\s+)?(?:месяца"
            rf"|(?P<month>{_MONTH}){_WHICH_YEAR}?)"
        ),
        _since_month_start,
        "начал",
        anchor=re.compile("начала"),
    ),
    # a month with its year before the year alone: "в сентябре 2023 года"
    _Rule(
        _compile(rf"\b(?P<month>{_MONTH}){_WHICH_YEAR}?"),
        _month_alone,
        "month",
        _prefix(r"в|во|с|до|по|на|к|за|в\s+течение|в\s+начале|в\s+конце|в\s+середине"),
        anchor=re.compile(_MONTH),
    ),
    # before the rules of a year, which would take «2024 года» of «с начала 2024 года»
    _Rule(
        _compile(rf"\bс\s+начала\s+(?:(?P<rel>{_REL})\s+)?(?:(?P<year>{_YEAR})\s+)?года"),
        _since_new_year,
        "начал",
        anchor=re.compile("начала"),
    ),
    _Rule(
        _compile(rf"(?P<y1>{_YEAR})\s*(?:{_DASH}|по|до)\s*(?P<y2>{_YEAR})(?:{_YEAR_WORD})?(?!\d)"),
        _year_range,
        "digit",
        _prefix("с|на|в|во|за"),
    ),
    _Rule(
        _compile(rf"(?P<y>{_YEAR})(?:-?м)?{_YEAR_WORD}"),
        _year,
        "г",
        _prefix("в|во|за|с|до|по|к|на"),
    ),
    _Rule(
        # «за минувшие сутки», «за прошедшую неделю», «за последние 10 дней»; not «за неделю до
        # задержания», a time before something, nor «за неделю с 1 по 7 октября», whose dates
        # the rule of days says
        _compile(
            r"\bза\s+(?:(?P<which>прошедш|минувш|истекш|последн)[а-яё]*\s+)?"
            r"(?:(?P<n>\d{1,3}|[а-яё]+)\s+)??(?P<unit>сутки|суток|недел[юиь]|дн(?:я|ей)|день)"
            r"(?![а-яё])(?!\s+до\b)(?!\s+(?:с|со)\s+\d)"
        ),
        _recent_days,
        "recent",
        anchor=re.compile(r"сут|недел|дн[яе]|день"),
    ),
    _Rule(
        # «за последние три года», «за последние 20 месяцев», «за последний год»: not «за
        # минувший год», the calendar year before, which the rule of relative years says
        _compile(
            r"\bза\s+последн[а-яё]*\s+(?:(?P<n>\d{1,3}|[а-яё]+)\s+)??"
            r"(?P<unit>месяц(?:а|ев)?|год(?:а)?|лет)(?![а-яё])"
        ),
        _recent_months_or_years,
        "lately",
        anchor=re.compile("последн"),
    ),
    _Rule(
        _compile(rf"\b(?P<rel>{_REL})\s+год[а-яё]*"),
        _relative_year,
        "relative",
        _prefix("в|во|за|на"),
        anchor=re.compile("год"),
    ),
    _Rule(
        _compile(rf"(?P<y>{_YEAR})(?![\d%]|[.,]\d)"),
        _bare_year,
        "digit",
        left_stops="0123456789.,:/-–№",
    ),
]
_DIGIT_RE = re.compile(r"\d")
_CYRILLIC_RE = re.compile(r"[а-яёА-ЯЁ]")
_MONTH_GATE_RE = re.compile(_MONTH)
_RECENT_GATE_RE = re.compile(r"сутк|суток|недел|дн[яе]й?|день")


def _gates(text: str, lower: str) -> dict[str, bool]:
    """Cheap tests that let most texts skip most patterns; `lower`: text.lower()."""
    digit = _DIGIT_RE.search(text) is not None
    if _CYRILLIC_RE.search(text) is None:
        return dict.fromkeys(_CYRILLIC_GATES, False) | {"digit": digit}
    return {
        "digit": digit,
        "month": _MONTH_GATE_RE.search(lower) is not None,
        "месяц": "мес" in lower,
        "квартал": "квартал" in lower,
        "полугоди": "полугоди" in lower or "полгода" in lower,
        "пол.": "пол." in lower,
        "кв.": "кв." in lower,
        "г": "г" in lower,
        "начал": "с начала" in lower,
        "relative": "год" in lower,  # the rule runs around each "год" only
        "recent": "за " in lower and _RECENT_GATE_RE.search(lower) is not None,
        "lately": "последн" in lower,
    }


_CYRILLIC_GATES = (
    "month", "месяц", "квартал", "полугоди", "пол.", "кв.", "г", "начал", "relative", "recent",
    "lately",
)  # fmt: skip


# How far a match reaches before and after its anchor: the words before it (an ordinal, a
# number, a month) and the year after it, with room to spare.
_BEFORE_ANCHOR = 80
_AFTER_ANCHOR = 120


def _anchored_matches(
    pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, lower: str
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), when every match holds a hit of `anchor`: the pattern runs in a
    window around each hit instead of trying every position of the text."""
    end = 0
    for hit in anchor.finditer(lower):
        if hit.end() <= end:
            continue
        # a window never starts or stops inside a word (a match may begin with any word)
        start = max(end, hit.start() - _BEFORE_ANCHOR)
        while start > end and text[start - 1].isalnum():
            start -= 1
        stop = hit.end() + _AFTER_ANCHOR
        while stop < len(text) and text[stop].isalnum():
            stop += 1
        for m in pattern.finditer(text, start, stop):
            if m.start() > hit.start():
                break  # it holds a later hit, whose window finds it
            yield m
            end = m.end()


def extract_dates(text: str, published: date | datetime | str | None = None) -> list[dict]:
    """Dates and periods the text mentions, in text order, in the gold format plus offsets;
    words written with look-alike letters of another script («зa 2020 год») are read as words,
    and quotes are the text's own."""
    folded = fold_homoglyphs(text)  # the same length: offsets hold for both
    records = [dict(record) for record in _dates_of(folded, as_date(published))]
    if folded is not text:
        for record in records:
            record["quote"] = text[record["char_start"] : record["char_end"]]
    return records


class _Spans:
    """The disjoint spans the rules have taken, sorted: whether a new match overlaps one is a
    bisection, not a scan of all of them (a page can mention thousands of dates)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # the spans that start before `end` are a prefix; being disjoint, the last of them
        # ends last
        before = bisect.bisect_left(self._starts, end)
        return before > 0 and self._ends[before - 1] > start

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_left(self._starts, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)


# Figures and the dates table both ask for the dates of the same article in a row: keep the last
# few answers instead of scanning the text twice.
@functools.lru_cache(maxsize=8)
def _dates_of(text: str, published: date | None) -> tuple[dict, ...]:
    ctx = _Context(published)
    lower = text.lower()
    gates = _gates(text, lower)
    anchored = len(lower) == len(text)  # offsets of the lower-cased text are the text's
    taken = _Spans()
    records: list[dict] = []
    for rule in _RULES:
        if not gates[rule.gate]:
            continue
        if rule.anchor is not None and anchored:
            matches = _anchored_matches(rule.pattern, rule.anchor, text, lower)
        else:
            matches = rule.pattern.finditer(text)
        for m in matches:
            start, end = m.span()
            if start and text[start - 1] in rule.left_stops:
                continue
            prefix = rule.prefix.search(text, max(0, start - 25), start) if rule.prefix else None
            if prefix:
                start = prefix.start()
            if taken.overlaps(start, end):
                continue
            resolved = rule.resolve(m, ctx, prefix.group().strip() if prefix else None)
            if resolved is None:
                continue
            kind, first, last = resolved
            taken.add(start, end)
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
    return tuple(records)


def sentence_period(
    sentence: str, published: date | datetime | str | None = None
) -> tuple[str | None, str | None]:
    """(start, end) of the period a sentence reports on, as ISO days, or (None, None)."""
    return period_of(extract_dates(sentence, published), sentence)
