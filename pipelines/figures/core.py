"""Figures stated in Russian article text: what number, of what, how qualified, which way.

A figure (see ../shared/gold/README.md) is a number that reports a quantity: a count, a mass,
money, an area or volume, a percentage or a factor. `extract_figures` reads each number
(pipelines.numbers), rules out the numbers that are not quantities (dates, years, law articles,
ages, times of day, phone numbers, names, ordinals), then reads its unit and the counted noun
from the words after it, its qualifier from the words before it, and the direction of change
of percentages and factors from the verbs and comparisons of its clause. Numbers that leave
their unit or noun out ("10 млрд тенге, из которых более 9 млрд", "с 457 до 387 случаев") take
them from the figure they are coordinated or compared with.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime

from pipelines.figures.change import assign_changes
from pipelines.figures.document import (
    apply_list_topic,
    inherit_mass_objects,
    is_list_item,
    list_heading_topic,
)
from pipelines.figures.lexicon import DICTIONARY_FORMS, UNSTATED_CURRENCY
from pipelines.figures.not_figures import Spans, non_figure_spans, overlaps
from pipelines.figures.reading import read_figure
from pipelines.figures.relations import resolve_orphans, share_forward, share_range_multiplier
from pipelines.figures.respective import respective_objects
from pipelines.figures.sentence import CYRILLIC_RE, Figure, Sentence, counts_something
from pipelines.figures.units import fraction_units, half_unit, half_units, units_without_numeral
from pipelines.homoglyphs import fold_homoglyphs
from pipelines.mentioned_dates import extract_dates, period_of
from pipelines.numbers import (
    clean_value,
    find_numbers,
    half_multiplier,
    number_forms,
    split_word_ranges,
)
from pipelines.sentences import fold_yo, split_sentences, tokenize

_CYRILLIC_WORDS_RE = re.compile(r"[а-яё]+")

_DIGIT_RE = re.compile(r"\d")

_SIGN_RE = re.compile(r"[%$€₸₽£¥]")

# A cheap look for where a unit may stand with no numeral: after a qualifier («более тонны»),
# after «с» («с килограммом героина») or a weight noun («общим весом тонна 40 кг»).
_BARE_UNIT_HINT_RE = re.compile(
    r"(?:более|свыше|больше|менее|меньше|около|порядка|почти|примерно)\s+[а-яё]"
    r"|\b(?:со?|весом|массой|объ[её]мом)\s+(?:кило)?грамм"
    r"|\b(?:со?|весом|массой|объ[её]мом)\s+(?:тонн|литр|центнер)"
    # «изъяли тонну кокаина»: after a verb of seizure, or opening a sentence («\b»: a search
    # from a sentence's start matches no «^» there)
    r"|\b(?:тонну|центнер|килограмм)\s",
    re.I,
)


_HALF_HINT_RE = re.compile(r"\bпол-?[утклгц]", re.I)
_FRACTION_HINT_RE = re.compile(
    r"\b(?:четверт[ьи]|трет[ьи]|половин[аыуе])\s+(?:тонн|кило|центнер|гектар|литр)", re.I
)


def _sentence_figures(s: Sentence, blocked: Spans) -> list[Figure]:
    figures: list[Figure] = []
    spans = find_numbers(s.tokens)
    bare = units_without_numeral(s) if _BARE_UNIT_HINT_RE.search(s.text) else []
    if _HALF_HINT_RE.search(s.text):
        bare += half_units(s)  # "полтонны гашиша"
    if _FRACTION_HINT_RE.search(s.text):
        bare += fraction_units(s)  # "четверть тонны гашиша"
    if bare:
        numbered = {span.first for span in spans}
        # in text order (a NumberSpan sorts by its value first)
        spans = sorted(spans + [b for b in bare if b.first not in numbered], key=lambda n: n.first)
    for span in spans:
        previous = figures[-1] if figures else None
        inside_bracket = previous is not None and previous.bracket_end is not None
        inside_bracket = inside_bracket and span.last <= previous.bracket_end
        if previous is not None and span.first < previous.last and not inside_bracket:
            continue  # already part of the figure before: "36 кг 808 граммов"
        if overlaps(blocked, span.start, span.end):
            figure = Figure(span=span, first=span.first, last=span.last, value=span.value)
            figure.blocked = figure.dated = True
            figures.append(figure)
            continue
        figures.append(read_figure(s, span, previous))
    share_forward(s, figures)
    resolve_orphans(s, figures)
    respective_objects(s, figures)
    share_range_multiplier(s, figures)
    assign_changes(s, figures)
    return [f for f in figures if not f.blocked]


def extract_figures(
    text: str,
    published: date | datetime | str | None = None,
    dates: list[dict] | None = None,
    *,
    whole: bool = False,
    limit: int | None = None,
    currency: str | None = None,
) -> list[dict]:
    """Figures stated in text, in text order, as gold-format records with offsets, the
    sentence they stand in and that sentence's reporting period. `dates` are the text's
    mentioned dates when the caller has them already (`extract_dates(text, published)`).
    `whole`: the text is complete (a headline), so its last word is never one cut off. Words
    written with look-alike letters of another script («Оκоло») are read as words; quotes and
    sentences are the text's own. `limit`: reading stops after the sentence whose figures pass
    it, so more than `limit` figures come back only when the text holds more (each figure
    depends on the ones before it only: the first `limit` are those of a whole reading).
    `currency`: the one currency of the text around this one, when the caller has it (a
    headline's body), for sums whose own words leave it out («наркотики на 200 миллионов»)."""
    original, text = text, fold_homoglyphs(text)  # the same length: offsets hold for both
    if dates is None:
        dates = extract_dates(text, published)
    date_starts = [d["char_start"] for d in dates]
    records: list[dict] = []
    figures: list[Figure] = []  # the sentence before's
    further: list[Figure] = []  # when it had none, those of the one before it
    topic = None  # the noun a list's heading counts, while its items go on
    heading: list[Figure] = []  # the figures of a heading «…, из них:», while its items go on
    for start, end in split_sentences(text):
        # a line opening with «7 –» after a heading «…, из них:» is one of its items too
        item = is_list_item(text, start) or bool(heading and _NUMBERED_ITEM.match(text, start))
        topic = topic if topic and item else None
        heading = heading if item else []
        if not _may_hold_figures(text, start, end):
            further, figures = figures, []
            topic = list_heading_topic(text, start, end) or topic
            continue
        tokens = split_word_ranges(tokenize(text, start, end))
        ends_text = not whole and not text[end:].strip()
        sentence = Sentence(
            text[start:end], tokens, start, end, heading or figures, ends_text, further,
            list_item=bool(heading),
        )  # fmt: skip
        lo, hi = bisect.bisect_left(date_starts, start), bisect.bisect_left(date_starts, end)
        if lo and dates[lo - 1]["char_end"] > start:
            lo -= 1  # a date that began in the sentence before runs into this one
        blocked = non_figure_spans(text, start, end, dates[lo:hi])
        before = figures
        figures = _sentence_figures(sentence, blocked)
        # «… 268 преступных деяний. В прошлом году – на 25,3% больше. В том числе 239 тяжких»:
        # past a sentence that counts nothing, the counts of the one before it stay in reach
        further = [] if counts_something(figures) else before
        if figures and _OPENS_A_BREAKDOWN.search(text, start, end):
            heading = figures
        if not figures:
            continue
        if topic:
            apply_list_topic(figures, topic)
        sentence_period = period_of(dates[lo:hi], text)
        several = _several_periods(dates[lo:hi], text)
        for figure in figures:
            last = figure.last
            if last == len(tokens) and tokens[last - 1].text == "." and last - 1 > figure.first:
                last -= 1  # the full stop after "2,1 млн." is the sentence's
            quote_start, quote_end = tokens[figure.first].start, tokens[last - 1].end
            quote_end = _close_quotes(text, quote_start, quote_end)
            period_start, period_end = sentence_period
            if several:
                own = _period_before(dates[lo:hi], text, quote_start)
                period_start, period_end = own if own[0] else sentence_period
            records.append(
                {
                    "quote": original[quote_start:quote_end],
                    "value": clean_value(figure.value),
                    "unit": figure.unit,
                    "qualifier": figure.qualifier,
                    "object": figure.object,
                    "change": figure.change,
                    "start": quote_start,
                    "end": quote_end,
                    "sentence": original[start:end],
                    "period_start": period_start,
                    "period_end": period_end,
                }
            )
        if limit is not None and len(records) > limit:
            break
    inherit_mass_objects(text, records)
    records = _currency_of_the_text(records, currency)
    for record in records:
        record["object"] = DICTIONARY_FORMS.get(record["object"], record["object"])
    return records


def is_currency(unit: str | None) -> bool:
    """Whether a figure's unit is an ISO 4217 code («RUB», «KZT»)."""
    return bool(unit) and len(unit) == 3 and unit.isupper()


def _currency_of_the_text(records: list[dict], around: str | None = None) -> list[dict]:
    """A sum whose own words leave the currency out («партию наркотиков на 15 миллионов») is in
    the one currency the text's other sums state (with `around`, the surrounding text's); with
    none, or several, it is dropped: the currency is never guessed."""
    if not any(r["unit"] == UNSTATED_CURRENCY for r in records):
        return records
    stated = {r["unit"] for r in records if is_currency(r["unit"])} | ({around} - {None})
    if len(stated) != 1:
        return [r for r in records if r["unit"] != UNSTATED_CURRENCY]
    (currency,) = stated
    for record in records:
        if record["unit"] == UNSTATED_CURRENCY:
            record["unit"] = currency
    return records


# a line that gives a number and a dash before what it counts: «7 – по фактам сбыта …;»
_NUMBERED_ITEM = re.compile(r"\d[\d\s,]*\s*[–—-]\s")

# a line that ends opening a list of its figures' parts: «… 46 преступлений (2022 год – 58),
# из них:», «в том числе:»
_OPENS_A_BREAKDOWN = re.compile(
    r"(?:из\s+(?:них|которых)|в\s+том\s+числе|среди\s+них)\s*:\s*$", re.IGNORECASE
)


def _several_periods(dates: list[dict], text: str) -> bool:
    """Whether a sentence reports on more than one period: «в 2021 году изъято 4 тонны, в 2022
    году - 4,1 тонны». Comparison baselines («чем за аналогичный период 2022 года») do not
    count."""
    found = {period_of([d], text) for d in dates if d["kind"] == "period"}
    return len(found - {(None, None)}) > 1


def _period_before(dates: list[dict], text: str, offset: int) -> tuple[str | None, str | None]:
    """The period a figure's own clause names: the last one before it in its sentence."""
    return period_of(
        [
            d
            for d in reversed(dates)
            if d["kind"] == "period"
            and d["char_end"] <= offset
            and not _in_closed_brackets(text, d["char_start"], offset)
        ],
        text,
    )


def _in_closed_brackets(text: str, start: int, offset: int) -> bool:
    """Whether a date at `start` stands in brackets closed before `offset`: «684 преступления
    (1 полугодие 2008 года – 743), из них – 365»: the 365 are of the sentence's period."""
    opened = text.rfind("(", max(0, start - 40), start)
    return opened >= 0 and ")" not in text[opened:start] and ")" in text[start:offset]


def _close_quotes(text: str, start: int, end: int) -> int:
    """Take in the closing quote of a quoted noun: "58 «закладчиков»", not "58 «закладчиков"."""
    quote = text[start:end]
    if end < len(text) and (
        (text[end] == "»" and quote.count("«") > quote.count("»"))
        or (text[end] == '"' and quote.count('"') % 2 == 1)
    ):
        return end + 1
    return end


def _may_hold_figures(text: str, start: int, end: int) -> bool:
    """A cheap look at a sentence before reading it: figures need digits or number words, and
    a sentence without a Russian word can only hold figures written with a sign (5%, $950)."""
    if _DIGIT_RE.search(text, start, end) is None:
        forms = number_forms()
        words = _CYRILLIC_WORDS_RE.findall(fold_yo(text[start:end]))
        return any(
            word in forms or "кратн" in word or half_multiplier(word) or half_unit(word)
            for word in words
        ) or (
            _BARE_UNIT_HINT_RE.search(text, start, end) is not None  # "более тонны"
            or _FRACTION_HINT_RE.search(text, start, end) is not None  # "четверть тонны"
        )
    return (
        CYRILLIC_RE.search(text, start, end) is not None
        or _SIGN_RE.search(text, start, end) is not None
    )
