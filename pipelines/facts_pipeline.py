"""Item pipeline step 4: what each figure is (role, scope, indicator, checks), and the figures
of the headline, which readers often see first («Изъято 16 тонн наркотиков»)."""

from __future__ import annotations

import bisect

from pipelines.facts import annotate_figures
from pipelines.facts.twins import same_number
from pipelines.figures import extract_figures
from pipelines.figures.core import is_currency
from pipelines.items import ArticleRecord
from pipelines.step import CrawlerStep, fail_soft


@fail_soft("facts", ())
def apply_facts(record: ArticleRecord) -> ArticleRecord:
    """Annotate the body's figures and add the headline's (`in_title`, offsets into the title;
    also used by `extract` and `reextract`)."""
    published = record.published_at[:10] if record.published_at else None
    title = record.title or ""
    # a sum the headline gives with no currency («наркотики на 200 миллионов») is in the body's
    body_currencies = {f["unit"] for f in record.figures if is_currency(f.get("unit"))}
    currency = next(iter(body_currencies)) if len(body_currencies) == 1 else None
    headline = (
        extract_figures(title, published=published, whole=True, currency=currency)
        if title and record.body
        else []
    )
    for figure in headline:
        figure.setdefault("region", record.region)
        figure.setdefault("country", record.country)
    record.figures = annotate_figures(
        record.body or "",
        record.figures,
        title=title,
        title_figures=headline,
        mentioned_dates=record.mentioned_dates,
        published=published,
    )
    restatements_share_their_region(record.figures)
    return record


# What must agree for two figures of one text to state one claim.
_SAME_CLAIM = ("unit", "indicator", "scope", "event_day", "period_start", "period_end")


class _ByNumber:
    """Figures by unit and value, to find those that may be same_number() as another without
    comparing every pair (a long digest holds hundreds of figures)."""

    def __init__(self, figures: list[dict]) -> None:
        self._by_unit: dict[str | None, tuple[list[float], list[dict]]] = {}
        for figure in sorted(figures, key=lambda f: float(f["value"])):
            values, kept = self._by_unit.setdefault(figure.get("unit"), ([], []))
            values.append(float(figure["value"]))
            kept.append(figure)

    def near(self, figure: dict) -> list[dict]:
        values, kept = self._by_unit.get(figure.get("unit"), ([], []))
        x = float(figure["value"])
        slack = 2e-6 * max(abs(x), 1.0)  # wider than same_number's tolerance
        return kept[bisect.bisect_left(values, x - slack) : bisect.bisect_right(values, x + slack)]


def restatements_share_their_region(figures: list[dict]) -> None:
    """A number whose sentence names no place (it took the article's country) and the same
    number in a sentence that names a region of that country state one claim: «изъято 7 кг» and
    «МВД Татарстана … весом около 7 килограммов» are Tatarstan's, so both join one fact; and a
    part with no place of its own is counted where its total is."""
    # each figure is compared only with the figures of the same number whose own sentence names
    # a region (a long digest holds hundreds of both)
    placed = _ByNumber(
        [f for f in figures if f.get("region") and f.get("region_reason") == "sentence"]
    )
    for figure in figures:
        country = figure.get("country")
        if figure.get("region") or not country or figure.get("region_reason") == "sentence":
            continue
        regions = {
            other["region"]
            for other in placed.near(figure)
            if other is not figure
            and other["region"].startswith(country + "-")
            and same_number(other, figure)
            and all(other.get(k) == figure.get(k) for k in _SAME_CLAIM)
        }
        if len(regions) == 1:
            figure["region"] = regions.pop()
    for figure in figures:  # a part named with no place of its own is where its total is
        total = figures[figure["part_of"]] if figure.get("part_of") is not None else None
        if (
            total is not None
            and not figure.get("region")
            and figure.get("region_reason") != "sentence"
            and total.get("country") == figure.get("country")
        ):
            figure["region"] = total.get("region")


class FactsPipeline(CrawlerStep):
    def process_item(self, item: ArticleRecord):
        return apply_facts(item)
