"""Numbers that «соответственно» pairs, in order, with the nouns of a coordination before them:
«возросло количество больных наркоманией женщин и несовершеннолетних — соответственно 5968 и
313» (женщина, несовершеннолетний), «героина и гашиша изъято 5 и 3 кг соответственно»."""

from __future__ import annotations

from pipelines.figures.lexicon import DASHES
from pipelines.figures.phrases import substantive
from pipelines.figures.sentence import Figure, Sentence, adjective_as_noun, noun_lemma

_RESPECTIVELY = "соответственно"
_JOINS = frozenset({",", "и"})
_QUALIFIERS = frozenset({"более", "около", "свыше", "почти", "порядка", "примерно", "до"})


def respective_objects(s: Sentence, figures: list[Figure]) -> None:
    """Give each number of a «соответственно» list the noun of its place in the coordination
    before it, when the list and the coordination are as long as each other (in place)."""
    marks = [k for k, t in enumerate(s.tokens) if t.norm == _RESPECTIVELY]
    if not marks:
        return
    for run in _runs(s, [f for f in figures if not f.blocked]):
        starts = _list_start(s, run[0].first)
        if not any(_next_to(s, k, starts, run[-1].last) for k in marks):
            continue
        nouns = _coordination_before(s, min([starts, *[k for k in marks if k < starts]]))
        if len(nouns) != len(run) or any(_names_its_own(s, f) for f in run):
            continue
        for figure, noun in zip(run, nouns, strict=True):
            figure.object = noun


def _names_its_own(s: Sentence, figure: Figure) -> bool:
    """A count with a noun of its own («9 человек»), or an amount with one after its unit («5
    кг героина»), keeps it."""
    if figure.unit == "count":
        return figure.last > figure.span.last
    return s.is_noun(figure.last) and figure.object is not None


def _runs(s: Sentence, figures: list[Figure]) -> list[list[Figure]]:
    """Figures in a row with only «,» or «и» between them (a qualifier may open each)."""
    runs: list[list[Figure]] = []
    for figure in figures:
        if runs and _joined(s, runs[-1][-1].last, figure.first):
            runs[-1].append(figure)
        else:
            runs.append([figure])
    return [r for r in runs if len(r) > 1]


def _joined(s: Sentence, end: int, start: int) -> bool:
    between = [s.norm(k) for k in range(end, start)]
    return 0 < len(between) <= 3 and all(w in _JOINS or w in _QUALIFIERS for w in between)


def _list_start(s: Sentence, first: int) -> int:
    k = first
    while s.norm(k - 1) in _QUALIFIERS:
        k -= 1
    return k


def _next_to(s: Sentence, mark: int, start: int, end: int) -> bool:
    """«соответственно» right before the list (past a dash or colon) or right after it."""
    before = mark < start and all(
        s.norm(k) in DASHES or s.norm(k) in (":", ",") for k in range(mark + 1, start)
    )
    after = mark >= end and all(s.norm(k) in (",", ")") for k in range(end, mark))
    return before or after


def _coordination_before(s: Sentence, start: int) -> list[str]:
    """The nouns of «X, Y и Z» ending just before `start` (past a dash, a colon or a verb
    between), in text order, when all can read as one case; [] when there is no such
    coordination."""
    k = start - 1
    while k >= 0 and (s.norm(k) in DASHES or s.norm(k) in (":", ",")):
        k -= 1
    while k >= 0 and s.pos(k) in ("VERB", "PRTS", "INFN", "ADVB"):
        k -= 1  # «героина и гашиша изъято 5 и 3 кг»
    nouns: list[int] = []
    while k >= 0 and _conjunct(s, k):
        nouns.append(k)
        j = k - 1
        while j >= 0 and s.is_adjective(j) and not substantive(s, j):
            j -= 1  # the conjunct's own adjectives
        if s.norm(j) not in _JOINS:
            break
        k = j - 1
    if len(nouns) < 2 or not _one_case(s, nouns):
        return []
    return [_lemma(s, k) for k in reversed(nouns)]


def _conjunct(s: Sentence, k: int) -> bool:
    """A common noun (or an adjective used as one), not a name: «в Бишкеке и Оше»."""
    capital = s.tokens[k].text[:1].isupper() and k > 0
    return (s.is_noun(k) or substantive(s, k)) and not capital and not _name(s, k)


def _name(s: Sentence, k: int) -> bool:
    return any({"Name", "Surn", "Geox"} & r.grammemes for r in s.readings(k)[:1])


def _one_case(s: Sentence, nouns: list[int]) -> bool:
    cases = [{g for r in s.readings(k) for g in r.grammemes} for k in nouns]
    return any(all(case in c for c in cases) for case in ("nomn", "gent", "accs", "datv", "ablt"))


def _lemma(s: Sentence, k: int) -> str:
    if s.is_noun(k):
        return noun_lemma(s.readings(k), s.tokens[k])
    return adjective_as_noun(s.tokens[k])
