"""The name after a settlement word («в селе Межегей», «около деревни Бухарево»), read without
NER: the capitalised words that follow the word, unless they are a person's name («глава
города Петр Вагин») or the word an initial («Г.Волков»); abbreviations count («жителя г. Шумиха»).

natasha's NER delimited these names before; on the held-out dev texts it found the span this
reading finds for 116 of the 141 words after such a cue, a longer or shorter one for 3, and
none for 22, half of them villages («в н. п. Чепелево», «в ст.Журавской»). Reading them here
also spares a page the NER model's loading, the largest part of a one-page `newsmon extract`.
"""

from __future__ import annotations

import re

from pipelines.morph import morph as _morph
from pipelines.phrases import Token, forms_of
from pipelines.places_gazetteer import DIVISION_NOUNS

# The gender a settlement word gives an adjective named after it: «село Покровское»,
# «станица Журавская», «посёлок Молодёжный».
_FEMININE_CUES = forms_of(("деревня", "станица")) | {"д", "ст"}
_NEUTER_CUES = forms_of(("село",)) | {"с"}
_GIVEN_NAME = frozenset({"Name", "Patr"})
_SURNAME = frozenset({"Surn"})
# «Ерлан Садуов»: a surname pymorphy does not know, by its ending
_SURNAME_ENDING = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская)$")
_MAX_WORDS = 3  # «Новая Жизнь», «Верхние Киги»: longer runs are not one name
_DIVISIONS = forms_of(DIVISION_NOUNS) | forms_of(("этрап", "джамоат", "сельсовет", "округ"))


def _word(token: Token) -> bool:
    """A capitalised Cyrillic word («Межегей», «Кара-Суу»), not an acronym."""
    return (
        token.text[:1].isupper()
        and "а" <= token.norm[:1] <= "я"
        and not (token.text.isupper() and len(token.text) > 1)
    )


def _known_as(token: Token, grammemes: frozenset[str]) -> bool:
    """Whether pymorphy's dictionary reads the word so; its guesses for unknown words
    («Чираке», «Торкене») name people too often to count."""
    return any(p.is_known and p.tag.grammemes & grammemes for p in _morph().parse(token.norm))


def _initial_taken_for_a_cue(tokens: list[Token], first: int) -> bool:
    """«Г.Волков», «С. Кирилов»: a capital letter and a full stop is an initial, and «т. д.
    Так» is «и так далее»."""
    if first < 2 or tokens[first - 1].text != ".":
        return False
    letter = tokens[first - 2]
    if letter.text.isupper():
        return True
    return letter.norm == "д" and first >= 4 and tokens[first - 4].norm == "т"


_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "INTJ"})


def _function_word(token: Token) -> bool:
    """«Как», «Так», «Здесь»: a capitalised word that opens a clause, no name."""
    parses = _morph().parse(token.norm)
    return bool(parses) and parses[0].is_known and parses[0].tag.POS in _FUNCTION_WORDS


def cue_name(text: str, tokens: list[Token], first: int, taken: set[int]) -> int | None:
    """The stop (token index past it) of the name that starts at `first` after a settlement
    word, or None when the words there are no settlement's name."""
    if not _word(tokens[first]) or _initial_taken_for_a_cue(tokens, first):
        return None
    if _function_word(tokens[first]):
        return None
    stop = first + 1
    while (
        stop < len(tokens)
        and stop - first < _MAX_WORDS
        and stop not in taken
        and _word(tokens[stop])
        and text[tokens[stop - 1].end : tokens[stop].start] == " "  # no line break
        and not (stop + 1 < len(tokens) and tokens[stop + 1].norm in _DIVISIONS)
    ):
        stop += 1
    words = tokens[first:stop]
    if any(_known_as(t, _GIVEN_NAME) for t in words):
        return None  # «главы города Олега Полумордвинова», «житель города Роман Русу»
    if len(words) > 1 and (
        _SURNAME_ENDING.search(words[-1].norm) or _known_as(words[-1], _SURNAME)
    ):
        return None  # «прокурор города Ерлан Садуов»
    return stop  # one word that is also a surname is the place («в ст.Журавской»)


def cue_nominative(tokens: list[Token], first: int, stop: int) -> str:
    """The name in the nominative: «в селе Покровском» → «Покровское», «деревни Бухарево» →
    «Бухарево» (a word that may be read as a nominative stays as written)."""
    cue = tokens[first - 1].norm if first else ""
    if first >= 2 and cue == ".":
        cue = tokens[first - 2].norm
    gender = "femn" if cue in _FEMININE_CUES else "neut" if cue in _NEUTER_CUES else "masc"
    return " ".join(_nominative(t.text, gender) for t in tokens[first:stop])


# "Шкловского", «в селе Прикумском»: pymorphy knows such a word only as a surname or a town;
# after a division or settlement word it is an adjective, declined like any «-ский»
SK_ADJECTIVE = re.compile(r"^(.+[сц]к)(?:ого|ому|им|ом|ий|ая|ой|ую|ое|ие|их|ими)$")
_SK_ENDINGS = {"masc": "ий", "femn": "ая", "neut": "ое"}
# any adjective's ending in a case other than the nominative
_OBLIQUE_ADJECTIVE = re.compile(r"(?:ом|ой|ого|ому|ую|ем|его|ему|ей)$")


def sk_nominative(written: str, gender: str) -> str | None:
    """ "Шкловского" → "Шкловский" (masc), "Прикумском" → "Прикумское" (neut)."""
    found = SK_ADJECTIVE.match(written)
    return found.group(1) + _SK_ENDINGS[gender] if found and gender in _SK_ENDINGS else None


def _nominative(written: str, gender: str) -> str:
    """A word pymorphy may read as a nominative stays as written; an adjective in another case
    takes the settlement word's gender; a known noun its nominative. A noun pymorphy only
    guesses at stays as written («Торкене»): the text's form is better than a wrong guess."""
    parses = _morph().parse(written.lower())
    if any("nomn" in p.tag for p in parses):
        return written
    adjective = sk_nominative(written, gender)
    if adjective:  # «в селе Прикумском»: an adjective however pymorphy reads it («Прикумск»)
        return adjective
    for parse in parses:
        if parse.tag.POS == "ADJF" and _OBLIQUE_ADJECTIVE.search(written.lower()):
            form = parse.inflect({"nomn", "sing", gender})
        elif parse.tag.POS == "NOUN" and parse.is_known:
            form = parse.inflect({"nomn", parse.tag.number or "sing"})
        else:
            continue
        if form is not None:
            return as_written(form.word, written)
    return written


def as_written(word: str, written: str) -> str:
    """The capitals of the written form on the word («кара-суу» → «Кара-Суу»)."""
    parts, capitals = word.split("-"), [part[:1].isupper() for part in written.split("-")]
    if len(parts) != len(capitals):
        capitals = [True] + [False] * (len(parts) - 1)
    return "-".join(
        p[:1].upper() + p[1:] if up else p for p, up in zip(parts, capitals, strict=True)
    )
