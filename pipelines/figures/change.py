"""The direction of change of percentages and factors: from a sign, or from the nearest verb or
comparison of the clause."""

from __future__ import annotations

from pipelines.figures.lexicon import (
    CLAUSE_STOPS,
    DECREASE,
    HIGHER,
    INCREASE,
    LESS_AFTER,
    LOWER,
    MORE_AFTER,
)
from pipelines.figures.sentence import Figure, Sentence

_CHANGE_WINDOW = 8

_SIGNS = {"+": "increase", "−": "decrease", "-": "decrease", "–": "decrease"}


def _change(s: Sentence, figure: Figure) -> str | None:
    """increase / decrease from the nearest cue of the clause, before or after the number."""
    sign = figure.span.numeral - 1
    signed = s.glued(figure.span.numeral) and s.norm(sign) in _SIGNS
    if signed and not (s.glued(sign) and s.tokens[sign - 1].kind == "num"):  # not "10-15%"
        return _SIGNS[s.norm(sign)]  # "(+31,7%)", "(−5%)"
    best: tuple[int, str] | None = None
    for direction in (-1, 1):
        k = figure.first - 1 if direction < 0 else figure.last
        distance = 0
        while 0 <= k < len(s.tokens) and distance < _CHANGE_WINDOW:
            token = s.tokens[k]
            if token.text in CLAUSE_STOPS:
                break
            if token.text == ",":
                distance += 3
            elif token.kind == "word":
                distance += 1
                cue = _cue(s, k, after=direction > 0, distance=distance)
                if cue:
                    if best is None or distance < best[0]:
                        best = (distance, cue)
                    break
            k += direction
    return best[1] if best else None


def _cue(s: Sentence, k: int, after: bool, distance: int) -> str | None:
    norm = s.norm(k)
    if norm in HIGHER:
        return "increase"
    if norm in LOWER:
        return "decrease"
    if after and distance <= 2 and norm in MORE_AFTER:
        return "increase"
    if after and distance <= 2 and norm in LESS_AFTER:
        return "decrease"
    lemmas = s.lemmas(k)
    if lemmas & INCREASE:
        return "increase"
    if lemmas & DECREASE:
        return "decrease"
    return None


def assign_changes(s: Sentence, figures: list[Figure]) -> None:
    """The direction of change of each percentage and factor of a sentence."""
    previous: Figure | None = None
    for figure in figures:
        if figure.unit in ("percent", "times") and not figure.blocked:
            figure.change = _change(s, figure)
            if figure.change is None and previous is not None and previous.change:
                # "снизилось в 1,6 раза, а фактов сбыта – в 2,1 раза": the verb is left out
                verbs = (s.pos(k) for k in range(previous.last, figure.first))
                if not any(pos in ("VERB", "PRTS", "INFN", "PRED") for pos in verbs):
                    figure.change = previous.change
            previous = figure
