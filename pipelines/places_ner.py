"""natasha's NER, run only where the gazetteer and morphology leave a question: LOC and PER spans
of one sentence, and the nominative of a name the gazetteer lacks. The models ship inside the
package and run offline; they load once, on first use.

`SentenceNer` tags a text one sentence at a time and only the sentences a caller asks about, so
a text whose places the gazetteer settles alone costs no NER; `view` gives a figure's sentence
the body's tagging by offset instead of tagging it again.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from functools import cache
from typing import NamedTuple


@cache
def _embedding():
    """natasha's models ship inside the package and run offline; they load once, on first use,
    the embedding through a loader that maps its table instead of copying it (embedding_file)."""
    from natasha.data import NEWS_EMBEDDING

    from pipelines.embedding_file import load_navec

    return load_navec(NEWS_EMBEDDING)


@cache
def _ner_models():
    from natasha import Segmenter

    from pipelines.tagger_files import load_ner_tagger

    return Segmenter(), load_ner_tagger(_embedding())


@cache
def _morph_models():
    # Only names the gazetteer lacks need natasha's morphology (for their nominative).
    from natasha import MorphVocab

    from pipelines.tagger_files import load_morph_tagger

    return load_morph_tagger(_embedding()), MorphVocab()


@cache
def _threadpool_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def _one_blas_thread():
    """Run numpy on one BLAS thread. natasha multiplies small matrices, where OpenBLAS's threads
    cost more than they give: 2 ms instead of 40-70 ms for a sentence on a busy two-core machine.
    Without threadpoolctl installed the tagging is only slower."""
    controller = _threadpool_controller()
    if controller is None:
        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")


class Span(NamedTuple):
    start: int
    stop: int
    type: str


class Ner:
    """natasha's LOC and PER spans of one text (a sentence); morphology is tagged only if a name
    needs its nominative."""

    def __init__(self, text: str) -> None:
        _, ner_tagger = _ner_models()
        self._text = text
        self._doc = None
        with _one_blas_thread():
            # The tagger tokenizes on its own: the Doc's segmentation is needed only by morphology.
            spans = [Span(*s) for s in ner_tagger(text).spans] if text.strip() else []
        self.locations = [s for s in spans if s.type == "LOC"]
        self.persons = [(s.start, s.stop) for s in spans if s.type == "PER"]

    def nominative(self, span: Span) -> str:
        name = self._text[span.start : span.stop]
        if _written_in_nominative(name):
            return name
        if self._doc is None:
            from natasha import Doc
            from natasha.doc import DocSpan

            segmenter, _ = _ner_models()
            morph_tagger, _ = _morph_models()
            self._doc = Doc(self._text)
            self._doc.segment(segmenter)
            self._doc.spans = [
                DocSpan(s.start, s.stop, s.type, self._text[s.start : s.stop])
                for s in self.locations
            ]
            self._doc.envelop_span_tokens()
            with _one_blas_thread():
                self._doc.tag_morph(morph_tagger)
        _, vocab = _morph_models()
        doc_span = next(s for s in self._doc.spans if (s.start, s.stop) == span[:2])
        doc_span.normalize(vocab)
        return doc_span.normal or doc_span.text


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _written_in_nominative(name: str) -> bool:
    """A name each word of which pymorphy3 can read as a nominative is its own nominative. natasha's
    morphology gave the same on all 31 such names of the held-out texts; it is loaded only for
    the others ("Дальнем Востоке", "Энгельсском"), as it costs 0.4 s and a second dictionary."""
    from pipelines.morph import morph

    words = _WORD.findall(name)
    return bool(words) and all(
        any("nomn" in reading.tag for reading in morph().parse(word.lower())) for word in words
    )


# A sentence ends at a line break, or at ".!?…" before a capital, unless the word before the full
# stop is an abbreviation or an initial ("г. Павлодар", "А. Иванов", "Кемеровской обл. Петров").
_SENTENCE_END = re.compile(r"\n+|(?<=[.!?…])[\s\u00a0]+(?=[«\"(]?[А-ЯЁA-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:\w|гор|пос|пгт|обл|ул|пр|им|ст|мкр|мкрн|р-на?|р-не|респ)\.$"
)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the text, roughly: NER needs the words around a name,
    not exact sentences."""
    bounds, start = [], 0
    for gap in _SENTENCE_END.finditer(text):
        if gap.group().startswith("\n") or not _ABBREVIATION.search(
            text[max(0, gap.start() - 6) : gap.start()]
        ):
            if gap.start() > start:
                bounds.append((start, gap.start()))
            start = gap.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


# Sentences natasha tags in one text at most (a crawl's NEWSMON_MAX_NER_SENTENCES): each costs
# about 2 ms, and a page listing thousands of villages the gazetteer lacks would take minutes;
# past it, a sentence's names are left to the gazetteer and morphology.
MAX_NER_SENTENCES = 300


class SentenceNer:
    """natasha over the sentences of one text, each tagged on first use and then kept; at most
    `budget` of them (None: all), the others counted in `refused`."""

    def __init__(self, text: str, budget: int | None = MAX_NER_SENTENCES) -> None:
        self.text = text
        self.bounds = sentence_bounds(text)  # shared with the story rule (places_story)
        self._starts = [start for start, _ in self.bounds]
        self._tagged: dict[int, Ner] = {}
        self.budget = budget
        self.refused: set[int] = set()  # the sentences past the budget, left untagged

    @property
    def runs(self) -> int:
        """How many sentences were tagged (what the cost of the text was)."""
        return len(self._tagged)

    def _sentences(self, start: int, end: int):
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        for index in range(first, len(self.bounds)):
            sentence_start, sentence_end = self.bounds[index]
            if sentence_start >= max(end, start + 1):
                break
            if sentence_end <= start:
                continue
            if index not in self._tagged:
                if self.budget is not None and len(self._tagged) >= self.budget:
                    self.refused.add(index)
                    continue
                self._tagged[index] = Ner(self.text[sentence_start:sentence_end])
            yield sentence_start, self._tagged[index]

    def locations(self, start: int, end: int) -> list[tuple[int, int, object]]:
        """LOC spans (start, stop, span) of the sentences that [start, end) touches."""
        return [
            (offset + s.start, offset + s.stop, s)
            for offset, ner in self._sentences(start, end)
            for s in ner.locations
        ]

    def persons(self, start: int, end: int) -> list[tuple[int, int]]:
        return [
            (offset + s, offset + e)
            for offset, ner in self._sentences(start, end)
            for s, e in ner.persons
        ]

    def nominative(self, start: int, span) -> str:
        (_, ner), *_ = self._sentences(start, start + 1)
        return ner.nominative(span)

    def view(self, text: str) -> NerView:
        """The tagging of this text for a part of it (a figure's sentence), by offset; a text
        that is not part of it gets its own."""
        offset = self.text.find(text) if text else -1
        if offset < 0:
            return NerView(SentenceNer(text), 0)
        return NerView(self, offset)


class NerView:
    """A SentenceNer seen from a part of its text: offsets are the part's."""

    def __init__(self, ner: SentenceNer, offset: int = 0) -> None:
        self._ner, self._offset = ner, offset

    def locations(self, start: int, end: int) -> list[tuple[int, int, object]]:
        o = self._offset
        return [(s - o, e - o, span) for s, e, span in self._ner.locations(start + o, end + o)]

    def persons(self, start: int, end: int) -> list[tuple[int, int]]:
        o = self._offset
        return [(s - o, e - o) for s, e in self._ner.persons(start + o, end + o)]

    def nominative(self, start: int, span) -> str:
        return self._ner.nominative(start + self._offset, span)
