"""Object finders for amounts whose substance is named before them or in Latin letters, tried
after objects.AMOUNT_FINDERS: "мешки с марихуаной (16,8 кг)", "гашиш, изъято 512 кг",
"веществ, общая масса которых составила 42,6 кг", "3 кг alpha-PVP"."""

from __future__ import annotations

from pipelines.figures.lexicon import AMOUNT_NOUNS
from pipelines.figures.objects import AMOUNT_FINDERS, ObjectFinder
from pipelines.figures.sentence import Figure, Sentence, is_cyrillic, noun_lemma

_RELATIVES = frozenset({"которых", "которого", "которой"})
_PLACE_GRAMMEMES = frozenset({"Name", "Surn", "Geox"})


def _common_noun(s: Sentence, k: int) -> bool:
    """A common noun written in lower case: what a mass may measure (not "Алматы")."""
    return (
        s.is_noun(k)
        and not s.tokens[k].text[:1].isupper()
        and not _PLACE_GRAMMEMES & s.readings(k)[0].grammemes
    )


def latin_name_after_unit(s: Sentence, figure: Figure) -> str | None:
    """A substance written in Latin letters right after the unit: "3 кг alpha-PVP", "MDMA"."""
    token = s.tokens[figure.last] if figure.last < len(s.tokens) else None
    if token is None or token.kind != "word" or is_cyrillic(token.text):
        return None
    return token.text if any(c.isalpha() for c in token.text) else None


def noun_before_parenthesis(s: Sentence, figure: Figure) -> str | None:
    """The noun an amount in brackets measures: "мешки с марихуаной (16,8 килограмма)"."""
    if s.norm(figure.first - 1) != "(":
        return None
    k = figure.first - 2
    return noun_lemma(s.readings(k), s.tokens[k]) if _common_noun(s, k) else None


def substance_before_clause(s: Sentence, figure: Figure) -> str | None:
    """The noun closing the clause before "изъято N кг": "Основной наркотик — гашиш, изъято
    318 кг" (a nominative noun, then a comma, then at most two verbs)."""
    k = figure.first - 1
    verbs = 0
    while s.pos(k) in ("VERB", "PRTS") and verbs < 2:
        k, verbs = k - 1, verbs + 1
    if not verbs or s.norm(k) != ",":
        return None
    k -= 1
    nominative = [r for r in s.readings(k) if r.pos == "NOUN" and "nomn" in r.grammemes]
    if not nominative or not _common_noun(s, k) or nominative[0].lemma in AMOUNT_NOUNS:
        return None
    return nominative[0].lemma


def antecedent_of_relative(s: Sentence, figure: Figure) -> str | None:
    """What "масса которых" refers to: "изъяты психотропные вещества, общая масса которых
    составила 42,6 кг" measures вещество, the noun before the comma."""
    for k in range(figure.first - 1, max(-1, figure.first - 6), -1):
        if s.norm(k) not in _RELATIVES or not s.lemmas(k - 1) & AMOUNT_NOUNS:
            continue
        j = k - 2
        while j >= 0 and (s.is_adjective(j) or s.norm(j) in ("их", "его", "ее")):
            j -= 1  # "общая", "суммарная"
        if s.norm(j) == "," and _common_noun(s, j - 1):
            return noun_lemma(s.readings(j - 1), s.tokens[j - 1])
    return None


SUBSTANCE_FINDERS: tuple[ObjectFinder, ...] = (
    latin_name_after_unit,
    noun_before_parenthesis,
    antecedent_of_relative,
    substance_before_clause,
)

# The amount finders of objects.py, then these.
ALL_AMOUNT_FINDERS: tuple[ObjectFinder, ...] = AMOUNT_FINDERS + SUBSTANCE_FINDERS
