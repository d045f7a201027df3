"""The reporting period a sentence's dates name: the first period that can be placed in time,
passing over the periods named as a comparison baseline («по сравнению с 2023 годом»)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


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


# "по сравнению с 2023 годом", "к аналогичному периоду (этапу) прошлого года", "чем в 2023
# году", "с тем же периодом прошлого года", "по отношению к 1 пол. 2022 г.": the baseline a
# sentence compares with, not the period it reports on.
_BASELINE_RE = re.compile(
    r"(?:сравнени\w*(?:\s+с)?|(?:аналогичн\w*|т(?:ем|ому?)\s+же)\s+(?:период|этап)\w*|\bчем(?:\s+в)?"
    r"|по\s+отношению\s+к(?:\s+\d\s+(?:пол\.|кв\.|полугоди\w*|квартал\w*))?"
    r"|\bотносительно)\s*$",
    re.IGNORECASE,
)


# "(в 2017 году – 372 грамма)", "(2013 – 11)", "(в 1 пол. 2022 г. – 1 212)": a period in
# brackets with its own number after a dash is the earlier value stated for comparison, not the
# period of the sentence.
_BRACKET_BEFORE = re.compile(
    r"[(\[]\s*(?:(?:в|во|за)\s+|на\s+(?:конец|начало)\s+)?$", re.IGNORECASE
)  # «(на конец 2017 г. — 455 человек)»
_DASH_NUMBER_AFTER = re.compile(
    r"^\s*(?:г\.?|год\w*)?\s*[–—:-]\s*(?:(?:более|менее|свыше|около|порядка)\s+)?\d",
    re.IGNORECASE,
)


def _bracketed_comparison(record: dict, text: str) -> bool:
    start, end = record["char_start"], record.get("char_end", record["char_start"])
    return bool(
        _BRACKET_BEFORE.search(text[max(0, start - 12) : start])
        and _DASH_NUMBER_AFTER.match(text[end : end + 30])
    )


# after a year: «1989 года рождения», «(1988 г. р.)», «1975 г.р.», and after each year of a
# list: «граждан 1994 и 1997 годов рождения», «1985, 1990 и 1992 г.р.», «1990-х годов рождения»
_BIRTH_AFTER = re.compile(
    r"(?:-х)?(?:\s*(?:,|и)\s*(?:19|20)\d\d(?:-х)?)*\s*(?:г(?:од[а-я]*|г?\.)?)?\.?\s*(?:рождения\b|р\.)",
    re.IGNORECASE,
)


def period_of(records: Iterable[dict], text: str | None = None) -> tuple[str | None, str | None]:
    """The reporting period among date records as full ISO days: the first period that can be
    placed in time, or else the first such date. Given the text the records were found in,
    periods named as a comparison baseline are passed over."""
    best: tuple[str, str] | None = None
    for record in records:
        start = _first_day(record["date"])
        end = _last_day_of(record["end"] if record["kind"] == "period" else record["date"])
        if start is None or end is None:
            continue
        before = text[max(0, record["char_start"] - 40) : record["char_start"]] if text else ""
        if before and _BASELINE_RE.search(before):
            continue
        if text and _bracketed_comparison(record, text):
            continue
        if text and _BIRTH_AFTER.match(text, record.get("char_end", record["char_start"])):
            continue  # «водителя И. Д., 1989 года рождения»: a birth, no reporting period
        if record["kind"] == "period":
            return start.isoformat(), end.isoformat()
        best = best or (start.isoformat(), end.isoformat())
    return best or (None, None)
