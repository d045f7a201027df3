"""The article chain: every step between an article's fetched HTML and its storage, in order.

The crawl runs it as Scrapy item pipelines (crawler/settings.py ITEM_PIPELINES lists each step's
`pipeline`, then the store step; tests/test_chain.py holds the two lists together), and
`newsmon extract` and `newsmon reextract` call `process_article`, so all three give an article
the same fields. The text is made plain before anything records a character offset into it
(figures, mentioned dates, places), so every stored quote is `body[start:end]`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from pipelines.chrome import strip_site_chrome
from pipelines.extract_pipeline import apply_extraction
from pipelines.facts_pipeline import apply_facts
from pipelines.figures_pipeline import MAX_FIGURES, apply_figures
from pipelines.items import ArticleRecord
from pipelines.places_ner import MAX_NER_SENTENCES
from pipelines.places_pipeline import apply_places
from pipelines.plain_text import PlainTextPipeline


class SourceSettings(Protocol):
    """What the steps read of a source (crawler.sources.Source has it, as does SourceContext)."""

    timezone: str | None
    lang: str | None
    region: str | None


@dataclass(frozen=True)
class SourceContext:
    """A source's settings outside a crawl: a `sources` row (reextract) or the command line;
    in a crawl's extraction workers, also the crawl's NEWSMON_MAX_FIGURES and
    NEWSMON_MAX_NER_SENTENCES."""

    timezone: str | None = None
    lang: str | None = None
    region: str | None = None
    max_figures: int | None = MAX_FIGURES
    max_ner_sentences: int | None = MAX_NER_SENTENCES


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[ArticleRecord, SourceSettings], ArticleRecord]
    pipeline: str  # the item pipeline class that runs this step in a crawl


def extract_text(record: ArticleRecord, source: SourceSettings) -> ArticleRecord:
    return apply_extraction(record, source.timezone, source.lang)


def clean_text(record: ArticleRecord, source: SourceSettings) -> ArticleRecord:
    return PlainTextPipeline().process_item(record)


def find_figures(record: ArticleRecord, source: SourceSettings) -> ArticleRecord:
    """Figures and mentioned dates; the dates are extracted once and given to the figures."""
    return apply_figures(record, getattr(source, "max_figures", MAX_FIGURES))


def find_places(record: ArticleRecord, source: SourceSettings) -> ArticleRecord:
    return apply_places(
        record, source.region, getattr(source, "max_ner_sentences", MAX_NER_SENTENCES)
    )


def find_facts(record: ArticleRecord, source: SourceSettings) -> ArticleRecord:
    """Role, scope, indicator and checks of each figure; the headline's figures."""
    return apply_facts(record)


def prepare_for_storage(record: ArticleRecord, source: SourceSettings) -> ArticleRecord:
    """The database-free work of storing it (pipelines/storage_prep.py). Imported on first use:
    its MinHash loads numpy, which no step before it needs and `newsmon extract` never runs."""
    from pipelines.storage_prep import prepare_storage

    return prepare_storage(record, source)


ARTICLE_STEPS: tuple[Step, ...] = (
    Step("extraction", extract_text, "pipelines.extract_pipeline.ExtractionPipeline"),
    Step("plain text", clean_text, "pipelines.plain_text.PlainTextPipeline"),
    Step("site chrome", strip_site_chrome, "pipelines.chrome_pipeline.ChromePipeline"),
    Step("figures and dates", find_figures, "pipelines.figures_pipeline.FiguresPipeline"),
    Step("places and agencies", find_places, "pipelines.places_pipeline.PlacesPipeline"),
    Step("facts", find_facts, "pipelines.facts_pipeline.FactsPipeline"),
    Step("storage preparation", prepare_for_storage, "pipelines.storage_prep.StoragePrepPipeline"),
)
# After the chain, in a crawl: the article into SQLite (`store_article` elsewhere).
STORE_PIPELINE = "pipelines.store_pipeline.StorePipeline"
# The chain for a text that needs no extraction (tests and benchmarks that start from a text).
TEXT_STEPS: tuple[Step, ...] = ARTICLE_STEPS[1:]
# What an article says, for `newsmon extract`, which prints it and stores nothing: the chain
# without its last step, which only serves the database.
FINDING_STEPS: tuple[Step, ...] = ARTICLE_STEPS[:-1]


def process_article(
    record: ArticleRecord,
    source: SourceSettings = SourceContext(),
    steps: Sequence[Step] = ARTICLE_STEPS,
) -> ArticleRecord:
    """Run the chain on one record, in place; returns it."""
    for step in steps:
        record = step.run(record, source)
    return record
