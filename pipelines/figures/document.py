"""What the text around a sentence says a figure measures, when its own sentence names nothing:
the noun a list's heading counts ("Кем и сколько изъято наркотиков:" then "🔘МВД - 2 т 29 кг"),
and the substance the text's masses (or its areas) are about ("изъято более 6,2 тонн
контролируемых веществ" ... "изъято более 9,18 тонн")."""

from __future__ import annotations

import re

from pipelines.figures.lexicon import GENERIC_DRUG_NOUNS, QUOTES
from pipelines.figures.phrases import ends_prepositional_phrase
from pipelines.figures.sentence import Figure, Sentence, noun_lemma
from pipelines.sentences import tokenize

# "всего 160 кг", "итого 3 т", "в общей сложности 5 кг": a total of what came before.
_TOTAL_RE = re.compile(r"(?:всего|итого|сложности)\s+(?:более\s+|около\s+|свыше\s+)?$", re.I)

# Amounts whose unit says what kind of thing they measure: a mass, an area («уничтожено 5 га
# посевов, в прошлом году – 7 га»)
INHERITED_UNITS = frozenset({"kg", "ha", "m2"})

# A mass stated as a difference ("на 63 кг больше") measures no substance of its own.
_DIFFERENCE_RE = re.compile(r"\bна\s*$", re.IGNORECASE)


def list_heading_topic(text: str, start: int, end: int) -> str | None:
    """The last genitive common noun of a line that opens a list with a colon, outside a phrase
    with a preposition: "Кем и сколько изъято наркотиков:" counts наркотик in the lines that
    follow."""
    if not text[start:end].rstrip().endswith(":"):
        return None
    tokens = tokenize(text, start, end)
    s = Sentence(text[start:end], tokens, start, end, [])
    for k in range(len(tokens) - 1, -1, -1):
        genitive = any("gent" in r.grammemes for r in s.readings(k) if r.pos == "NOUN")
        if (
            genitive
            and s.is_noun(k)
            and not tokens[k].text[:1].isupper()
            and not ends_prepositional_phrase(s, k)
        ):
            return noun_lemma(s.readings(k), tokens[k])
    return None


def is_list_item(text: str, start: int) -> bool:
    """A line that starts with a bullet, a dash or an emblem rather than a word or a number."""
    first = text[start]
    return not first.isalnum() and first not in QUOTES and first != "("


def apply_list_topic(figures: list[Figure], topic: str) -> None:
    """Masses and counts of a list item that name nothing take the heading's noun."""
    for figure in figures:
        if figure.object is None and figure.unit in ("kg", "count"):
            figure.object = topic


def inherit_mass_objects(text: str, records: list[dict]) -> None:
    """A mass that names nothing measures what the masses before it in the text measure: the
    headline's "6,2 тонн контролируемых веществ" makes the body's bare "изъято более 9,18
    тонн" вещество too; an area likewise what the areas before it measure. Not a difference
    ("на 63 кг больше"), nor a mass whose substance follows in quotes the rules cannot read
    ("3,5 кг "Альфа-PVP"")."""
    last_objects: dict[str, str] = {}  # unit → the object its last amount named
    sentence_objects: dict[tuple[str, str], set[str]] = {}  # the objects a sentence's amounts name
    for record in records:
        unit = record["unit"]
        if unit not in INHERITED_UNITS:
            continue
        named = sentence_objects.setdefault((unit, record["sentence"]), set())
        if record["object"] is not None:
            # «1,2 тонны наркотиков, в том числе 900 кг марихуаны и 45 кг героина»: a sentence
            # of a total and its parts is about the total's drugs, not its last part's
            if not (named & GENERIC_DRUG_NOUNS) or record["object"] in GENERIC_DRUG_NOUNS:
                last_objects[unit] = record["object"]
            named.add(record["object"])
            continue
        last_object = last_objects.get(unit)
        if last_object is None or _DIFFERENCE_RE.search(
            text, max(0, record["start"] - 4), record["start"]
        ):
            continue
        if len(named) > 1 and _TOTAL_RE.search(text, max(0, record["start"] - 20), record["start"]):
            continue  # "120 кг гашиша и 40 кг марихуаны, всего 160 кг": a total of both
        if text[record["end"] :].lstrip()[:1] in QUOTES:
            continue
        record["object"] = last_object
