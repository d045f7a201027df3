"""natasha's NER over one text: LOC and PER spans, and the nominative of a name the gazetteer
lacks. The models ship inside the package and run offline; they load once, on first use."""

from __future__ import annotations

import contextlib
from functools import cache


@cache
def _embedding():
    """natasha's models ship inside the package and run offline; they load once, on first use."""
    from natasha import NewsEmbedding

    return NewsEmbedding()


@cache
def _ner_models():
    from natasha import NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(_embedding())


@cache
def _morph_models():
    # Only names the gazetteer lacks need natasha's morphology (for their nominative).
    from natasha import MorphVocab, NewsMorphTagger

    return NewsMorphTagger(_embedding()), MorphVocab()


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


class Ner:
    """natasha's LOC and PER spans of one text; morphology is tagged only if a name needs it."""

    def __init__(self, text: str) -> None:
        from natasha import Doc

        segmenter, ner_tagger = _ner_models()
        self._doc = Doc(text)
        self._doc.segment(segmenter)
        with _one_blas_thread():
            self._doc.tag_ner(ner_tagger)
        self._morph_tagged = False
        self.locations = [s for s in self._doc.spans if s.type == "LOC"]
        self.persons = [(s.start, s.stop) for s in self._doc.spans if s.type == "PER"]

    def nominative(self, span) -> str:
        morph_tagger, vocab = _morph_models()
        if not self._morph_tagged:
            with _one_blas_thread():
                self._doc.tag_morph(morph_tagger)
            self._morph_tagged = True
        span.normalize(vocab)
        return span.normal or span.text
