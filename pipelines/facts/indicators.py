"""Which indicator a figure measures, from `data/indicators.toml` (data, no code to add one).

The rules of that file are applied in its order; see its header for what "fits" means. The
words around a figure are its window: six words before, eight after, and never past a
neighbouring figure, so that «25 преступлений …, из них 14 фактов сбыта» gives the 25 no «сбыт».
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipelines.facts.roles import sentence_start
from pipelines.facts.words import lemma_list, text_lemmas
from pipelines.paths import DATA_DIR
from pipelines.search_index import words

INDICATORS_FILE = DATA_DIR / "indicators.toml"
WINDOW_BEFORE, WINDOW_AFTER = 6, 8


@dataclass(frozen=True)
class Indicator:
    code: str
    ru: str
    en: str
    units: frozenset[str]
    objects: frozenset[str]
    substance: bool = False
    any_substance: bool = False  # any drug of [substances] counts as an object
    verbs: frozenset[str] = frozenset()
    context: tuple[str, ...] = ()
    not_context: tuple[str, ...] = ()

    def takes_unit(self, unit: str | None) -> bool:
        if unit in self.units:
            return True
        return "money" in self.units and bool(unit) and len(unit) == 3 and unit.isupper()


@dataclass(frozen=True)
class Vocabulary:
    indicators: tuple[Indicator, ...]
    substances: frozenset[str]
    generic: frozenset[str]


def _load(path: Path) -> Vocabulary:
    with path.open("rb") as f:
        data = tomllib.load(f)
    entries = []
    for raw in data.get("indicator", []):
        entries.append(
            Indicator(
                code=raw["code"],
                ru=raw["ru"],
                en=raw["en"],
                units=frozenset(raw["units"]),
                objects=frozenset(raw.get("objects", [])),
                substance=bool(raw.get("substance", False)),
                any_substance=bool(raw.get("any_substance", raw.get("substance", False))),
                verbs=frozenset(raw.get("verbs", [])),
                context=tuple(raw.get("context", [])),
                not_context=tuple(raw.get("not_context", [])),
            )
        )
    codes = [e.code for e in entries]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{path}: an indicator code is defined twice")
    substances = data.get("substances", {})
    return Vocabulary(
        tuple(entries),
        frozenset(substances.get("names", [])),
        frozenset(substances.get("generic", [])),
    )


@functools.cache
def vocabulary(path: Path = INDICATORS_FILE) -> Vocabulary:
    return _load(path)


def _sentence_bounds(text: str, figure: dict) -> tuple[int, int]:
    start = sentence_start(text, figure)
    return start, start + len(figure.get("sentence") or text[start:])


def window(text: str, figure: dict, previous_end: int, next_start: int) -> list[str]:
    """Lemmas of the words around a figure (its quote included), bounded by its neighbours
    and its sentence."""
    low, high = _sentence_bounds(text, figure)
    left = text[max(previous_end, figure["start"] - 80, low) : figure["start"]]
    right = text[figure["start"] : min(next_start, figure["end"] + 120, high)]
    before = lemma_list(" ".join(words(left)[-WINDOW_BEFORE:]))
    after = lemma_list(" ".join(words(right)[: WINDOW_AFTER + 3]))
    return before + after


def _starts(lemmas: list[str], prefixes: tuple[str, ...]) -> bool:
    return any(lemma.startswith(p) for lemma in lemmas for p in prefixes)


def _fits(
    entry: Indicator, vocab: Vocabulary, figure: dict, sentence: frozenset[str], near: list[str]
) -> bool:
    if not entry.takes_unit(figure.get("unit")):
        return False
    obj = figure.get("object")
    drugs = vocab.substances | vocab.generic
    if obj is not None:
        if obj not in entry.objects and not (entry.any_substance and obj in drugs):
            return False
    elif not (set(near) & (entry.objects | (drugs if entry.any_substance else frozenset()))):
        return False
    if entry.verbs and not (sentence & entry.verbs):
        return False
    if entry.context and not _starts(near, entry.context):
        return False
    return not (entry.not_context and _starts(near, entry.not_context))


def classify(figure: dict, near: list[str], vocab: Vocabulary | None = None) -> Indicator | None:
    """The first indicator that fits the figure, or None."""
    vocab = vocab or vocabulary()
    sentence = text_lemmas(figure.get("sentence") or figure.get("quote") or "")
    for entry in vocab.indicators:
        if _fits(entry, vocab, figure, sentence, near):
            return entry
    return None


def substance_of(figure: dict, near: list[str], vocab: Vocabulary | None = None) -> str:
    """The drug a seizure or destroyed crop is of: the object, else the first one named near
    the figure, else the generic «наркотик»."""
    vocab = vocab or vocabulary()
    obj = figure.get("object")
    if obj in vocab.substances:
        return obj
    after = near[len(near) // 2 :] if near else []
    for lemma in [*after, *near]:
        if lemma in vocab.substances:
            return lemma
    return "наркотик"


def assign_indicators(text: str, figures: list[dict], vocab: Vocabulary | None = None) -> None:
    """Set `indicator` and `substance` on each figure, in place. A change (a percent or factor)
    takes the indicator of the numbers it compares, or of the words around it when they fit
    exactly one indicator; else it stays null."""
    vocab = vocab or vocabulary()
    for i, figure in enumerate(figures):
        previous_end = figures[i - 1]["end"] if i else 0
        next_start = figures[i + 1]["start"] if i + 1 < len(figures) else len(text)
        near = window(text, figure, previous_end, next_start)
        figure["_near"] = near
        low, _ = _sentence_bounds(text, figure)
        figure["_lead"] = lemma_list(text[low : figure["start"]]) + near
        if figure.get("unit") in ("percent", "times"):
            continue
        entry = classify(figure, near, vocab)
        figure["indicator"] = entry.code if entry else None
        figure["substance"] = (
            substance_of(figure, near, vocab) if entry and entry.substance else None
        )
    for figure in figures:
        if figure.get("unit") not in ("percent", "times"):
            continue
        if figure.get("role") != "change":
            figure["indicator"] = figure["substance"] = None  # «80% – тяжких»: a share
            continue
        figure["indicator"], figure["substance"] = _change_indicator(figures, figure)
    _share_within_comparisons(figures)
    _parts_measure_their_total(figures, vocab)


def _parts_measure_their_total(figures: list[dict], vocab: Vocabulary) -> None:
    """A part counts what its total counts («изъято 2,1 т наркотиков: - 61,6 кг опия; …»), and
    a difference («на 81,5 кг больше») what the sentence's numbers count; the drug is the part's
    own when it names one, else the total's."""
    for figure in figures:
        if figure.get("indicator"):
            continue
        source = None
        if figure.get("part_of") is not None:
            source = figures[figure["part_of"]]
        elif figure.get("role") == "change":
            same = [
                f
                for f in figures
                if f is not figure
                and f.get("indicator")
                and f.get("sentence") == figure.get("sentence")
                and f.get("role") != "change"
            ]
            if same:
                source = min(same, key=lambda f: abs(f["start"] - figure["start"]))
        if source is None or not source.get("indicator"):
            continue
        figure["indicator"] = source["indicator"]
        entry = next(e for e in vocab.indicators if e.code == source["indicator"])
        if entry.substance:
            own = substance_of(figure, figure.get("_near") or [], vocab)
            figure["substance"] = own if own != "наркотик" else source.get("substance")


def _share_within_comparisons(figures: list[dict]) -> None:
    """A baseline measures what its current value measures; the two values of a change measure
    what the change is of («снизить уровень наркопреступлений на 15,3% (с 457 до 387 случаев)»)."""
    for figure in figures:
        current = figure.get("_current")
        if figure.get("role") == "baseline" and current is not None and not figure.get("indicator"):
            figure["indicator"] = figures[current].get("indicator")
            figure["substance"] = figures[current].get("substance")
    for figure in figures:
        compared = figure.get("_compared")
        if not compared or not figure.get("indicator"):
            continue
        for k in compared:
            if not figures[k].get("indicator"):
                figures[k]["indicator"] = figure["indicator"]
                figures[k]["substance"] = figure.get("substance")


def _change_indicator(figures: list[dict], figure: dict) -> tuple[str | None, str | None]:
    compared = figure.get("_compared")
    if compared:
        other = figures[compared[1]]
        return other.get("indicator"), other.get("substance")
    same_sentence = [
        f
        for f in figures
        if f.get("sentence") == figure.get("sentence")
        and f.get("unit") not in ("percent", "times")
        and f.get("indicator")
    ]
    codes = {f["indicator"] for f in same_sentence}
    if len(codes) == 1:
        nearest = min(same_sentence, key=lambda f: abs(f["start"] - figure["start"]))
        return nearest["indicator"], nearest.get("substance")
    if same_sentence:
        return None, None
    return _described_indicator(figure)


def _described_indicator(figure: dict) -> tuple[str | None, str | None]:
    """«на 1281,2% увеличилось количество изъятых наркотиков»: the words around a change name
    what changed; they decide only when exactly one indicator fits them."""
    vocab = vocabulary()
    near = figure.get("_lead") or []  # the subject of a change comes before it
    sentence = text_lemmas(figure.get("sentence") or "")
    found = {}
    for entry in vocab.indicators:
        for unit in sorted(entry.units - {"money"}):
            probe = {"unit": unit, "object": None}
            if _fits(entry, vocab, probe, sentence, near):
                found[entry.code] = entry
    if len(found) != 1:
        return None, None
    entry = next(iter(found.values()))
    return entry.code, substance_of({"object": None}, near, vocab) if entry.substance else None
