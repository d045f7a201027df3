"""Item pipeline step 3: where and who — places and agencies an article names, the article's
main region, and the region of every figure (its sentence, else the sentence whose story it
goes on, else the article, else the source)."""

from __future__ import annotations

import bisect
import re

from pipelines.agencies import find_agencies
from pipelines.items import ArticleRecord
from pipelines.places import article_context, article_place, figure_region, find_places
from pipelines.places_ner import MAX_NER_SENTENCES, SentenceNer
from pipelines.places_story import place_of_the_story
from pipelines.step import CrawlerStep, fail_soft


def _home_country(source_region: str | None) -> str | None:
    return source_region.split("-", 1)[0].upper() if source_region else None


# Everything but Cyrillic letters, and everything but letters: what is left after removing them
# is counted (half the time of listing every letter with findall).
_NOT_CYRILLIC = re.compile(r"[^а-яёА-ЯЁ]+")
_NOT_LETTER = re.compile(r"[\W\d_]+")


def is_russian_text(text: str, share: float = 0.3) -> bool:
    """Whether letters are mostly Cyrillic: the gazetteer and the NER model are Russian, and
    running them on a page in another language costs a tenth of a second to find nothing."""
    head = text[:5000]
    letters = len(_NOT_LETTER.sub("", head))
    return bool(letters) and len(_NOT_CYRILLIC.sub("", head)) >= share * letters


class _BodyPlaces:
    """The body's places looked up by offset, and where each figure sentence starts: a long page
    holds hundreds of both, and comparing each sentence with every place (and finding it in
    the body again for each figure) made the step grow with the square of the page."""

    def __init__(self, body: str, places: list[dict]) -> None:
        self.body = body
        self.places = sorted(places, key=lambda p: p["start"])
        self._starts = [p["start"] for p in self.places]
        self._longest = max((p["end"] - p["start"] for p in self.places), default=0)
        self._sentence_starts: dict[str, int] = {}

    def sentence_start(self, sentence: str) -> int:
        """body.find(sentence), once per sentence."""
        if sentence not in self._sentence_starts:
            self._sentence_starts[sentence] = self.body.find(sentence)
        return self._sentence_starts[sentence]

    def starting_in(self, start: int, end: int) -> list[dict]:
        """The places that start in [start, end)."""
        first = bisect.bisect_left(self._starts, start)
        return self.places[first : bisect.bisect_left(self._starts, end, first)]

    def names_no_place(self, sentence: str) -> bool:
        """Whether the sentence is part of the body and no place the body names lies in it:
        then the figure takes the article's region, as figure_region would find (it did for
        all 12,384 figures of the held-out texts and seeds, each read with three source
        regions) at the cost of reading the sentence's places again."""
        start = self.sentence_start(sentence) if sentence else -1
        if start < 0:
            return False
        end = start + len(sentence)
        # a place that starts more than the longest place's length before `start` ends before it
        return not any(p["end"] > start for p in self.starting_in(start - self._longest, end))


# The page problem (pipelines/page_checks.py) of a body with more sentences for NER than its
# budget (places_ner.MAX_NER_SENTENCES, a crawl's NEWSMON_MAX_NER_SENTENCES).
TOO_MANY_NAMES = "too_many_names"


@fail_soft("places and agencies", ("places", "agencies", "region", "country", "page_problems"))
def apply_places(
    record: ArticleRecord,
    source_region: str | None,
    max_ner_sentences: int | None = MAX_NER_SENTENCES,
) -> ArticleRecord:
    """Fill places, agencies, the article's region and each figure's region (also used by
    `reextract`). Offsets are into the body; a region the title names decides the article's
    region, as a reader would take it (see places.article_place). natasha's NER tags at most
    `max_ner_sentences` sentences of the body; a page problem says when more needed it."""
    home = _home_country(source_region)
    body = record.body if record.body and is_russian_text(record.body) else ""
    # tags a body sentence at most once, for the body and its figures
    ner = SentenceNer(body, max_ner_sentences)
    places = find_places(body, home, ner) if body else []
    record.places = places
    record.agencies = find_agencies(body) if body else []
    title = record.title if record.title and is_russian_text(record.title) else ""
    title_places = find_places(title, home) if title else []
    article = article_place(title_places, places, source_region, body, title)
    record.region, record.country = article["region_code"], article["country"]
    by_sentence: dict[str, dict] = {}
    indexed = _BodyPlaces(body, places)
    context = article_context(places)
    for figure in record.figures:
        # a figure of a page in another language takes the article's (the source's) region
        sentence = (figure.get("sentence") or "") if body else ""
        if sentence not in by_sentence and indexed.names_no_place(sentence):
            story = place_of_the_story(body, sentence, indexed.places, ner.bounds)
            by_sentence[sentence] = story or {
                "region_code": article["region_code"],
                "country": article["country"],
                "reason": article["reason"],
            }
        if sentence not in by_sentence:
            by_sentence[sentence] = figure_region(
                sentence, places, source_region, article, ner, context=context
            )
        where = by_sentence[sentence]
        # offsets: a headline figure's into the headline (its sentence), others' into the body
        base = 0 if figure.get("in_title") else indexed.sentence_start(sentence)
        if (
            where["reason"] == "sentence"
            and where["country"]
            and (not where["region_code"] or _names_the_nation(indexed, base, sentence, figure))
        ):
            # several regions in the sentence, or a region and the whole country: the place of
            # the figure's own clause, if any
            at = figure.get("start", 0) - base if base >= 0 else -1
            if 0 <= at < len(sentence) and sentence.startswith(figure.get("quote", ""), at):
                where = figure_region(
                    sentence, places, source_region, article, ner, at, context=context
                )
        figure["region"] = where["region_code"]
        figure["country"] = where["country"]
        figure["region_reason"] = where["reason"]
    if ner.refused:
        message = (
            f"more than {max_ner_sentences} sentences with names the gazetteer lacks: NER read"
            f" the first {max_ner_sentences}, {len(ner.refused)} more were left to the gazetteer"
            " (NEWSMON_MAX_NER_SENTENCES)"
        )
        record.page_problems = [*record.page_problems, (TOO_MANY_NAMES, message)]
    return record


def _names_the_nation(indexed: _BodyPlaces, base: int, sentence: str, figure: dict) -> bool:
    """Whether a body sentence (at `base`) names the whole country too («на территории
    республики …, в том числе в Сурхандарьинской области»)."""
    if figure.get("in_title") or base < 0:
        return False
    return any(p["national"] for p in indexed.starting_in(base, base + len(sentence)))


class PlacesPipeline(CrawlerStep):
    def process_item(self, item: ArticleRecord):
        budget = self.crawler.settings.getint("NEWSMON_MAX_NER_SENTENCES", MAX_NER_SENTENCES)
        return apply_places(item, self.crawler.spider.source.region, budget)
